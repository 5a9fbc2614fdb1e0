import Foundation
import PreceptDiagnostics
import PreceptRules
import PreceptTestSupport
import Testing

/// One broken pack per diagnostic code: each asserts the code, the file, line and column (by
/// marker), and that a pack with errors is never compiled.
@Suite struct BrokenPackTests {
  /// A broken variant of the minimal pack and the diagnostic it must produce at marker 1️⃣.
  struct Case: CustomStringConvertible, Sendable {
    var code: String
    var files: [String: String]
    var severity: DiagnosticSeverity = .error
    var messageContains: String
    var help: String? = nil
    var description: String { "\(code): \(messageContains)" }
  }

  static func rule(_ body: String) -> [String: String] {
    ["rules/r.yaml": "rules:\n" + body]
  }

  static let cases: [Case] = [
    Case(
      code: "PRE2001",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            1️⃣requires: incident.seclusion.supervision == 'continuous'
        """), messageContains: "unknown key 'requires' in rule", help: "did you mean 'require'?"),
    Case(
      code: "PRE2002",
      files: rule(
        """
          - 1️⃣id: T-001
            severity: error
            cite: [addendum §7]
            require: true
        """), messageContains: "rule is missing required key 'title'"),
    Case(
      code: "PRE2003",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: 1️⃣{addendum: x}
            require: true
        """), messageContains: "'cite' must be a list of strings"),
    Case(
      code: "PRE2004",
      files: rule(
        """
          - id: T-001
            title: One
            severity: error
            cite: [addendum §7]
            require: true
          - id: 1️⃣T-001
            title: Two
            severity: error
            cite: [addendum §7]
            require: true
        """), messageContains: "duplicate rule id 'T-001'"),
    Case(
      code: "PRE2005",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: 1️⃣fatal
            cite: [addendum §7]
            require: true
        """), messageContains: "severity must be error, warning or info"),
    Case(
      code: "PRE2006",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [1️⃣adendum §7]
            require: true
        """), messageContains: "cites unknown source 'adendum'", help: "did you mean 'addendum'?"),
    Case(
      code: "PRE2007",
      files: [
        "pack.yaml": """
        precept: 1
        pack: test-pack
        version: 1.0.0
        title: Test pack
        record: {schema: 1️⃣missing.yaml, id: incident_id, date: occurred_at}
        """
      ], messageContains: "cannot read record schema"),
    Case(
      code: "PRE2008",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: incident.occurred_at < incident.ended_at + params.1️⃣parent_report_withn
        """), messageContains: "parent_report_withn"),
    Case(
      code: "PRE2011",
      files: [
        "pack.yaml": """
        precept: 1️⃣2
        pack: test-pack
        version: 1.0.0
        title: Test pack
        record: {schema: incident.yaml, id: incident_id, date: occurred_at}
        sources:
          addendum: {title: The addendum}
        """
      ], messageContains: "DSL version 1, not 2"),
    Case(
      code: "PRE2012",
      files: [
        "pack.yaml": """
        precept: 1
        pack: test-pack
        version: 1.0.0
        title: Test pack
        record: {schema: incident.yaml, id: incident_id, date: occurred_at}
        sources:
          addendum: {title: The addendum}
        definitions:
          secluded: has(incident.seclusion)
        overrides:
          1️⃣T-002: {severity: warning}
        """
      ], messageContains: "no rule 'T-002' to override", help: "did you mean 'T-001'?"),
    Case(
      code: "PRE2101",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: >
              incident.seclusion.supervision ==
                'continuous' && 1️⃣)
        """), messageContains: ""),
    Case(
      code: "PRE2102",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: 1️⃣incidnt.seclusion.supervision == 'continuous'
        """), messageContains: "incidnt", help: "did you mean 'incident'?"),
    Case(
      code: "PRE2103",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: |
              incident.pupil.1️⃣sen == 'ehcp'
        """), messageContains: "sen"),
    Case(
      code: "PRE2104",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: 1️⃣incident.occurred_at < '2026-01-01'
        """), messageContains: "no matching overload"),
    Case(
      code: "PRE2105",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: 1️⃣incident.pupil.age_at_incident
        """), messageContains: "must be a condition (bool)"),
    Case(
      code: "PRE2106",
      files: [
        "pack.yaml": """
        precept: 1
        pack: test-pack
        version: 1.0.0
        title: Test pack
        record: {schema: incident.yaml, id: incident_id, date: occurred_at}
        sources:
          addendum: {title: The addendum}
        definitions:
          secluded: has(incident.seclusion)
          1️⃣a: b && secluded
          b: a
        """
      ], messageContains: "cycle: a → b → a"),
    Case(
      code: "PRE2107",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            when: 1️⃣false
            require: true
        """), severity: .warning, messageContains: "can never apply"),
    Case(
      code: "PRE2108",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: true
            message: "supervision was 1️⃣{{ incident.seclusion.supervision"
        """), messageContains: "unclosed '{{'"),
    Case(
      code: "PRE2110",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: incident.seclusion.supervision == 1️⃣'continous'
        """), messageContains: "is never 'continous'", help: "did you mean 'continuous'?"),
    Case(
      code: "PRE1002",
      files: rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: true
            1️⃣title: Again
        """), messageContains: "title"),
  ]

  @Test(arguments: cases)
  func reportsCodeAtMarker(_ c: Case) throws {
    let pack = try TemporaryPack.minimal(overriding: c.files)
    defer { pack.remove() }
    let (compiled, diagnostics) = PackCompiler.load(pack.directory)
    let matching = diagnostics.filter { $0.code == c.code }
    let rendered = diagnostics.map(\.description).joined(separator: "\n")
    let diagnostic = try #require(matching.first, "no \(c.code) among:\n\(rendered)")
    #expect(diagnostic.severity == c.severity)
    #expect(pack.position(of: diagnostic) == pack.markers["1️⃣"], "\(rendered)")
    if !c.messageContains.isEmpty {
      #expect(diagnostic.message.contains(c.messageContains), "\(diagnostic.message)")
    }
    if let help = c.help { #expect(diagnostic.help == help) }
    if c.severity == .error { #expect(compiled == nil, "a pack with errors must not compile") }
  }

  @Test func minimalPackIsClean() throws {
    let pack = try TemporaryPack.minimal()
    defer { pack.remove() }
    let (compiled, diagnostics) = PackCompiler.load(pack.directory)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    #expect(compiled?.rules.count == 1)
  }

  @Test func reportsSeveralErrorsInOneRun() throws {
    let pack = try TemporaryPack.minimal(
      overriding: Self.rule(
        """
          - id: T-001
            title: Supervised
            severity: fatal
            cite: [nowhere §1]
            require: incidnt.x
        """))
    defer { pack.remove() }
    let (_, diagnostics) = PackCompiler.load(pack.directory)
    let codes = Set(diagnostics.map(\.code))
    #expect(codes.isSuperset(of: ["PRE2005", "PRE2006", "PRE2102"]), "\(codes)")
  }

  @Test func expressionOverLimitIsTooComplex() throws {
    let long = Array(repeating: "true", count: 25_000).joined(separator: " && ")
    let pack = try TemporaryPack.minimal(
      overriding: Self.rule(
        """
          - id: T-001
            title: Supervised
            severity: error
            cite: [addendum §7]
            require: \(long)
        """))
    defer { pack.remove() }
    let (compiled, diagnostics) = PackCompiler.load(pack.directory)
    #expect(diagnostics.contains { $0.code == "PRE2109" })
    #expect(compiled == nil)
  }
}
