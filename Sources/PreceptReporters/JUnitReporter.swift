import PreceptEngine
import PreceptRules

/// `--format junit`: JUnit XML for GitLab, Jenkins and other CI test views.
///
/// One `<testsuite>` per rule of the pack, then one per other rule code with findings
/// (aggregate rules), then `input` (unreadable records and values, duplicate ids, records
/// dated before the pack) and `waivers` (expired waivers) when they have findings. The report
/// holds findings and counts, not every record, so a suite has one test case per finding
/// (`<failure>` for a violation, `<error>` for a rule that could not be evaluated or an input
/// problem, `<skipped>` for a waived finding), plus one summary test case for the records that
/// passed and one, skipped, for the records the rule did not apply to.
///
/// Suite counts are of test cases, as JUnit readers count them: `failures` and `errors` the
/// unwaived findings, `skipped` the waived ones plus the summary of records the rule did not
/// apply to, `tests` every test case. The records behind the summary test cases are counted in
/// each rule suite's properties (`records_passed`, `records_not_applicable`,
/// `records_outside_period`).
public struct JUnitReporter: Reporter {
  /// The `--format` name.
  public static let identifier = "junit"

  /// Creates a JUnit reporter.
  public init() {}

  /// The report as a JUnit XML document.
  public func render(_ report: CheckReport) -> String {
    let suites = Self.suites(for: report)
    var out = head(report, suites: suites)
    for suite in suites {
      out += suiteHead(suite)
      for finding in suite.findings {
        out += testCase(for: finding, inInputSuite: suite.rule == nil)
      }
      out += suiteTail(suite)
    }
    out += "</testsuites>\n"
    return out
  }

  /// The document's opening, with the totals of `suites`.
  func head(_ report: CheckReport, suites: [Suite]) -> String {
    let total = suites.reduce(into: Totals()) { $0.add($1.totals) }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<testsuites"
      + attributes([
        ("name", "\(report.tool.name) \(report.pack.id) \(report.pack.version)"),
        ("tests", "\(total.tests)"), ("failures", "\(total.failures)"),
        ("errors", "\(total.errors)"), ("skipped", "\(total.skipped)"),
      ]) + ">\n"
  }

  // MARK: - Model

  struct Totals {
    var tests = 0
    var failures = 0
    var errors = 0
    var skipped = 0

    mutating func add(_ other: Totals) {
      tests += other.tests
      failures += other.failures
      errors += other.errors
      skipped += other.skipped
    }
  }

  struct Suite {
    var name: String
    var properties: [(String, String)]
    var findings: [Finding]
    /// The outcomes of findings not in `findings` (streamed ones, written from a spool).
    var streamed = Totals()
    var passed = 0
    var notApplicable = 0
    var outsidePeriod = 0
    /// The rule id the summary test cases are named after.
    var rule: String?

    var totals: Totals {
      var totals = streamed
      for finding in findings {
        switch JUnitReporter.outcome(of: finding) {
        case .failure: totals.failures += 1
        case .error: totals.errors += 1
        case .skipped: totals.skipped += 1
        }
      }
      // The summary test cases (see ``JUnitReporter/suiteTail(_:)``).
      let summaries = (passed > 0 ? 1 : 0) + (notApplicable + outsidePeriod > 0 ? 1 : 0)
      totals.skipped += notApplicable + outsidePeriod > 0 ? 1 : 0
      totals.tests = streamed.tests + findings.count + summaries
      return totals
    }
  }

  enum Outcome {
    case failure
    case error
    case skipped
  }

  static func outcome(of finding: Finding) -> Outcome {
    if finding.waiver != nil { return .skipped }
    switch finding.kind {
    case .violation, .aggregate, .duplicateID, .expiredWaiver: return .failure
    case .cannotEvaluate, .inputError: return .error
    case .outsidePeriod: return .skipped
    }
  }

  /// Where a finding goes: its rule's suite, `input`, or `waivers`.
  enum Placement: Hashable {
    case rule(String)
    case input
    case waivers

    /// The placement of a finding; `packRules` are the codes that are pack rules.
    init(_ finding: Finding, packRules: Set<String>) {
      switch finding.kind {
      case .inputError, .outsidePeriod: self = .input
      case .expiredWaiver: self = .waivers
      case .duplicateID: self = packRules.contains(finding.rule) ? .rule(finding.rule) : .input
      case .violation, .cannotEvaluate, .aggregate: self = .rule(finding.rule)
      }
    }
  }

  static func suites(for report: CheckReport) -> [Suite] {
    let rules = report.reportedRules
    let packRules = Set(rules.filter(\.isPackRule).map(\.id))
    var byPlacement: [Placement: [Finding]] = [:]
    for finding in report.findings {
      byPlacement[Placement(finding, packRules: packRules), default: []].append(finding)
    }
    return suites(
      rules: rules, present: { byPlacement[$0] != nil }, findings: { byPlacement[$0] ?? [] })
  }

