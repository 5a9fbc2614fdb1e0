import PreceptEngine

/// Writes the JUnit XML of a check whose findings are streamed, so that a check of millions of
/// records holds none of them: JUnit groups test cases by rule and puts counts first, so each
/// finding's test case is rendered as it is made (on the threads that evaluate records) and
/// spooled to an unnamed temporary file, and the document is written suite by suite at the end.
/// The output is byte for byte ``JUnitReporter/render(_:)``'s.
public final class JUnitStream {
  private typealias Placement = JUnitReporter.Placement

  private struct Entry {
    var offset: Int
    var length: Int
    /// The finding's place in the report's order.
    var sequence: Int
  }

  private let reporter: JUnitReporter
  private let spool: Spool
  private var entries: [Placement: [Entry]] = [:]
  private var totals: [Placement: JUnitReporter.Totals] = [:]
  /// Duplicate-id findings, whose suite depends on which codes are pack rules (known at the
  /// end): held, with their place in the report's order.
  private var held: [(finding: Finding, sequence: Int)] = []
  private var sequence = 0
  private var firstFinding: [String: Finding] = [:]
  private var sample: [String: Finding] = [:]

  /// Prepares a stream; `nil` when no temporary file can be made.
  public init?(reporter: JUnitReporter) {
    guard let spool = Spool() else { return nil }
    self.reporter = reporter
    self.spool = spool
  }

  /// The stream to hand to the check.
  public var stream: FindingStream {
    let reporter = reporter
    return FindingStream(
      render: { finding in
        if finding.kind == .duplicateID { return "" }
        let placement = Placement(finding, packRules: [])
        if case .rule = placement {
          return reporter.testCase(for: finding, inInputSuite: false)
        }
        return reporter.testCase(for: finding, inInputSuite: true)
      },
      emit: { [unowned self] finding, text in self.spool(finding, text) })
  }

  private func spool(_ finding: Finding, _ text: String) {
    ReportedRule.note(finding, firstFinding: &firstFinding, sample: &sample)
    defer { sequence += 1 }
    if finding.kind == .duplicateID {
      held.append((finding, sequence))
      return
    }
    let placement = Placement(finding, packRules: [])
    let offset = spool.size
    spool.append(text)
    entries[placement, default: []].append(
      Entry(offset: offset, length: spool.size - offset, sequence: sequence))
    var t = totals[placement] ?? JUnitReporter.Totals()
    switch JUnitReporter.outcome(of: finding) {
    case .failure: t.failures += 1
    case .error: t.errors += 1
    case .skipped: t.skipped += 1
    }
    t.tests += 1
    totals[placement] = t
  }

  /// Writes the whole document: `report` has every count (its findings were streamed).
  public func finish(_ report: CheckReport, write: (String) -> Void) {
    let rules = report.reportedRules(firstFinding: firstFinding, sample: sample)
    let packRules = Set(rules.filter(\.isPackRule).map(\.id))
    var heldBy: [Placement: [(finding: Finding, sequence: Int)]] = [:]
    for item in held {
      heldBy[Placement(item.finding, packRules: packRules), default: []].append(item)
    }
    var suites = JUnitReporter.suites(
      rules: rules, present: { self.entries[$0] != nil || heldBy[$0] != nil },
      findings: { _ in [] })
    func placement(of suite: JUnitReporter.Suite) -> Placement {
      if let rule = suite.rule { return .rule(rule) }
      return suite.name == "input" ? .input : .waivers
    }
    for i in suites.indices {
      let p = placement(of: suites[i])
      var streamed = totals[p] ?? JUnitReporter.Totals()
      for item in heldBy[p] ?? [] {
        switch JUnitReporter.outcome(of: item.finding) {
        case .failure: streamed.failures += 1
        case .error: streamed.errors += 1
        case .skipped: streamed.skipped += 1
        }
        streamed.tests += 1
      }
      suites[i].streamed = streamed
    }
    write(reporter.head(report, suites: suites))
    for suite in suites {
      write(reporter.suiteHead(suite))
      let p = placement(of: suite)
      let spooledCases = entries[p] ?? []
      let heldCases = heldBy[p] ?? []
      var i = 0
      var k = 0
      while i < spooledCases.count || k < heldCases.count {
        if k == heldCases.count
          || (i < spooledCases.count && spooledCases[i].sequence < heldCases[k].sequence)
        {
          let entry = spooledCases[i]
          spool.copy(entry.offset..<(entry.offset + entry.length), to: write)
          i += 1
        } else {
          write(reporter.testCase(for: heldCases[k].finding, inInputSuite: suite.rule == nil))
          k += 1
        }
      }
      write(reporter.suiteTail(suite))
    }
    write("</testsuites>\n")
  }
}
