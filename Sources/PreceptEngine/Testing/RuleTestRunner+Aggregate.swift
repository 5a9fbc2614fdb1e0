import CEL
import Foundation
import PreceptInput
import PreceptRules
import PreceptYAML

/// One `fires` / `not_fires` entry: a rule, and for aggregate rules optionally the group.
struct AggregateExpectation {
  var rule: String
  var group: String?
  var fires: Bool
}

extension RuleTestRunner {
  /// Runs a test over several records (`records:`, each a patch over the base record) and a
  /// roster (`roster:`, pupil objects; `copies: n` stands for n pupils `id-1` … `id-n`), and
  /// checks which rules fire for which groups and, under `groups:`, the figures of
  /// disproportionality groups.
  func runAggregate(
    _ node: YAMLNode, base: RawValue, now: Date, params: ObjectValue,
    expectations: [AggregateExpectation], path: String, report: inout RuleTestReport
  ) -> [String] {
    var failures: [String] = []
    let timestamp = Timestamp(seconds: Int64(now.timeIntervalSince1970))
    var start: RawValue = base
    if let b = node["base"], b.scalarValue == "none" { start = .object(RawObject()) }
    var patches: [YAMLNode] = []
    if let list = node["records"] {
      guard case .sequence(let items) = list.kind else {
        return ["'records' must be a list of records"]
      }
      patches = items
    } else if let one = node["record"] {
      patches = [one]
    }
    let typer = RecordTyper(pack: pack)
    let evaluator = RecordEvaluator(
      pack: pack, now: timestamp, showPersonal: true, params: params)
    let collector = AggregateCollector(pack: pack)
    var recordFired: [String: Int] = [:]
    var seenIDs: [String: Int] = [:]
    for (i, patch) in patches.enumerated() {
      // As in record tests: a key the schema does not declare is an error in the test file.
      for (unknown, at) in Self.undeclaredKeys(in: patch, schema: pack.pack.record.schema) {
        report.diagnostics.append(
          error(
            "PRE2103",
            "record \(i + 1) of the test gives '\(unknown)', which the record schema does not "
              + "declare", at: at))
      }
      let merged = YAMLRecord.merge(start, RawValue(yaml: patch))
      guard case .object(let fields) = merged else { continue }
      let p = patch.range.startPosition
      let typed = typer.type(
        RawRecord(
          location: RecordLocation(file: path, line: p.line, column: p.column, row: nil),
          fields: fields, index: i))
      for problem in typed.problems {
        failures.append(
          "record \(i + 1) does not fit the schema: \(problem.message) [\(problem.code.rawValue)]")
      }
      guard typed.problems.isEmpty else { continue }
      // `precept check` counts an incident id once in the aggregate rules; so does a test,
      // and it says so (records inheriting the base's id need ids of their own).
      if let id = typed.id {
        if let first = seenIDs[id] {
          failures.append(
            "record \(i + 1) repeats incident id '\(id)' of record \(first + 1); the aggregate "
              + "rules count it once, so give each record an incident_id of its own")
          continue
        }
        seenIDs[id] = i
      }
      let (_, findings, activation) = evaluator.evaluate(
        typed, findings: true, definitions: Array(pack.definitions.indices))
      for f in findings where f.kind == .violation { recordFired[f.rule, default: 0] += 1 }
      collector.add(typed, activation: activation)
    }

    var roster: Roster?
    if let list = node["roster"] {
      roster = readRoster(list, typer: typer, path: path, failures: &failures)
    }
    let result = AggregateEvaluator(
      pack: pack, params: params, now: timestamp, roster: roster, showPersonal: true
    ).evaluate(collector)

    for e in expectations {
      guard let rule = pack.rule(e.rule) else { continue }
      if rule.rule.kind == .record {
        let fired = recordFired[e.rule, default: 0] > 0
        if fired != e.fires {
          failures.append(
            e.fires
              ? "\(e.rule) was expected to fire on some record, but did not"
              : "\(e.rule) fired on \(recordFired[e.rule]!) record(s) but was expected not to"
          )
        }
        continue
      }
      let mine = result.findings.filter {
        $0.rule == e.rule && (e.group == nil || $0.group == e.group)
      }
      for f in mine where f.kind == .cannotEvaluate {
        failures.append("\(e.rule) could not be evaluated: \(f.message)")
      }
      let fired = mine.filter { $0.kind == .aggregate }
      let target = e.group.map { "for group '\($0)'" } ?? "for any group"
      if e.fires && fired.isEmpty {
        let groups = result.findings.filter { $0.rule == e.rule && $0.kind == .aggregate }
          .compactMap(\.group)
        failures.append(
          "\(e.rule) was expected to fire \(target), but did not"
            + (groups.isEmpty ? "" : " (it fired for: \(groups.joined(separator: "; ")))"))
      } else if !e.fires, let f = fired.first {
        failures.append(
          "\(e.rule) fired \(target) but was expected not to: \(f.group ?? ""): \(f.message)")
      }
    }
    if let groups = node["groups"] {
      failures += checkGroups(groups, result.groups)
    }
    return failures
  }

