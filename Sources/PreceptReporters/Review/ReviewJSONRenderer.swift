import PreceptEngine

/// The review as JSON with sorted keys: `groups` (figures per group of pupils, suppressed
/// figures `null`) and `findings` (as `precept check --format json`).
public struct ReviewJSONRenderer: Sendable {
  public init() {}

  public func render(_ review: ReviewReport) -> String {
    var out = ""
    write(review) { out += $0 }
    return out
  }

  /// Writes the review piece by piece to `write` (one piece per finding), so that the review
  /// of a large export is never held whole as text.
  public func write(_ review: ReviewReport, to write: @escaping (String) -> Void) {
    // Findings (first in key order, and most of the output for a large export) are written as
    // `precept check --format json` writes them; the rest goes through JSONEncoder.
    var rest = review
    rest.findings = []
    guard let tail = JSONReporter.tail(of: rest) else { return write("{}\n") }
    let reporter = JSONReporter()
    write(reporter.prologue())
    let (stream, _) = reporter.stream(to: write)
    review.findings.forEach(transform: stream.render) { finding, text in
      stream.emit(finding, text)
    }
    write(tail)
  }
}
