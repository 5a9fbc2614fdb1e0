import Foundation
import PreceptEngine
import PreceptReporters
import Testing

/// Markdown written from a stream keeps only what it lists, and is the Markdown of the
/// finished report.
@Suite struct MarkdownStreamTests {
  @Test(arguments: [0, 1, 3, 200])
  func streamedIsRendered(limit: Int) {
    for report in [SampleReport.report, SampleReport.clean, SampleReport.large] {
      let reporter = MarkdownReporter(findingLimit: limit)
      let stream = MarkdownStream(reporter: reporter)
      #expect(stream.finish(stream.stream.feed(report)) == reporter.render(report))
    }
  }
}
