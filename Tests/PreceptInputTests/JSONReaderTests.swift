import PreceptInput
import Testing

@Suite struct JSONReaderTests {
  @Test func topLevelArrayOfObjects() throws {
    let m = Marked(
      """
      [
        1️⃣{"incident_id": "INC-1", "pupil": {"id": "P-1", "sen_status": 2️⃣"ehcp", "age": 10},
         "staff": [{"id": 3️⃣"S-07", "role": "teaching_assistant"}],
         "interventions": ["physical_restraint", "seclusion"],
         "force": {"used": 4️⃣true, "pain_inducing": false}, "immediate_response_reason": null},
        5️⃣{"incident_id": "INC-2"}
      ]
      """)
    let items = try readItems(m.text, .json)
    #expect(
      summary(items) == [
        #"#0 \#(m["1️⃣"]) {"incident_id":"INC-1","#
          + #""pupil":{"id":"P-1","sen_status":"ehcp","age":10},"#
          + #""staff":[{"id":"S-07","role":"teaching_assistant"}],"#
          + #""interventions":["physical_restraint","seclusion"],"#
          + #""force":{"used":true,"pain_inducing":false},"immediate_response_reason":null}"#,
        #"#1 \#(m["5️⃣"]) {"incident_id":"INC-2"}"#,
      ])
    let record = try #require(items.first?.record)
    #expect(record.location.row == nil)
    let sen = try #require(record.fields[path: "pupil.sen_status"])
    #expect(record.location(of: sen) == location(m, "2️⃣"))
    #expect(
      record.location(of: try #require(record.fields[path: "force.used"])) == location(m, "4️⃣"))
    let staff = try #require(record.fields["staff"]?.value.listValue)
    let id = try #require(staff.first?.objectValue?["id"])
    #expect(id.value == .string("S-07"))
    #expect(record.location(of: id) == location(m, "3️⃣"))
  }

