import PreceptDiagnostics
import PreceptTestSupport
import Testing

@testable import PreceptYAML

@Suite struct LoaderStructureTests {
  @Test func buildsTreeWithKeysInOrder() throws {
    let (root, diagnostics, _, _) = load(
      """
      rules:
        - id: RI-SEC-006
          severity: error
          cite: [addendum §7, "DfE 2026 ¶12"]
          effective: {from: 2026-04-01, until: 2027-03-31}
        - id: RI-SEC-007
      zeta: 1
      alpha: 2
      """)
    #expect(diagnostics.isEmpty)
    let node = try #require(root)
    #expect(node.keys == ["rules", "zeta", "alpha"])
    let rules = try #require(node["rules"]?.sequence)
    #expect(rules.count == 2)
    #expect(rules[0]["cite"]?.sequence?.map(\.scalarValue) == ["addendum §7", "DfE 2026 ¶12"])
    #expect(rules[0]["effective"]?["until"]?.scalarValue == "2027-03-31")
    #expect(node["rules"]?[1]?["id"]?.scalarValue == "RI-SEC-007")
    #expect(node["missing"] == nil)
    #expect(node["rules"]?["id"] == nil)
    #expect(node["zeta"]?.mapping == nil)
    #expect(node["rules"]?[5] == nil)
  }

  @Test func rangesCoverNodeContent() throws {
    let (root, diagnostics, marked, file) = load(
      """
      1️⃣rules:
        - 2️⃣id: 3️⃣RI-§-0064️⃣
          cite: 5️⃣[a, b]6️⃣
          quote: 7️⃣"x §"8️⃣
          tag: &anchor 9️⃣!!str 🔟value
      """)
    #expect(diagnostics.isEmpty)
    let node = try #require(root)
    func range(_ a: String, _ b: String) -> SourceRange {
      SourceRange(file: file, start: marked[a], end: marked[b])
    }
    let rule = try #require(node["rules"]?[0])
    #expect(rule["id"]?.range == range("3️⃣", "4️⃣"))
    #expect(
      rule.keyRange(for: "id") == SourceRange(file: file, start: marked["2️⃣"], end: marked["2️⃣"] + 2))
    #expect(rule["cite"]?.range == range("5️⃣", "6️⃣"))
    #expect(rule["quote"]?.range == range("7️⃣", "8️⃣"))
    #expect(rule["tag"]?.range.start == marked["🔟"])
    #expect(rule["tag"]?.range.text == "value")
    #expect(rule.range.start == marked["2️⃣"])
    #expect(rule.range.end == marked["🔟"] + 5)
    #expect(node.range.start == marked["1️⃣"])
    #expect(rule["id"]?.range.startPosition.description == "2:9")
    _ = marked["9️⃣"]
  }

  @Test func emptyInputsHaveNoRoot() {
    for text in ["", "# only a comment\n", "\n\n", "   "] {
      let (root, diagnostics) = YAMLLoader.load(text)
      #expect(root == nil, "\(text.debugDescription)")
      #expect(diagnostics.isEmpty, "\(text.debugDescription)")
    }
  }

  @Test func explicitEmptyDocumentIsNull() throws {
    let (root, diagnostics) = YAMLLoader.load("---\n")
    #expect(diagnostics.isEmpty)
    #expect(try #require(root).isNull)
  }

  @Test func singleDocumentWithMarkersIsFine() throws {
    let (root, diagnostics) = YAMLLoader.load("--- \na: 1\n...\n")
    #expect(diagnostics.isEmpty)
    #expect(root?.description == "{a: 1}")
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let text = "\u{FEFF}a: 1️⃣§x\nb: 2️⃣y\n"
    let (root, diagnostics, marked, _) = load(text)
    #expect(diagnostics.isEmpty)
    let node = try #require(root)
    #expect(node["a"]?.range.start == marked["1️⃣"])
    #expect(node["b"]?.range.start == marked["2️⃣"])
    #expect(node.keys == ["a", "b"])
  }

  @Test func anchorsAndAliasesExpand() throws {
    let (root, diagnostics, marked, _) = load(
      """
      base: &b {x: 1, y: [a, b]}
      copy: 1️⃣*b2️⃣
      name: &n hello
      again: *n
      """)
    #expect(diagnostics.isEmpty)
    let node = try #require(root)
    #expect(node["copy"]?.description == #"{x: 1, y: ["a", "b"]}"#)
    #expect(node["copy"]?.range.start == marked["1️⃣"])
    #expect(node["copy"]?.range.end == marked["2️⃣"])
    #expect(node["again"]?.scalarValue == "hello")
  }

  @Test func crlfLineEndings() throws {
    let (root, diagnostics, marked, file) = load("a: 1\r\nb: |\r\n  1️⃣x\r\n  y\r\nc: 2️⃣z\r\n")
    #expect(diagnostics.isEmpty)
    let node = try #require(root)
    #expect(node["b"]?.scalarValue == "x\ny\n")
    #expect(node["b"]?.scalar?.sourceOffset(forValueOffset: 0) == marked["1️⃣"])
    #expect(node["c"]?.range.start == marked["2️⃣"])
    #expect(file.position(at: marked["2️⃣"]).description == "5:4")
    expectConsistentOffsets(try #require(node["b"]))
  }

  @Test func nonASCIIPositionsAreByteOffsets() throws {
    // libyaml's marks count characters; the loader converts them to byte offsets.
    let (root, diagnostics, marked, file) = load("k: «§»\nv: 1️⃣x\nw: 2️⃣😀3️⃣\n")
    #expect(diagnostics.isEmpty)
    let node = try #require(root)
    #expect(node["v"]?.range.start == marked["1️⃣"])
    #expect(node["w"]?.range == SourceRange(file: file, start: marked["2️⃣"], end: marked["3️⃣"]))
    #expect(file.position(at: marked["2️⃣"]).description == "3:4")
  }
}
