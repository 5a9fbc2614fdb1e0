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
    let findings = stream.stream
    for finding in report.findings { findings.emit(finding, findings.render(finding)) }
    var counts = report
    counts.findings = []
    var out = ""
    stream.finish(counts) { out += $0 }
    return out
  }

  /// Many findings with text of every width, so that the spool is read back in several
  /// pieces and some pieces would end inside a character.
  static var large: CheckReport {
    var report = SampleReport.report
    var findings: [Finding] = []
    let texts = ["é", "😀", "€", "x"]
    for i in 0..<3_000 {
      var f = SampleReport.findings[i % SampleReport.findings.count]
      f.message = String(repeating: texts[i % texts.count], count: 100 + i % 7) + " \(i)"
      if i % 5 == 0 { f.location?.file = "/abs/path/export é.csv" }
      findings.append(f)
    }
    report.findings = findings
    return report
  }

  @Test func streamedIsRendered() throws {
    for report in [SampleReport.report, SampleReport.clean, Self.large] {
      let expected = SARIFReporter().render(report)
      let got = try Self.streamed(report)
      #expect(got.utf8.count == expected.utf8.count)
      #expect(got == expected)
    }
    #expect(SARIFReporter().render(Self.large).utf8.count > 2 << 20)
  }

  @Test func findingsWithoutPositionsUseTheOneInput() throws {
    var report = SampleReport.report
    report.summary.inputs = ["one.csv"]
    for i in report.findings.indices where i % 2 == 0 { report.findings[i].location = nil }
    #expect(try Self.streamed(report) == SARIFReporter().render(report))
  }
}
