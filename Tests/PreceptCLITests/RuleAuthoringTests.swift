import Foundation
import PreceptTestSupport
import Testing

/// Mistakes a policy lead makes while writing rules and tests: each must be caught when the
/// pack loads, with the place and the reason, not discovered as a rule that never fires.
@Suite struct RuleAuthoringTests {
  /// A fresh overlay (from `precept init`) in a temporary folder; its rule file replaced.
  private struct Overlay {
    let root: URL
    var path: String { root.appendingPathComponent("t").path }

    init() throws {
      root = FileManager.default.temporaryDirectory
        .appendingPathComponent("precept-authoring-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
      let run = try CLI.run(["init", "t"], directory: root)
      #expect(run.status == 0, "\(run.stderr)")
    }

    func write(_ file: String, _ text: String) throws {
      let url = root.appendingPathComponent("t/\(file)")
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Replaces the example rule with one rule made of these lines (`when`, `require`…).
    func rule(_ lines: String) throws {
      try write(
        "rules/trust.yaml",
        """
        rules:
          - id: TRUST-A-001
            title: t
            severity: error
            cite: [trust-policy §1]
        \(lines)
        """)
      // The generated tests are about the example rule.
      try FileManager.default.removeItem(at: root.appendingPathComponent("t/tests/trust.yaml"))
    }

    func run(_ arguments: [String]) throws -> CLI.Result {
      try CLI.run(arguments.map { $0 == "@" ? path : $0 })
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  // MARK: - Enum values inside comprehensions

  @Test(arguments: [
    "incident.injuries.exists(i, i.person == 'teacher')",
    "incident.interventions.exists(i, i == 'restraint')",
    "incident.interventions.all(x, x in ['seclusion', 'restraint'])",
  ])
  func enumValueInsideAComprehensionIsChecked(_ condition: String) throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    try overlay.rule("    when: \(condition)\n    require: 'false'")
    let run = try overlay.run(["validate", "@"])
    #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
    #expect(run.stderr.contains("[PRE2110]"), "\(run.stderr)")
  }

  @Test func correctEnumValuesInsideComprehensionsPass() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    try overlay.rule(
      "    when: incident.injuries.exists(i, i.person == 'staff')\n"
        + "    require: incident.interventions.exists(i, i == 'seclusion')")
    let run = try overlay.run(["validate", "@"])
    #expect(run.status == 0, "\(run.stderr)")
  }

  // MARK: - Time literals CEL cannot read

  @Test func durationLiteralWithDaysIsRefusedWhenThePackLoads() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    try overlay.rule(
      "    when: seclusion\n"
        + "    require: incident.ended_at - incident.occurred_at < duration('2d')")
    let run = try overlay.run(["validate", "@"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("CEL cannot read the duration '2d'"), "\(run.stderr)")
    #expect(run.stderr.contains("rules/trust.yaml:7:"))
  }

  // MARK: - Tests that cannot mean what they say

  @Test func testRecordWithAMisspeltFieldIsAnError() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    try overlay.write(
      "tests/typo.yaml",
      """
      base:
        incident_id: T-1
        occurred_at: 2026-05-12T10:15:00+01:00
        interventions: [physical_restraint]
      tests:
        - name: a typo
          record: {parent_report: {follow_up_invited: null}}
          not_fires: [TRUST-REC-001]
      """)
    let run = try overlay.run(["test", "@"])
    #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
    #expect(
      run.stderr.contains(
        "test 'a typo' gives 'parent_report.follow_up_invited', which the record schema does not declare"
      ), "\(run.stderr)")
    #expect(run.stderr.contains("tests/typo.yaml:7:"))
  }

