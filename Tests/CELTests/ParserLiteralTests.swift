import Testing

@testable import CEL

@Suite("Parser: literals and escapes")
struct ParserLiteralTests {
  func literal(_ source: String) -> Literal? {
    guard let parsed = parseOK(source), case .literal(let value) = parsed.root.kind else {
      return nil
    }
    return value
  }

  @Test(
    "numbers",
    arguments: [
      ("0", Literal.int(0)),
      ("42", .int(42)),
      ("-42", .int(-42)),
      ("0x1F", .int(31)),
      ("-0x10", .int(-16)),
      ("9223372036854775807", .int(.max)),
      ("-9223372036854775808", .int(.min)),
      ("42u", .uint(42)),
      ("42U", .uint(42)),
      ("0xFFu", .uint(255)),
      ("18446744073709551615u", .uint(.max)),
      ("1.5", .double(1.5)),
      ("-1.5", .double(-1.5)),
      (".5", .double(0.5)),
      ("1e3", .double(1000)),
      ("1E-3", .double(0.001)),
      ("2.5e+2", .double(250)),
    ])
  func numbers(source: String, expected: Literal) {
    #expect(literal(source) == expected)
  }

  @Test(
    "strings and escapes",
    arguments: [
      (#""hello""#, "hello"),
      ("'hello'", "hello"),
      ("'''a'b''c'''", "a'b''c"),
      (#""""a"b""""#, "a\"b"),
      ("'''line\nbreak'''", "line\nbreak"),
      (#"' \\ \? \" \' \` '"#, " \\ ? \" ' ` "),
      (#"'\a\b\f\n\r\t\v'"#, "\u{07}\u{08}\u{0C}\n\r\t\u{0B}"),
      (#"'\x41\X42\u0043\U00000044'"#, "ABCD"),
      (#"'\101\060'"#, "A0"),
      (#"'\377'"#, "\u{FF}"),
      (#"'\xFF'"#, "\u{FF}"),
      (#"'\U0001F62C'"#, "\u{1F62C}"),
      (#"r'\n\x'"#, #"\n\x"#),
      (#"R"\d+""#, #"\d+"#),
      ("'é'", "é"),
    ])
  func strings(source: String, expected: String) {
    #expect(literal(source) == .string(expected))
  }

  @Test(
    "bytes",
    arguments: [
      ("b'abc'", [UInt8]([97, 98, 99])),
      ("B\"abc\"", [97, 98, 99]),
      ("b'ÿ'", [195, 191]),
      (#"b'\303\277'"#, [195, 191]),
      (#"b'\377'"#, [255]),
      (#"b'\xff'"#, [255]),
      (#"br'\xff'"#, Array(#"\xff"#.utf8)),
      ("b'''a\nb'''", [97, 10, 98]),
    ])
  func bytes(source: String, expected: [UInt8]) {
    #expect(literal(source) == .bytes(expected))
  }

  @Test("keywords")
  func keywords() {
    #expect(literal("true") == .bool(true))
    #expect(literal("false") == .bool(false))
    #expect(literal("null") == .null)
  }

  @Test("comments and whitespace are skipped")
  func trivia() throws {
    let parsed = try #require(parseOK("// leading\n\t1 + // middle\r\n 2 // trailing"))
    #expect(sexpr(parsed.root) == "_+_(1, 2)")
  }
}
