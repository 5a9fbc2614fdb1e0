import Foundation
import PreceptTestSupport
import Testing

/// End-to-end runs of `precept validate`, `test`, `rules`, `explain`, `schema` and `eval`.
@Suite struct PackCommandTests {
  @Test func bundledPackValidates() throws {
    let result = try CLI.run(["validate", "Rules/dfe-2026"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("valid"))
    #expect(result.stderr.isEmpty)
  }

  @Test func bundledPackTestsPass() throws {
    let result = try CLI.run(["test", "Rules/dfe-2026", "--coverage"])
    #expect(result.status == 0, "\(result.stdout)")
    let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasSuffix("passed, 0 failed"))
    #expect(!result.stdout.contains("uncovered"), "every rule is covered on both sides")
  }

  @Test func overlayExampleValidatesAndItsTestsPass() throws {
    let validate = try CLI.run(["validate", "Rules/examples/same-day-overlay"])
    #expect(validate.status == 0, "\(validate.stderr)")
    let test = try CLI.run(["test", "Rules/examples/same-day-overlay"])
    #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
  }

  @Test func brokenPackIsRejectedWithPositions() throws {
    let pack = try TemporaryPack.minimal(overriding: [
      "rules/r.yaml": """
      rules:
        - id: T-001
          title: Supervised
          severity: error
          cite: [addendum §7]
          require: 1️⃣incidnt.seclusion.supervision == 'continuous'
      """
    ])
    defer { pack.remove() }
    let result = try CLI.run(["validate", pack.directory])
    #expect(result.status == 2)
    let marker = try #require(pack.markers["1️⃣"])
    #expect(result.stderr.contains("rules/r.yaml:\(marker.line):\(marker.column): error: "))
    #expect(result.stderr.contains("did you mean 'incident'?"))
    #expect(result.stderr.contains("^~~~~~~"))
    // A pack with errors is never used to check data.
    let check = try CLI.run([
      "check", "Rules/dfe-2026/examples/incidents.csv", "--rules", pack.directory,
    ])
    #expect(check.status == 2)
    #expect(check.stdout.isEmpty)
  }

  @Test func rulesListsEveryRule() throws {
    let result = try CLI.run(["rules"])
    #expect(result.status == 0)
    for id in [
      "RI-REC-001", "RI-PAR-003", "RI-SEC-006", "RI-FOR-003", "RI-POST-002", "RI-DATA-001",
    ] {
      #expect(result.stdout.contains(id))
    }
  }

  @Test func explainShowsCitationQuoteAndParams() throws {
    let result = try CLI.run(["explain", "RI-PAR-003", "--set", "parent_report_within=8h"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("parent_report_within = 8h (--set; default 24h)"))
    #expect(result.stdout.contains("addendum §8.2"))
    let unknown = try CLI.run(["explain", "RI-XYZ-999"])
    #expect(unknown.status == 2)
  }

  @Test func schemaIsCheckedInAndCurrent() throws {
    let result = try CLI.run(["schema", "rulepack"])
    #expect(result.status == 0)
    let checkedIn = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent("Grammar/rulepack.schema.json"),
      encoding: .utf8)
    #expect(
      result.stdout == checkedIn,
      "regenerate with: precept schema rulepack > Grammar/rulepack.schema.json")
  }

  @Test func evalRedactsPersonalFieldsUnlessAsked() throws {
    let record = "Rules/dfe-2026/tests/fixtures/no-force.yaml"
    let hidden = try CLI.run(["eval", "incident.pupil.name", "--record", record])
    #expect(hidden.status == 0, "\(hidden.stderr)")
    #expect(hidden.stdout == "‹redacted›\n")
    let shown = try CLI.run(["eval", "incident.pupil.name", "--record", record, "--show-personal"])
    #expect(shown.stdout == "'Test Pupil Three'\n")
    let missing = try CLI.run(["eval", "incident.seclusion.place", "--record", record])
    #expect(missing.status == 1)
    #expect(missing.stdout == "error: incident.seclusion is missing\n")
  }

  @Test func evalEvaluatesInThePackScope() throws {
    let result = try CLI.run(["eval", "params.parent_report_within + duration('1h')"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "25h\n")
    let bad = try CLI.run(["eval", "incidnt.pupil"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("<expression>:1:1: error: "))
  }
}
