import CEL
import Foundation
import PreceptInput
import PreceptRules
import PreceptTestSupport
import Testing

@testable import PreceptEngine

/// A CSV row is typed straight from its cells (``CSVTypingPlan``); typing its members (what
/// every other format gives) must come to the same values, problems and undeclared columns.
@Suite struct CSVTypingTests {
  static let pack: CompiledPack = {
    let path = CLI.repositoryRoot().appendingPathComponent("Rules/dfe-2026").path
    return PackCompiler.load(path).pack!
  }()

  static let header =
    "incident_id,school_id,occurred_at,ended_at,pupil.id,pupil.sen_status,pupil.age_at_incident,"
    + "pupil.looked_after,interventions,triggers,staff,seclusion.started_at,seclusion.supervision,"
    + "parent_report.made,parent_report.covered,notes,extra.thing,pupil.nickname"

  /// Rows (after the header) covering every reading and its fall-backs.
  static let rows: [String] = [
    // Plain values: timestamps, enum, int, bool, `;` list, JSON list of objects.
    "I-1,S-1,2026-05-03T10:15:00+01:00,2026-05-03T10:20:00Z,P-1,ehcp,11,false,"
      + "physical_restraint;seclusion,noise,\"[{\"\"id\"\":\"\"T-1\"\",\"\"trained_until\"\":\"\"2027-01-01\"\"}]\","
      + "2026-05-03T10:16:00+01:00,continuous,true,when_where; duration,,,",
    // Empty sections are absent; undeclared columns with text are noted.
    "I-2,S-1,2026-05-03T10:15:00+01:00,,,,,,,,,,,,,a note,x,Bob",
    // Values the fast path leaves to the general one: spaces, case, bad values.
    "I-3,S-1, 2026-05-03T10:15:00+01:00,2026-05-03T10:20:00 ,P-3,EHCP,+12,TRUE,"
      + "physical_restraint ; ,noise,[],2026-05-03 10:16:00,sometimes,yes,when_where;nonsense,,,",
    // Problems: not a timestamp, no offset, too large, not a list of objects.
    "I-4,S-1,yesterday,2026-05-03T10:20:00,P-4,none,99999999999999999999,0,x,,\"{\"\"a\"\":1}\","
      + "2026-13-03T10:16:00Z,continuous,false,,,,",
    // Missing required fields (`incident_id`), a seclusion with only an undeclared column.
    ",S-1,2026-05-03T10:15:00+01:00,,,,-7,,,,,,,,,,,",
    // Non-ASCII text and a list in a JSON cell after spaces.
    "I-6,Écoles,2026-05-03T10:15:00+01:00,,P-6,sen_support,,,\"  [\"\"guiding_contact\"\"]\",élan;noise,,,,,,,,",
  ]

  static func typed(_ csv: String, profile: Profile = .canonical) throws -> [(
    fast: TypedRecord, general: TypedRecord
  )] {
    let reader = try CSVReader(bytes: Array(csv.utf8), file: "t.csv")
    let typer = RecordTyper(pack: pack, profile: profile)
    var out: [(TypedRecord, TypedRecord)] = []
    while let item = try reader.next() {
      let raw = try #require(item.record)
      #expect(raw.cells != nil)
      let members = RawRecord(location: raw.location, fields: raw.fields, index: raw.index)
      #expect(members.cells == nil)
      out.append((typer.type(raw), typer.type(members)))
    }
    return out
  }

  static func same(_ a: TypedRecord, _ b: TypedRecord) {
    #expect("\(Value.object(a.value))" == "\(Value.object(b.value))")
    #expect(a.id == b.id)
    #expect(a.date == b.date)
    #expect(Set(a.problems) == Set(b.problems))
    #expect(a.problems.count == b.problems.count)
    #expect(Set(a.unknownFields) == Set(b.unknownFields))
    #expect(a.location == b.location && a.index == b.index)
  }

  @Test(arguments: rows.indices)
  func cellsTypeLikeMembers(_ index: Int) throws {
    let records = try Self.typed(Self.header + "\n" + Self.rows[index] + "\n")
    #expect(records.count == 1)
    for (fast, general) in records { Self.same(fast, general) }
  }

