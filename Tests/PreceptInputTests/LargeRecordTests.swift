import Foundation
import PreceptInput
import Testing

/// Records much larger than the read chunk are read whole, in every format that re-parses an
/// incomplete record (the buffer grows by as much again as it holds, not by one chunk).
@Suite struct LargeRecordTests {
  static let big = String(repeating: "abcdefghij", count: 300_000)  // 3 MB

  @Test(arguments: [InputFormat.csv, .json, .jsonl])
  func aRecordOfMegabytesIsReadWhole(format: InputFormat) throws {
    let text: String
    switch format {
    case .csv: text = "id,note\n1,\"\(Self.big)\"\n2,small\n"
    case .json:
      text = "[{\"id\": \"1\", \"note\": \"\(Self.big)\"}, {\"id\": \"2\", \"note\": \"small\"}]\n"
    default:
      text = "{\"id\": \"1\", \"note\": \"\(Self.big)\"}\n{\"id\": \"2\", \"note\": \"small\"}\n"
    }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-large-\(UUID().uuidString)").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let items = try readItems(
      path: path, format, options: ReaderOptions(chunkSize: 4096, maxRecordBytes: 8 << 20))
    #expect(items.count == 2)
    guard case .record(let first)? = items.first, case .record(let second)? = items.last else {
      Issue.record("expected two records, got \(summary(items))")
      return
    }
    #expect(first.fields["note"]?.value.stringValue == Self.big)
    #expect(second.fields["note"]?.value.stringValue == "small")
    #expect(second.location.line == (format == .csv ? 3 : 1 + (format == .jsonl ? 1 : 0)))
  }
}

/// A quote opened by mistake in the middle of a file must not swallow the rows after it.
@Suite struct StrayQuoteTests {
  @Test func rowsAfterAStrayQuoteAreReadAgain() throws {
    let text = """
      id,note,school
      1,fine,A
      2,"oops,B
      3,ok,C
      4,"quoted, properly",D
      5,last,E

      """
    let items = try readItems(text, .csv)
    let lines = summary(items)
    // Row 2 is rejected at its quote; rows 3 to 5 are read, each on its own line.
    #expect(items.count == 5)
    #expect(lines[1].hasPrefix("\(InputProblem.Code.unbalancedQuote) 3:2 row 2:"), "\(lines)")
    let ids = items.compactMap { item -> String? in
      if case .record(let r) = item { return r.fields["id"]?.value.stringValue }
      return nil
    }
    #expect(ids == ["1", "3", "4", "5"])
  }
}
