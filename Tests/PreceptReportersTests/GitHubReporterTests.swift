import PreceptEngine
import Testing

@testable import PreceptReporters

@Suite struct GitHubReporterTests {
  let lines = GitHubReporter().render(SampleReport.report)
    .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

  @Test func oneLinePerUnwaivedFindingThenNotesAndSummary() {
    // 7 findings, 1 waived; then one note, the summary and the final newline.
    #expect(lines.count == 6 + 1 + 1 + 1)
    #expect(lines.last == "")
    #expect(lines[lines.count - 2].hasPrefix("::notice title=precept summary::6 records read"))
    #expect(!lines.contains { $0.contains("RI-REC-001") })
  }

  @Test func severityMapsToCommand() {
    #expect(
      lines[0]
        == "::error file=exports/incidents 2026.csv,line=2,"
        + "title=RI-SEC-006 A secluded pupil is supervised at all times::pupil was not supervised "
        + "throughout seclusion (supervision: intermittent) (record INC-2026-0001)")
    #expect(lines[1].hasPrefix("::warning file="))
    #expect(lines.contains { $0.hasPrefix("::notice title=RI-PAT-001 Repeated interventions") })
  }

  @Test func findingWithoutLocationHasNoFileProperty() throws {
    let line = try #require(lines.first { $0.contains("RI-PAT-001") })
    #expect(!line.contains("file="))
    #expect(
      line.hasSuffix(
        "::pupil had 4 restrictive interventions in 30 days (threshold 3) (group pupil P-0042)"))
  }

  @Test(arguments: [
    ("100% done", "100%25 done", "100%25 done"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("key: a, b", "key: a, b", "key%3A a%2C b"),
    ("%0A", "%250A", "%250A"),
  ])
  func escaping(input: String, data: String, property: String) {
    #expect(GitHubReporter.escapeData(input) == data)
    #expect(GitHubReporter.escapeProperty(input) == property)
  }

  @Test func messagesStayOnOneLine() {
    var report = SampleReport.report
    report.findings[3].waiver = nil
    let output = GitHubReporter().render(report)
    let line = output.split(separator: "\n").first { $0.contains("RI-REC-001") }
    // Line breaks escaped as workflow commands escape them; other control characters written
    // out, so that the log viewer does not act on them.
    #expect(line?.contains(#"100%25 | done, ok: yes\u{1}%0D%0Asecond line"#) == true)
    #expect(
      line?.contains("title=RI-REC-001 Debrief is recorded & signed <within 5 days>::") == true)
  }
}