  @Test func theRowsSayWhatTheyShould() throws {
    let records = try Self.typed(Self.header + "\n" + Self.rows.joined(separator: "\n") + "\n")
      .map(\.fast)
    // Row 1 is clean and fully typed.
    #expect(records[0].problems.isEmpty)
    let first = "\(Value.object(records[0].value))"
    #expect(first.contains("occurred_at: timestamp('2026-05-03T09:15:00Z')"))
    #expect(first.contains("interventions: ['physical_restraint', 'seclusion']"))
    #expect(first.contains("age_at_incident: 11"))
    // Row 2: no sections, three undeclared columns noted.
    #expect(records[1].problems.isEmpty)
    #expect(Set(records[1].unknownFields) == ["notes", "extra", "pupil.nickname"])
    #expect(!"\(Value.object(records[1].value))".contains("seclusion"))
    // Rows 3 and 4 are rejected for their values, with the cell's line and column.
    #expect(records[2].problems.map(\.code).contains(.notInEnum))
    #expect(records[3].problems.contains { $0.code == .badTimestamp && $0.location.column == 3 })
    #expect(records[3].problems.contains { $0.code == .timestampWithoutOffset })
    #expect(records[4].problems.contains { $0.code == .missingRequired })
  }

  /// JSON lists of objects in cells, read straight into values where they are plain.
  static let jsonCells: [String] = [
    #"[{"id": "S-1", "role": "teacher", "trained_until": "2027-12-20"}]"#,
    #"  [ {"id":"S-1"} , {"id": "S-2", "trained_until": "2026-02-29"} ]  "#,
    #"[]"#, #"[{}]"#, #"[{"id": ""}]"#, #"[{"id": null, "role": "x"}]"#,
    #"[{"id": "S-1", "id": ""}]"#, #"[{"id": "S-1", "id": "S-2"}]"#,
    #"[{"id": "S-\u0031"}]"#, #"[{"id": "S-1", "nickname": "Jo"}]"#, #"[{"id": 12}]"#,
    #"[{"id": true}]"#, #"[{"id": "S-1"},]"#, #"[{"id": "S-1"}] x"#, #"{"id": "S-1"}"#,
    #"[{"id": "S-1", "trained_until": "2027-13-01"}]"#,
    #"[{"id": "S-1", "trained_until": " 2027-01-01"}]"#,
    #"[{"id": ["S-1"]}]"#,
  ]

  @Test(arguments: jsonCells.indices)
  func jsonCellsTypeLikeMembers(_ index: Int) throws {
    let cell = "\"" + Self.jsonCells[index].replacingOccurrences(of: "\"", with: "\"\"") + "\""
    let records = try Self.typed(
      "incident_id,occurred_at,staff,injuries\nI-1,2026-05-03T10:15:00Z,\(cell),"
        + #""[{""person"": ""pupil"", ""medical_attention"": false}]""# + "\n")
    #expect(records.count == 1)
    for (fast, general) in records { Self.same(fast, general) }
  }

  @Test func profileWordsForBooleansAreUsed() throws {
    var profile = Profile.canonical
    profile.booleans = ["true": false, "Y": true]
    let records = try Self.typed(
      "incident_id,occurred_at,pupil.looked_after,pupil.fsm\nI-1,2026-05-03T10:15:00Z,true,Y\n",
      profile: profile)
    for (fast, general) in records { Self.same(fast, general) }
    #expect("\(Value.object(records[0].fast.value))".contains("looked_after: false"))
  }

  @Test func deeperPathsAndKeptEmptyCellsTakeTheGeneralPath() throws {
    let layoutPlan = { (csv: String, options: ReaderOptions) throws -> CSVTypingPlan? in
      let reader = try CSVReader(bytes: Array(csv.utf8), file: "t.csv", options: options)
      let raw = try #require(try reader.next()?.record)
      let cells = try #require(raw.cells)
      let typer = RecordTyper(pack: Self.pack)
      return CSVTypingPlan(layout: cells.layout, root: typer.plan, plainBooleans: true)
    }
    #expect(try layoutPlan("incident_id,pupil.id\nI,P\n", ReaderOptions()) != nil)
    #expect(try layoutPlan("incident_id,pupil.a.b\nI,P\n", ReaderOptions()) == nil)
    #expect(try layoutPlan("incident_id,school_id.x\nI,P\n", ReaderOptions()) == nil)
    #expect(
      try layoutPlan("incident_id,pupil.id\nI,P\n", ReaderOptions(keepEmptyFields: true)) == nil)
  }
}
