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

  /// Bad values in personal fields: the record is rejected, the message names the field and
  /// never the value.
  @Test(arguments: [
    (
      "dob.csv",
      "incident_id,occurred_at,pupil.date_of_birth\nA-1,2026-05-03T10:15:00+01:00,Quinlan Smith\n"
    ),
    (
      "name.jsonl",
      #"{"incident_id": "A-1", "occurred_at": "2026-05-03T10:15:00+01:00", "pupil": {"name": ["Quinlan Smith"]}}"#
    ),
    (
      "name-number.jsonl",
      #"{"incident_id": "A-1", "occurred_at": "2026-05-03T10:15:00+01:00", "location": {"room": "Quinlan Smith"}}"#
    ),
    (
      "escape.jsonl",
      #"{"incident_id": "A-1", "occurred_at": "2026-05-03T10:15:00+01:00", "antecedents": "Quinlan Smith \q"}"#
    ),
    ("control.jsonl", "{\"incident_id\": \"A-1\", \"antecedents\": \"Quinlan Smith\u{1}\"}"),
    ("unterminated.jsonl", #"{"incident_id": "A-1", "rationale": "Quinlan Smith"#),
    (
      "injuries.csv",
      "incident_id,occurred_at,injuries\nA-1,2026-05-03T10:15:00+01:00,\"[{\"\"person\"\": \"\"pupil\"\", \"\"description\"\": \"\"Quinlan Smith\"\"\"\n"
    ),
    (
      "injuries-type.csv",
      "incident_id,occurred_at,injuries\nA-1,2026-05-03T10:15:00+01:00,\"[{\"\"person\"\": \"\"pupil\"\", \"\"description\"\": [\"\"Quinlan Smith\"\"]}]\"\n"
    ),
    (
      "ragged.csv",
      "incident_id,occurred_at,rationale\nA-1,2026-05-03T10:15:00+01:00,Quinlan Smith,x\n"
    ),
    (
      "quote.csv",
      "incident_id,occurred_at,rationale\nA-1,2026-05-03T10:15:00+01:00,\"Quinlan Smith\n"
    ),
  ])
  func badPersonalValuesAreNotEchoed(_ file: String, _ text: String) throws {
    for format in BadInput.formats {
      let result = try BadInput.check(file, text, ["--format", format, "--explain"])
      #expect(result.status == 1, "\(format): \(result.stdout)\(result.stderr)")
      #expect(!result.stdout.contains("Quinlan"), "\(format) echoes the value: \(result.stdout)")
      #expect(!result.stderr.contains("Quinlan"), "\(format) echoes the value: \(result.stderr)")
    }
  }
}
