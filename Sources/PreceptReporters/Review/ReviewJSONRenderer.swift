import Foundation
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
  public func write(_ review: ReviewReport, to write: (String) -> Void) {
    // Findings (first in key order, and most of the output for a large export) are written by
    // hand, as in `precept check --format json`; the rest goes through JSONEncoder.
    var rest = review
    rest.findings = []
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(rest) else { return write("{}\n") }
    let text = String(decoding: data, as: UTF8.self)
    let head = "{\n  \"findings\" : [\n\n  ]"
    guard text.hasPrefix(head) else { return write(text + "\n") }
    let reporter = JSONReporter()
    write(reporter.prologue())
    for (i, finding) in review.findings.enumerated() {
      write((i > 0 ? ",\n" : "") + reporter.fragment(finding))
    }
    write("\n  ]" + text.dropFirst(head.count) + "\n")
  }
}
