import PreceptDiagnostics
import PreceptTestSupport
import Testing

@testable import PreceptYAML

@Suite struct RobustnessTests {
  static let sample = """
    # A rule file
    rules:
      - id: RI-SEC-006
        title: A secluded pupil is supervised at all times
        severity: error
        cite: [addendum §7, 'DfE ¶12']
        quote: "The pupil should be \\"supervised\\" at all times \\u00e9."
        when: seclusion
        require: >
          incident.seclusion.supervision == 'continuous' &&
          incident.seclusion.supervision_gap_minutes == 0
        doc: |
          Longer notes.
            Indented.
        effective: {from: 2026-04-01, until: 2027-03-31}
        anchors: &a [x, y]
        again: *a
    """

  @Test func everyTruncationLoadsWithoutCrashing() {
    let bytes = Array(Self.sample.utf8)
    for length in 0...bytes.count {
      let file = SourceFile(path: "t.yaml", bytes: Array(bytes[0..<length]))
      let (root, diagnostics) = YAMLLoader.load(file)
      if diagnostics.isEmpty, let root {
        for scalar in allScalars(root) { expectConsistentOffsets(scalar) }
      }
      for diagnostic in diagnostics {
        if let range = diagnostic.range {
          #expect(range.start >= 0 && range.end <= length)
        }
      }
    }
  }

  @Test func randomBytesNeverCrash() {
    var random = SeededRandom(seed: 42)
    for _ in 0..<1_000 {
      let count = Int.random(in: 0..<120, using: &random)
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
      let (_, diagnostics) = YAMLLoader.load(SourceFile(path: "r", bytes: bytes))
      _ = DiagnosticRenderer().render(diagnostics)
    }
  }

  @Test func randomYAMLishTextNeverCrashesAndMapsOffsetsExactly() {
    let pieces = [
      "-", " ", "  ", ":", "[", "]", "{", "}", ",", "&a", "*a", "!!str", "|", ">", "|-", ">+", "|2",
      "'", "\"", "#", "\n", "\n", "\n  ", "\r\n", "\t", "\\", "\\n", "\\u00e9", "''", "a", "b1",
      "§", "«x»", "?", "%", "@", "`", "---", "...", "true", "12", "key: ", "- ", "\n- ", "\n  k: ",
      "😀",
    ]
    var random = SeededRandom(seed: 7)
    var inexact: [String] = []
    for _ in 0..<3_000 {
      let count = Int.random(in: 0..<30, using: &random)
      let text = (0..<count).map { _ in pieces.randomElement(using: &random)! }.joined()
      let (root, diagnostics) = YAMLLoader.load(text)
      _ = DiagnosticRenderer().render(diagnostics)
      if let root {
        for scalar in allScalars(root) where scalar.scalar?.hasExactOffsets == false {
          inexact.append(text)
        }
      }
    }
    #expect(inexact.isEmpty, "inexact offsets for: \(inexact.prefix(5).map(\.debugDescription))")
  }

  @Test func tabsAndOddWhitespace() {
    for text in [
      "a:\tb", "\ta: b", "a: |\n\tx\n", "- \t- a", "a: [\t1,\t2 ]", "k: \"\t\"", "\u{FEFF}",
      "\u{FEFF}a: 1",
    ] {
      _ = YAMLLoader.load(text)
    }
    let (root, diagnostics) = YAMLLoader.load("a: [\t1,\t2 ]")
    #expect(diagnostics.isEmpty)
    #expect(root?.description == "{a: [1, 2]}")
  }
}
