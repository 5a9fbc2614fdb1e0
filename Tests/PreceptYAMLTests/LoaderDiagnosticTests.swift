import PreceptDiagnostics
import PreceptTestSupport
import Testing

@testable import PreceptYAML

@Suite struct LoaderDiagnosticTests {
  @Test func duplicateKeysPointAtBothDefinitions() throws {
    let (root, diagnostics, marked, _) = load(
      """
      1️⃣id: RI-1
      title: x
      2️⃣id: RI-2
      nested: {a: 1, 3️⃣'a': 2, "1": 3, 1: 4}
      """)
    let node = try #require(root)
    #expect(diagnostics.count == 2)
    let first = diagnostics[0]
    #expect(first.code == "PRE1002")
    #expect(first.message == "duplicate key 'id'")
    #expect(first.range?.start == marked["2️⃣"])
    #expect(first.notes.map(\.message) == ["first defined here"])
    #expect(first.notes.first?.range?.start == marked["1️⃣"])
    #expect(diagnostics[1].range?.start == marked["3️⃣"])
    #expect(diagnostics[1].message == "duplicate key 'a'")
    // Keys stay in order, duplicates included; lookup finds the first.
    #expect(node.keys == ["id", "title", "id", "nested"])
    #expect(node["id"]?.scalarValue == "RI-1")
  }

  @Test func secondDocumentIsAnError() {
    let (root, diagnostics, marked, _) = load("a: 1\n1️⃣---\nb: 2\n")
    #expect(root == nil)
    #expect(diagnostics.map(\.code) == ["PRE1003"])
    #expect(diagnostics.first?.range?.start == marked["1️⃣"])
  }

