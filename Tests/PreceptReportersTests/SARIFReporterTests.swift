import Foundation
import PreceptEngine
import Testing

@testable import PreceptReporters

@Suite struct SARIFReporterTests {
  @Test(
    .enabled(
      if: SARIFSchemaValidator.isAvailable,
      "needs python3 with jsonschema and the SARIF 2.1.0 schema"),
    arguments: ["sample", "clean"])
  func validatesAgainstTheSchema(name: String) throws {
    let report = name == "clean" ? SampleReport.clean : SampleReport.report
    let (status, output) = try SARIFSchemaValidator.errors(in: SARIFReporter().render(report))
    #expect(status == 0, "SARIF does not validate:\n\(output)")
  }

  private func document(_ report: CheckReport = SampleReport.report) throws -> [String: Any] {
    let data = Data(SARIFReporter().render(report).utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  private func run(_ report: CheckReport = SampleReport.report) throws -> [String: Any] {
    let runs = try #require(try document(report)["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    return try #require(runs.first)
  }

  @Test func rulesCoverThePackAndOtherCodes() throws {
    let driver = try #require((try run()["tool"] as? [String: Any])?["driver"] as? [String: Any])
    #expect(driver["name"] as? String == "precept")
    #expect(driver["version"] as? String == "0.1.0")
    let rules = try #require(driver["rules"] as? [[String: Any]])
    #expect(
      rules.map { $0["id"] as? String } == [
        "RI-SEC-006", "RI-REP-002", "RI-REC-001", "RI-INFO-009", "PRE3002", "PRE3201", "PRE3202",
        "RI-PAT-001",
      ])
    let levels = rules.map { ($0["defaultConfiguration"] as? [String: Any])?["level"] as? String }
    #expect(levels == ["error", "warning", "warning", "note", "error", "error", "note", "note"])
    let sec = rules[0]
    let help = try #require((sec["help"] as? [String: Any])?["text"] as? String)
    #expect(help.contains("Guidance: addendum §7"))
    #expect(help.contains("\"The pupil should be supervised at all times"))
    #expect(help.contains("Fix: record who supervised the pupil"))
    let tags = (sec["properties"] as? [String: Any])?["tags"] as? [String]
    #expect(tags == ["precept", "addendum §7"])
    let input = (rules[4]["shortDescription"] as? [String: Any])?["text"] as? String
    #expect(input == "Input problem")
  }

  @Test func resultsPointAtRulesAndRecords() throws {
    let run = try run()
    let rules = try #require(
      ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"]
        as? [[String: Any]])
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == SampleReport.findings.count)
    for result in results {
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
    }
    let first = results[0]
    #expect(
      (first["message"] as? [String: Any])?["text"] as? String
        == "pupil was not supervised throughout seclusion (supervision: intermittent) "
        + "(record INC-2026-0001)")
    let physical = try #require(
      (first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
    let artifact = physical["artifactLocation"] as? [String: Any]
    #expect(artifact?["uri"] as? String == "exports/incidents%202026.csv")
    #expect(artifact?["uriBaseId"] as? String == "SRCROOT")
    let region = physical["region"] as? [String: Any]
    #expect(region?["startLine"] as? Int == 2)
    // A CSV location's column is a field number: the region is the whole line.
    #expect(region?["startColumn"] == nil)
    let properties = try #require(first["properties"] as? [String: Any])
    #expect(properties["record"] as? String == "INC-2026-0001")
    #expect(properties["kind"] as? String == "violation")
    let explanation = properties["explanation"] as? [String: Any]
    #expect(explanation?["condition"] as? String != nil)
  }

  @Test func waivedFindingIsSuppressed() throws {
    let results = try #require(try run()["results"] as? [[String: Any]])
    let waived = try #require(results.first { $0["ruleId"] as? String == "RI-REC-001" })
    let suppressions = try #require(waived["suppressions"] as? [[String: Any]])
    #expect(suppressions.count == 1)
    #expect(suppressions[0]["kind"] as? String == "external")
    #expect(
      suppressions[0]["justification"] as? String == "agreed with the DSL: \"late\" entry, see log")
    #expect(results.filter { $0["suppressions"] != nil }.count == 1)
  }

  @Test func aggregateFindingHasGroupAndFallsBackToTheInputFile() throws {
    let results = try #require(try run()["results"] as? [[String: Any]])
    let aggregate = try #require(results.first { $0["ruleId"] as? String == "RI-PAT-001" })
    #expect((aggregate["properties"] as? [String: Any])?["group"] as? String == "pupil P-0042")
    #expect((aggregate["properties"] as? [String: Any])?["record"] == nil)
    let physical =
      (aggregate["locations"] as? [[String: Any]])?.first?["physicalLocation"]
      as? [String: Any]
    #expect(physical?["region"] == nil)
    #expect(
      (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String
        == "exports/incidents%202026.csv")

    var twoInputs = SampleReport.report
    twoInputs.summary.inputs.append("second.csv")
    let others = try #require(try run(twoInputs)["results"] as? [[String: Any]])
    #expect(others.first { $0["ruleId"] as? String == "RI-PAT-001" }?["locations"] == nil)
  }

  @Test func fingerprintsFollowRuleAndRecordNotPosition() {
    let findings = SampleReport.findings
    var moved = findings[0]
    moved.location?.line = 900
    moved.message = "a reworded message"
    #expect(SARIFReporter.fingerprint(of: moved) == SARIFReporter.fingerprint(of: findings[0]))
    let all = Set(findings.map(SARIFReporter.fingerprint(of:)))
    #expect(all.count == findings.count)
    #expect(all.allSatisfy { $0.count == 16 })
  }

  @Test func runCarriesSummaryAndNotes() throws {
    let run = try run()
    let summary = (run["properties"] as? [String: Any])?["summary"] as? [String: Any]
    #expect(summary?["read"] as? Int == 6)
    #expect(summary?["rejected"] as? Int == 1)
    let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
    #expect(invocation["executionSuccessful"] as? Bool == true)
    let notes = invocation["toolExecutionNotifications"] as? [[String: Any]]
    #expect(notes?.count == 1)
  }

  @Test func jsonLocationKeepsItsColumn() throws {
    var report = SampleReport.report
    report.findings[0].location = .init(file: "export.jsonl", line: 3, column: 17)
    let results = try #require(try run(report)["results"] as? [[String: Any]])
    let physical =
      (results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"]
      as? [String: Any]
    let region = physical?["region"] as? [String: Any]
    #expect(region?["startLine"] as? Int == 3)
    #expect(region?["startColumn"] as? Int == 17)
    let line = GitHubReporter().render(report).split(separator: "\n").first
    #expect(line?.hasPrefix("::error file=export.jsonl,line=3,col=17,title=RI-SEC-006 ") == true)
  }

  @Test(arguments: [
    ("export.csv", false, "export.csv"),
    ("dir with space/é.csv", false, "dir%20with%20space/%C3%A9.csv"),
    ("a:b#c?.csv", false, "a%3Ab%23c%3F.csv"),
    ("/abs/a:b.csv", true, "/abs/a:b.csv"),
  ])
  func pathsBecomeURIReferences(path: String, keepColon: Bool, uri: String) {
    #expect(SARIFReporter.percentEncode(path, keepColon: keepColon) == uri)
  }
}
