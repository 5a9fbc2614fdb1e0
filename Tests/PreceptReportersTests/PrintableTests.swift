import PreceptEngine
import PreceptRules
import Testing

@testable import PreceptReporters

/// Text from an export is escaped before a terminal report prints it.
@Suite struct PrintableTests {
  @Test(arguments: [
    ("INC-1", "INC-1"),
    ("a\u{1B}[31mred", #"a\u{1b}[31mred"#),
    ("tab\there", #"tab\u{9}here"#),
    ("line\nbreak", #"line\u{a}break"#),
    ("del\u{7F} csi\u{9B}", #"del\u{7f} csi\u{9b}"#),
    ("café ✓", "café ✓"),
  ])
  func controlCharactersAreEscaped(_ text: String, _ expected: String) {
    #expect(text.escapingControlCharacters == expected)
  }

  @Test func everyTextOfAFindingIsEscaped() {
    var f = Finding(
      rule: "RI-1", kind: .violation, severity: .error, record: "I\u{1B}D",
      message: "m\u{7}", title: "t\u{1}")
    f.explanation = Explanation(
      when: "w\u{8}", condition: "c", values: [.init(expr: "e", value: "v\u{1B}")],
      missing: "x\u{0}")
    let p = f.printable
    let texts = [
      p.record, p.message, p.title, p.explanation?.when,
      p.explanation?.values.first?.value, p.explanation?.missing,
    ].compactMap { $0 }
    #expect(texts.count == 6)
    for t in texts { #expect(!t.unicodeScalars.contains { $0.value < 0x20 }, "\(t)") }
    #expect(p.record == #"I\u{1b}D"#)
  }
}
