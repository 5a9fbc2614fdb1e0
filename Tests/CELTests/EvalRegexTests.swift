import Foundation
import Testing

@testable import CEL

/// The linear-time matcher against ICU's, on patterns both accept with the same meaning.
@Suite("Regular expressions")
struct EvalRegexTests {
  static let patterns = [
    "", "a", "abc", "^abc$", "a|b|c", "gr(a|e)y", "ba(na)*", "ba(na)+$", "colou?r", "x{2}",
    "x{2,}", "x{1,3}y", "[a-c]+", "[^a-c]+", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "\\d+", "\\D",
    "\\w+@\\w+",
    "\\s", "\\S+", "\\bcat\\b", "\\Bat", "(?i)HELLO", "(?i:h)ello", "a.c", "(?s)a.c", "^b",
    "(?m)^b",
    "a$", "(?m)a$", "[[:alpha:]]+[[:digit:]]", "[\\d.]+", "\\.", "a\\+b", "\\x41", "\\x{1F600}",
    "(?P<year>\\d{4})", "[-a]", "[a-]", "[]a]", "a{0}b", "(a|ab)(c|bcd)(d*)", "(a*)*b", "é+",
    "\\pL+", "\\p{Lu}", "\\PL", "[\\p{Nd}]", "^$", "(?i)[a-z]+", "a*?", "(a+)+$",
  ]
  static let inputs = [
    "", "a", "abc", "xabcx", "grey", "gray", "banana", "ba", "color", "colour", "xx", "x", "xxxy",
    "2026-05-03", "a1", "foo@bar", "the cat sat", "concat", "hello", "Hello", "HELLO", "a\nc",
    "a\nb", "b", "[a]", "a+b", "A", "😀", "ÉéE", "abcd", "aaaaaaaaaaaa!", "-",
  ]

  @Test("matches agree with NSRegularExpression", arguments: patterns)
  func agree(_ pattern: String) throws {
    let program = try RegexProgram(pattern)
    let icu = try NSRegularExpression(
      pattern: pattern.isEmpty
        ? "(?:)"
        : pattern.replacingOccurrences(of: "(?P<", with: "(?<")
          .replacingOccurrences(of: "\\pL", with: "\\p{L}")
          .replacingOccurrences(of: "\\PL", with: "\\P{L}"))
    for input in Self.inputs {
      let expected =
        icu.firstMatch(
          in: input, range: NSRange(location: 0, length: (input as NSString).length)) != nil
      #expect(program.matches(input) == expected, "'\(pattern)' on '\(input)'")
    }
  }

  @Test(
    "patterns RE2 rejects are errors",
    arguments: ["(", "a)", "*a", "a**", "\\1", "[a", "x{2,1}", "\\y"])
  func invalid(_ pattern: String) throws {
    #expect(
      try evaluate("'a'.matches('\(pattern.replacingOccurrences(of: "\\", with: "\\\\"))')").isError
    )
  }

  @Test("nested repetition does not backtrack exponentially")
  func linear() throws {
    let input = String(repeating: "a", count: 5000) + "!"
    #expect(try evaluate("s.matches('(a+)+$')", ["s": .string(input)]).celEquals(.bool(false)))
    #expect(try evaluate("s.matches('(a|aa)*!')", ["s": .string(input)]).celEquals(.bool(true)))
  }
}
