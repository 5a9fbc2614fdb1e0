import CEL
import Foundation
import PreceptDiagnostics
import PreceptInput
import PreceptRules
import PreceptYAML

/// The result of one rule test.
public struct RuleTestResult: Sendable {
  public var name: String
  /// `file:line` of the test.
  public var location: String
  /// What went wrong; empty when the test passed.
  public var failures: [String]
  public var passed: Bool { failures.isEmpty }
}

/// The results of a pack's rule tests, with what each rule was covered by.
public struct RuleTestReport: Sendable {
  public var results: [RuleTestResult]
  /// Problems in the test files themselves (they count as failures, and `precept test`
  /// exits 2 for them: the pack has an error).
  public var diagnostics: [Diagnostic]
  /// Rules some passing test (with no error of its own) expects to fire.
  public var firedRules: Set<String>
  /// Rules some passing test (with no error of its own) expects not to fire.
  public var notFiredRules: Set<String>

  public var passed: Int { results.filter(\.passed).count }
  public var failed: Int {
    results.filter { !$0.passed }.count + diagnostics.filter { $0.severity == .error }.count
  }
}

/// Runs the `tests/*.yaml` of a pack: each test's record must make exactly the listed rules
/// fire (`fires`) and not fire (`not_fires`).
public struct RuleTestRunner {
  public let pack: CompiledPack

  public init(pack: CompiledPack) { self.pack = pack }

  public func run() -> RuleTestReport {
    var report = RuleTestReport(results: [], diagnostics: [], firedRules: [], notFiredRules: [])
    for path in pack.pack.testFiles {
      runFile(path, into: &report)
    }
    return report
  }

  func error(_ code: String, _ message: String, at range: SourceRange?, help: String? = nil)
    -> Diagnostic
  {
    Diagnostic(severity: .error, code: code, message: message, range: range, help: help)
  }

