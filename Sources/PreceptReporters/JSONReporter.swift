import Foundation
import PreceptEngine

/// `--format json`: the report as JSON with sorted keys (the contract in product.md), indented
/// as Foundation's `JSONEncoder` does with `.prettyPrinted`.
///
/// Findings, which come first in key order, are written by hand (``JSONFindingWriter``) so that
/// they can be streamed and rendered in parallel; the rest of the report is small and goes
/// through `JSONEncoder`. Tests check that both give the same bytes as `JSONEncoder` would.
public struct JSONReporter: StreamingReporter {
  public static let identifier = "json"

  public init() {}

  public func prologue() -> String { "{\n  \"findings\" : [\n" }

  public func fragment(_ finding: Finding) -> String {
    var writer = JSONFindingWriter()
    writer.write(finding, indent: 2)
    return writer.text
  }

  public func separator(between previous: Finding, and next: Finding) -> String { ",\n" }

  public func epilogue(_ report: CheckReport, findingCount: Int) -> String {
    var rest = report
    rest.findings = []
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(rest) else { return "\n  ]\n}\n" }
    let text = String(decoding: data, as: UTF8.self)
    // `{"findings" : [<empty>]` is already written, up to its closing bracket.
    let head = "{\n  \"findings\" : [\n\n  ]"
    guard text.hasPrefix(head) else { return "\n  ]\n}\n" }
    return "\n  ]" + text.dropFirst(head.count) + "\n"
  }
}
