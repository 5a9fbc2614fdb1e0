import PreceptEngine

extension FindingStream {
  /// Sends a report's findings down the stream in order, as a check does, and returns the
  /// report as the check then finishes it: every count, no findings.
  func feed(_ report: CheckReport) -> CheckReport {
    for finding in report.findings { emit(finding, render(finding)) }
    var counts = report
    counts.findings = []
    return counts
  }
}