  private func runFile(_ path: String, into report: inout RuleTestReport) {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      report.diagnostics.append(error("PRE2007", "cannot read test file '\(path)'", at: nil))
      return
    }
    let file = SourceFile(path: path, text: text)
    let (root, yamlDiagnostics) = YAMLLoader.load(file)
    report.diagnostics += yamlDiagnostics
    guard let root, case .mapping = root.kind else {
      if yamlDiagnostics.isEmpty {
        report.diagnostics.append(
          error("PRE2003", "a test file must be a mapping with 'tests:'", at: root?.range))
      }
      return
    }
    var base: RawValue = .object(RawObject())
    if let baseNode = root["base"] {
      guard let loaded = loadBase(baseNode, relativeTo: path, report: &report) else { return }
      base = loaded
    }
    var now = Date()
    if let nowNode = root["now"], let text = nowNode.scalarValue {
      if let t = Temporal.parseTimestamp(text) {
        now = Date(timeIntervalSince1970: Double(t.seconds))
      } else {
        report.diagnostics.append(
          error("PRE2005", "'now' must be a timestamp with an offset", at: nowNode.range))
      }
    }
    for (key, _) in root.mappingPairs where !DSLKeys.testFile.contains(key) {
      report.diagnostics.append(
        error(
          "PRE2001", "unknown key '\(key)' in test file", at: root.keyRange(for: key),
          help: "a test file has 'base', 'now', 'doc' and 'tests'"))
    }
    guard let tests = root["tests"], case .sequence(let items) = tests.kind else {
      report.diagnostics.append(
        error("PRE2002", "test file is missing its 'tests:' list", at: root.range))
      return
    }
    for item in items {
      if let result = runTest(item, base: base, now: now, file: file, path: path, report: &report) {
        report.results.append(result)
      }
    }
  }

  private func loadBase(_ node: YAMLNode, relativeTo path: String, report: inout RuleTestReport)
    -> RawValue?
  {
    if case .mapping = node.kind { return RawValue(yaml: node) }
    guard let relative = node.scalarValue else { return nil }
    // Relative to the test file's folder; an absolute path as it is.
    let basePath =
      relative.hasPrefix("/")
      ? relative
      : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(relative)
    guard let data = FileManager.default.contents(atPath: basePath),
      let text = String(data: data, encoding: .utf8)
    else {
      report.diagnostics.append(
        error("PRE2007", "cannot read base record '\(relative)'", at: node.range))
      return nil
    }
    let (root, diagnostics) = YAMLLoader.load(SourceFile(path: basePath, text: text))
    report.diagnostics += diagnostics
    return root.map(RawValue.init(yaml:))
  }

  private func runTest(
    _ node: YAMLNode, base: RawValue, now: Date, file: SourceFile, path: String,
    report: inout RuleTestReport
  ) -> RuleTestResult? {
    // A rule counts as covered only by a test that passes and has no error of its own.
    let errorsBefore = report.diagnostics.filter { $0.severity == .error }.count
    let position = node.range.startPosition
    let name = node["name"]?.scalarValue ?? "test at line \(position.line)"
    let location = "\(path):\(position.line)"
    for (key, _) in node.mappingPairs
    where !DSLKeys.test.contains(key) {
      report.diagnostics.append(
        error("PRE2001", "unknown key '\(key)' in test '\(name)'", at: node.keyRange(for: key)))
    }
    var record = base
    if let b = node["base"], b.scalarValue == "none" { record = .object(RawObject()) }
    if let patch = node["record"] { record = YAMLRecord.merge(record, RawValue(yaml: patch)) }
    guard case .object(let fields) = record else { return nil }

    var failures: [String] = []
    var fires: [String] = []
    var notFires: [String] = []
    var expectations: [AggregateExpectation] = []
    for key in ["fires", "not_fires"] {
      guard let n = node[key] else { continue }
      let ids: [YAMLNode]
      switch n.kind {
      case .sequence(let items): ids = items
      case .scalar: ids = [n]
      default: ids = []
      }
      for idNode in ids {
        var group: String?
        var idText = idNode.scalarValue
        if case .mapping = idNode.kind {
          idText = idNode["rule"]?.scalarValue
          group = idNode["group"]?.scalarValue
          if idText == nil {
            report.diagnostics.append(
              error(
                "PRE2002", "an entry of '\(key)' needs 'rule' (and may give 'group')",
                at: idNode.range))
          }
        }
        guard let id = idText else { continue }
        if pack.rule(id) == nil {
          let known = pack.pack.rule(id) != nil
          report.diagnostics.append(
            error(
              "PRE2012",
              known
                ? "test '\(name)' names rule '\(id)', which is switched off"
                : "test '\(name)' names unknown rule '\(id)'", at: idNode.range))
          continue
        }
        if key == "not_fires", group == nil, fires.contains(id) {
          report.diagnostics.append(
            error(
              "PRE2012", "test '\(name)' expects '\(id)' both to fire and not to fire",
              at: idNode.range))
          continue
        }
        if key == "fires" {
          if !fires.contains(id) { fires.append(id) }
        } else if !notFires.contains(id) {
          notFires.append(id)
        }
        expectations.append(AggregateExpectation(rule: id, group: group, fires: key == "fires"))
      }
    }
    func covered(_ result: RuleTestResult) -> RuleTestResult {
      let errors = report.diagnostics.filter { $0.severity == .error }.count
      if result.failures.isEmpty, errors == errorsBefore {
        report.firedRules.formUnion(fires)
        report.notFiredRules.formUnion(notFires)
      }
      return result
    }

    // Params for this test.
    var params = pack.params
    if let p = node["params"] {
      let copy = pack.params.copy()
      for (key, valueNode) in p.mappingPairs {
        guard let index = pack.params.type.index(of: key), let param = pack.pack.param(key) else {
          report.diagnostics.append(
            error("PRE2008", "unknown param '\(key)' in test '\(name)'", at: p.keyRange(for: key)))
          continue
        }
        switch param.type.parse(valueNode.scalarValue ?? "", timeZone: pack.timeZone) {
        case .success(let v): copy.slots[index] = v
        case .failure(let e):
          report.diagnostics.append(
            error("PRE2105", "param '\(key)' in test '\(name)': \(e.message)", at: valueNode.range))
        }
      }
      params = copy
    }

    let aggregate =
      node["records"] != nil || node["roster"] != nil || node["groups"] != nil
      || (fires + notFires).contains { pack.rule($0)?.rule.kind != .record }
    if aggregate {
      var failures = runAggregate(
        node, base: base, now: now, params: params, expectations: expectations, path: path,
        report: &report)
      if node["records"] == nil, node["record"] == nil {
        failures.append("an aggregate test needs 'records' (a list of records)")
      }
      return covered(RuleTestResult(name: name, location: location, failures: failures))
    }
    let raw = RawRecord(
      location: RecordLocation(
        file: path, line: position.line, column: position.column, row: nil),
      fields: fields, index: 0)
    let typed = RecordTyper(pack: pack).type(raw)
    for problem in typed.problems {
      failures.append(
        "record does not fit the schema: \(problem.message) [\(problem.code.rawValue)]")
    }
    // A misspelt field changes nothing in the record, so the test would pass for the wrong
    // reason: it is an error in the test file.
    if let patch = node["record"] {
      for (unknown, at) in Self.undeclaredKeys(in: patch, schema: pack.pack.record.schema) {
        report.diagnostics.append(
          error(
            "PRE2103",
            "test '\(name)' gives '\(unknown)', which the record schema does not declare",
            at: at))
      }
    }
    let evaluator = RecordEvaluator(
      pack: pack, now: Timestamp(seconds: Int64(now.timeIntervalSince1970)), showPersonal: true,
      params: params)
    let activation = evaluator.activation(for: typed)
    for id in fires + notFires {
      guard let rule = pack.rule(id) else { continue }
      let outcome = evaluator.outcome(rule, typed, activation)
      let expectFire = fires.contains(id)
      let fired: Bool
      switch outcome {
      case .failed: fired = true
      case .cannotEvaluate(let why):
        failures.append("\(id) could not be evaluated: \(why)")
        continue
      default: fired = false
      }
      if fired && !expectFire {
        let explanation = Explainer(evaluator: evaluator).explain(rule, activation)
        failures.append(
          "\(id) fired but was expected not to: \(evaluator.render(rule, activation) ?? rule.rule.title)"
            + describe(explanation))
      } else if !fired && expectFire {
        let why: String
        switch outcome {
        case .notApplicable: why = "it did not apply ('when' was false)"
        case .outsidePeriod: why = "the record is outside the rule's period"
        default: why = "its condition held"
        }
        let explanation = Explainer(evaluator: evaluator).explain(rule, activation)
        failures.append("\(id) was expected to fire, but \(why)" + describe(explanation))
      }
    }
    return covered(RuleTestResult(name: name, location: location, failures: failures))
  }

  /// The keys of a test's `record:` changes that the schema does not declare (a removal with
  /// `null` included), with where each is written.
  static func undeclaredKeys(in node: YAMLNode, schema: RecordSchema, prefix: String = "")
    -> [(path: String, range: SourceRange)]
  {
    guard case .mapping(let pairs) = node.kind else { return [] }
    var out: [(String, SourceRange)] = []
    for pair in pairs {
      guard let key = pair.key.scalarValue else { continue }
      let path = prefix.isEmpty ? key : "\(prefix).\(key)"
      guard let field = schema.field(key) else {
        out.append((path, pair.key.range))
        continue
      }
      switch (field.type, pair.value.kind) {
      case (.object(let nested), .mapping):
        out += undeclaredKeys(in: pair.value, schema: nested, prefix: path)
      case (.list(.object(let nested)), .sequence(let items)):
        for item in items { out += undeclaredKeys(in: item, schema: nested, prefix: path) }
      default: break
      }
    }
    return out
  }

  private func describe(_ e: Explanation) -> String {
    var out = ""
    if let when = e.when { out += "\n      when:    \(when)" }
    out += "\n      require: \(e.condition)"
    for term in e.values { out += "\n        \(term.expr) = \(term.value)" }
    return out
  }
}
