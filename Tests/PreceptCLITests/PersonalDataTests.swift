import Foundation
import PreceptTestSupport
import Testing

/// Personal data (fields the schema marks `personal: true`) never reaches any output format
/// unless `--show-personal` is given, and messages about bad values never echo the value.
@Suite struct PersonalDataTests {
  /// The DfE schema's personal fields (Rules/dfe-2026/incident.yaml), as paths into a record;
  /// `[]` steps into every element of a list.
  static let personalPaths = [
    "location", "pupil.name", "pupil.date_of_birth", "antecedents", "immediate_response_reason",
    "rationale", "injuries.[].description", "post_incident.plan_not_followed_reason",
    "parent_report.withheld_reason",
  ]

  /// The example export with every personal value replaced by a distinctive marker, written
  /// once; and the markers.
  static let fixture: (json: String, markers: [String], names: [String]) = {
    let url = CLI.repositoryRoot().appendingPathComponent("Rules/dfe-2026/examples/incidents.json")
    let data = (try? Data(contentsOf: url)) ?? Data()
    var records = (try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    var markers: [String] = []
    var names: [String] = []
    for i in records.indices {
      for path in personalPaths {
        let value: String
        if path == "pupil.date_of_birth" {
          value = String(format: "2012-%02d-%02d", 1 + i % 12, 1 + i % 28)
        } else {
          value = "Quinlan\(i)x\(path.filter(\.isLetter).prefix(6))"
        }
        if set(&records[i], path.split(separator: ".").map(String.init), value, always: i % 3 == 0)
        {
          if !markers.contains(value) { markers.append(value) }
          if path == "pupil.name" { names.append(value) }
        }
      }
    }
    let json =
      (try? JSONSerialization.data(withJSONObject: records, options: [.sortedKeys]))
      .map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    return (json, markers, names)
  }()

  /// Replaces the value at `path` (creating it when `always`); returns whether it set one.
  static func set(_ object: inout [String: Any], _ path: [String], _ value: String, always: Bool)
    -> Bool
  {
    guard let key = path.first else { return false }
    if path.count == 1 {
      guard object[key] != nil || always else { return false }
      object[key] = value
      return true
    }
    if path[1] == "[]" {
      guard var list = object[key] as? [[String: Any]] else { return false }
      var any = false
      for j in list.indices {
        any = set(&list[j], Array(path.dropFirst(2)), value, always: always) || any
      }
      object[key] = list
      return any
    }
    var inner = object[key] as? [String: Any] ?? [:]
    guard object[key] != nil || always else { return false }
    let done = set(&inner, Array(path.dropFirst()), value, always: always)
    object[key] = inner
    return done
  }

  @Test func theListOfPersonalFieldsMatchesTheSchema() throws {
    let schema = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent("Rules/dfe-2026/incident.yaml"),
      encoding: .utf8)
    let count = schema.split(separator: "\n")
      .filter { $0.trimmingCharacters(in: .whitespaces) == "personal: true" }.count
    #expect(count == Self.personalPaths.count, "update personalPaths to the schema")
    #expect(Self.fixture.markers.count > 40)
  }

  @Test(arguments: BadInput.formats)
  func noFormatLeaksPersonalFields(_ format: String) throws {
    let result = try BadInput.check(
      "export.json", Self.fixture.json, ["--format", format, "--explain"])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(!result.stdout.isEmpty)
    for marker in Self.fixture.markers {
      #expect(!result.stdout.contains(marker), "\(format) leaks '\(marker)'")
      #expect(!result.stderr.contains(marker), "\(format) leaks '\(marker)' on stderr")
    }
    // With --show-personal the values are printed: the markers are where a leak would show.
    if format == "text" {
      let shown = try BadInput.check(
        "export.json", Self.fixture.json, ["--format", format, "--explain", "--show-personal"])
      #expect(Self.fixture.markers.contains { shown.stdout.contains($0) })
    }
  }

  @Test func formatsIncludeTheBasicOnes() {
    #expect(BadInput.formats.contains("text"))
    #expect(BadInput.formats.contains("json"))
  }

  /// Bad values in personal fields, one record each: every record is rejected, and the
  /// messages name the field, never the value.
  static let badPersonalValues: [(file: String, text: String, records: Int)] = [
    (
      "bad.csv",
      [
        "incident_id,occurred_at,pupil.date_of_birth,injuries,rationale",
        "A-1,2026-05-03T10:15:00+01:00,Quinlan Smith,,",
        "A-2,2026-05-03T10:15:00+01:00,,\"[{\"\"person\"\": \"\"pupil\"\", \"\"description\"\": \"\"Quinlan Smith\"\"\",",
        "A-3,2026-05-03T10:15:00+01:00,,\"[{\"\"person\"\": \"\"pupil\"\", \"\"description\"\": [\"\"Quinlan Smith\"\"]}]\",",
        "A-4,2026-05-03T10:15:00+01:00,,,Quinlan Smith,x",
        "A-5,2026-05-03T10:15:00+01:00,,,\"Quinlan Smith\"x",
        "A-6,2026-05-03T10:15:00+01:00,,,\"Quinlan Smith",
      ].joined(separator: "\n") + "\n", 6
    ),
    (
      "bad.jsonl",
      [
        #"{"incident_id": "A-1", "occurred_at": "2026-05-03T10:15:00+01:00", "pupil": {"name": ["Quinlan Smith"]}}"#,
        #"{"incident_id": "A-2", "occurred_at": "2026-05-03T10:15:00+01:00", "location": {"room": "Quinlan Smith"}}"#,
        #"{"incident_id": "A-3", "occurred_at": "2026-05-03T10:15:00+01:00", "antecedents": "Quinlan Smith \q"}"#,
        "{\"incident_id\": \"A-4\", \"antecedents\": \"Quinlan Smith\u{1}\"}",
        #"{"incident_id": "A-5", "pupil": {"date_of_birth": "Quinlan Smith"}}"#,
        #"{"incident_id": "A-6", "rationale": "Quinlan Smith"#,
      ].joined(separator: "\n"), 6
    ),
  ]

