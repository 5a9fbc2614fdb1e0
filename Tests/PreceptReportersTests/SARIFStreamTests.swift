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

/// JUnit written from a stream (spooled, then suite by suite) is the JUnit of the finished
/// report, duplicate ids and waived findings included.
@Suite struct JUnitStreamTests {
  @Test func streamedIsRendered() throws {
    var withDuplicates = SampleReport.report
    withDuplicates.findings.append(
      Finding(
        rule: "PRE3401", kind: .duplicateID, severity: .error, record: "INC-1",
        location: .init(file: "a.csv", line: 9, column: 1, row: 8), message: "id again"))
    for report in [SampleReport.report, SampleReport.clean, SARIFStreamTests.large, withDuplicates]
    {
      let stream = try #require(JUnitStream(reporter: JUnitReporter()))
      let findings = stream.stream
      for finding in report.findings { findings.emit(finding, findings.render(finding)) }
      var counts = report
      counts.findings = []
      var out = ""
      stream.finish(counts) { out += $0 }
      #expect(out == JUnitReporter().render(report))
    }
  }
}
