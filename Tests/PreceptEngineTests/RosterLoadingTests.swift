import CEL
import Foundation
import PreceptInput
import PreceptRules
import PreceptTestSupport
import Testing

@testable import PreceptEngine

/// A CSV roster row whose cells other than the id equal an earlier row's is not typed again
/// but given the earlier row's profile; a characteristic that cannot read the pupil's id is
/// worked out once per profile. Both must give what typing and evaluating every row gives.
@Suite struct RosterLoadingTests {
  static let root = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL.path

  static func dfePack() throws -> CompiledPack {
    let (pack, diagnostics) = PackCompiler.load(root + "/Rules/dfe-2026")
    return try #require(pack, "\(diagnostics)")
  }

  /// Rows that repeat one another's cells, with the cases a shortcut could get wrong: an empty
  /// id, a repeated id, a bad value, an id with spaces, and a bare `id` column beside `pupil.id`.
  static let rows: [[String]] = [
    ["A1", "female", "WBRI", "none", "false", "false", "false", "true", "false"],
    ["A2", "female", "WBRI", "none", "false", "false", "false", "true", "false"],
    ["", "female", "WBRI", "none", "false", "false", "false", "true", "false"],
    ["A1", "female", "WBRI", "none", "false", "false", "false", "true", "false"],
    ["A3", "male", "WBRI", "ehcp", "maybe", "false", "false", "true", "false"],
    ["A4", "male", "WBRI", "ehcp", "maybe", "false", "false", "true", "false"],
    [" A5 ", "female", "WBRI", "none", "false", "false", "false", "true", "false"],
    ["A6", "male", "WBRI", "ehcp", "true", "false", "false", "true", "false"],
    ["A7", "female", "WBRI", "none", "false", "false", "false", "true", "false"],
    ["A8", "male", "WBRI", "ehcp", "true", "false", "false", "true", "false"],
  ]
  static let columns = [
    "pupil.id", "sex", "ethnicity", "sen_status", "disability", "looked_after",
    "child_protection_plan", "fsm", "eal",
  ]

  static func write(_ text: String, _ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "precept-roster-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func csv(_ columns: [String], _ rows: [[String]]) -> String {
    func cell(_ s: String) -> String { s.contains(" ") ? "\"\(s)\"" : s }
    return ([columns.joined(separator: ",")] + rows.map { $0.map(cell).joined(separator: ",") })
      .joined(separator: "\n") + "\n"
  }

  /// The same rows as JSON Lines: no CSV cells, so every row is typed.
  static func jsonLines(_ columns: [String], _ rows: [[String]]) throws -> String {
    try rows.map { row in
      var object: [String: Any] = [:]
      var pupil: [String: Any] = [:]
      for (name, value) in zip(columns, row) where !value.isEmpty {
        if name.hasPrefix("pupil.") {
          pupil[String(name.dropFirst(6))] = value
        } else {
          object[name] = value
        }
      }
      if !pupil.isEmpty { object["pupil"] = pupil }
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      return String(decoding: data, as: UTF8.self)
    }.joined(separator: "\n") + "\n"
  }

  static func described(_ roster: Roster) -> [String] {
    (0..<roster.count).map { i in
      let pupil = roster.pupil(at: i)
      let fields = pupil.value.type.fields.map(\.name).map { name in
        "\(name)=\(pupil.value[name].map { "\($0)" } ?? "-")"
      }
      return "\(pupil.id): " + fields.joined(separator: " ")
    }
  }