  @Test func objectWithARecordKeyBeforeAnyArrayIsOneRecord() throws {
    let options = ReaderOptions(recordKeys: ["incident_id"])
    let text = """

        {"incident_id": "INC-1",
         "staff": [{"id": "S-07"}], "triggers": ["noise"]}
      """
    #expect(
      summary(try readItems(text, .json, options: options)) == [
        #"#0 2:3 {"incident_id":"INC-1","staff":[{"id":"S-07"}],"triggers":["noise"]}"#
      ])
    // Without record keys the object's first array of objects is taken as the records (a
    // wrapper), as before.
    #expect(
      summary(try readItems(text, .json)).first == #"#0 3:14 {"id":"S-07"}"#)
    // Nothing may follow the record.
    #expect(
      summary(try readItems(#"{"incident_id": "INC-1"} x"#, .json, options: options)) == [
        #"#0 1:1 {"incident_id":"INC-1"}"#,
        "PRE3014 1:26: unexpected content after the records array",
      ])
  }

  @Test func recordKeyAfterItsListsStillMakesOneRecord() throws {
    // Keys sorted (as `jq -S` writes them): the id comes after lists of objects.
    let text = #"{"injuries": [{"person": "pupil"}], "incident_id": "INC-1", "staff": []}"#
    #expect(
      summary(try readItems(text, .json, options: ReaderOptions(recordKeys: ["incident_id"])))
        == [#"#0 1:1 {"injuries":[{"person":"pupil"}],"incident_id":"INC-1","staff":[]}"#])
  }

  @Test func largeWrapperStreamsWithRecordKeys() throws {
    // Bigger than the lookahead: the object is taken as a wrapper and its records streamed.
    let records = (0..<30_000).map { #"{"incident_id": "INC-\#($0)", "note": "padding"}"# }
    let text =
      #"{"exported_at": "2026-11-01", "incidents": ["# + records.joined(separator: ",") + "]}"
    #expect(text.utf8.count > JSONReader.lookaheadLimit)
    let items = try readItems(
      text, .json, options: ReaderOptions(chunkSize: 1 << 16, recordKeys: ["incident_id"]))
    #expect(items.count == 30_000)
    #expect(items.allSatisfy { $0.record != nil })
  }

  @Test func wrapperWhoseOwnIDNamesARecordKeyIsStillAWrapper() throws {
    // A profile maps the export's `id` to the record id, and the wrapper has an `id` too.
    let text = #"{"id": "export-7", "incidents": [{"id": "INC-1"}, {"id": "INC-2"}]}"#
    let items = try readItems(
      text, .json, options: ReaderOptions(recordKeys: ["id", "incident_id"]))
    #expect(summary(items) == [#"#0 1:34 {"id":"INC-1"}"#, #"#1 1:51 {"id":"INC-2"}"#])
  }

  @Test func recordWhoseOwnListHoldsARecordKeyIsOneRecord() throws {
    // `staff` is a field of the record: its objects' `id` does not make it a records array.
    var options = ReaderOptions(recordKeys: ["id", "incident_id"])
    options.recordFields = ["id", "incident_id", "staff"]
    let text = #"{"id": "INC-1", "staff": [{"id": "S-04"}, {"id": "S-27"}]}"#
    #expect(
      summary(try readItems(text, .json, options: options))
        == [#"#0 1:1 {"id":"INC-1","staff":[{"id":"S-04"},{"id":"S-27"}]}"#])
  }

  @Test func singleRecordReadingStillReadsAWrapper() throws {
    var options = ReaderOptions(recordKeys: ["incident_id"])
    options.recordFields = ["incident_id", "staff"]
    options.objectIsOneRecord = true
    let wrapper = #"{"exported_at": "2026-11-01", "incidents": [{"incident_id": "A"}]}"#
    #expect(
      summary(try readItems(wrapper, .json, options: options)) == [#"#0 1:45 {"incident_id":"A"}"#])
  }

  @Test func objectIsOneRecordWhenAskedWhateverItsKeys() throws {
    var options = ReaderOptions()
    options.objectIsOneRecord = true
    #expect(
      summary(try readItems(#"{"staff": [{"id": "S-1"}]}"#, .json, options: options))
        == [#"#0 1:1 {"staff":[{"id":"S-1"}]}"#])
  }

  @Test func wrapperIsStillAWrapperWithRecordKeys() throws {
    let options = ReaderOptions(recordKeys: ["incident_id"])
    let wrapper = #"{"exported_at": "2026-11-01", "incidents": [{"incident_id": "INC-1"}]}"#
    #expect(
      summary(try readItems(wrapper, .json, options: options)) == [
        #"#0 1:45 {"incident_id":"INC-1"}"#
      ])
  }

  private func location(_ m: Marked, _ marker: Character) -> RecordLocation {
    let (line, column) = m.position(marker)
    return RecordLocation(file: "t", line: line, column: column)
  }

  @Test func numbersKeepTheirExactLexeme() throws {
    let json = #"[{"a": 0, "b": -0.50, "c": 1e3, "d": 12345678901234567890123, "e": 2.5E-7}]"#
    let record = try #require(try readItems(json, .json).first?.record)
    #expect(
      record.fields.fields.map(\.value) == [
        .number("0"), .number("-0.50"), .number("1e3"), .number("12345678901234567890123"),
        .number("2.5E-7"),
      ])
  }

  @Test func stringEscapesAndSurrogatePairs() throws {
    let json = #"[{"s": "q\" b\\ s\/ \b\f\n\r\t \u00e9\u00E9 \ud83d\ude00 \u0041"}]"#
    let record = try #require(try readItems(json, .json).first?.record)
    #expect(record.fields["s"]?.value == .string("q\" b\\ s/ \u{8}\u{C}\n\r\t éé 😀 A"))
  }

  @Test func nonASCIIText() throws {
    let json = #"[{"naïve key": "Zoë — 日本"}]"#
    let record = try #require(try readItems(json, .json).first?.record)
    #expect(record.fields["naïve key"]?.value == .string("Zoë — 日本"))
  }

  @Test func wrappingObjectWithOneArray() throws {
    let m = Marked(
      """
      {"exported_at": "2026-05-04", "meta": {"n": [1, 2]}, "incidents": [
        1️⃣{"incident_id": "INC-1"},
        2️⃣{"incident_id": "INC-2"}
      ], "count": 2}
      """)
    var reader = try JSONReader(bytes: Array(m.text.utf8), file: "t")
    #expect(reader.arrayKey == "incidents")
    #expect(
      summary(try reader.readAll()) == [
        #"#0 \#(m["1️⃣"]) {"incident_id":"INC-1"}"#,
        #"#1 \#(m["2️⃣"]) {"incident_id":"INC-2"}"#,
      ])
  }

  @Test func aSecondArrayInTheWrapperIsReported() throws {
    let m = Marked(#"{"incidents": [1️⃣{"a": 1}], "more": 2️⃣[{"a": 2}]}"#)
    #expect(
      summary(try readItems(m.text, .json)) == [
        #"#0 \#(m["1️⃣"]) {"a":1}"#,
        "PRE3014 \(m["2️⃣"]): the top-level object holds a second array 'more'; "
          + "only 'incidents' is read",
      ])
  }

  @Test(arguments: [
    (#"{"a": 1, "b": {"c": []}1️⃣}"#, "the top-level object holds no array of records"),
    (#"{1️⃣}"#, "the top-level object holds no array of records"),
    ("1️⃣42", "expected a JSON array of records, or an object holding one; found '4'"),
    (#"  1️⃣"x""#, #"expected a JSON array of records, or an object holding one; found '"'"#),
    ("{\"a\" 1️⃣1}", "expected ':' after key 'a'"),
    (
      #"{"incident_id": "INC-1", "interventions": [1️⃣"seclusion"]}"#,
      "the top-level object's first array 'interventions' does not hold records; "
        + "give a list of records ([{...}]) or JSON Lines"
    ),
  ])
  func unusableTopLevelShapes(_ json: String, _ message: String) {
    let m = Marked(json)
    let error = #expect(throws: InputError.self) { try readItems(m.text, .json) }
    #expect(error?.kind == .invalidStructure)
    #expect(error?.code == "PRE3106")
    #expect(error?.message == message)
    #expect(error?.location == location(m, "1️⃣"))
  }

  @Test func emptyInput() {
    for text in ["", "  \n "] {
      let error = #expect(throws: InputError.self) { try readItems(text, .json) }
      #expect(error?.kind == .invalidStructure)
      #expect(error?.message == "the input is empty")
    }
  }

  @Test func emptyArray() throws {
    #expect(try readItems(" [ ] \n", .json).isEmpty)
    #expect(try readItems(#"{"incidents": []}"#, .json).isEmpty)
  }

  @Test func elementsThatAreNotObjectsAreRejected() throws {
    let m = Marked(
      """
      [
        1️⃣{"a": 1},
        2️⃣[1, 2],
        3️⃣"x", 4️⃣3, 5️⃣null,
        6️⃣{"a": 2}
      ]
      """)
    #expect(
      summary(try readItems(m.text, .json)) == [
        #"#0 \#(m["1️⃣"]) {"a":1}"#,
        "PRE3011 \(m["2️⃣"]): record 2 is a list, not an object",
        "PRE3011 \(m["3️⃣"]): record 3 is a string, not an object",
        "PRE3011 \(m["4️⃣"]): record 4 is a number, not an object",
        "PRE3011 \(m["5️⃣"]): record 5 is null, not an object",
        #"#5 \#(m["6️⃣"]) {"a":2}"#,
      ])
  }

  @Test func syntaxErrorsRejectTheElementAndReadingResumes() throws {
    let m = Marked(
      """
      [
        1️⃣{"a": 1},
        {"a": 1 2️⃣"b": 2},
        {"a": [1, 2,3️⃣]},
        {"a": 4️⃣tru},
        {"a": 05️⃣1},
        {"a": "x6️⃣\\q"},
        7️⃣{"a": 2}
      ]
      """)
    #expect(
      summary(try readItems(m.text, .json)) == [
        #"#0 \#(m["1️⃣"]) {"a":1}"#,
        "PRE3010 \(m["2️⃣"]): unexpected '\"'; expected ',' or '}'",
        "PRE3010 \(m["3️⃣"]): unexpected ']'; expected a value",
        "PRE3010 \(m["4️⃣"]): invalid literal; expected 'true'",
        "PRE3010 \(m["5️⃣"]): unexpected '1'; expected ',' or '}'",
        "PRE3010 \(m["6️⃣"]): invalid escape '\\q' in string",
        #"#6 \#(m["7️⃣"]) {"a":2}"#,
      ])
  }

  @Test func stringsWithControlCharactersOrLineBreaksAreSyntaxErrors() throws {
    let m = Marked("[{\"a\": \"x1️⃣\ty\"}, {\"a\": \"open2️⃣\n}, 3️⃣{\"b\": 1}]")
    #expect(
      summary(try readItems(m.text, .json)) == [
        "PRE3010 \(m["1️⃣"]): control character byte 0x9 in string",
        "PRE3010 \(m["2️⃣"]): unterminated string",
        #"#2 \#(m["3️⃣"]) {"b":1}"#,
      ])
  }

  @Test func duplicateKeysAreRejectedAtTheSecondKey() throws {
    let m = Marked(
      """
      [{"a": 1, "b": {"x": 1, 1️⃣"x": 2}},
       {"k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, 2️⃣"k1": 0},
       3️⃣{"a": 1, "b": {"a": 1}}]
      """)
    #expect(
      summary(try readItems(m.text, .json)) == [
        "PRE3013 \(m["1️⃣"]): duplicate key 'x'",
        "PRE3013 \(m["2️⃣"]): duplicate key 'k1'",
        #"#2 \#(m["3️⃣"]) {"a":1,"b":{"a":1}}"#,
      ])
  }

  @Test func unpairedSurrogatesAndInvalidUTF8AreRejected() throws {
    let m = Marked(#"[{"a": "x1️⃣\ud800y"}, {"a": "2️⃣\udc00"}, {"a": 3️⃣"?"}, 4️⃣{"a": "ok"}]"#)
    var bytes = Array(m.text.utf8)
    let question = bytes.firstIndex(of: UInt8(ascii: "?"))!
    bytes.replaceSubrange(question...question, with: [0xC0, 0xAF])
    let (line, column) = m.position("4️⃣")
    #expect(
      summary(try readItems(bytes: bytes, .json)) == [
        "PRE3010 \(m["1️⃣"]): unpaired surrogate in unicode escape",
        "PRE3010 \(m["2️⃣"]): unpaired surrogate in unicode escape",
        "PRE3003 \(m["3️⃣"]): string is not valid UTF-8",
        #"#3 \#(line):\#(column + 1) {"a":"ok"}"#,
      ])
  }

  @Test func nestingDeeperThanTheLimitIsRejected() throws {
    let deep =
      String(repeating: "[", count: 63) + "1️⃣" + String(repeating: "[]", count: 8)
      + String(repeating: "]", count: 63)
    let m = Marked("[{\"a\": \(deep)}, 2️⃣{\"b\": 1}]")
    #expect(
      summary(try readItems(m.text, .json)) == [
        "PRE3012 \(m["1️⃣"]): nesting is deeper than 64 levels",
        #"#1 \#(m["2️⃣"]) {"b":1}"#,
      ])
    let shallow = String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
    #expect(try readItems("[{\"a\": \(shallow)}]", .json).first?.record != nil)
    let options = ReaderOptions(maxDepth: 2)
    #expect(
      summary(try readItems(#"[{"a": {"b": 1}}, {"a": [[1]]}]"#, .json, options: options)) == [
        #"#0 1:2 {"a":{"b":1}}"#,
        "PRE3012 1:26: nesting is deeper than 2 levels",
      ])
  }

  @Test func missingAndTrailingCommas() throws {
    let m = Marked(#"[1️⃣{"a": 1} 2️⃣{"a": 2}, 3️⃣{"a": 3},4️⃣]"#)
    #expect(
      summary(try readItems(m.text, .json)) == [
        #"#0 \#(m["1️⃣"]) {"a":1}"#,
        "PRE3010 \(m["2️⃣"]): expected ',' or ']' after record 1",
        #"#2 \#(m["3️⃣"]) {"a":3}"#,
        "PRE3010 \(m["4️⃣"]): unexpected ']'; expected a value",
      ])
  }

  @Test func truncatedInputEndsWithARejection() throws {
    for text in [#"[1️⃣{"a": 1}, {"a": 22️⃣"#, "[1️⃣{\"a\": 1},\n2️⃣", "[1️⃣{\"a\": 1}2️⃣"] {
      let m = Marked(text)
      let message =
        text.hasSuffix("22️⃣")
        ? "unexpected end of input" : "unexpected end of input; the records array is not closed"
      #expect(
        summary(try readItems(m.text, .json)) == [
          #"#0 \#(m["1️⃣"]) {"a":1}"#,
          "PRE3010 \(m["2️⃣"]): \(message)",
        ])
    }
  }

  @Test func unrecoverableErrorStopsWithOneFinalRejection() throws {
    let m = Marked(#"[1️⃣{"a": 1}, {"a": [1, 22️⃣}, {"b": 1}, {"c": 1}]"#)
    #expect(
      summary(try readItems(m.text, .json)) == [
        #"#0 \#(m["1️⃣"]) {"a":1}"#,
        "PRE3010 \(m["2️⃣"]): unexpected '}'; expected ',' or ']'",
      ])
  }

  @Test func contentAfterTheArrayIsReported() throws {
    let m = Marked("[1️⃣{\"a\": 1}]\n  2️⃣x")
    #expect(
      summary(try readItems(m.text, .json)) == [
        #"#0 \#(m["1️⃣"]) {"a":1}"#,
        "PRE3014 \(m["2️⃣"]): unexpected content after the records array",
      ])
    #expect(try readItems("[{\"a\": 1}] \n\n", .json).count == 1)
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"[{"a": 1}]"#.utf8)
    #expect(summary(try readItems(bytes: bytes, .json)) == [#"#0 1:2 {"a":1}"#])
  }
}

