import Testing

@testable import CEL

@Suite("Parser: error messages")
struct ParserErrorTests {
  @Test(
    "the first error's message and position",
    arguments: [
      ("(1 + 2", "expected ')' to close '('", 6),
      ("f(1, 2", "expected ')' to close '('", 6),
      ("[1, 2", "expected ']' to close '['", 5),
      ("{1: 2", "expected '}' to close '{'", 5),
      ("a[1", "expected ']' to close '['", 3),
      ("f(1 2)", "unexpected number '2'; expected ',' or ')'", 4),
      ("[1 2]", "unexpected number '2'; expected ',' or ']'", 3),
      ("(1 2)", "unexpected number '2'; expected ')' to close '('", 3),
      ("1 +", "unexpected end of expression", 3),
      ("1 + }", "unexpected token '}'", 4),
      ("{1: 2}}", "unexpected token '}'", 6),
      ("a b", "unexpected identifier 'b'", 2),
      ("while", "reserved identifier 'while'", 0),
      ("1 + if(x)", "reserved identifier 'if'", 4),
      ("9223372036854775808", "int literal out of range", 0),
      ("-9223372036854775809", "int literal out of range", 0),
      ("99999999999999999999", "int literal out of range", 0),
      ("18446744073709551616u", "uint literal out of range", 0),
      ("1e999", "double literal out of range", 0),
      ("'abc", "unterminated string literal", 0),
      ("x + 'a\nb'", "unterminated string literal", 4),
      ("'''abc", "unterminated string literal", 0),
      ("b'abc", "unterminated bytes literal", 0),
      (#"'a\sb'"#, #"invalid escape sequence '\s'"#, 2),
      (#"'\u12'"#, #"invalid escape sequence: '\u' needs 4 hexadecimal digits"#, 1),
      (#"'\uD83D'"#, "invalid unicode code point in escape sequence", 1),
      (#"'\U00110000'"#, "invalid unicode code point in escape sequence", 1),
      (#"'\400'"#, #"invalid escape sequence '\4'"#, 1),
      (#"b'\u0041'"#, "unicode escape is not allowed in a bytes literal", 2),
      ("a = b", "unexpected '='; did you mean '=='?", 2),
      ("a & b", "unexpected '&'; did you mean '&&'?", 2),
      ("a | b", "unexpected '|'; did you mean '||'?", 2),
      ("a # b", "unexpected character '#'", 2),
      ("a ? b", "expected ':' to complete '?'", 5),
      ("a ? b c", "unexpected identifier 'c'; expected ':' to complete '?'", 6),
      ("a.", "expected a field or method name after '.'", 2),
      ("a.1", "expected a field or method name after '.'", 2),
      ("a.in", "keyword 'in' cannot be used as a field name", 2),
      ("has(a)", "invalid argument to has() macro", 4),
      ("l.all(1, true)", "argument must be a simple name", 6),
      ("l.map(x.y, 1)", "argument must be a simple name", 6),
      ("m.all(k, k, true)", "duplicate variable name 'k'", 9),
      ("cel.bind(a.b, 1, 2)", "argument must be a simple name", 9),
      ("`a`", "a quoted identifier can only be a field name", 0),
      ("a.`b", "unterminated quoted identifier", 2),
      ("a.`b+c`", "invalid character in quoted identifier", 4),
      ("a.`b`()", "a method name must be a plain identifier", 2),
      ("{1 2}", "unexpected number '2'; expected ':' after a map key", 3),
      ("T{1: 2}", "unexpected number '1'; expected a field name", 2),
      ("T{f 2}", "unexpected number '2'; expected ':' after field name 'f'", 4),
      ("", "unexpected end of expression", 0),
      ("f(1,)", "unexpected token ')'", 4),
    ])
  func firstError(source: String, message: String, offset: Int) throws {
    let issues = parseIssues(source)
    let first = try #require(issues.first, "'\(source)' should fail to parse")
    #expect(first.message == message)
    #expect(first.span.lowerBound == offset)
    #expect(first.code == .syntax)
    #expect(CELParser.parse(source).expression == nil)
  }

  @Test("several independent errors are reported")
  func recovery() {
    let issues = parseIssues("f(1 2, 3) + [4 5] + while")
    #expect(issues.count == 3)
    #expect(issues.map(\.span.lowerBound) == [4, 15, 20])
  }

  @Test("a missing comma is suggested")
  func missingComma() throws {
    let issue = try #require(parseIssues("f(a b)").first)
    #expect(issue.help == "is a ',' missing before it?")
  }

  @Test("a lexer error is not reported twice")
  func noDuplicate() {
    #expect(parseIssues("1 = 2").count == 1)
    #expect(parseIssues("'a\\qb' + 1").count == 1)
  }

  @Test("undeclared-looking names are not syntax errors")
  func plainNames() {
    #expect(parseIssues("a.as + b.break").isEmpty)
  }
}