  @Test func billionLaughsIsBounded() {
    var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    var previous = "a"
    for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
      text +=
        "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ")
        + "]\n"
      previous = name
    }
    let (root, diagnostics) = YAMLLoader.load(text)
    #expect(root == nil)
    #expect(diagnostics.map(\.code) == ["PRE1004"])
    #expect(
      diagnostics.first?.message
        == "the document has more than 100000 nodes after expanding aliases")
  }

  @Test func nodeLimitIsConfigurable() {
    let (_, diagnostics) = YAMLLoader.load("[1, 2, 3, 4]", limits: YAMLLimits(maxNodes: 4))
    #expect(diagnostics.map(\.code) == ["PRE1004"])
    let (root, none) = YAMLLoader.load("[1, 2, 3]", limits: YAMLLimits(maxNodes: 4))
    #expect(none.isEmpty)
    #expect(root?.sequence?.count == 3)
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let text = String(repeating: "[", count: 10_000)
    let (root, diagnostics) = YAMLLoader.load(text)
    #expect(root == nil)
    #expect(diagnostics.map(\.code) == ["PRE1005"])
    #expect(diagnostics.first?.range?.start == 200)

    for deep in [
      String(repeating: "{a: ", count: 10_000), String(repeating: "- ", count: 10_000) + "x",
      String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
    ] {
      let (root, diagnostics) = YAMLLoader.load(deep)
      #expect(root == nil)
      #expect(diagnostics.map(\.code) == ["PRE1005"])
    }

    let blocks = (0..<300).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(
      separator: "\n")
    #expect(YAMLLoader.load(blocks).diagnostics.map(\.code) == ["PRE1005"])
    let fine = (0..<50).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(
      separator: "\n")
    #expect(YAMLLoader.load(fine).diagnostics.isEmpty)
  }

  @Test func invalidUTF8IsReportedAtTheBadByte() {
    let bytes = Array("a: ok\nb: caf".utf8) + [0xE9] + Array("\n".utf8)
    let file = SourceFile(path: "latin1.yaml", bytes: bytes)
    let (root, diagnostics) = YAMLLoader.load(file)
    #expect(root == nil)
    #expect(diagnostics.map(\.code) == ["PRE1006"])
    #expect(diagnostics.first?.range?.start == 12)
    #expect(diagnostics.first?.position?.description == "2:7")
  }

  @Test func utf16IsNotUTF8() {
    let file = SourceFile(path: "utf16.yaml", bytes: [0xFF, 0xFE, 0x61, 0x00])
    #expect(YAMLLoader.load(file).diagnostics.map(\.code) == ["PRE1006"])
  }

  @Test func controlCharactersAreRejected() {
    let (root, diagnostics, marked, _) = load("a: b\nc: 1️⃣\u{01}\n")
    #expect(root == nil)
    #expect(diagnostics.map(\.code) == ["PRE1009"])
    #expect(diagnostics.first?.message == "control character U+0001 is not allowed")
    #expect(diagnostics.first?.range?.start == marked["1️⃣"])
  }

  @Test func mergeKeysAreRejected() {
    let (_, diagnostics, marked, _) = load("base: &b {x: 1}\nrule:\n  1️⃣<<: *b\n  y: 2\n")
    #expect(diagnostics.map(\.code) == ["PRE1008"])
    #expect(diagnostics.first?.range?.start == marked["1️⃣"])
    // A quoted '<<' is an ordinary key.
    let (root, none) = YAMLLoader.load("rule:\n  '<<': x\n")
    #expect(none.isEmpty)
    #expect(root?["rule"]?["<<"]?.scalarValue == "x")
  }

  @Test func undefinedAndRecursiveAliases() throws {
    let (root, diagnostics, marked, _) = load("a: 1️⃣*nope\nb: &r [2️⃣*r]\n")
    #expect(diagnostics.map(\.code) == ["PRE1007", "PRE1007"])
    #expect(diagnostics[0].message == "undefined alias 'nope'")
    #expect(diagnostics[0].range?.start == marked["1️⃣"])
    #expect(diagnostics[1].message == "alias 'r' refers to a node that contains it")
    #expect(diagnostics[1].range?.start == marked["2️⃣"])
    #expect(try #require(root)["a"]?.isNull == true)
  }

  struct SyntaxCase: Sendable, CustomTestStringConvertible {
    var yaml: String
    var message: String
    var note: String?
    var testDescription: String { message }
  }

  @Test(arguments: [
    SyntaxCase(yaml: "a: 1\nb: 2\n  c1️⃣: 3\n", message: "unexpected ':'"),
    SyntaxCase(yaml: "a: 1\n1️⃣\tb: 2\n", message: "tab character used for indentation"),
    SyntaxCase(yaml: "a: 1️⃣`cmd`\n", message: "'`' cannot start a plain value"),
    SyntaxCase(
      yaml: "a: 2️⃣[1, 2\n1️⃣", message: "expected ',' or ']'", note: "the sequence starts here"),
    SyntaxCase(
      yaml: "a: 2️⃣\"abc\n1️⃣", message: "unexpected end of file",
      note: "the quoted string starts here"),
    SyntaxCase(
      yaml: "a: 2️⃣\"x1️⃣\\q\"\n", message: "unknown escape sequence in a double-quoted string",
      note: "the quoted string starts here"),
    SyntaxCase(
      yaml: "2️⃣- a\n- b\n1️⃣c: d\n", message: "expected a list entry ('- ')",
      note: "the collection starts here"),
  ])
  func syntaxErrors(_ example: SyntaxCase) throws {
    let (root, diagnostics, marked, _) = load(example.yaml)
    #expect(root == nil)
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostics.count == 1)
    #expect(diagnostic.code == "PRE1001")
    #expect(diagnostic.message == example.message)
    #expect(diagnostic.range?.start == marked["1️⃣"])
    #expect(diagnostic.notes.first?.message == example.note)
    if example.note != nil {
      #expect(diagnostic.notes.first?.range?.start == marked["2️⃣"])
    }
  }

  @Test func renderedSyntaxError() {
    let (_, diagnostics, _, _) = load("rules:\n  - id: RI-1\n    when: a: b\n")
    let text = DiagnosticRenderer().render(diagnostics)
    #expect(
      text == """
        test.yaml:3:12: error: unexpected ':' [PRE1001]
           2 |   - id: RI-1
           3 |     when: a: b
             |            ^
             |            `- help: check the indentation, and quote a value that contains ': '

        """)
  }

  @Test func renderedDuplicateKey() {
    let (_, diagnostics, _, _) = load("rules:\n  - id: RI-1\n    when: a\n    id: RI-2\n")
    let text = DiagnosticRenderer().render(diagnostics)
    #expect(
      text == """
        test.yaml:4:5: error: duplicate key 'id' [PRE1002]
           3 |     when: a
           4 |     id: RI-2
             |     ^~
        test.yaml:2:5: note: first defined here
           2 |   - id: RI-1
             |     ^~

        """)
  }
}