@Suite struct JSONLimitTests {
  @Test func elementsLargerThanTheLimitAreRejectedAndSkipped() throws {
    try withTemporaryDirectory { dir in
      let big = #"{"a": ""# + String(repeating: "x", count: 400) + #""}"#
      let json = "[{\"a\": 1},\n \(big),\n {\"a\": 2}]"
      let path = try writeFile(dir, "big.json", Array(json.utf8))
      let options = ReaderOptions(chunkSize: 16, maxRecordBytes: 100)
      #expect(
        summary(try readItems(path: path, options: options)) == [
          #"#0 1:2 {"a":1}"#,
          "PRE3006 2:2: record is larger than the 100 bytes limit",
          #"#2 3:2 {"a":2}"#,
        ])
    }
  }

  @Test func recoverySkipsAcrossChunksWithoutKeepingTheElement() throws {
    try withTemporaryDirectory { dir in
      let broken =
        #"{"a": 1 "s": "\"]}\\", "l": [[["# + String(repeating: "[1], ", count: 100)
        + "2]]]}"
      let json = "[\(broken),\n{\"a\": 2}]"
      let path = try writeFile(dir, "broken.json", Array(json.utf8))
      for chunk in [1, 3, 16] {
        let options = ReaderOptions(chunkSize: chunk, maxRecordBytes: 64)
        #expect(
          summary(try readItems(path: path, options: options)) == [
            "PRE3010 1:10: unexpected '\"'; expected ',' or '}'",
            #"#1 2:1 {"a":2}"#,
          ])
      }
    }
  }
}
