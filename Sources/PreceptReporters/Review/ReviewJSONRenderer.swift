import Foundation
import PreceptEngine

/// The review as JSON with sorted keys: `groups` (figures per group of pupils, suppressed
/// figures `null`) and `findings` (as `precept check --format json`).
public struct ReviewJSONRenderer: Sendable {
  public init() {}

  public func render(_ review: ReviewReport) -> String {
    // Findings (first in key order, and most of the output for a large export) are written by
    // hand, as in `precept check --format json`; the rest goes through JSONEncoder.
    var rest = review
    rest.findings = []
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(rest) else { return "{}\n" }
    let text = String(decoding: data, as: UTF8.self)
    let head = "{\n  \"findings\" : [\n\n  ]"
    guard text.hasPrefix(head) else { return text + "\n" }
    let reporter = JSONReporter()
    var out = reporter.prologue()
    for (i, finding) in review.findings.enumerated() {
      if i > 0 { out += ",\n" }
      out += reporter.fragment(finding)
    }
    return out + "\n  ]" + text.dropFirst(head.count) + "\n"
  }
}
