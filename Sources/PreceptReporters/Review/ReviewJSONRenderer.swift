import Foundation
import PreceptEngine

/// The review as JSON with sorted keys: `groups` (figures per group of pupils, suppressed
/// figures `null`) and `findings` (as `precept check --format json`).
public struct ReviewJSONRenderer: Sendable {
  public init() {}

  public func render(_ review: ReviewReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(review) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