  @Test(arguments: [false, true])
  func repeatedRowsGiveWhatTypingEveryRowGives(bareIDColumn: Bool) throws {
    let pack = try Self.dfePack()
    var columns = Self.columns
    var rows = Self.rows
    if bareIDColumn {
      // Two id columns: the shortcut must stand aside (the typed id depends on both).
      columns.append("id")
      rows = rows.map { $0 + [$0[0].isEmpty ? "B0" : ""] }
    }
    let csv = try Roster.load(path: Self.write(Self.csv(columns, rows), "roster.csv"), pack: pack)
    let jsonl = try Roster.load(
      path: Self.write(Self.jsonLines(columns, rows), "roster.jsonl"), pack: pack)
    #expect(Self.described(csv) == Self.described(jsonl))
    #expect(csv.problems.map(\.message) == jsonl.problems.map(\.message))
    #expect(csv.problems.map(\.rule) == jsonl.problems.map(\.rule))
    // Hand-counted: A1 (twice: one kept), A2, A5 with its spaces, A6, A7, A8 (and B0 when the
    // bare id column gives the empty-id row one); A3 and A4 are rejected for 'maybe'.
    let expected = ["A1", "A2", " A5 ", "A6", "A7", "A8"]
    #expect(csv.ids.sorted() == (bareIDColumn ? expected + ["B0"] : expected).sorted())
    #expect(csv.problems.filter { $0.rule == "PRE3302" }.count == 1)
    #expect(
      csv.problems.filter { $0.message.contains("maybe") || $0.rule == "PRE3301" }.count
        == (bareIDColumn ? 2 : 3))
    // Pupils with equal cells share one profile.
    #expect(csv.profile(ofPupilAt: 0) == csv.profile(ofPupilAt: 1))
    #expect(csv.profileCount < csv.count)
  }

  @Test func characteristicsKnowWhetherTheyReadTheID() throws {
    let pack = try TemporaryPack.minimal(overriding: Self.disproportionalityFiles)
    defer { pack.remove() }
    let (compiled, diagnostics) = PackCompiler.load(pack.directory)
    #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    let aggregate = try #require(compiled?.rule("T-REV-002")?.aggregate)
    #expect(aggregate.characteristics.map(\.readsPupilID) == [false, true, true])
  }

  static let disproportionalityFiles: [String: String] = [
    "incident.yaml": """
    fields:
      incident_id: {type: string, required: true}
      occurred_at: {type: timestamp, required: true}
      pupil:
        type: object
        fields:
          id: string
          sen_status: {type: enum, values: [none, sen_support, ehcp]}
      seclusion:
        type: object
        fields:
          supervision: string
    """,
    "rules/r.yaml": """
    rules:
      - id: T-REV-002
        title: Groups
        severity: warning
        kind: disproportionality
        cite: [addendum §4]
        group_by: incident.pupil.id
        min_cell: 1
        characteristic:
          sen: pupil.sen_status
          initial: "pupil.id.startsWith('A') ? 'A' : 'B'"
          known: has(pupil.id)
        require: risk_ratio < 100.0
    """,
  ]

  /// Pupils of one profile whose ids differ: `sen` is worked out once for all of them,
  /// `initial` (which reads the id) for each.
  @Test func characteristicsReadingTheIDAreWorkedOutPerPupil() throws {
    let pack = try TemporaryPack.minimal(overriding: Self.disproportionalityFiles)
    defer { pack.remove() }
    let (compiled, diagnostics) = PackCompiler.load(pack.directory)
    let compiledPack = try #require(compiled, "\(diagnostics.map(\.description))")
    // Six pupils, one profile (sen_status none): A1–A3 and B1–B3. Incidents: A1 twice, A2, B1.
    let roster = try Self.write(
      "pupil.id,sen_status\nA1,none\nA2,none\nA3,none\nB1,none\nB2,none\nB3,none\n", "roster.csv")
    let export = try Self.write(
      """
      incident_id,occurred_at,pupil.id
      I1,2026-05-01T10:00:00Z,A1
      I2,2026-05-02T10:00:00Z,A1
      I3,2026-05-03T10:00:00Z,A2
      I4,2026-05-04T10:00:00Z,B1

      """, "incidents.csv")
    var options = CheckOptions(
      inputs: [.init(path: export, format: nil)], profile: .canonical, showPersonal: false,
      toolVersion: "test", roster: roster, widerRoster: nil, from: nil, until: nil,
      progress: nil)
    options.recordFindings = false
    let (_, aggregates) = try CheckRunner(pack: compiledPack, options: options)
      .runWithAggregates(
        summarise: { _ in 0 }, merge: { _ in }, observedDefinitions: [])
    func group(_ characteristic: String, _ value: String) -> [Int?] {
      let g = aggregates.groups.first { $0.characteristic == characteristic && $0.value == value }
      return [g?.pupils, g?.pupilsWithIncidents, g?.incidents]
    }
    #expect(group("sen", "none") == [6, 3, 4])
    #expect(group("initial", "A") == [3, 2, 3])
    #expect(group("initial", "B") == [3, 1, 1])
    #expect(group("known", "true") == [6, 3, 4])
  }
}
