import Foundation
import PreceptInput
import Testing

/// Reads through files with tiny chunk sizes, so every record, string, escape and line break
/// crosses a buffer boundary somewhere; the results must equal an in-memory read.
@Suite struct ChunkBoundaryTests {
  static let csv: [UInt8] =
    [0xEF, 0xBB, 0xBF] + Array("id,pupil.sen_status,note\r\n".utf8)
    + Array("1,ehcp,\"a \"\"quoted\"\"\r\nline\"\r\n".utf8)
    + Array("2,none\r\n\r\n".utf8)
    + Array("3,sen_support,\"x\ry\"\r".utf8)
    + Array("4,ehcp,caf\u{E9} \u{1F600}\n".utf8)
    + Array("5,".utf8) + [0xE2, 0x82] + Array(",x\n".utf8)
    + Array("6,none,\"bad\"q\n".utf8)
    + Array("7,none,\"never closed\nat all\n".utf8)

  static let json = Array(
    """
    {"meta": {"s": "x\\"y", "n": [1, {"k": null}]}, "incidents": [
      {"a": "caf\u{E9} \\ud83d\\ude00 \\n", "b": -12.5e+3, "c": [true, false, null]},
      {"a": 1 "b": 2},
      [1],
      {"a": {"a": {"a": "deep"}}, "d": 1, "d": 2},
      {"ok": "\\u00e9"}
    ], "tail": 1}

    """.utf8)

  static let jsonl = Array(
    "{\"a\": \"\\ud83d\\ude00\"}\r\n\n{\"a\": \n[1]\n{\"a\": {\"b\": [1, 2, 3]}}".utf8)

  @Test(arguments: [1, 2, 3, 5, 7, 16, 1 << 20])
  func csvAcrossChunks(_ chunkSize: Int) throws {
    try compare(Self.csv, .csv, "a.csv", chunkSize)
  }

  @Test(arguments: [1, 2, 3, 5, 7, 16, 1 << 20])
  func jsonAcrossChunks(_ chunkSize: Int) throws {
    try compare(Self.json, .json, "a.json", chunkSize)
  }

  @Test(arguments: [1, 2, 3, 5, 7, 16, 1 << 20])
  func jsonLinesAcrossChunks(_ chunkSize: Int) throws {
    try compare(Self.jsonl, .jsonl, "a.jsonl", chunkSize)
  }

  private func compare(_ bytes: [UInt8], _ format: InputFormat, _ name: String, _ chunk: Int)
    throws
  {
    let expected = summary(try readItems(bytes: bytes, format))
    #expect(expected.count >= 4)
    try withTemporaryDirectory { dir in
      let path = try writeFile(dir, name, bytes)
      let items = try readItems(path: path, options: ReaderOptions(chunkSize: chunk))
      #expect(summary(items) == expected)
    }
  }

  @Test func csvExpectations() throws {
    #expect(
      summary(try readItems(bytes: Self.csv, .csv)) == [
        #"#0 2:1 row 1 {"id":"1","pupil":{"sen_status":"ehcp"},"note":"a \"quoted\"\r\nline"}"#,
        "PRE3002 4:3 row 2: row 2 has 2 fields, the header has 3 fields",
        #"#2 6:1 row 3 {"id":"3","pupil":{"sen_status":"sen_support"},"note":"x\ry"}"#,
        #"#3 8:1 row 4 {"id":"4","pupil":{"sen_status":"ehcp"},"note":"#
          + "\"caf\u{E9} \u{1F600}\"}",
        "PRE3003 9:2 row 5: field 2 ('pupil.sen_status') is not valid UTF-8",
        "PRE3005 10:3 row 6: field 3 ('note') has text after its closing quote",
        "PRE3001 11:3 row 7: the quote opened in field 3 ('note') is not closed; "
          + "reading resumes on the next line",
        "PRE3002 12:2 row 8: row 8 has 1 field, the header has 3 fields",
      ])
  }
}

/// Large generated inputs stream through with bounded memory; only completion and counts are
/// checked (never speed).
@Suite struct LargeInputTests {
  @Test func twoHundredThousandCSVRows() throws {
    let rows = 200_000
    try withTemporaryDirectory { dir in
      let path = dir.appendingPathComponent("large.csv").path
      FileManager.default.createFile(atPath: path, contents: nil)
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      var chunk = Array(
        ("incident_id,occurred_at,pupil.id,pupil.sen_status,seclusion.released_at,"
          + "interventions,staff,note\n").utf8)
      for i in 1...rows {
        let sen = ["none", "sen_support", "ehcp"][i % 3]
        let note = i % 10 == 0 ? "\"line one\nline \"\"two\"\"\"" : "plain"
        chunk += Array(
          ("INC-\(i),2026-05-03T10:15:00+01:00,P-\(i % 977),\(sen),2026-05-03T10:25:00+01:00,"
            + "physical_restraint;seclusion,\"[{\"\"id\"\":\"\"S-07\"\"}]\",\(note)\n").utf8)
        if i % 997 == 0 {
          chunk += Array("INC-bad,too,few\n".utf8)
        }
        if chunk.count > 1 << 20 {
          handle.write(Data(chunk))
          chunk.removeAll(keepingCapacity: true)
        }
      }
      handle.write(Data(chunk))
      try handle.close()

      var reader = try makeReader(path: path, format: nil)
      var records = 0
      var rejected = 0
      var lastRecord: RawRecord?
      while let item = try reader.next() {
        switch item {
        case .record(let record):
          records += 1
          lastRecord = record
        case .rejected(let problem):
          rejected += 1
          #expect(problem.code == InputProblem.Code.raggedRow)
        }
      }
      #expect(records == rows)
      #expect(rejected == rows / 997)
      let last = try #require(lastRecord)
      #expect(last.fields[path: "pupil.sen_status"]?.value == .string("ehcp"))
      #expect(last.index == rows + rows / 997 - 1)
      #expect(last.location.row == rows + rows / 997)
      // header + earlier rows + their embedded line breaks + rejected rows
      #expect(last.location.line == 1 + rows + (rows - 1) / 10 + rows / 997)
    }
  }

  @Test func fiftyThousandJSONElements() throws {
    let count = 50_000
    try withTemporaryDirectory { dir in
      var json = Array(#"{"incidents": ["#.utf8)
      for i in 1...count {
        if i > 1 { json += Array(",\n".utf8) }
        json += Array(
          (#"{"incident_id": "INC-\#(i)", "pupil": {"id": "P-\#(i % 977)", "age": \#(i % 12)}, "#
            + #""interventions": ["seclusion"], "note": "caf\u00e9 \"\#(i)\""}"#).utf8)
      }
      json += Array("]}\n".utf8)
      let path = try writeFile(dir, "large.json", json)
      var reader = try makeReader(
        path: path, format: nil, options: ReaderOptions(chunkSize: 1 << 16))
      var records = 0
      var last: RawRecord?
      while let item = try reader.next() {
        guard case .record(let record) = item else {
          Issue.record("unexpected rejection")
          continue
        }
        records += 1
        last = record
      }
      #expect(records == count)
      #expect(last?.location.line == count)
      #expect(last?.fields["note"]?.value == .string("café \"\(count)\""))
    }
  }
}
