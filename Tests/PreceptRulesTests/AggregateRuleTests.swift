import Foundation
import PreceptDiagnostics
import PreceptRules
import PreceptTestSupport
import Testing

/// Aggregate rules are type-checked like record rules, in their own environments: the record
/// for `group_by`/`filter`/`split_by`, params for `window`, the roster pupil for a
/// characteristic, and a group's figures for `when`/`require`/the message.
@Suite struct AggregateRuleTests {
  static func rule(_ body: String) -> [String: String] {
    ["rules/r.yaml": "rules:\n" + body]
  }

  static let pattern = """
      - id: T-REV-001
        title: Repeats
        severity: warning
        kind: pattern
        cite: [addendum §4]
        group_by: incident.incident_id
        filter: has(incident.seclusion)
        window: params.parent_report_within
        require: count <= 3 && window > duration('1h') && first <= last && group != ''
        message: "{{ count }} in {{ window }} for {{ group }}"
    """

  static let disproportionality = """
      - id: T-REV-002
        title: Groups
        severity: warning
        kind: disproportionality
        cite: [addendum §4]
        characteristic:
          sen: pupil.sen_status
          older: pupil.age_at_incident > 10
        require: risk_ratio < 2.0 && pupils >= 10 && value != '' && risk <= 1.0
    """

  @Test func validAggregateRulesCompile() throws {
    let pack = try TemporaryPack.minimal(
      overriding: Self.rule(Self.pattern + "\n" + Self.disproportionality))
    defer { pack.remove() }
    let (compiled, diagnostics) = PackCompiler.load(pack.directory)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    let p = try #require(compiled?.rule("T-REV-001")?.aggregate)
    #expect(p.groupBy != nil && p.filter != nil && p.window != nil)
    let d = try #require(compiled?.rule("T-REV-002")?.aggregate)
    #expect(d.characteristics.map(\.name) == ["sen", "older"])
  }

  struct Case: CustomStringConvertible, Sendable {
    var code: String
    var body: String
    var messageContains: String
    var description: String { "\(code): \(messageContains)" }
  }

  static let cases: [Case] = [
    // The record is not in scope in an aggregate rule's require.
    Case(
      code: "PRE2102",
      body: pattern.replacingOccurrences(
        of: "require: count <= 3 && window > duration('1h') && first <= last && group != ''",
        with: "require: incident.incident_id != ''"),
      messageContains: "incident"),
    Case(
      code: "PRE2104",
      body: pattern.replacingOccurrences(
        of: "count <= 3 &&", with: "count <= 'three' &&"),
      messageContains: ""),
    Case(
      code: "PRE2002",
      body: pattern.replacingOccurrences(of: "    group_by: incident.incident_id\n", with: ""),
      messageContains: "needs 'group_by'"),
    Case(
      code: "PRE2105",
      body: pattern.replacingOccurrences(
        of: "window: params.parent_report_within", with: "window: \"'30d'\""),
      messageContains: "'window' of 'T-REV-001' must be a duration, but it is text (string)"),
    Case(
      code: "PRE2105",
      body: pattern.replacingOccurrences(
        of: "group_by: incident.incident_id", with: "group_by: incident.occurred_at"),
      messageContains: "'group_by' of 'T-REV-001' must be text (string), but it is a timestamp"),
    Case(
      code: "PRE2103",
      body: disproportionality.replacingOccurrences(
        of: "sen: pupil.sen_status", with: "sen: pupil.sen"),
      messageContains: "'sen'"),
    // The roster pupil is `pupil`, not the record.
    Case(
      code: "PRE2102",
      body: disproportionality.replacingOccurrences(
        of: "sen: pupil.sen_status", with: "sen: incident.pupil.sen_status"),
      messageContains: "incident"),
    Case(
      code: "PRE2002",
      body: disproportionality.replacingOccurrences(
        of: """
              characteristic:
                sen: pupil.sen_status
                older: pupil.age_at_incident > 10

          """, with: ""),
      messageContains: "needs 'characteristic'"),
    Case(
      code: "PRE2005",
      body: disproportionality.replacingOccurrences(
        of: "kind: disproportionality", with: "kind: record"),
      messageContains: "'characteristic' is only for aggregate rules"),
    Case(
      code: "PRE2102",
      body: disproportionality.replacingOccurrences(
        of: "require: risk_ratio < 2.0", with: "require: count < 2"),
      messageContains: "count"),
  ]

  @Test(arguments: cases)
  func reportsProblem(_ c: Case) throws {
    let pack = try TemporaryPack.minimal(overriding: Self.rule(c.body))
    defer { pack.remove() }
    let (compiled, diagnostics) = PackCompiler.load(pack.directory)
    let rendered = diagnostics.map(\.description).joined(separator: "\n")
    let diagnostic = try #require(
      diagnostics.first { $0.code == c.code }, "no \(c.code) among:\n\(rendered)")
    if !c.messageContains.isEmpty {
      #expect(diagnostic.message.contains(c.messageContains), "\(diagnostic.message)")
    }
    #expect(diagnostic.range != nil)
    #expect(compiled == nil)
  }
}
