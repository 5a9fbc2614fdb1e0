import Foundation
import PreceptTestSupport
import Testing

/// End-to-end runs of the built `precept review` (and `check --roster`) on a hand-made export
/// and roster (Tests/Fixtures/review), with every figure worked out by hand below.
///
/// The roster has 50 pupils: E01–E10 (EHCP, male), N01–N35 (no SEN, female), L1–L5 (no SEN,
/// male, looked after); everyone WBRI, no disability, no child protection plan, no FSM, no EAL.
/// The export has 8 restrictive interventions (physical restraint), all after the pack's
/// effective date: E01 ×4 (1, 5, 10, 20 May, trigger 'transition' each time), E02 (2 May),
/// N01 (15 April), N02 (3 June), L1 (12 May). So 5 of the 50 pupils had an incident.
///
///     sen_status = ehcp   n = 10, a = 2, risk 0.2; others 3/40 = 0.075
///                         RR = 0.2 / 0.075 = 2.6667 (≥ 2.0: reported)
///                         composition 2/5 − 10/50 = 0.4 − 0.2 = +0.2
///                         se = √(1/2 − 1/10 + 1/3 − 1/40) = √0.708333 = 0.841625
///                         95% CI = exp(ln 2.6667 ∓ 1.959964 × 0.841625)
///                                = exp(0.980829 ∓ 1.649554) = 0.5124 … 13.8791
///     sen_status = none   n = 40, a = 3, risk 0.075; others 2/10 = 0.2; RR = 0.375;
///                         only 10 others (< n_size 30) and no wider roster: cannot evaluate
///     sex = male          n = 15 (E + L), a = 3 (E01, E02, L1), risk 0.2; others 2/35 = 0.05714
///                         RR = 0.2 / 0.05714 = 3.5 (reported); composition 3/5 − 15/50 = +0.3
///     looked_after = true n = 5 < min_cell 10: suppressed, every figure null; false (45) is
///                         suppressed too, since 50 − 45 would give the true group away
///     RI-REV-001          E01: 4 within 30 days (1–20 May) > 3
///     RI-REV-003          E01, 'transition' in 4 incidents ≥ 3
@Suite struct ReviewCommandTests {
  static let export = "Tests/Fixtures/review/incidents.csv"
  static let roster = "Tests/Fixtures/review/roster.csv"
  static let names = [
    "Amelia", "Hartfield", "Quillfeather", "Marchbanks", "Oakenshaw", "Pennywhistle",
  ]

  func review(_ format: String, _ extra: [String] = []) throws -> CLI.Result {
    try CLI.run(["review", Self.export, "--roster", Self.roster, "--format", format] + extra)
  }

  func object(_ text: String) throws -> [String: Any] {
    let o = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try #require(o as? [String: Any], "not JSON: \(text.prefix(300))")
  }

