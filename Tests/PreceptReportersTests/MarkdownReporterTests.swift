import PreceptEngine
import PreceptReporters
import Testing

@Suite struct MarkdownReporterTests {
  @Test func rulesTableListsOnlyRulesWithActivity() {
    let output = MarkdownReporter().render(SampleReport.report)
    #expect(output.contains("| RI-SEC-006 | error | A secluded pupil is supervised at all times |"))
    #expect(output.contains("| RI-PAT-001 | info | Repeated interventions are reviewed | – | – |"))
    #expect(!output.contains("RI-INFO-009"))
  }

  @Test func cellsKeepTheTableIntact() {
    let output = MarkdownReporter().render(SampleReport.report)
    let row = output.split(separator: "\n").first { $0.contains("RI-REC-001 | INC-2026-0003") }
    let cells = row.map { $0.replacingOccurrences(of: "\\|", with: "") }?
      .split(separator: "|", omittingEmptySubsequences: false)
    // Leading and trailing empty pieces around five cells.
    #expect(cells?.count == 7)
    #expect(row?.contains("100% \\| done, ok: yes<br>second line") == true)
    #expect(row?.contains("\\<b\\>\\&\\</b\\>") == true)
    #expect(row?.contains("_(waived: agreed with the DSL: \"late\" entry") == true)
    #expect(!output.unicodeScalars.contains("\u{1}"))
  }

  @Test func findingsAreCapped() {
    var report = SampleReport.report
    let finding = report.findings[0]
    report.findings = (0..<7).map { index in
      var copy = finding
      copy.record = "INC-\(index)"
      return copy
    }
    let output = MarkdownReporter(findingLimit: 5).render(report)
    #expect(output.contains("| INC-4 |"))
    #expect(!output.contains("| INC-5 |"))
    #expect(output.contains("…and 2 more findings"))
    #expect(MarkdownReporter().render(report).contains("| INC-6 |"))
  }

  @Test func cleanRunSaysSo() {
    #expect(MarkdownReporter().render(SampleReport.clean).contains("No findings."))
  }
}