  @Test func ruleExpectedBothToFireAndNotToFireIsAnError() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    try overlay.write(
      "tests/both.yaml",
      """
      base: {incident_id: T-1, occurred_at: 2026-05-12T10:15:00+01:00, recorded_by: S-1}
      tests:
        - name: both
          fires: [TRUST-REC-001]
          not_fires: [TRUST-REC-001]
      """)
    let run = try overlay.run(["test", "@"])
    #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
    #expect(run.stderr.contains("expects 'TRUST-REC-001' both to fire and not to fire"))
  }

  @Test func aTestWithAnErrorInItsFileCoversNothing() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    try overlay.write(
      "tests/trust.yaml",
      """
      base: {incident_id: T-1, occurred_at: 2026-05-12T10:15:00+01:00,
             interventions: [physical_restraint]}
      tests:
        - name: fires, but with a misspelt field
          record: {recordd_by: S-1}
          fires: [TRUST-REC-001]
      """)
    let run = try overlay.run(["test", "@", "--coverage"])
    #expect(run.status == 2)
    #expect(run.stdout.contains("uncovered TRUST-REC-001: no test makes it fire"), "\(run.stdout)")
  }

  @Test func aTestWithAnUnknownKeyCoversNothing() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    try overlay.write(
      "tests/trust.yaml",
      """
      base: {incident_id: T-1, occurred_at: 2026-05-12T10:15:00+01:00,
             interventions: [physical_restraint], recorded_by: S-1}
      tests:
        - name: an unknown key, so the record is not what the author meant
          recrd: {recorded_by: null}
          not_fires: [TRUST-REC-001]
      """)
    let run = try overlay.run(["test", "@", "--coverage"])
    #expect(run.status == 2)
    #expect(run.stdout.contains("no test expects it not to fire"), "\(run.stdout)")
  }

  @Test(arguments: [
    ("incident.occurred_at < '2026-09-01'", "write a time as timestamp("),
    ("incident.occurred_at + '24h' > incident.ended_at", "write a duration as duration('24h')"),
  ])
  func typeErrorsSayHowToWriteATime(_ condition: String, _ hint: String) throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    try overlay.rule("    require: \(condition)")
    let run = try overlay.run(["validate", "@"])
    #expect(run.status == 2)
    #expect(run.stderr.contains(hint), "\(run.stderr)")
  }

  @Test func aggregateTestRecordWithAMisspeltFieldIsAnError() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    try overlay.write(
      "tests/review.yaml",
      """
      base: {incident_id: T-1, occurred_at: 2026-05-12T10:15:00+01:00}
      tests:
        - name: repeat
          records:
            - {incident_id: T-1, pupil: {id: P-1}, interventions: [seclusion]}
            - {incident_id: T-2, pupil: {idd: P-1}, interventions: [seclusion]}
          not_fires: [RI-REV-001]
      """)
    let run = try overlay.run(["test", "@"])
    #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
    #expect(run.stderr.contains("record 2 of the test gives 'pupil.idd'"), "\(run.stderr)")
  }

  @Test func coverageListsTheOverlaysOwnRulesAndOnlyPassingTestsCount() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    // A failing test: the rule does not fire on a compliant record.
    try overlay.write(
      "tests/trust.yaml",
      """
      base: {incident_id: T-1, occurred_at: 2026-05-12T10:15:00+01:00,
             interventions: [physical_restraint], recorded_by: S-1}
      tests:
        - name: wrongly expected to fire
          fires: [TRUST-REC-001]
        - name: does not fire
          not_fires: [TRUST-REC-001]
      """)
    let run = try overlay.run(["test", "@", "--coverage"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("coverage of the 1 rules of t ("), "\(run.stdout)")
    #expect(run.stdout.contains("uncovered TRUST-REC-001: no test makes it fire\n"))
    #expect(!run.stdout.contains("uncovered RI-"))
  }

  // MARK: - What findings and explain say

  @Test func fixInterpolatesValuesAsMessagesDo() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    // Block style, as most of the DfE pack's fixes are written.
    try overlay.rule(
      """
          when: seclusion
          require: incident.ended_at - incident.occurred_at <= params.parent_report_within
          message: long
          fix: >
            call a senior leader once it passes {{ params.parent_report_within }}
      """)
    let run = try overlay.run([
      "check", "Rules/dfe-2026/examples/incidents.csv", "--rules", "@", "--set",
      "parent_report_within=5m", "--format", "json",
    ])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let findings = try #require(report["findings"] as? [[String: Any]])
      .filter { $0["rule"] as? String == "TRUST-A-001" }
    #expect(!findings.isEmpty)
    // Every finding of the rule, those that could not be evaluated included.
    for f in findings {
      #expect(f["fix"] as? String == "call a senior leader once it passes 5m", "\(f)")
    }
    let explain = try overlay.run(["explain", "TRUST-A-001", "--rules", "@"])
    #expect(explain.stdout.contains("parent_report_within = "), "\(explain.stdout)")
  }

  @Test func explainShowsAnOverrideAndItsReason() throws {
    let overlay = try Overlay()
    defer { overlay.remove() }
    var pack = try String(
      contentsOf: overlay.root.appendingPathComponent("t/pack.yaml"), encoding: .utf8)
    pack +=
      "\noverrides:\n  RI-PAR-005:\n    severity: error\n"
      + "    reason: parents are invited at the weekly meeting\n"
    try overlay.write("pack.yaml", pack)
    let run = try overlay.run(["explain", "RI-PAR-005", "--rules", "@"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout.contains(
        "overridden by t (severity warning → error): parents are invited at the weekly meeting"),
      "\(run.stdout)")
  }

  @Test func explainShowsWhenAFindingBecomesMoreSerious() throws {
    let run = try CLI.run(["explain", "RI-FOR-003"])
    #expect(
      run.stdout.contains("becomes error when:\n  ground_hold_length > params.ground_hold_max"))
    #expect(run.stdout.contains("ground_hold_length = "))
    #expect(run.stdout.contains("ground_hold_max = "))
  }

  // MARK: - Values

  /// `precept check` of the example MIS export with the example profile changed.
  private func checkWithExampleProfile(replacing old: String, with new: String) throws
    -> CLI.Result
  {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-profile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let original = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(
        "Rules/profiles/example-mis.yaml"), encoding: .utf8)
    let changed = original.replacingOccurrences(of: old, with: new)
    #expect(changed != original)
    let profile = dir.appendingPathComponent("p.yaml")
    try changed.write(to: profile, atomically: true, encoding: .utf8)
    return try CLI.run(["check", "Rules/profiles/example-mis.csv", "--profile", profile.path])
  }

  @Test func profileMappingToAValueTheSchemaRefusesIsAnError() throws {
    let run = try checkWithExampleProfile(
      replacing: "\"EHC Plan\": ehcp", with: "\"EHC Plan\": EHCP")
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("'EHC Plan' maps to 'EHCP', but 'pupil.sen_status' is one of"))
  }

  @Test func durationParamWithoutAUnitIsRefused() throws {
    let run = try CLI.run(["explain", "RI-PAR-003", "--set", "parent_report_within=8"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("a duration needs a unit"), "\(run.stderr)")
    // Zero is zero in any unit.
    let zero = try CLI.run(["explain", "RI-PAR-003", "--set", "parent_report_within=0"])
    #expect(zero.status == 0, "\(zero.stderr)")
  }

  @Test func profileMayMapAValueToEmptyToMakeItMissing() throws {
    let run = try checkWithExampleProfile(
      replacing: "\"EHC Plan\": ehcp", with: "\"EHC Plan\": ehcp, \"N/A\": \"\"")
    #expect(run.status != 2, "\(run.stderr)")
  }

  @Test func evalRefusesWhatValidateRefuses() throws {
    let run = try CLI.run(["eval", "incident.pupil.sen_status == 'EHCP'"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("[PRE2110]"))
    #expect(run.stdout.isEmpty)
  }

  @Test func recordSchemaAllowsNullForOptionalFields() throws {
    let run = try CLI.run(["schema", "record"])
    let schema = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let properties = try #require(schema["properties"] as? [String: Any])
    let location = try #require(properties["location"] as? [String: Any])
    let options = try #require(location["anyOf"] as? [[String: Any]])
    #expect(options.contains { $0["type"] as? String == "null" })
    let id = try #require(properties["incident_id"] as? [String: Any])
    #expect(id["anyOf"] == nil, "a required field may not be null")
  }
}
