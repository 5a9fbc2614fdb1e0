import Foundation
import PreceptEngine
import PreceptReporters
import Testing

/// SARIF written as findings stream past (spooled, then put together) is byte for byte the
/// SARIF of the finished report.
@Suite struct SARIFStreamTests {
  static func streamed(_ report: CheckReport) throws -> String {
    let stream = try #require(
      SARIFStream(reporter: SARIFReporter(), inputs: report.summary.inputs))
    let counts = stream.stream.feed(report)
    var out = ""
    stream.finish(counts) { out += $0 }
    return out
  }

  @Test func streamedIsRendered() throws {
    for report in [SampleReport.report, SampleReport.clean, SampleReport.large] {
      let expected = SARIFReporter().render(report)
      let got = try Self.streamed(report)
      #expect(got.utf8.count == expected.utf8.count)
      #expect(got == expected)
    }
    #expect(SARIFReporter().render(SampleReport.large).utf8.count > 2 << 20)
  }

  @Test func findingsWithoutPositionsUseTheOneInput() throws {
    var report = SampleReport.report
    report.summary.inputs = ["one.csv"]
    for i in report.findings.indices where i % 2 == 0 { report.findings[i].location = nil }
    #expect(try Self.streamed(report) == SARIFReporter().render(report))
  }
}
