import Foundation
import PreceptEngine
import PreceptReporters
import Testing

/// JUnit written from a stream (spooled, then suite by suite) is the JUnit of the finished
/// report, duplicate ids and waived findings included.
@Suite struct JUnitStreamTests {
  @Test func streamedIsRendered() throws {
    var withDuplicates = SampleReport.report
    withDuplicates.findings.append(
      Finding(
        rule: "PRE3401", kind: .duplicateID, severity: .error, record: "INC-1",
        location: .init(file: "a.csv", line: 9, column: 1, row: 8), message: "id again"))
    for report in [SampleReport.report, SampleReport.clean, SampleReport.large, withDuplicates] {
      let stream = try #require(JUnitStream(reporter: JUnitReporter()))
      let counts = stream.stream.feed(report)
      var out = ""
      stream.finish(counts) { out += $0 }
      #expect(out == JUnitReporter().render(report))
    }
  }
}
