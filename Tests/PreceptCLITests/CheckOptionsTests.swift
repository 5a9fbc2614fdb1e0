import Foundation
import PreceptTestSupport
import Testing

/// End-to-end tests of profiles, waivers and duplicate ids.
@Suite struct CheckOptionsTests {
  func report(_ args: [String]) throws -> (CLI.Result, [String: Any]) {
    let result = try CLI.run(["check"] + args + ["--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return (result, try #require(object as? [String: Any], "\(result.stderr)"))
  }

  func findings(_ r: [String: Any]) -> [[String: Any]] { r["findings"] as? [[String: Any]] ?? [] }

  func temporaryFile(_ name: String, _ text: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precept-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test func profileMapsASchoolSystemsExport() throws {
    let (result, r) = try report(["Rules/profiles/example-mis.csv", "--profile", "example-mis"])
    #expect(result.status == 1)
    let summary = try #require(r["summary"] as? [String: Any])
    #expect(summary["read"] as? Int == 12)
    #expect(
      summary["rejected"] as? Int == 0,
      "\(findings(r).filter { $0["kind"] as? String == "input_error" })")
    // 'Parent Contact Method' = phone maps to parent_report.method, so RI-PAR-002 fires.
    #expect(
      findings(r).contains {
        $0["rule"] as? String == "RI-PAR-002" && $0["record"] as? String == "INC-2026-0009"
      })
    // Without the profile the UK dates cannot be read and every record is rejected.
    let (_, raw) = try report(["Rules/profiles/example-mis.csv"])
    #expect((raw["summary"] as? [String: Any])?["rejected"] as? Int == 12)
  }

  @Test func unknownProfileIsABadInvocation() throws {
    let result = try CLI.run([
      "check", "Rules/dfe-2026/examples/incidents.csv", "--profile", "nope",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("no profile 'nope'"))
  }

  @Test func waiversCoverFindingsUntilTheyExpire() throws {
    let waivers = try temporaryFile(
      "waivers.yaml",
      """
      waivers:
        - rule: RI-PAR-003
          record: INC-2026-0011
          reason: parents were abroad; report sent on their return, agreed with the DSL
          approver: Head of Safeguarding
          expires: 2099-12-31
        - rule: RI-PAR-002
          record: INC-2026-0009
          reason: old waiver
          approver: Former head
          expires: 2026-01-31
      """)
    defer { try? FileManager.default.removeItem(at: waivers.deletingLastPathComponent()) }
    let (_, r) = try report(["Rules/dfe-2026/examples/incidents.csv", "--waivers", waivers.path])
    let all = findings(r)
    let waived = try #require(
      all.first {
        $0["rule"] as? String == "RI-PAR-003" && $0["record"] as? String == "INC-2026-0011"
      })
    #expect((waived["waiver"] as? [String: Any])?["approver"] as? String == "Head of Safeguarding")
    #expect((r["summary"] as? [String: Any])?["waived"] as? Int == 1)
    // The expired waiver waives nothing and is itself a finding.
    let still = all.first {
      $0["rule"] as? String == "RI-PAR-002" && $0["record"] as? String == "INC-2026-0009"
        && $0["kind"] as? String == "violation"
    }
    #expect(still?["waiver"] == nil)
    #expect(
      all.contains {
        $0["kind"] as? String == "expired_waiver" && $0["rule"] as? String == "RI-PAR-002"
      })
  }

  @Test func waiverForUnknownRuleIsRejected() throws {
    let waivers = try temporaryFile(
      "waivers.yaml",
      """
      waivers:
        - rule: RI-PAR-033
          record: INC-1
          reason: x
          approver: y
          expires: 2099-01-01
      """)
    defer { try? FileManager.default.removeItem(at: waivers.deletingLastPathComponent()) }
    let result = try CLI.run([
      "check", "Rules/dfe-2026/examples/incidents.csv", "--waivers", waivers.path,
    ])
    #expect(result.status == 2)
    #expect(
      result.stderr.contains("waivers.yaml:2:11: error: waiver names unknown rule 'RI-PAR-033'"))
  }

  @Test func duplicateIncidentIDsAreFindings() throws {
    let export = try temporaryFile(
      "dupes.jsonl",
      """
      {"incident_id": "D-1", "occurred_at": "2026-05-03T10:15:00+01:00", "ended_at": "2026-05-03T10:20:00+01:00"}
      {"incident_id": "D-2", "occurred_at": "2026-05-04T10:15:00+01:00", "ended_at": "2026-05-04T10:20:00+01:00"}
      {"incident_id": "D-1", "occurred_at": "2026-05-05T10:15:00+01:00", "ended_at": "2026-05-05T10:20:00+01:00"}

      """)
    defer { try? FileManager.default.removeItem(at: export.deletingLastPathComponent()) }
    let (_, r) = try report([export.path])
    let dupes = findings(r).filter { $0["kind"] as? String == "duplicate_id" }
    #expect(dupes.count == 1)
    #expect(dupes.first?["record"] as? String == "D-1")
    #expect((dupes.first?["location"] as? [String: Any])?["line"] as? Int == 3)
    #expect((dupes.first?["message"] as? String)?.contains(":1") == true)
  }
}

/// `escalate:` raises a finding's severity when its condition holds, or cannot be evaluated.
@Suite struct EscalationTests {
  static let fixture = "Rules/dfe-2026/tests/fixtures/compliant-significant-force.yaml"

  func severity(position: String, minutes: String?) throws -> String? {
    var text = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(Self.fixture), encoding: .utf8)
    text = text.replacingOccurrences(of: "  position: standing", with: "  position: \(position)")
    text = text.replacingOccurrences(
      of: "  ground_hold_minutes: 0\n", with: minutes.map { "  ground_hold_minutes: \($0)\n" } ?? ""
    )
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precept-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("one.yaml")
    try Data(text.utf8).write(to: file)
    let result = try CLI.run(["check", file.path, "--format", "json"])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let findings = report["findings"] as? [[String: Any]] ?? []
    return findings.first { $0["rule"] as? String == "RI-FOR-003" }?["severity"] as? String
  }

  @Test func groundHoldIsAWarningUpToTheLimitAndAnErrorPastIt() throws {
    #expect(try severity(position: "standing", minutes: "0") == nil)
    #expect(try severity(position: "ground_prone", minutes: "3") == "warning")
    #expect(try severity(position: "ground_prone", minutes: "12") == "error")
  }
}
