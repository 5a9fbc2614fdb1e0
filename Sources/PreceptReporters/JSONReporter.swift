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
    return Self.tail(of: rest) ?? "\n  ]\n}\n"
  }

  /// The pretty-printed, key-sorted JSON of `document` (whose `findings`, its first key, are
  /// empty) from the closing bracket of `findings` on: what follows findings written one by one
  /// after ``prologue()``. `nil` if it cannot be encoded.
  static func tail<Document: Encodable>(of document: Document) -> String? {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(document) else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    // `{"findings" : [` is already written, up to its closing bracket.
    let head = "{\n  \"findings\" : [\n\n  ]"
    guard text.hasPrefix(head) else { return nil }
    return "\n  ]" + text.dropFirst(head.count) + "\n"
  }
}
