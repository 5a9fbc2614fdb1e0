import CEL
import Foundation
import PreceptInput
import PreceptRules
import PreceptTestSupport
import Testing

@testable import PreceptEngine

/// Rules work definitions out when they first read them (``DerivedValues``); every outcome must
/// be the one the rule's programs give with every definition evaluated beforehand, and the
/// activation returned must hold the definitions asked for.
@Suite struct LazyDefinitionsTests {
  static let pack: CompiledPack = {
    let path = CLI.repositoryRoot().appendingPathComponent("Rules/dfe-2026").path
    return PackCompiler.load(path).pack!
  }()

  /// The example export's records, typed.
  static func records() throws -> [TypedRecord] {
    let path = CLI.repositoryRoot()
      .appendingPathComponent("Rules/dfe-2026/examples/incidents.csv").path
    let reader = try CSVReader(
      bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), file: "x.csv")
    let typer = RecordTyper(pack: pack, profile: .canonical)
    var out: [TypedRecord] = []
    while let item = try reader.next() {
      if let raw = item.record { out.append(typer.type(raw)) }
    }
    return out
  }

  /// A rule's outcome from its programs over an activation with every definition set.
  static func eagerOutcome(_ rule: CompiledRule, _ activation: Activation) -> String {
    if let when = rule.when {
      switch when.program.evaluate(activation) {
      case .bool(true): break
      case .bool(false): return "not applicable"
      default: return "cannot evaluate"
      }
    }
    switch rule.require.program.evaluate(activation) {
    case .bool(true): return "passed"
    case .bool(false): return "failed"
    default: return "cannot evaluate"
    }
  }

  @Test("every rule's outcome is the one with every definition evaluated beforehand")
  func sameOutcomes() throws {
    let evaluator = RecordEvaluator(pack: Self.pack, now: Timestamp(seconds: 1_790_000_000))
    let rules = Self.pack.rules.filter { $0.rule.kind == .record }
    var records = try Self.records().filter { $0.problems.isEmpty }
    #expect(records.count > 40)
    // And each record again without one field of each section, so that rules reading a
    // missing value cannot be evaluated.
    for record in records {
      for (k, field) in record.value.type.fields.enumerated() {
        guard case .object(let section)? = record.value.slots[k] else { continue }
        for j in section.slots.indices where section.slots[j] != nil {
          var copy = record
          copy.value = record.value.copy()
          let inner = section.copy()
          inner.slots[j] = nil
          copy.value.slots[k] = .object(inner)
          copy.id = "\(record.id ?? "?") without \(field.name).\(inner.type.fields[j].name)"
          records.append(copy)
        }
      }
    }
    var kinds = Set<String>()
    for record in records {
      let eager = evaluator.activation(for: record)
      let (outcomes, _, _) = evaluator.evaluate(record, findings: true, definitions: [])
      #expect(outcomes.count == rules.count)
      for (rule, outcome) in zip(rules, outcomes) {
        let got: String
        switch outcome {
        case .outsidePeriod: continue
        case .passed: got = "passed"
        case .failed: got = "failed"
        case .notApplicable: got = "not applicable"
        case .cannotEvaluate: got = "cannot evaluate"
        default: got = "\(outcome)"
        }
        #expect(got == Self.eagerOutcome(rule, eager), "\(rule.rule.id) on \(record.id ?? "?")")
        // One rule at a time (`precept test`), over the eager activation: the same outcome.
        #expect(
          "\(evaluator.outcome(rule, record, eager))" == "\(outcome)",
          "\(rule.rule.id) on \(record.id ?? "?")")
        kinds.insert(got)
      }
    }
    // The export exercises every kind of outcome.
    #expect(kinds.count == 4)
  }

  /// `outcome(_:_:_:)` (one rule at a time, as `precept test` runs them) reads definitions
  /// from the activation it is given instead of working them out again: a value put there
  /// decides the outcome.
  @Test func oneRuleAtATimeReadsDefinitionsFromTheActivation() throws {
    let evaluator = RecordEvaluator(pack: Self.pack, now: Timestamp(seconds: 1_790_000_000))
    let rule = try #require(Self.pack.rule("RI-FOR-004"))
    #expect(rule.rule.when?.text == "force_used")
    let index = try #require(
      Self.pack.definitions.firstIndex { $0.definition.name == "force_used" })
    let definition = Self.pack.definitions[index]
    // A record where force was used: the rule applies to it.
    let record = try #require(
      try Self.records().first {
        $0.problems.isEmpty
          && "\(evaluator.activation(for: $0).slots[definition.slot])" == "\(Value.bool(true))"
      })
    var activation = evaluator.activation(for: record)
    #expect("\(evaluator.outcome(rule, record, activation))" != "\(RuleOutcome.notApplicable)")
    activation.slots[definition.slot] = .bool(false)
    #expect("\(evaluator.outcome(rule, record, activation))" == "\(RuleOutcome.notApplicable)")
  }

  @Test("the definitions asked for are set in the activation returned, with their eager values")
  func definitionsAskedFor() throws {
    let evaluator = RecordEvaluator(pack: Self.pack, now: Timestamp(seconds: 1_790_000_000))
    let names = ["restrictive_intervention", "pupil_age", "missing_record_fields"]
    let indices = evaluator.definitionIndices(names)
    for record in try Self.records() where record.problems.isEmpty {
      let eager = evaluator.activation(for: record)
      let (_, _, activation) = evaluator.evaluate(record, findings: false, definitions: indices)
      for name in names {
        let slot = try #require(Self.pack.environment.slot(of: name))
        #expect("\(activation.slots[slot])" == "\(eager.slots[slot])", "\(name)")
      }
    }
  }

  /// A definition may be named root-scoped (`.in_scope`): the rule, its message, its escalation
  /// and its explanation see it as they see `in_scope`.
  @Test func rootScopedDefinitionsAreSetForFindings() throws {
    let base = CLI.repositoryRoot().appendingPathComponent("Rules/dfe-2026").path
    func rule(_ id: String, _ name: String) -> String {
      """
        - id: \(id)
          title: In scope
          severity: warning
          cite: [addendum §5]
          require: "!\(name)"
          message: "in scope: {{ \(name) }}"
          escalate: {severity: error, when: "!\(name)"}

      """
    }
    let overlay = try TemporaryPack([
      "pack.yaml": "precept: 1\npack: dotted\nversion: 1.0.0\nextends: \(base)\n"
        + "definitions:\n  who: incident.pupil.name\n",
      "rules/dotted.yaml": "rules:\n" + rule("T-PLAIN", "in_scope") + rule("T-DOTTED", ".in_scope")
        + """
          - id: T-WHO
            title: Named
            severity: info
            cite: [addendum §5]
            when: has(incident.pupil.name)
            require: "false"
            message: "pupil {{ .who }}"

        """,
    ])
    defer { overlay.remove() }
    let (loaded, diagnostics) = PackCompiler.load(overlay.directory)
    let pack = try #require(loaded, "\(diagnostics)")
    let evaluator = RecordEvaluator(pack: pack, now: Timestamp(seconds: 1_790_000_000))
    let typer = RecordTyper(pack: pack, profile: .canonical)
    let path = CLI.repositoryRoot()
      .appendingPathComponent("Rules/dfe-2026/examples/incidents.csv").path
    let reader = try CSVReader(
      bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), file: "x.csv")
    var compared = 0
    var named = 0
    while let item = try reader.next() {
      guard let raw = item.record else { continue }
      let record = typer.type(raw)
      guard record.problems.isEmpty else { continue }
      let findings = evaluator.evaluate(record).findings
      // A personal definition named root-scoped is redacted as it is without the dot.
      for f in findings where f.rule == "T-WHO" {
        #expect(f.message == "pupil \(ValueFormatter.redacted)")
        named += 1
      }
      let plain = findings.filter { $0.rule == "T-PLAIN" }
      let dotted = findings.filter { $0.rule == "T-DOTTED" }
      #expect(plain.count == dotted.count)
      for (a, b) in zip(plain, dotted) {
        #expect(a.message == b.message)
        #expect(!b.message.contains("unknown"))
        #expect(a.severity == b.severity)
        #expect(a.explanation?.definitions.map(\.value) == b.explanation?.definitions.map(\.value))
        compared += 1
      }
    }
    #expect(compared > 10)
    #expect(named > 10)
  }
}
