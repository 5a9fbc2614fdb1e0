import Foundation
import PreceptInput
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite struct MakeReaderTests {
  @Test(arguments: [
    ("export.csv", InputFormat.csv), ("a/b.CSV", .csv), ("x.json", .json), ("x.jsonl", .jsonl),
    ("x.ndjson", .jsonl), ("x.yaml", .yaml), ("x.yml", .yaml),
  ])
  func formatFromExtension(_ path: String, _ format: InputFormat) {
    #expect(InputFormat(pathExtensionOf: path) == format)
  }

  @Test(arguments: ["x", "x.txt", "dir.csv/file", "-", ".", "x."])
  func noFormatFromOtherExtensions(_ path: String) {
    #expect(InputFormat(pathExtensionOf: path) == nil)
  }

  @Test func readsFilesByExtension() throws {
    try withTemporaryDirectory { dir in
      let csv = try writeFile(dir, "a.csv", Array("id,pupil.id\n1,P-1\n".utf8))
      let json = try writeFile(dir, "a.json", Array(#"[{"id": "1"}]"#.utf8))
      let jsonl = try writeFile(dir, "a.ndjson", Array("{\"id\": \"1\"}\n".utf8))
      let csvItems = try readItems(path: csv)
      #expect(summary(csvItems) == [#"#0 2:1 row 1 {"id":"1","pupil":{"id":"P-1"}}"#])
      #expect(csvItems.first?.record?.location.file == csv)
      #expect(summary(try readItems(path: json)) == [#"#0 1:2 {"id":"1"}"#])
      #expect(summary(try readItems(path: jsonl)) == [#"#0 1:1 {"id":"1"}"#])
    }
  }

  @Test func unknownExtensionsAreSniffed() throws {
    try withTemporaryDirectory { dir in
      let json = try writeFile(dir, "a.txt", Array(" \n[{\"id\": 1}]".utf8))
      let jsonl = try writeFile(dir, "b", Array("{\"id\": 1}\n{\"id\": 2}\n".utf8))
      let csv = try writeFile(dir, "c.dat", Array("id\n1\n".utf8))
      #expect(try readItems(path: json).count == 1)
      #expect(try readItems(path: jsonl).count == 2)
      #expect(summary(try readItems(path: csv)) == [#"#0 2:1 row 1 {"id":"1"}"#])
    }
  }

  @Test func anExplicitFormatWins() throws {
    try withTemporaryDirectory { dir in
      let path = try writeFile(dir, "a.json", Array("id\n1\n".utf8))
      #expect(try readItems(path: path, .csv).count == 1)
    }
  }

  @Test func missingFile() {
    let error = #expect(throws: InputError.self) {
      try readItems(path: "/nonexistent/precept/input.csv")
    }
    #expect(error?.kind == .notFound)
    #expect(error?.code == "PRE3100")
    #expect(error?.file == "/nonexistent/precept/input.csv")
    #expect(error?.description == "/nonexistent/precept/input.csv: error: no such file [PRE3100]")
  }

  @Test func directoryIsNotAFile() throws {
    try withTemporaryDirectory { dir in
      let error = #expect(throws: InputError.self) { try readItems(path: dir.path, .csv) }
      #expect(error?.kind == .notAFile)
    }
  }

  @Test(.enabled(if: geteuid() != 0, "root reads any file"))
  func unreadableFile() throws {
    try withTemporaryDirectory { dir in
      let path = try writeFile(dir, "a.csv", Array("a\n1\n".utf8))
      chmod(path, 0)
      let error = #expect(throws: InputError.self) { try readItems(path: path) }
      #expect(error?.kind == .permissionDenied)
    }
  }

  @Test func yamlExportsAreRead() throws {
    try withTemporaryDirectory { dir in
      let path = try writeFile(
        dir, "a.yaml", Array("incidents:\n  - {id: A}\n  - 5\n  - id: B\n    n: 2\n".utf8))
      let items = try readItems(path: path)
      #expect(items.count == 3)
      guard items.count == 3 else { return }
      #expect(items[0].record?.fields["id"]?.value == .string("A"))
      #expect(items[0].record?.location.line == 2)
      #expect(items[1].problem?.code == InputProblem.Code.notAnObject)
      #expect(items[1].problem?.location.line == 3)
      #expect(items[2].record?.fields["n"]?.value == .number("2"))
    }
  }

  @Test func brokenYAMLIsUnreadableWithItsPosition() throws {
    try withTemporaryDirectory { dir in
      let path = try writeFile(dir, "a.yaml", Array("- {id: A}\n- [\n".utf8))
      let error = #expect(throws: InputError.self) { try readItems(path: path) }
      #expect(error?.kind == .invalidStructure)
      #expect(error?.location?.line != nil)
    }
  }

  @Test func errorsComeBeforeTheFirstRecord() throws {
    try withTemporaryDirectory { dir in
      let path = try writeFile(dir, "a.csv", Array("a,a\n1,2\n".utf8))
      let error = #expect(throws: InputError.self) { _ = try makeReader(path: path, format: nil) }
      #expect(
        error?.description == "\(path):1:2: error: column 2 'a' duplicates column 1 [PRE3105]")
    }
  }

  @Test func problemsDescribeThemselvesLikeACompiler() throws {
    let items = try readItems("a,b\n1\n", .csv, file: "export.csv")
    #expect(
      items.first?.problem?.description
        == "export.csv:2:2: error: row 1 has 1 field, the header has 2 fields [PRE3002]")
  }
}

/// Reading standard input: fd 0 is swapped for a pipe for the duration of the test.
@Suite(.serialized) struct StandardInputTests {
  private func withStandardInput<T>(_ bytes: [UInt8], _ body: () throws -> T) throws -> T {
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    let saved = dup(0)
    defer {
      dup2(saved, 0)
      close(saved)
    }
    dup2(ends[0], 0)
    close(ends[0])
    let writeEnd = ends[1]
    let writer = Thread {
      bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
          let written = write(writeEnd, raw.baseAddress! + offset, raw.count - offset)
          if written <= 0 { break }
          offset += written
        }
      }
      close(writeEnd)
    }
    writer.start()
    return try body()
  }

  @Test func readsCSVFromStandardInput() throws {
    var csv = "id,pupil.sen_status\n"
    for i in 1...20_000 {
      csv += "INC-\(i),ehcp\n"
    }
    let items = try withStandardInput(Array(csv.utf8)) {
      try readItems(path: "-", .csv, options: ReaderOptions(chunkSize: 4096))
    }
    #expect(items.count == 20_000)
    let last = try #require(items.last?.record)
    #expect(last.location == RecordLocation(file: "<stdin>", line: 20_001, column: 1, row: 20_000))
    #expect(last.fields.description == #"{"id":"INC-20000","pupil":{"sen_status":"ehcp"}}"#)
  }

  @Test func sniffsJSONOnStandardInput() throws {
    let items = try withStandardInput(Array(" [{\"a\": 1}, {\"a\": 2}]".utf8)) {
      try readItems(path: "-")
    }
    #expect(summary(items) == [#"#0 1:3 {"a":1}"#, #"#1 1:13 {"a":2}"#])
  }
}