  @Test(arguments: badPersonalValues.map(\.file))
  func badPersonalValuesAreNotEchoed(_ file: String) throws {
    let (_, text, records) = try #require(Self.badPersonalValues.first { $0.file == file })
    let counts = try BadInput.check(file, text, ["--format", "json"])
    let summary = BadInput.report(counts)["summary"] as? [String: Any] ?? [:]
    #expect(summary["rejected"] as? Int == records, "\(counts.stdout)")
    #expect(summary["evaluated"] as? Int == 0)
    for format in BadInput.formats {
      let result = try BadInput.check(file, text, ["--format", format, "--explain"])
      #expect(result.status == 1, "\(format): \(result.stdout)\(result.stderr)")
      #expect(!result.stdout.contains("Quinlan"), "\(format) echoes the value: \(result.stdout)")
      #expect(!result.stderr.contains("Quinlan"), "\(format) echoes the value: \(result.stderr)")
    }
  }

  /// Values computed from personal fields by a pack's own expressions are redacted too: in
  /// messages, explanations, definitions and evaluation errors.
  @Test func valuesComputedFromPersonalFieldsAreRedacted() throws {
    let pack = try TemporaryPack.minimal(overriding: [
      "pack.yaml": """
      precept: 1
      pack: test-pack
      version: 1.0.0
      title: Test pack
      effective: 2026-04-01
      record: {schema: incident.yaml, id: incident_id, date: occurred_at}
      sources:
        addendum: {title: The addendum}
      definitions:
        initials: incident.pupil.name.substring(0, 3)
        shouted: incident.pupil.name.upperAscii()
        long_name: size(incident.pupil.name) > 5
      """,
      "rules/r.yaml": """
      rules:
        - id: T-001
          title: Initials
          severity: error
          cite: [addendum §7]
          require: initials == 'xyz' && !long_name
          message: "{{ initials }} {{ shouted }} {{ incident.pupil.name + '!' }} {{ long_name }}"
        - id: T-002
          title: Numeric name
          severity: error
          cite: [addendum §7]
          require: int(incident.pupil.name) > 0
        - id: T-003
          title: Name list
          severity: warning
          cite: [addendum §7]
          require: "[incident.pupil.name].all(n, n == 'x')"
      """,
    ])
    defer { pack.remove() }
    let record =
      #"{"incident_id": "A-1", "occurred_at": "2026-05-03T10:15:00+01:00", "pupil": {"name": "Quinlan Smith"}}"#
    for format in BadInput.formats {
      let result = try BadInput.check(
        "one.jsonl", record, ["--format", format, "--explain"], rules: pack.directory)
      #expect(result.status == 1, "\(result.stderr)")
      for leak in ["Quinlan", "QUINLAN", "Qui"] {
        #expect(!result.stdout.contains(leak), "\(format) leaks '\(leak)':\n\(result.stdout)")
      }
      if format == "text" {
        // Truth values and numbers computed from personal data are still shown.
        #expect(result.stdout.contains("long_name = true"), "\(result.stdout)")
        let shown = try BadInput.check(
          "one.jsonl", record, ["--format", format, "--explain", "--show-personal"],
          rules: pack.directory)
        #expect(shown.stdout.contains("QUINLAN SMITH"), "\(shown.stdout)")
      }
    }
  }

  /// A number taken out of a personal value (the birth year in the pack's `pupil_age`) is
  /// redacted; the age worked out from it is shown.
  @Test func aBirthYearIsRedactedButTheAgeIsShown() throws {
    func terms(_ args: [String]) throws -> [(expr: String, value: String)] {
      let result = try CLI.run(
        ["check", "Rules/dfe-2026/examples/incidents.csv", "--format", "json"] + args)
      let report = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      var out: [(String, String)] = []
      for finding in report["findings"] as? [[String: Any]] ?? [] {
        let explanation = finding["explanation"] as? [String: Any] ?? [:]
        for d in explanation["definitions"] as? [[String: Any]] ?? [] {
          out.append((d["name"] as? String ?? "", d["value"] as? String ?? ""))
          for t in d["values"] as? [[String: Any]] ?? [] {
            out.append((t["expr"] as? String ?? "", t["value"] as? String ?? ""))
          }
        }
      }
      return out
    }
    let year = "int(day(incident.pupil.date_of_birth).substring(0, 4))"
    let hidden = try terms([])
    #expect(hidden.contains { $0.expr == year })
    #expect(hidden.filter { $0.expr == year }.allSatisfy { $0.value == "‹redacted›" })
    #expect(hidden.contains { $0.expr == "pupil_age" && Int($0.value) != nil })
    let shown = try terms(["--show-personal"])
    #expect(
      shown.filter { $0.expr == year }.allSatisfy { $0.value.count == 4 && Int($0.value) != nil })
  }
}
