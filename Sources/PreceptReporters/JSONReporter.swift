import Foundation
import PreceptEngine

/// `--format json`: the report as JSON with sorted keys (the contract in product.md).
public struct JSONReporter: Reporter {
  public static let identifier = "json"

  public init() {}

  public func render(_ report: CheckReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(report) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
