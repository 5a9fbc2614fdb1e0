import PreceptDiagnostics
import PreceptTestSupport
import Testing

@testable import PreceptYAML

@Suite struct ScalarOffsetTests {
  /// A fixture: marked YAML, the key path to a scalar, its expected value, and which value text
  /// must map to which marker.
  struct Example: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String
    var path: [String]
    var value: String
    /// (text in the value, occurrence, marker it must map to)
    var expectations: [(String, Int, String)]
    var testDescription: String { name }
  }

  static let examples: [Example] = [
    Example(
      name: "folded require block",
      yaml: """
        rules:
          - id: RI-1
            require: >
              1️⃣incident.seclusion.supervision == 'continuous' &&
              2️⃣incident.seclusion.gap == 3️⃣0
            message: x
        """,
      path: ["rules", "0", "require"],
      value: "incident.seclusion.supervision == 'continuous' && incident.seclusion.gap == 0\n",
      expectations: [("incident", 1, "1️⃣"), ("incident", 2, "2️⃣"), ("0", 1, "3️⃣")]),
    Example(
      name: "literal with indentation and blank lines",
      yaml: """
        doc: |
          1️⃣first
          2️⃣  indented

          3️⃣after blank
        next: 1
        """,
      path: ["doc"],
      value: "first\n  indented\n\nafter blank\n",
      expectations: [("first", 1, "1️⃣"), ("  indented", 1, "2️⃣"), ("after", 1, "3️⃣")]),
    Example(
      name: "multi-line plain",
      yaml: """
        title: 1️⃣A secluded
          2️⃣pupil   3️⃣is

          4️⃣supervised
        """,
      path: ["title"],
      value: "A secluded pupil   is\nsupervised",
      expectations: [("A", 1, "1️⃣"), ("pupil", 1, "2️⃣"), ("is", 1, "3️⃣"), ("supervised", 1, "4️⃣")]),
    Example(
      name: "single-quoted with doubled quote and folding",
      yaml: """
        q: 'it2️⃣''s 3️⃣a
           4️⃣test  '
        """,
      path: ["q"],
      value: "it's a test  ",
      expectations: [("'", 1, "2️⃣"), ("a", 1, "3️⃣"), ("test", 1, "4️⃣")]),
    Example(
      name: "double-quoted with escapes and an escaped line break",
      yaml: """
        q: "1️⃣tab2️⃣\\there 3️⃣\\u00e9 5️⃣\\x41 \\
           4️⃣cont"
        """,
      path: ["q"],
      value: "tab\there é A cont",
      expectations: [
        ("tab", 1, "1️⃣"), ("\t", 1, "2️⃣"), ("é", 1, "3️⃣"), ("A", 1, "5️⃣"),
        ("cont", 1, "4️⃣"),
      ]),
    Example(
      name: "double-quoted folding keeps escaped trailing space",
      yaml: "q: \"a\\t \n\n   1️⃣b\"\n",
      path: ["q"],
      value: "a\t\nb",
      expectations: [("b", 1, "1️⃣")]),
    Example(
      name: "explicit indentation indicator with keep chomping",
      yaml: """
        a:
          b: |2+
              1️⃣x
            2️⃣y

        c: 1
        """,
      path: ["a", "b"],
      value: "  x\ny\n\n",
      expectations: [("x", 1, "1️⃣"), ("y", 1, "2️⃣")]),
    Example(
      name: "folded with more-indented lines, strip chomping",
      yaml: """
        f: >-
          1️⃣one
          2️⃣two
            3️⃣three
          4️⃣four

        """,
      path: ["f"],
      value: "one two\n  three\nfour",
      expectations: [("one", 1, "1️⃣"), ("two", 1, "2️⃣"), ("three", 1, "3️⃣"), ("four", 1, "4️⃣")]),
    Example(
      name: "top-level literal",
      yaml: "--- |\n  1️⃣text\n  2️⃣more",
      path: [],
      value: "text\nmore",
      expectations: [("text", 1, "1️⃣"), ("more", 1, "2️⃣")]),
    Example(
      name: "multi-line plain in a flow sequence",
      yaml: "k: [1️⃣a\n  2️⃣b, c]\n",
      path: ["k", "0"],
      value: "a b",
      expectations: [("a", 1, "1️⃣"), ("b", 1, "2️⃣")]),
    Example(
      name: "folded block in a sequence",
      yaml: "- >\n  1️⃣x\n\n  2️⃣y\n- z\n",
      path: ["0"],
      value: "x\ny\n",
      expectations: [("x", 1, "1️⃣"), ("y", 1, "2️⃣")]),
    Example(
      name: "block with a tag, an anchor and a comment",
      yaml: "k: !!str &a | # note\n    1️⃣x §\n    2️⃣«y»\nl: *a\n",
      path: ["k"],
      value: "x §\n«y»\n",
      expectations: [("x", 1, "1️⃣"), ("«", 1, "2️⃣")]),
    Example(
      name: "non-ASCII folded",
      yaml: "k: >\n  1️⃣§ a\n  2️⃣«b»\n",
      path: ["k"],
      value: "§ a «b»\n",
      expectations: [("§", 1, "1️⃣"), ("«b»", 1, "2️⃣")]),
    Example(
      name: "tabs inside content",
      yaml: "k: a\tb\nl: |\n  1️⃣x\ty\n  2️⃣\tz\n",
      path: ["l"],
      value: "x\ty\n\tz\n",
      expectations: [("x", 1, "1️⃣"), ("\t", 2, "2️⃣")]),
    Example(
      name: "folded with leading blank lines and CRLF",
      yaml: "k: >\r\n\r\n  1️⃣a\r\n  2️⃣b\r\n",
      path: ["k"],
      value: "\na b\n",
      expectations: [("a", 1, "1️⃣"), ("b", 1, "2️⃣")]),
  ]

  func node(_ root: YAMLNode, _ path: [String]) -> YAMLNode? {
    var current: YAMLNode? = root
    for component in path {
      if let index = Int(component) {
        current = current?[index]
      } else {
        current = current?[component]
      }
    }
    return current
  }

  @Test(arguments: examples)
  func mapsValueOffsetsToMarkers(_ example: Example) throws {
    let (root, diagnostics, marked, file) = load(example.yaml)
    #expect(diagnostics.isEmpty)
    let document = try #require(root)
    let target = try #require(node(document, example.path))
    let scalar = try #require(target.scalar)
    #expect(scalar.value == example.value)
    #expect(scalar.hasExactOffsets)
    for (text, occurrence, marker) in example.expectations {
      let offset = try #require(valueOffset(of: text, in: scalar, occurrence: occurrence))
      let source = scalar.sourceOffset(forValueOffset: offset)
      #expect(
        source == marked[marker],
        """
        '\(text)' maps to \(file.position(at: source)), \
        expected \(file.position(at: marked[marker]))
        """
      )
    }
    for scalarNode in allScalars(document) {
      expectConsistentOffsets(scalarNode)
    }
  }

  @Test func valueRangeMapsToTheExactSourceText() throws {
    let (root, _, _, file) = load(Self.examples[0].yaml)
    let require = try #require(root?["rules"]?[0]?["require"])
    let scalar = try #require(require.scalar)
    let start = try #require(valueOffset(of: "incident.seclusion.gap", in: scalar))
    let range = try #require(
      require.sourceRange(forValueRange: start..<start + "incident.seclusion.gap".utf8.count))
    #expect(range.text == "incident.seclusion.gap")
    #expect(range.startPosition.description == "5:7")
    #expect(file.position(at: range.end).description == "5:29")
    // A range ending in a non-ASCII character covers all of its bytes.
    let (other, _, _, _) = load("k: >\n  a §\n")
    let folded = try #require(other?["k"])
    #expect(folded.sourceRange(forValueRange: 2..<4)?.text == "§")
    #expect(folded.sourceRange(forValueRange: 0..<0)?.isEmpty == true)
  }

  @Test func offsetsPastTheEndMapAfterTheLastCharacter() throws {
    // libyaml places an empty value right after the ':'.
    let (root, _, marked, _) = load("a: \"xy1️⃣\"\nb:2️⃣ \n")
    let scalar = try #require(root?["a"]?.scalar)
    #expect(scalar.sourceOffset(forValueOffset: 2) == marked["1️⃣"])
    #expect(scalar.sourceOffset(forValueOffset: 99) == marked["1️⃣"])
    let empty = try #require(root?["b"]?.scalar)
    #expect(empty.sourceOffset(forValueOffset: 0) == marked["2️⃣"])
  }

  @Test func blockScalarRangeEndsAtItsLastContentLine() throws {
    let (root, _, marked, _) = load("k: 1️⃣|\n  a\n  b2️⃣\n\n\nnext: 1\n")
    let range = try #require(root?["k"]?.range)
    #expect(range.start == marked["1️⃣"])
    #expect(range.end == marked["2️⃣"])
  }
}
