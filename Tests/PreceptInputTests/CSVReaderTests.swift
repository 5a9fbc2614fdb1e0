import PreceptInput
import Testing

@Suite struct CSVReaderTests {
  @Test func dottedHeadersBuildNestedObjects() throws {
    let csv =
      "incident_id,pupil.id,pupil.sen_status,seclusion.released_at,interventions,staff\n"
      + "INC-1,P-0042,sen_support,2026-05-03T10:25:00+01:00,physical_restraint;seclusion,"
      + #""[{""id"":""S-07""}]""# + "\n"
    let items = try readItems(csv, .csv)
    #expect(
      summary(items) == [
        #"#0 2:1 row 1 {"incident_id":"INC-1","pupil":{"id":"P-0042","sen_status":"sen_support"},"#
          + #""seclusion":{"released_at":"2026-05-03T10:25:00+01:00"},"#
          + #""interventions":"physical_restraint;seclusion","staff":"[{\"id\":\"S-07\"}]"}"#
      ])
    let record = try #require(items.first?.record)
    let sen = try #require(record.fields[path: "pupil.sen_status"])
    #expect(sen.value == .string("sen_support"))
    #expect(sen.position == SourcePosition(line: 2, column: 3))
    #expect(
      record.location(of: sen) == RecordLocation(file: "t", line: 2, column: 3, row: 1))
    #expect(record.fields[path: "pupil"]?.position == SourcePosition(line: 2, column: 2))
    #expect(record.fields.keys == ["incident_id", "pupil", "seclusion", "interventions", "staff"])
  }

  @Test func columnsAreTheTrimmedHeaderNames() throws {
    let reader = try CSVReader(bytes: Array(" a , b.c\t\n1,2\n".utf8), file: "t")
    #expect(reader.columns == ["a", "b.c"])
  }

  @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
    let csv = "id,note,n\r\n1,\"a, \"\"b\"\"\r\nc\nd\",x\r\n2,plain,y\r\n"
    let items = try readItems(csv, .csv)
    #expect(
      summary(items) == [
        #"#0 2:1 row 1 {"id":"1","note":"a, \"b\"\r\nc\nd","n":"x"}"#,
        #"#1 5:1 row 2 {"id":"2","note":"plain","n":"y"}"#,
      ])
    #expect(items[0].record?.fields["n"]?.position == SourcePosition(line: 4, column: 3))
  }

  @Test(arguments: ["\n", "\r\n", "\r"])
  func lineBreaks(_ newline: String) throws {
    let csv = ["a,b", "1,2", "3,4"].joined(separator: newline) + newline
    #expect(
      summary(try readItems(csv, .csv)) == [
        #"#0 2:1 row 1 {"a":"1","b":"2"}"#,
        #"#1 3:1 row 2 {"a":"3","b":"4"}"#,
      ])
  }

  @Test func loneCarriageReturnInsideQuotesCountsAsALine() throws {
    let csv = "a,b\r1,\"x\ry\"\r2,z\r"
    #expect(
      summary(try readItems(csv, .csv)) == [
        #"#0 2:1 row 1 {"a":"1","b":"x\ry"}"#,
        #"#1 4:1 row 2 {"a":"2","b":"z"}"#,
      ])
  }

  @Test func byteOrderMarkIsStripped() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("incident_id\nINC-1\n".utf8)
    let items = try readItems(bytes: bytes, .csv)
    #expect(summary(items) == [#"#0 2:1 row 1 {"incident_id":"INC-1"}"#])
  }

  @Test func emptyFieldsAreAbsentAndEmptyObjectsDropped() throws {
    let csv = "id,pupil.id,seclusion.place,seclusion.released_at\n1,,,\n2,\"\",calm_room,\n"
    #expect(
      summary(try readItems(csv, .csv)) == [
        #"#0 2:1 row 1 {"id":"1"}"#,
        #"#1 3:1 row 2 {"id":"2","seclusion":{"place":"calm_room"}}"#,
      ])
  }

  @Test func keepEmptyFieldsGivesNull() throws {
    let csv = "id,pupil.id,pupil.sex\n1,,female\n"
    let items = try readItems(csv, .csv, options: ReaderOptions(keepEmptyFields: true))
    #expect(summary(items) == [#"#0 2:1 row 1 {"id":"1","pupil":{"id":null,"sex":"female"}}"#])
  }

  @Test(arguments: [(UInt8(ascii: ";"), ";"), (UInt8(ascii: "\t"), "\t")])
  func otherDelimiters(_ delimiter: UInt8, _ text: String) throws {
    let csv = ["a", "b.c"].joined(separator: text) + "\n" + ["1,5", "x"].joined(separator: text)
    let items = try readItems(csv, .csv, options: ReaderOptions(csvDelimiter: delimiter))
    #expect(summary(items) == [#"#0 2:1 row 1 {"a":"1,5","b":{"c":"x"}}"#])
  }

  @Test func blankLinesAreSkippedButCounted() throws {
    let csv = "\na,b\n\n1,2\r\n\r\n\n3,4"
    #expect(
      summary(try readItems(csv, .csv)) == [
        #"#0 4:1 row 1 {"a":"1","b":"2"}"#,
        #"#1 7:1 row 2 {"a":"3","b":"4"}"#,
      ])
  }

  @Test func trailingDelimiterMakesAnEmptyLastField() throws {
    let csv = "a,b,c\n1,2,\n1,2,"
    #expect(
      summary(try readItems(csv, .csv)) == [
        #"#0 2:1 row 1 {"a":"1","b":"2"}"#,
        #"#1 3:1 row 2 {"a":"1","b":"2"}"#,
      ])
  }

  @Test func headerOnlyHasNoRecords() throws {
    #expect(try readItems("a,b\n", .csv).isEmpty)
    #expect(try readItems("a,b", .csv).isEmpty)
  }

  @Test func unbalancedQuoteRejectsTheRecordAtTheQuoteAndReadingResumes() throws {
    let csv = "a,b\n1,2\n3,\"open\n4,5\n6,7"
    #expect(
      summary(try readItems(csv, .csv)) == [
        #"#0 2:1 row 1 {"a":"1","b":"2"}"#,
        "PRE3001 3:2 row 2: the quote opened in field 2 ('b') is not closed; "
          + "reading resumes on the next line",
        #"#2 4:1 row 3 {"a":"4","b":"5"}"#,
        #"#3 5:1 row 4 {"a":"6","b":"7"}"#,
      ])
  }

  @Test func unbalancedQuoteAfterAMultiLineField() throws {
    let csv = "a,b,c\n1,\"x\ny\",\"open\n2,3,4\r\n"
    #expect(
      summary(try readItems(csv, .csv)) == [
        "PRE3001 3:3 row 1: the quote opened in field 3 ('c') is not closed; "
          + "reading resumes on the next line",
        #"#1 4:1 row 2 {"a":"2","b":"3","c":"4"}"#,
      ])
  }

  @Test func rowsLargerThanTheLimitAreRejectedAndMemoryStaysBounded() throws {
    try withTemporaryDirectory { dir in
      let open = "1,\"" + String(repeating: "x", count: 300) + "\n"
      let long = "2," + String(repeating: "y", count: 300) + "\n"
      let csv = "a,b\n" + open + "3,4\n" + long + "5,6\n"
      let path = try writeFile(dir, "big.csv", Array(csv.utf8))
      let options = ReaderOptions(chunkSize: 16, maxRecordBytes: 100)
      #expect(
        summary(try readItems(path: path, options: options)) == [
          "PRE3001 2:2 row 1: the quote opened in field 2 ('b') is not closed; "
            + "reading resumes on the next line",
          #"#1 3:1 row 2 {"a":"3","b":"4"}"#,
          "PRE3006 4:1 row 3: row 3 is larger than the 100 bytes limit",
          #"#3 5:1 row 4 {"a":"5","b":"6"}"#,
        ])
    }
  }

  @Test func raggedRowsAreRejectedWithCounts() throws {
    let csv = "a,b,c\n1,2\n1,2,3,4\n1,2,3\n"
    #expect(
      summary(try readItems(csv, .csv)) == [
        "PRE3002 2:3 row 1: row 1 has 2 fields, the header has 3 fields",
        "PRE3002 3:4 row 2: row 2 has 4 fields, the header has 3 fields",
        #"#2 4:1 row 3 {"a":"1","b":"2","c":"3"}"#,
      ])
  }

  @Test func invalidUTF8IsRejectedWithItsColumn() throws {
    let bytes = Array("a,b,c\n1,".utf8) + [0x66, 0xFF, 0x67] + Array(",3\n4,\"5\",6\n".utf8)
    #expect(
      summary(try readItems(bytes: bytes, .csv)) == [
        "PRE3003 2:2 row 1: field 2 ('b') is not valid UTF-8",
        #"#1 3:1 row 2 {"a":"4","b":"5","c":"6"}"#,
      ])
  }

  @Test func nulBytesAreRejected() throws {
    let bytes = Array("a,b\n1,x".utf8) + [0] + Array("\n2,\"y".utf8) + [0] + Array("\"\n3,4\n".utf8)
    #expect(
      summary(try readItems(bytes: bytes, .csv)) == [
        "PRE3004 2:2 row 1: field 2 ('b') contains a NUL byte",
        "PRE3004 3:2 row 2: field 2 ('b') contains a NUL byte",
        #"#2 4:1 row 3 {"a":"3","b":"4"}"#,
      ])
  }

  @Test func textAfterAClosingQuoteIsRejected() throws {
    let csv = "a,b\n\"x\"y,2\n5'11\",ok\n"
    #expect(
      summary(try readItems(csv, .csv)) == [
        "PRE3005 2:1 row 1: field 1 ('a') has text after its closing quote",
        #"#1 3:1 row 2 {"a":"5'11\"","b":"ok"}"#,
      ])
  }

  @Test func mixedGoodAndBadRowsAreEachAccountedFor() throws {
    let bytes =
      Array("id,pupil.sen_status,note\n".utf8)
      + Array("1,ehcp,fine\n".utf8)
      + Array("2,none\n".utf8)
      + Array("3,sen_support,\"two\nlines\"\n".utf8)
      + Array("4,".utf8) + [0xC3] + Array(",x\n".utf8)
      + Array("5,none,x,extra\n".utf8)
      + Array("6,none,\"bad\"quote\n".utf8)
      + Array("7,ehcp,last\n".utf8)
    let items = try readItems(bytes: bytes, .csv, file: "export.csv")
    #expect(
      summary(items) == [
        #"#0 2:1 row 1 {"id":"1","pupil":{"sen_status":"ehcp"},"note":"fine"}"#,
        "PRE3002 3:3 row 2: row 2 has 2 fields, the header has 3 fields",
        #"#2 4:1 row 3 {"id":"3","pupil":{"sen_status":"sen_support"},"note":"two\nlines"}"#,
        "PRE3003 6:2 row 4: field 2 ('pupil.sen_status') is not valid UTF-8",
        "PRE3002 7:4 row 5: row 5 has 4 fields, the header has 3 fields",
        "PRE3005 8:3 row 6: field 3 ('note') has text after its closing quote",
        #"#6 9:1 row 7 {"id":"7","pupil":{"sen_status":"ehcp"},"note":"last"}"#,
      ])
    let records = items.compactMap(\.record).count
    let rejected = items.compactMap(\.problem).count
    #expect(records == 3 && rejected == 4 && items.count == records + rejected)
    #expect(items.compactMap(\.problem).allSatisfy { $0.location.file == "export.csv" })
  }

  @Test(arguments: [
    ("a,,b\n", 2, "column 2 of the header has an empty name"),
    ("a,b,a\n", 3, "column 3 'a' duplicates column 1"),
    ("a,\" b \",b\n", 3, "column 3 'b' duplicates column 2"),
    ("a,pupil..id\n", 2, "column 2 'pupil..id' has an empty path segment"),
    ("pupil.id,x,pupil\n", 3, "column 3 'pupil' conflicts with column 1 'pupil.id'"),
    ("x,pupil,pupil.id\n", 3, "column 3 'pupil.id' conflicts with column 2 'pupil'"),
    ("a,pupil.id,pupil.id\n", 3, "column 3 'pupil.id' duplicates column 2"),
  ])
  func badHeadersMakeTheInputUnreadable(_ csv: String, _ column: Int, _ message: String) {
    let error = #expect(throws: InputError.self) { try readItems(csv + "1,2,3\n", .csv) }
    #expect(error?.kind == .invalidHeader)
    #expect(error?.code == "PRE3105")
    #expect(error?.message == message)
    #expect(error?.location == RecordLocation(file: "t", line: 1, column: column))
  }

  @Test func emptyInputHasNoHeader() {
    for text in ["", "\n\n"] {
      let error = #expect(throws: InputError.self) { try readItems(text, .csv) }
      #expect(error?.kind == .invalidHeader)
      #expect(error?.message == "the input is empty: a header row is required")
    }
  }

  @Test func headerWithTextAfterAQuote() {
    let error = #expect(throws: InputError.self) { try readItems("a,\"b\"c\n1,2\n", .csv) }
    #expect(error?.kind == .invalidHeader)
    #expect(error?.message == "header column 2 has text after its closing quote")
  }

  @Test func headerWithAnUnclosedQuote() {
    let error = #expect(throws: InputError.self) { try readItems("a,\"b\n", .csv) }
    #expect(error?.kind == .invalidHeader)
    #expect(error?.location == RecordLocation(file: "t", line: 1, column: 2))
  }

  @Test func headerThatIsNotUTF8() {
    let bytes = Array("a,".utf8) + [0xFF, 0xFE, 0x41] + Array("\n1,2\n".utf8)
    let error = #expect(throws: InputError.self) { try readItems(bytes: bytes, .csv) }
    #expect(error?.kind == .notUTF8)
    #expect(error?.location == RecordLocation(file: "t", line: 1, column: 2))
  }

  @Test(arguments: [
    [0xFF, 0xFE, 0x61, 0x00] as [UInt8], [0xFE, 0xFF, 0x00, 0x61], [0x61, 0x00, 0x2C, 0x00],
  ])
  func utf16InputIsUnreadable(_ bytes: [UInt8]) {
    let error = #expect(throws: InputError.self) { try readItems(bytes: bytes, .csv) }
    #expect(error?.kind == .notUTF8)
    #expect(error?.code == "PRE3104")
  }
}
