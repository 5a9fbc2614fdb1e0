import Foundation
import PreceptInput
import Testing

@Suite struct JSONLinesReaderTests {
  @Test func oneObjectPerLineAndBlankLinesSkipped() throws {
    let m = Marked("1️⃣{\"a\": 1}\n\n   \n2️⃣{\"a\": {\"b\": 3️⃣[true]}}\r\n\r\n  4️⃣{\"a\": 3}")
    let items = try readItems(m.text, .jsonl)
    #expect(
      summary(items) == [
        #"#0 \#(m["1️⃣"]) {"a":1}"#,
        #"#1 \#(m["2️⃣"]) {"a":{"b":[true]}}"#,
        #"#2 \#(m["4️⃣"]) {"a":3}"#,
      ])
    let b = try #require(items[1].record?.fields[path: "a.b"])
    #expect("\(b.position.line):\(b.position.column)" == m["3️⃣"])
  }

  @Test func badLinesAreRejectedWithTheirLineNumbers() throws {
    let m = Marked(
      """
      1️⃣{"a": 1}
      {"a": 2️⃣
      3️⃣[1]
      {"a": 1} 4️⃣x
      {"a": 1, 5️⃣"a": 2}
      {"a": 6️⃣"?"}
      7️⃣{"a": 7}

      """)
    var bytes = Array(m.text.utf8)
    let question = bytes.firstIndex(of: UInt8(ascii: "?"))!
    bytes[question] = 0xFF
    #expect(
      summary(try readItems(bytes: bytes, .jsonl)) == [
        #"#0 \#(m["1️⃣"]) {"a":1}"#,
        "PRE3010 \(m["2️⃣"]): unexpected end of line",
        "PRE3011 \(m["3️⃣"]): line 3 is a list, not an object",
        "PRE3014 \(m["4️⃣"]): unexpected 'x' after the record",
        "PRE3013 \(m["5️⃣"]): duplicate key 'a'",
        "PRE3003 \(m["6️⃣"]): string is not valid UTF-8",
        #"#6 \#(m["7️⃣"]) {"a":7}"#,
      ])
  }

  /// As CSV and JSON refuse an empty input (an export job that failed and left an empty
  /// file must not pass as "no records"), so do JSON Lines and YAML.
  @Test(arguments: [
    ("", InputFormat.jsonl), ("\n \n", .jsonl), ("", .yaml), ("# nothing\n", .yaml),
    ("---\n", .yaml), ("~\n", .yaml),
  ])
  func emptyInputIsRefused(_ text: String, _ format: InputFormat) throws {
    #expect(throws: InputError.self) { try readItems(text, format) }
  }

  @Test func longBlankStartIsPassedOverWithItsLinesCounted() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("blank-\(UUID().uuidString).jsonl").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    // Many chunks of blank lines, then one record.
    let text = String(repeating: " \n", count: 5_000) + "  {\"a\": 1}\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let items = try readItems(path: path, .jsonl, options: ReaderOptions(chunkSize: 64))
    #expect(summary(items) == [#"#0 5001:3 {"a":1}"#])
  }

  @Test func whitespaceBeforeTheFirstRecordIsNotEmpty() throws {
    #expect(try readItems("\n\n{\"a\": 1}\n", .jsonl).count == 1)
  }
}

@Suite struct JSONLinesLimitTests {
  @Test func linesLargerThanTheLimitAreRejectedAndSkipped() throws {
    try withTemporaryDirectory { dir in
      let big = #"{"a": ""# + String(repeating: "x", count: 400) + #""}"#
      let jsonl = "{\"a\": 1}\n\(big)\n{\"a\": 2}\n\(big)"
      let path = try writeFile(dir, "big.jsonl", Array(jsonl.utf8))
      let options = ReaderOptions(chunkSize: 16, maxRecordBytes: 100)
      #expect(
        summary(try readItems(path: path, options: options)) == [
          #"#0 1:1 {"a":1}"#,
          "PRE3006 2:1: line 2 is larger than the 100 bytes limit",
          #"#2 3:1 {"a":2}"#,
          "PRE3006 4:1: line 4 is larger than the 100 bytes limit",
        ])
    }
  }
}
