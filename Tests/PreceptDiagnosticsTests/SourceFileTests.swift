import PreceptDiagnostics
import PreceptTestSupport
import Testing

@Suite struct SourceFileTests {
  @Test func positionsCountLinesAndColumnsFromOne() {
    let marked = MarkedText("1️⃣id: 2️⃣RI-1\n3️⃣when: 4️⃣seclusion\n5️⃣")
    let file = marked.sourceFile()
    #expect(file.position(at: marked["1️⃣"]) == SourcePosition(line: 1, column: 1, offset: 0))
    #expect(file.position(at: marked["2️⃣"]).description == "1:5")
    #expect(file.position(at: marked["3️⃣"]).description == "2:1")
    #expect(file.position(at: marked["4️⃣"]).description == "2:7")
    #expect(file.position(at: marked["5️⃣"]).description == "3:1")
    #expect(file.lineCount == 3)
  }

  @Test func columnsCountUnicodeScalarsNotBytes() {
    let marked = MarkedText("cite: [addendum §7, 1️⃣x]\n")
    let file = marked.sourceFile()
    // `§` is two bytes but one column.
    #expect(marked["1️⃣"] == 21)
    #expect(file.position(at: marked["1️⃣"]).column == 21)
  }

  @Test func utf16ColumnsCountSurrogatePairsTwice() {
    let marked = MarkedText("a: \"😀 §1️⃣x\"\n")
    let file = marked.sourceFile()
    #expect(file.position(at: marked["1️⃣"]).column == 8)
    #expect(file.utf16Column(at: marked["1️⃣"]) == 9)
  }

  @Test func offsetInsideAScalarBelongsToIt() {
    let file = SourceFile(path: "a", text: "x§y")
    #expect(file.position(at: 1).column == 2)
    #expect(file.position(at: 2).column == 2)
    #expect(file.position(at: 3).column == 3)
    #expect(file.slice(2, 4) == "§y")
  }

  @Test(arguments: ["\n", "\r\n", "\r"])
  func lineBreaks(_ newline: String) {
    let marked = MarkedText("one\(newline)1️⃣two\(newline)\(newline)2️⃣four")
    let file = marked.sourceFile()
    #expect(file.lineCount == 4)
    #expect(file.position(at: marked["1️⃣"]).description == "2:1")
    #expect(file.position(at: marked["2️⃣"]).description == "4:1")
    #expect(file.lineText(1) == "one")
    #expect(file.lineText(2) == "two")
    #expect(file.lineText(3) == "")
    #expect(file.lineText(4) == "four")
    #expect(file.lineText(5) == "")
    #expect(file.lineText(0) == "")
  }

  @Test func offsetsAreClamped() {
    let file = SourceFile(path: "a", text: "ab\ncd")
    #expect(file.position(at: -5) == SourcePosition(line: 1, column: 1, offset: 0))
    #expect(file.position(at: 99) == SourcePosition(line: 2, column: 3, offset: 5))
    #expect(file.slice(-1, 99) == "ab\ncd")
  }

  @Test func emptyFileHasOneEmptyLine() {
    let file = SourceFile(path: "empty.yaml", text: "")
    #expect(file.lineCount == 1)
    #expect(file.position(at: 0).description == "1:1")
    #expect(file.lineText(1) == "")
  }

  @Test func invalidUTF8IsKeptAsBytes() {
    let file = SourceFile(path: "bad", bytes: [0x61, 0x0A, 0x62, 0xFF, 0x63])
    #expect(!file.isValidUTF8)
    #expect(file.bytes.count == 5)
    #expect(file.position(at: 4).description == "2:3")
    #expect(file.lineText(2) == "b\u{FFFD}c")
  }

  @Test func rangesDescribeTheirStart() {
    let marked = MarkedText("a: 1\nb: 1️⃣two2️⃣\n")
    let file = marked.sourceFile(path: "x.yaml")
    let range = SourceRange(file: file, start: marked["1️⃣"], end: marked["2️⃣"])
    #expect(range.text == "two")
    #expect(range.description == "x.yaml:2:4")
    #expect(range.count == 3)
    #expect(SourceRange(file: file, start: 4, end: 2).isEmpty)
    #expect(range == SourceRange(file: file, start: marked["1️⃣"], end: marked["2️⃣"]))
    #expect(range != SourceRange(file: marked.sourceFile(), start: range.start, end: range.end))
  }

  @Test func markersAreStripped() {
    let (text, markers) = extractMarkers("a1️⃣§2️⃣b🔟")
    #expect(text == "a§b")
    #expect(markers == ["1️⃣": 1, "2️⃣": 3, "🔟": 4])
  }
}
