import Foundation
import PreceptTestSupport
import Testing

/// Every record read is either evaluated or rejected with its location: mixed good and bad
/// records in CSV and JSON Lines, checked one by one.
@Suite struct NothingLostTests {
  /// A pack whose one rule fails on every record it evaluates, so that each evaluated record
  /// shows up as a finding carrying its id.
  static func packFailingEverything() throws -> TemporaryPack {
    try TemporaryPack.minimal(overriding: [
      "rules/r.yaml": """
      rules:
        - id: T-ALL
          title: Seen
          severity: warning
          cite: [addendum §7]
          require: "false"
          message: "seen {{ incident.incident_id }}"
      """
    ])
  }

  struct Expectation {
    /// Ids of the records that must be evaluated.
    var good: [String] = []
    /// Lines of the records that must be rejected, with the code each must carry.
    var bad: [(line: Int, code: String)] = []
  }

  func run(_ name: String, _ text: String, _ expected: Expectation) throws {
    let pack = try Self.packFailingEverything()
    defer { pack.remove() }
    let result = try BadInput.check(name, text, ["--format", "json"], rules: pack.directory)
    #expect(result.status == 1, "\(result.stderr)")
    let report = BadInput.report(result)
    let summary = try #require(report["summary"] as? [String: Any], "\(result.stdout.prefix(500))")
    let read = summary["read"] as? Int ?? -1
    let evaluated = summary["evaluated"] as? Int ?? -1
    let rejected = summary["rejected"] as? Int ?? -1
    #expect(read == evaluated + rejected)
    #expect(read == expected.good.count + expected.bad.count)
    #expect(evaluated == expected.good.count)
    #expect(rejected == expected.bad.count)

    let findings = report["findings"] as? [[String: Any]] ?? []
    let seen = findings.filter { $0["rule"] as? String == "T-ALL" }.compactMap {
      $0["record"] as? String
    }
    #expect(seen.sorted() == expected.good.sorted(), "every good record is evaluated once")

    let inputErrors = findings.filter { $0["kind"] as? String == "input_error" }
    var rejectedAt: [Int: Set<String>] = [:]
    for finding in inputErrors {
      let location = try #require(finding["location"] as? [String: Any])
      #expect(location["file"] as? String == name)
      let line = try #require(location["line"] as? Int)
      rejectedAt[line, default: []].insert(finding["rule"] as? String ?? "")
    }
    #expect(Set(rejectedAt.keys) == Set(expected.bad.map(\.line)), "\(inputErrors)")
    for (line, code) in expected.bad {
      #expect(rejectedAt[line]?.contains(code) == true, "line \(line): \(rejectedAt[line] ?? [])")
    }
  }

  @Test func mixedCSV() throws {
    let header = "incident_id,occurred_at,pupil.age_at_incident,pupil.sen_status,pupil.name"
    var lines = [header]
    var expected = Expectation()
    func good(_ id: String) {
      lines.append("\(id),2026-05-03T10:15:00+01:00,9,ehcp,Sam")
      expected.good.append(id)
    }
    func bad(_ text: String, _ code: String) {
      lines.append(text)
      expected.bad.append((lines.count, code))
    }
    for i in 1...12 {
      good("G-\(i)")
      switch i {
      case 1: bad("B-1,2026-05-03T10:15:00+01:00,9,ehcp", "PRE3002")
      case 2: bad("B-2,2026-05-03T10:15:00+01:00,9,ehcp,Sam,extra", "PRE3002")
      case 3: bad("B-3,2026-05-03T10:15:00+01:00,nine,ehcp,Sam", "PRE3301")
      case 4: bad("B-4,2026-05-03T10:15:00+01:00,9,statemented,Sam", "PRE3302")
      case 5: bad("B-5,2026-05-03T10:15:00,9,ehcp,Sam", "PRE3304")
      case 6: bad("B-6,2026-13-03T10:15:00+01:00,9,ehcp,Sam", "PRE3303")
      case 7: bad(",2026-05-03T10:15:00+01:00,9,ehcp,Sam", "PRE3306")
      case 8: bad("B-8,2026-05-03T10:15:00+01:00,9,ehcp,Sa\u{0}m", "PRE3004")
      case 9: bad("B-9,\"2026-05-03\"T10:15:00+01:00,9,ehcp,Sam", "PRE3005")
      default: break
      }
    }
    bad("B-11,2026-05-03T10:15:00+01:00,9,ehcp,\"Sam", "PRE3001")
    try run("mixed.csv", lines.joined(separator: "\n") + "\n", expected)
  }

  @Test func mixedJSONLines() throws {
    var lines: [String] = []
    var expected = Expectation()
    func good(_ id: String) {
      lines.append(
        #"{"incident_id": "\#(id)", "occurred_at": "2026-05-03T10:15:00+01:00", "pupil": {"age_at_incident": 9}}"#
      )
      expected.good.append(id)
    }
    func bad(_ text: String, _ code: String) {
      lines.append(text)
      expected.bad.append((lines.count, code))
    }
    for i in 1...12 {
      good("G-\(i)")
      switch i {
      case 1: bad(#"{"incident_id": "B-1", "occurred_at": }"#, "PRE3010")
      case 2: bad("[1, 2]", "PRE3011")
      case 3: bad(#"{"incident_id": "B-3", "incident_id": "B-3b"}"#, "PRE3013")
      case 4:
        bad(
          #"{"incident_id": "B-4", "x": "# + String(repeating: "[", count: 100)
            + String(repeating: "]", count: 100) + "}", "PRE3012")
      case 5:
        bad(
          #"{"incident_id": "B-5", "occurred_at": "2026-05-03T10:15:00+01:00", "pupil": {"age_at_incident": "nine"}}"#,
          "PRE3301")
      case 6: bad(#"{"incident_id": "B-6", "occurred_at": "2026-05-03T10:15:00+01:00""#, "PRE3010")
      case 7: bad(#"{"occurred_at": "2026-05-03T10:15:00+01:00"}"#, "PRE3306")
      case 8: lines.append("")  // a blank line is not a record
      default: break
      }
    }
    try run("mixed.jsonl", lines.joined(separator: "\n") + "\n", expected)
  }

  @Test func twoInputsAreCountedTogether() throws {
    let pack = try Self.packFailingEverything()
    defer { pack.remove() }
    let dir = try BadInput.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data("incident_id,occurred_at\nC-1,2026-05-03T10:15:00+01:00\nC-2\n".utf8)
      .write(to: dir.appendingPathComponent("a.csv"))
    try Data(#"{"incident_id": "J-1", "occurred_at": "2026-05-03T10:15:00+01:00"}\#n{"#.utf8)
      .write(to: dir.appendingPathComponent("b.jsonl"))
    let result = try CLI.run(
      ["check", "a.csv", "b.jsonl", "--rules", pack.directory, "--format", "json"], directory: dir)
    let summary = BadInput.report(result)["summary"] as? [String: Any] ?? [:]
    #expect(summary["read"] as? Int == 4)
    #expect(summary["evaluated"] as? Int == 2)
    #expect(summary["rejected"] as? Int == 2)
  }
}
