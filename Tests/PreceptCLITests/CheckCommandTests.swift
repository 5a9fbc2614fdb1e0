import Foundation
import PreceptTestSupport
import Testing

/// End-to-end runs of the built `precept check` on the example exports and fixtures.
@Suite struct CheckCommandTests {
  static let csv = "Rules/dfe-2026/examples/incidents.csv"
  static let json = "Rules/dfe-2026/examples/incidents.json"

  func jsonReport(_ args: [String], stdin: String? = nil) throws -> (CLI.Result, [String: Any]) {
    let result = try CLI.run(["check"] + args + ["--format", "json"], stdin: stdin)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return (
      result, try #require(object as? [String: Any], "not JSON: \(result.stdout.prefix(300))")
    )
  }

  func summary(_ report: [String: Any]) -> (read: Int, evaluated: Int, rejected: Int) {
    let s = report["summary"] as? [String: Any] ?? [:]
    return (s["read"] as? Int ?? -1, s["evaluated"] as? Int ?? -1, s["rejected"] as? Int ?? -1)
  }

  func findings(_ report: [String: Any]) -> [[String: Any]] {
    report["findings"] as? [[String: Any]] ?? []
  }

  @Test func exampleCSVIsCheckedAndEveryRecordAccountedFor() throws {
    let (result, report) = try jsonReport([Self.csv])
    #expect(result.status == 1)
    let s = summary(report)
    #expect(s.read == 47)
    #expect(s.evaluated + s.rejected == s.read)
    #expect(s.rejected == 2)
    let all = findings(report)
    let late = try #require(
      all.first {
        $0["rule"] as? String == "RI-PAR-003" && $0["record"] as? String == "INC-2026-0011"
      })
    let location = try #require(late["location"] as? [String: Any])
    #expect(location["file"] as? String == Self.csv)
    #expect(location["line"] as? Int == 12)
    #expect(location["row"] as? Int == 11)
    #expect((late["message"] as? String)?.contains("30h18m") == true)
    #expect((late["cite"] as? [String])?.contains("addendum §8.2") == true)
    let explanation = try #require(late["explanation"] as? [String: Any])
    let values = explanation["values"] as? [[String: Any]] ?? []
    #expect(
      values.contains {
        $0["expr"] as? String == "params.parent_report_within" && $0["value"] as? String == "24h"
      })
    // The two malformed rows are rejected with their row and column.
    let rejected = all.filter { $0["kind"] as? String == "input_error" }
    #expect(rejected.count == 2)
    #expect(rejected.allSatisfy { ($0["location"] as? [String: Any])?["row"] != nil })
  }

  @Test func exampleJSONGivesTheSameRuleFindingsAsCSV() throws {
    let (_, fromCSV) = try jsonReport([Self.csv])
    let (result, fromJSON) = try jsonReport([Self.json])
    #expect(result.status == 1)
    func pairs(_ r: [String: Any]) -> Set<String> {
      Set(
        findings(r).filter { ($0["rule"] as? String)?.hasPrefix("RI-") == true }
          .map { "\($0["record"] ?? "") \($0["rule"] ?? "")" })
    }
    #expect(pairs(fromCSV) == pairs(fromJSON))
    #expect(summary(fromJSON).read == 45)
  }

  @Test func yamlExportGivesTheSameFindingsAsJSON() throws {
    let (_, fromJSON) = try jsonReport([Self.json])
    // The same records as YAML, under an `incidents:` key, with one bad record added.
    let data = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(Self.json), encoding: .utf8)
    let array = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [Any])
    var yaml = "incidents:\n"
    for record in array {
      // JSON is YAML: one flow mapping per list item.
      let line = String(
        decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]),
        as: UTF8.self)
      yaml += "  - \(line)\n"
    }
    yaml += "  - just text\n"
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precept-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("export.yaml")
    try Data(yaml.utf8).write(to: file)
    let (result, fromYAML) = try jsonReport([file.path])
    #expect(result.status == 1)
    let s = summary(fromYAML)
    #expect(s.read == 46 && s.evaluated == 45 && s.rejected == 1)
    func pairs(_ r: [String: Any]) -> Set<String> {
      Set(
        findings(r).filter { ($0["rule"] as? String)?.hasPrefix("RI-") == true }
          .map { "\($0["record"] ?? "") \($0["rule"] ?? "")" })
    }
    #expect(pairs(fromYAML) == pairs(fromJSON))
    let bad = findings(fromYAML).first { $0["kind"] as? String == "input_error" }
    #expect((bad?["location"] as? [String: Any])?["line"] as? Int == array.count + 2)
  }

  @Test func jsonLinesFromStandardInput() throws {
    let data = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(Self.json), encoding: .utf8)
    let array = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [Any])
    let lines =
      try array.map {
        String(
          decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]),
          as: UTF8.self)
      }.joined(separator: "\n") + "\n{not json}\n"
    let (result, report) = try jsonReport(["-", "--input-format", "jsonl"], stdin: lines)
    #expect(result.status == 1)
    let s = summary(report)
    #expect(s.read == 46)
    #expect(s.rejected == 1)
    #expect(s.evaluated == 45)
  }

  @Test(arguments: [
    (["--fail-on", "never"], Int32(0)),
    (["--fail-on", "error"], Int32(1)),
    (["--fail-on", "warning"], Int32(1)),
  ])
  func failOnDecidesTheExitCode(_ flags: [String], _ status: Int32) throws {
    let result = try CLI.run(["check", Self.csv] + flags)
    #expect(result.status == status, "\(result.stderr)")
  }

  @Test func compliantRecordsExitZero() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precept-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("ok.jsonl")
    try Data(
      #"{"incident_id": "A-1", "occurred_at": "2026-05-03T10:15:00+01:00", "ended_at": "2026-05-03T10:20:00+01:00", "recorded_by": "S-1", "recorded_at": "2026-05-03T11:00:00+01:00"}"#
        .utf8
    ).write(to: file)
    let result = try CLI.run(["check", file.path])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("1 record read, 1 evaluated, 0 rejected"))
  }

  @Test func unreadableInputExitsThree() throws {
    let result = try CLI.run(["check", "no/such/export.csv"])
    #expect(result.status == 3)
    #expect(result.stderr.contains("no/such/export.csv"))
  }

  @Test(arguments: [
    ["check", Self.csv, "--format", "xml"],
    ["check"],
    ["check", Self.csv, "--set", "no_such_param=1"],
    ["check", Self.csv, "--set", "parent_report_within=soon"],
    ["frobnicate"],
  ])
  func badInvocationsExitTwo(_ args: [String]) throws {
    let result = try CLI.run(args)
    #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
    #expect(!result.stderr.isEmpty)
  }

  @Test func setChangesAParamAndItsFindings() throws {
    let (_, strict) = try jsonReport([Self.csv, "--set", "parent_report_within=1h"])
    let (_, lax) = try jsonReport([Self.csv, "--set", "parent_report_within=48h"])
    func count(_ r: [String: Any]) -> Int {
      findings(r).filter { $0["rule"] as? String == "RI-PAR-003" }.count
    }
    #expect(count(strict) > count(lax))
    #expect(count(lax) == 0)
  }

  @Test func outputIsDeterministic() throws {
    for format in ["text", "json"] {
      let a = try CLI.run(["check", Self.csv, "--format", format, "--explain"])
      let b = try CLI.run(["check", Self.csv, "--format", format, "--explain"])
      #expect(a.stdout == b.stdout, "format \(format)")
    }
  }

  @Test func outputDoesNotDependOnTheOrderOfRuleFiles() throws {
    let root = CLI.repositoryRoot()
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
      "precept-pack-\(UUID())")
    try FileManager.default.copyItem(at: root.appendingPathComponent("Rules/dfe-2026"), to: copy)
    defer { try? FileManager.default.removeItem(at: copy) }
    // Rename rule files so that they load in the opposite order.
    let rules = copy.appendingPathComponent("rules")
    let names = try FileManager.default.contentsOfDirectory(atPath: rules.path).sorted()
    for (i, name) in names.enumerated() {
      try FileManager.default.moveItem(
        at: rules.appendingPathComponent(name),
        to: rules.appendingPathComponent("\(names.count - i)-\(name)"))
    }
    let a = try CLI.run(["check", Self.csv, "--format", "json"])
    let b = try CLI.run(["check", Self.csv, "--format", "json", "--rules", copy.path])
    #expect(a.stdout == b.stdout)
  }

  @Test func personalFieldsAreRedactedUnlessAsked() throws {
    // Pupil names and free text in the example export never reach the output.
    let export = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(Self.json), encoding: .utf8)
    let records = try #require(
      try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [[String: Any]])
    let names = records.compactMap { ($0["pupil"] as? [String: Any])?["name"] as? String }
    #expect(!names.isEmpty)
    for format in ["text", "json"] {
      let result = try CLI.run(["check", Self.json, "--format", format, "--explain"])
      for name in names { #expect(!result.stdout.contains(name), "\(format) leaks '\(name)'") }
    }
  }

  @Test func textOutputSnapshot() throws {
    let result = try CLI.run(["check", Self.csv, "--explain"])
    assertSnapshot(result.stdout, named: "check-examples-explain")
  }
}
