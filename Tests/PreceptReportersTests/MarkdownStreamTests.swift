import Foundation
import PreceptEngine
import PreceptReporters
import Testing

/// Markdown written from a stream keeps only what it lists, and is the Markdown of the
/// finished report.
@Suite struct MarkdownStreamTests {
  @Test(arguments: [0, 1, 3, 200])
  func streamedIsRendered(limit: Int) {
    for report in [SampleReport.report, SampleReport.clean, SARIFStreamTests.large] {
      let reporter = MarkdownReporter(findingLimit: limit)
      let stream = MarkdownStream(reporter: reporter)
      let findings = stream.stream
      for finding in report.findings { findings.emit(finding, findings.render(finding)) }
      var counts = report
      counts.findings = []
      #expect(stream.finish(counts) == reporter.render(report))
    }
  }
}
