import PreceptInput
import Testing

@Suite struct CSVRowTests {
  /// Reads rows through the fast path, one summary line per row like `summary`.
  private func rowSummary(_ bytes: [UInt8]) throws -> [String] {
    let reader = try CSVReader(bytes: bytes, file: "t")
    var lines: [String] = []
    while let result = try reader.nextRow({ row in
      let cells = (0..<row.count).map { column in
        let position = row.position(column)
        let text = row.string(column) ?? "-"
        #expect(row.isEmpty(column) == (row.string(column) == nil))
        #expect(row.bytes(column).count == (row.string(column)?.utf8.count ?? 0))
        return "\(position.line):\(position.column)=\(text)"
      }
      return "#\(row.index) \(row.line) row \(row.row) " + cells.joined(separator: " ")
    }) {
      switch result {
      case .row(let text): lines.append(text)
      case .rejected(let problem):
        lines.append(
          "\(problem.code) \(problem.location.line):\(problem.location.column) "
            + "row \(problem.location.row!): \(problem.message)")
      }
    }
    return lines
  }

  /// Rows are checked for UTF-8 whole when ASCII, cell by cell otherwise: a row with valid
  /// non-ASCII text in one cell still finds the invalid byte in a later cell, by its column.
  @Test func utf8IsCheckedPerCellWhenTheRowIsNotASCII() throws {
    var bytes = Array("a,b,c\n".utf8)
    bytes += Array("x,\"caf\u{E9} \"\"q\"\"\",\u{1F600}\n".utf8)
    bytes += Array("\u{E9},ok,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
    bytes += Array("1,\"\"\"2\"\"\",3\n".utf8)
    #expect(
      try rowSummary(bytes) == [
        "#0 2 row 1 2:1=x 2:2=caf\u{E9} \"q\" 2:3=\u{1F600}",
        "PRE3003 3:3 row 2: field 3 ('c') is not valid UTF-8",
        "#2 4 row 3 4:1=1 4:2=\"2\" 4:3=3",
      ])
  }

  @Test func rowsGiveCheckedCellsAndTheSameProblems() throws {
    let bytes =
      Array("id,pupil.sen_status,note\n".utf8)
      + Array("1,ehcp,\"say \"\"hi\"\"\nthere\"\n".utf8)
      + Array("2,none\n".utf8)
      + Array("3,,caf\u{E9}\n".utf8)
      + Array("4,".utf8) + [0xC3] + Array(",x\n".utf8)
      + Array("5,none,\"bad\"quote\n".utf8)
      + Array("6,".utf8) + [0] + Array(",x\n".utf8)
      + Array("7,ehcp,\"open\n".utf8)
    #expect(
      try rowSummary(bytes) == [
        "#0 2 row 1 2:1=1 2:2=ehcp 2:3=say \"hi\"\nthere",
        "PRE3002 4:3 row 2: row 2 has 2 fields, the header has 3 fields",
        "#2 5 row 3 5:1=3 5:2=- 5:3=caf\u{E9}",
        "PRE3003 6:2 row 4: field 2 ('pupil.sen_status') is not valid UTF-8",
        "PRE3005 7:3 row 5: field 3 ('note') has text after its closing quote",
        "PRE3004 8:2 row 6: field 2 ('pupil.sen_status') contains a NUL byte",
        "PRE3001 9:3 row 7: the quote opened in field 3 ('note') is not closed; "
          + "reading resumes on the next line",
      ])
  }

  @Test func rowsAndRecordsMayBeMixed() throws {
    let reader = try CSVReader(bytes: Array("a,b\n1,2\n3,4\n5,6\n".utf8), file: "t")
    let first = try reader.next()
    let second = try reader.nextRow { row in row.string(0) }
    let third = try reader.next()
    #expect(first?.record?.fields.description == #"{"a":"1","b":"2"}"#)
    guard case .row(let value)? = second else {
      Issue.record("expected a row")
      return
    }
    #expect(value == "3")
    #expect(third?.record?.location.row == 3)
    #expect(try reader.nextRow { _ in 0 }.map { _ in true } == nil)
  }
}