  /// The suites of a report's rules: one per pack rule, one per other rule code with findings
  /// (`present`), then `input` and `waivers` when they have findings; `findings` gives each
  /// placement's held findings.
  static func suites(
    rules: [ReportedRule], present: (Placement) -> Bool, findings: (Placement) -> [Finding]
  ) -> [Suite] {
    var suites: [Suite] = []
    for rule in rules {
      guard rule.isPackRule || present(.rule(rule.id)) else { continue }
      let findings = findings(.rule(rule.id))
      var properties = [("severity", rule.severity.rawValue)]
      properties += rule.cite.map { ("cite", $0) }
      var suite = Suite(
        name: "\(rule.id) \(rule.title)", properties: properties, findings: findings,
        rule: rule.id)
      if let counts = rule.counts {
        suite.passed = counts.passed
        suite.notApplicable = counts.notApplicable
        suite.outsidePeriod = counts.outsidePeriod
      }
      suites.append(suite)
    }
    if present(.input) {
      suites.append(Suite(name: "input", properties: [], findings: findings(.input)))
    }
    if present(.waivers) {
      suites.append(Suite(name: "waivers", properties: [], findings: findings(.waivers)))
    }
    return suites
  }

  // MARK: - Rendering

  /// A suite's opening and properties.
  func suiteHead(_ suite: Suite) -> String {
    let totals = suite.totals
    var out =
      "  <testsuite"
      + attributes([
        ("name", suite.name), ("tests", "\(totals.tests)"), ("failures", "\(totals.failures)"),
        ("errors", "\(totals.errors)"), ("skipped", "\(totals.skipped)"),
      ]) + ">\n"
    var properties = suite.properties
    if suite.rule != nil {
      properties += [
        ("records_passed", "\(suite.passed)"),
        ("records_not_applicable", "\(suite.notApplicable)"),
        ("records_outside_period", "\(suite.outsidePeriod)"),
      ]
    }
    if !properties.isEmpty {
      out += "    <properties>\n"
      for (name, value) in properties {
        out += "      <property" + attributes([("name", name), ("value", value)]) + "/>\n"
      }
      out += "    </properties>\n"
    }
    return out
  }

  /// A suite's summary test cases and its closing.
  func suiteTail(_ suite: Suite) -> String {
    var out = ""
    if let rule = suite.rule {
      if suite.passed > 0 {
        let name = "\(rule) (\(records(suite.passed)) passed)"
        out += "    <testcase" + attributes([("name", name), ("classname", rule)]) + "/>\n"
      }
      let notApplied = suite.notApplicable + suite.outsidePeriod
      if notApplied > 0 {
        let name = "\(rule) (\(records(notApplied)) not applicable)"
        var reasons: [String] = []
        if suite.notApplicable > 0 {
          reasons.append("'when' was false for \(records(suite.notApplicable))")
        }
        if suite.outsidePeriod > 0 {
          reasons.append("\(records(suite.outsidePeriod)) dated outside the rule's period")
        }
        out += "    <testcase" + attributes([("name", name), ("classname", rule)]) + ">\n"
        out +=
          "      <skipped"
          + attributes([("message", reasons.joined(separator: "; "))]) + "/>\n"
        out += "    </testcase>\n"
      }
    }
    out += "  </testsuite>\n"
    return out
  }

  func testCase(for finding: Finding, inInputSuite: Bool) -> String {
    var name = finding.rule
    if let subject = finding.subject { name += " " + subject }
    if inInputSuite || finding.subject == nil, let location = finding.location {
      name += " at \(location.file):\(location.line)"
    }
    var attrs = [("name", name), ("classname", finding.rule)]
    if let file = finding.location?.file { attrs.append(("file", file)) }
    var out = "    <testcase" + attributes(attrs) + ">\n"
    let body = XML.text(finding.detailLines.joined(separator: "\n"))
    switch Self.outcome(of: finding) {
    case .failure:
      out +=
        "      <failure"
        + attributes([("message", finding.message), ("type", finding.severity.rawValue)])
        + ">" + body + "</failure>\n"
    case .error:
      out +=
        "      <error"
        + attributes([("message", finding.message), ("type", finding.kind.rawValue)])
        + ">" + body + "</error>\n"
    case .skipped:
      let message = finding.waiverText.map { "waived: \($0)" } ?? finding.message
      out += "      <skipped" + attributes([("message", message)]) + "/>\n"
      out += "      <system-out>" + XML.text(finding.message) + "\n" + body + "</system-out>\n"
    }
    out += "    </testcase>\n"
    return out
  }

  private func attributes(_ pairs: [(String, String)]) -> String {
    pairs.map { " \($0.0)=\"\(XML.attribute($0.1))\"" }.joined()
  }

  private func records(_ n: Int) -> String { "\(n) record\(n == 1 ? "" : "s")" }
}