  private func readRoster(
    _ list: YAMLNode, typer: RecordTyper, path: String, failures: inout [String]
  ) -> Roster {
    var pupils: [Roster.Pupil] = []
    guard case .sequence(let items) = list.kind else {
      failures.append("'roster' must be a list of pupils")
      return Roster(pupils: [])
    }
    for item in items {
      guard case .object(var fields) = RawValue(yaml: item) else { continue }
      var copies = 1
      if let c = fields["copies"], case .number(let n) = c.value, let v = Int(n) {
        copies = v
        fields.fields.removeAll { $0.key == "copies" }
      }
      let p = item.range.startPosition
      let raw = RawRecord(
        location: RecordLocation(file: path, line: p.line, column: p.column, row: nil),
        fields: fields, index: 0)
      guard case .string(let id)? = fields["id"].map(\.value) else {
        failures.append("a roster entry at line \(p.line) has no 'id'")
        continue
      }
      for n in 1...max(1, copies) {
        var copy = raw
        if copies > 1 {
          copy.fields.fields = fields.fields.map {
            $0.key == "id"
              ? RawField(key: "id", value: .string("\(id)-\(n)"), position: $0.position) : $0
          }
        }
        let typed = Roster.typePupil(copy, typer: typer)
        failures += typed.problems.map { "roster entry at line \(p.line): \($0)" }
        if let value = typed.value, case .string(let pid)? = value["id"] {
          pupils.append(Roster.Pupil(id: pid, value: value))
        }
      }
    }
    return Roster(pupils: pupils)
  }

  /// `groups:` entries name a group (`sen_status = ehcp`) and the figures expected; ratios
  /// and risks match when they agree to 3 decimal places, `null` expects a suppressed figure.
  private func checkGroups(_ node: YAMLNode, _ actual: [GroupMeasures]) -> [String] {
    guard case .sequence(let items) = node.kind else { return ["'groups' must be a list"] }
    var failures: [String] = []
    for item in items {
      guard let label = item["group"]?.scalarValue else {
        failures.append("an entry of 'groups' needs 'group' (for example 'sen_status = ehcp')")
        continue
      }
      guard let g = actual.first(where: { $0.label == label }) else {
        failures.append(
          "no group '\(label)'; the groups are: \(actual.map(\.label).joined(separator: "; "))")
        continue
      }
      for (key, value) in item.mappingPairs where key != "group" {
        let expected = value.scalarValue ?? ""
        let isNull = expected == "null" || expected == "~" || expected.isEmpty
        let got: String
        switch key {
        case "suppressed": got = g.suppressed ? "true" : "false"
        case "pupils": got = g.pupils.map(String.init) ?? "null"
        case "pupils_with_incidents": got = g.pupilsWithIncidents.map(String.init) ?? "null"
        case "incidents": got = g.incidents.map(String.init) ?? "null"
        case "risk": got = Self.decimal(g.risk)
        case "risk_ratio": got = Self.decimal(g.riskRatio)
        case "alternate_risk_ratio": got = Self.decimal(g.alternateRiskRatio)
        case "composition_difference": got = Self.decimal(g.compositionDifference)
        case "risk_ratio_ci_low": got = Self.decimal(g.riskRatioLow)
        case "risk_ratio_ci_high": got = Self.decimal(g.riskRatioHigh)
        default:
          failures.append("unknown figure '\(key)' for group '\(label)'")
          continue
        }
        let want: String
        if isNull {
          want = "null"
        } else if let d = Double(expected), expected.contains(".") {
          want = Self.decimal(d)
        } else {
          want = expected
        }
        if got != want {
          failures.append("group '\(label)': \(key) is \(got), expected \(want)")
        }
      }
    }
    return failures
  }

  private static func decimal(_ d: Double?) -> String {
    guard let d else { return "null" }
    if d.isInfinite { return "inf" }
    return String(format: "%.3f", d)
  }
}
