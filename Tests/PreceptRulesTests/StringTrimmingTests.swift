import Foundation
import PreceptTestSupport
import Testing

@testable import PreceptRules

@Suite("Trimming text without Foundation")
struct StringTrimmingTests {
  @Test(
    "trims as Foundation's whitespaces and whitespacesAndNewlines do",
    arguments: [
      "", " ", "\n", " \t\r\n\u{0B}\u{0C} ", "plain", "  both ends  ", "line\n", "\nlead",
      "inner  space kept", "é", " é ", "\u{00A0}nbsp\u{00A0}", "\u{2028}sep\u{2029}",
      "x\u{0085}", "\u{3000}ideographic", "trailing\u{200B}", "tab\t", "café\n",
      "\u{1F600} emoji \u{1F600}", " \u{00A0} ", "a\r\n",
    ])
  func matchesFoundation(_ text: String) {
    #expect(
      text.trimmedWhitespaceAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(text.trimmedWhitespace == text.trimmingCharacters(in: .whitespaces))
  }

  @Test("random text with white space of every kind at its ends trims as Foundation does")
  func matchesFoundationOnRandomText() {
    let alphabet: [Character] = [" ", "\t", "\n", "\r", "a", "b", "\u{00A0}", "é", "\u{2028}", "z"]
    var random = SeededRandom(seed: 2026)
    for _ in 0..<2_000 {
      let s = String((0..<Int(random.next() % 9)).map { _ in random.pick(alphabet) })
      #expect(s.trimmedWhitespaceAndNewlines == s.trimmingCharacters(in: .whitespacesAndNewlines))
      #expect(s.trimmedWhitespace == s.trimmingCharacters(in: .whitespaces))
    }
  }
}
