import Testing

@testable import CEL

@Suite("Parser: structure and precedence")
struct ParserTests {
  @Test(
    "precedence and associativity",
    arguments: [
      ("1 + 2 * 3", "_+_(1, _*_(2, 3))"),
      ("1 * 2 + 3", "_+_(_*_(1, 2), 3)"),
      ("1 - 2 - 3", "_-_(_-_(1, 2), 3)"),
      ("a / b % c", "_%_(_/_(a, b), c)"),
      ("a < b == c", "_==_(_<_(a, b), c)"),
      ("a in b && c", "_&&_(@in(a, b), c)"),
      ("a || b && c", "_||_(a, _&&_(b, c))"),
      ("a ? b : c ? d : e", "_?_:_(a, b, _?_:_(c, d, e))"),
      ("a || b ? c : d", "_?_:_(_||_(a, b), c, d)"),
      ("(1 + 2) * 3", "_*_(_+_(1, 2), 3)"),
      ("!a", "!_(a)"),
      ("!!a", "a"),
      ("!!!a", "!_(a)"),
      ("-a", "-_(a)"),
      ("--a", "a"),
      ("-a.b", "-_(a.b)"),
      ("a.b.c", "a.b.c"),
      ("a.b(c)", "a.b(c)"),
      ("f(a, b)", "f(a, b)"),
      ("a[b][c]", "_[_](_[_](a, b), c)"),
      ("a.?b", "_?._(a, \"b\")"),
      ("a[?b]", "_[?_](a, b)"),
      (".a.b", ".a.b"),
      (".f(x)", ".f(x)"),
      ("a.`b-c`.d", "a.b-c.d"),
      ("[1, ?a, 3,]", "[1, ?a, 3]"),
      ("{'a': 1, ?b: 2}", "{\"a\": 1, ?b: 2}"),
      ("a.b.C{f: 1, ?g: 2, `h-i`: 3}", "a.b.C{f: 1, ?g: 2, h-i: 3}"),
      ("C{}", "C{}"),
      (".a.C{f: 1}", ".a.C{f: 1}"),
      ("x.while()", "x.while()"),
      ("{'as': 1}.as", "{\"as\": 1}.as"),
      ("a < b < c", "_<_(_<_(a, b), c)"),
      ("-1.5.foo()", "-1.5.foo()"),
    ])
  func structure(source: String, expected: String) throws {
    let parsed = try #require(parseOK(source), "\(source) should parse")
    #expect(sexpr(parsed.root) == expected)
  }

  @Test("long '||' and '&&' chains are balanced")
  func balancedLogic() throws {
    let source = Array(repeating: "a", count: 64).joined(separator: " || ")
    let parsed = try #require(parseOK(source))
    #expect(CELParser.firstNodeBeyond(depth: 7, in: parsed.root) == nil)
    #expect(allNodes(parsed.root).count == 127)
  }

  @Test("every node has a unique id below nextID")
  func uniqueIDs() throws {
    let parsed = try #require(
      parseOK(
        "[1, 2].all(x, x > 0) && m.exists(k, v, v.size() > 1) ? {'a': b.c} : o.?x.optMap(y, y)"))
    let ids = allNodes(parsed.root).map(\.id)
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy { $0 > 0 && $0 < parsed.nextID })
  }

  @Test(
    "spans are exact UTF-8 byte ranges",
    arguments: [
      ("a + b", "a + b"),
      ("  x.y  ", "x.y"),
      ("f(1, 2)", "f(1, 2)"),
      ("'é' + \"ü\"", "'é' + \"ü\""),
      ("-42", "-42"),
      ("a[0]", "a[0]"),
      ("a.b(c)", "a.b(c)"),
      ("list.all(x, x > 0)", "list.all(x, x > 0)"),
      ("has(a.b)", "has(a.b)"),
      ("T{f: 1}", "T{f: 1}"),
      ("(a)", "a"),
      ("!a", "!a"),
    ])
  func rootSpans(source: String, text: String) throws {
    let parsed = try #require(parseOK(source))
    #expect(parsed.text(of: parsed.root.span) == text)
  }

  @Test("spans of inner nodes")
  func innerSpans() throws {
    let good = try #require(parseOK("a.size() > 2 && 'ü' in m.keys"))
    let goodTexts = Set(allNodes(good.root).map { good.text(of: $0.span) })
    #expect(
      goodTexts.isSuperset(of: [
        "a", "a.size()", "2", "a.size() > 2", "'ü'", "m", "m.keys", "'ü' in m.keys",
      ]))
  }

  @Test("macros can be disabled")
  func disabledMacros() throws {
    let parsed = try #require(
      parseOK("has(a.b) && l.all(x, x)", options: ParserOptions(enableMacros: false)))
    #expect(sexpr(parsed.root) == "_&&_(has(a.b), l.all(x, x))")
    #expect(parsed.macroCalls.isEmpty)
  }

  @Test(
    "unparse round-trips",
    arguments: [
      "a + b * c",
      "(a + b) * c",
      "a - (b - c)",
      "!(a && b) ? [1, ?x].all(y, y > 0) : m.exists(k, v, has(v.x))",
      "o.?a.optMap(y, y + 1)",
      "cel.bind(x, 1, x + 1)",
      "(a ? b : c) ? d : e",
      "a.`b-c` == \"x\\n\\\"y\"",
      "b\"\\x00ab\" + -1 - -2.5",
      "T{f: 1, ?g: [2]}[?0]",
      "-(-1)",
      "(-1).abs()",
      "{1: 2u, \"k\": null}",
      "9223372036854775807 + -9223372036854775808",
    ])
  func unparseRoundTrip(source: String) throws {
    let parsed = try #require(parseOK(source))
    let printed = unparse(parsed)
    let reparsed = try #require(parseOK(printed), "unparsed text '\(printed)' should parse")
    #expect(sexpr(reparsed.root) == sexpr(parsed.root))
    #expect(unparse(reparsed) == printed)
  }

  @Test("unparse prints macros as written and operators with minimal brackets")
  func unparseText() throws {
    let parsed = try #require(parseOK("(a+b)*c  ||  list.exists(x,x>1)"))
    #expect(unparse(parsed) == "(a + b) * c || list.exists(x, x > 1)")
  }
}