  func group(_ r: [String: Any], _ characteristic: String, _ value: String) throws -> [String: Any]
  {
    let groups = r["groups"] as? [[String: Any]] ?? []
    return try #require(
      groups.first {
        $0["characteristic"] as? String == characteristic && $0["value"] as? String == value
      },
      "no group \(characteristic) = \(value)")
  }

  func number(_ g: [String: Any], _ key: String) -> Double? { (g[key] as? NSNumber)?.doubleValue }

  @Test func jsonCarriesTheHandComputedFigures() throws {
    let result = try review("json")
    #expect(result.status == 0, "\(result.stderr)")
    let r = try object(result.stdout)

    let totals = try #require(r["totals"] as? [String: Any])
    #expect(totals["incidents"] as? Int == 8)
    #expect(totals["pupils"] as? Int == 5)
    #expect(totals["pupils_on_roll"] as? Int == 50)
    let months = (r["months"] as? [[String: Any]] ?? []).map {
      "\($0["month"]!)=\($0["incidents"]!)"
    }
    #expect(months == ["2026-04=1", "2026-05=6", "2026-06=1"])

    let ehcp = try group(r, "sen_status", "ehcp")
    #expect(ehcp["pupils"] as? Int == 10)
    #expect(ehcp["pupils_with_incidents"] as? Int == 2)
    #expect(ehcp["incidents"] as? Int == 5)
    #expect(number(ehcp, "risk") == 0.2)
    #expect(number(ehcp, "risk_ratio") == 2.6667)
    #expect(number(ehcp, "composition_difference") == 0.2)
    #expect(number(ehcp, "risk_ratio_ci_low") == 0.5124)
    #expect(number(ehcp, "risk_ratio_ci_high") == 13.8791)
    #expect(ehcp["alternate_risk_ratio"] is NSNull)
    #expect(ehcp["suppressed"] as? Bool == false)

    let none = try group(r, "sen_status", "none")
    #expect(number(none, "risk") == 0.075)
    #expect(number(none, "risk_ratio") == 0.375)

    let male = try group(r, "sex", "male")
    #expect(male["pupils"] as? Int == 15)
    #expect(male["pupils_with_incidents"] as? Int == 3)
    #expect(number(male, "risk_ratio") == 3.5)
    #expect(number(male, "composition_difference") == 0.3)

    // The only other looked-after group is withheld too: 50 on roll less its 45 would give
    // the small group away (and so would its risk ratio, which compares it with them).
    let notLookedAfter = try group(r, "looked_after", "false")
    #expect(notLookedAfter["suppressed"] as? Bool == true)
    #expect(notLookedAfter["pupils"] is NSNull)
    let notes = try #require(r["notes"] as? [String])
    #expect(notes.contains { $0.contains("'looked_after' false is suppressed too") })
    // Sex has no small group: nothing withheld.
    #expect(try group(r, "sex", "female")["suppressed"] as? Bool == false)

    // A small cell: suppressed, every figure null (never 0).
    let lookedAfter = try group(r, "looked_after", "true")
    #expect(lookedAfter["suppressed"] as? Bool == true)
    for key in [
      "pupils", "pupils_with_incidents", "incidents", "risk", "risk_ratio", "alternate_risk_ratio",
      "composition_difference",
    ] {
      #expect(lookedAfter.keys.contains(key) && lookedAfter[key] is NSNull, "\(key)")
    }

    // Aggregate findings: record null, a group.
    let findings = r["findings"] as? [[String: Any]] ?? []
    func fired(_ rule: String) -> Set<String> {
      Set(
        findings.filter { $0["rule"] as? String == rule && $0["kind"] as? String == "aggregate" }
          .compactMap { $0["group"] as? String })
    }
    #expect(findings.allSatisfy { $0.keys.contains("record") && $0["record"] is NSNull })
    #expect(fired("RI-REV-001") == ["pupil E01"])
    #expect(fired("RI-REV-002") == ["sen_status = ehcp", "ehcp = true", "sex = male"])
    #expect(fired("RI-REV-003") == ["pupil E01, trigger transition"])
    #expect(
      findings.contains {
        $0["rule"] as? String == "RI-REV-002" && $0["kind"] as? String == "cannot_evaluate"
          && $0["group"] as? String == "sen_status = none"
      })
    let repeats = r["repeat_patterns"] as? [[String: Any]] ?? []
    #expect(repeats.count == 1)
    #expect(repeats.first?["pupil"] as? String == "E01")
    #expect(repeats.first?["count"] as? Int == 4)
    #expect(repeats.first?["triggers"] as? [String] == ["transition"])
  }

  /// With the trust's roster as a wider roster (the 50 pupils plus W001–W040, EHCP, no
  /// incidents), the no-SEN group, whose local comparison group (10 pupils) is under n_size, is
  /// judged by its alternate risk ratio:
  ///
  ///     sen_status = none   local risk 3/40 = 0.075; wider others: E01–E10 and W001–W040,
  ///                         50 pupils, 2 with incidents (E01, E02) = 0.04
  ///                         alternate RR = 0.075 / 0.04 = 1.875 (< 2.0: passes)
  ///     sen_status = ehcp   wider others: N01–N35, L1–L5 = 40 pupils, 3 with incidents
  ///                         = 0.075; alternate RR = 0.2 / 0.075 = 2.6667
  @Test func aWiderRosterGivesTheAlternateRiskRatio() throws {
    let base = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(Self.roster), encoding: .utf8)
    let extra = (1...40).map {
      String(format: "W%03d,Pupil W%03d,female,WBRI,ehcp,false,false,false,false,false", $0, $0)
    }
    let wider = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-wider-\(UUID().uuidString).csv").path
    try (base.hasSuffix("\n") ? base : base + "\n").appending(extra.joined(separator: "\n") + "\n")
      .write(toFile: wider, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: wider) }
    let result = try review("json", ["--wider-roster", wider])
    #expect(result.status == 0, "\(result.stderr)")
    let r = try object(result.stdout)
    let none = try group(r, "sen_status", "none")
    #expect(number(none, "alternate_risk_ratio") == 1.875)
    let ehcp = try group(r, "sen_status", "ehcp")
    #expect(number(ehcp, "alternate_risk_ratio") == 2.6667)
    let findings = r["findings"] as? [[String: Any]] ?? []
    // No longer "cannot evaluate" for want of a comparison group.
    #expect(
      !findings.contains {
        $0["rule"] as? String == "RI-REV-002" && $0["kind"] as? String == "cannot_evaluate"
          && $0["group"] as? String == "sen_status = none"
      })
    for name in ["Pupil W001", "W001,"] { #expect(!result.stdout.contains(name)) }
  }

  @Test func aMissingExportIsReportedOnceAndWritesNothing() throws {
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-review-\(UUID().uuidString).html").path
    let result = try CLI.run(["review", "no-such-export.csv", "--output", output])
    #expect(result.status == 3)
    #expect(result.stderr == "no-such-export.csv: error: no such file [PRE3100]\n")
    #expect(!FileManager.default.fileExists(atPath: output))
  }

  @Test func htmlIsSelfContainedAndShowsTheFigures() throws {
    let result = try review("html")
    #expect(result.status == 0, "\(result.stderr)")
    let html = result.stdout
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("@media print"))
    #expect(html.contains("<svg"))
    for forbidden in ["<script", "<link", "src=", "@import"] {
      #expect(!html.contains(forbidden), "\(forbidden)")
    }
    // `url(` only for the chart's own patterns (`url(#...)`), never a resource to fetch.
    #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") })
    #expect(html.contains("2.67"))  // sen_status = ehcp
    #expect(html.contains("0.51–13.88"))  // its 95% CI
    #expect(html.contains("3.50"))  // sex = male
    #expect(html.contains("suppressed"))
    #expect(html.contains("E01"))
  }

  @Test(arguments: ["html", "markdown", "json"])
  func namesNeverAppear(_ format: String) throws {
    let result = try review(format)
    #expect(result.status == 0)
    for name in Self.names { #expect(!result.stdout.contains(name), "\(name) in \(format)") }
  }

  @Test func markdownSuitsAJobSummary() throws {
    let result = try review("markdown")
    let md = result.stdout
    #expect(md.hasPrefix("# "))
    #expect(md.contains("| Sex | Male | 15 | 3 | 6 | 20.0% | **3.50** ⚠️ |"))
    // Looked after: Yes is 5 pupils; No (45) is withheld too, or it would give Yes away.
    #expect(md.contains("| Looked after | No, Yes | suppressed |"))
  }

  @Test func periodLimitsTheRecords() throws {
    // 1–10 May: E01 ×3 (1, 5, 10 May), E02 (2 May): 4 incidents; 3 for E01 is not > 3.
    let result = try review("json", ["--from", "2026-05-01", "--to", "2026-05-10"])
    let r = try object(result.stdout)
    #expect((r["totals"] as? [String: Any])?["incidents"] as? Int == 4)
    #expect((r["repeat_patterns"] as? [Any])?.isEmpty == true)
    let period = r["period"] as? [String: Any]
    #expect(period?["from"] as? String == "2026-05-01")
    #expect(period?["to"] as? String == "2026-05-10")
  }

  @Test func withoutARosterDisproportionalityIsNotEvaluated() throws {
    let result = try CLI.run(["check", Self.export, "--format", "json", "--fail-on", "never"])
    let r = try object(result.stdout)
    let findings = r["findings"] as? [[String: Any]] ?? []
    let notEvaluated = try #require(findings.first { $0["rule"] as? String == "RI-REV-002" })
    #expect(notEvaluated["kind"] as? String == "cannot_evaluate")
    #expect(notEvaluated["record"] is NSNull)
    let counts = (r["rules"] as? [[String: Any]] ?? []).first {
      $0["rule"] as? String == "RI-REV-002"
    }
    #expect(counts?["passed"] as? Int == 0)
    #expect(counts?["cannot_evaluate"] as? Int == 1)
    #expect(r["groups"] == nil)
  }

  @Test func checkWithARosterReportsGroups() throws {
    let result = try CLI.run([
      "check", Self.export, "--roster", Self.roster, "--format", "json", "--fail-on", "never",
    ])
    let r = try object(result.stdout)
    let ehcp = try group(r, "sen_status", "ehcp")
    #expect(number(ehcp, "risk_ratio") == 2.6667)
  }

  @Test func badDatesAreRejected() throws {
    let result = try review("json", ["--from", "2026-02-30"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--from must be a real date"))
  }
}
