import Testing

@testable import CEL

@Suite("Parser: macro expansion")
struct ParserMacroTests {
  @Test(
    "expansions match cel-go",
    arguments: [
      ("has(a.b)", "has(a.b)"),
      (
        "l.all(x, p)",
        "fold(x in l; @result = true; while @not_strictly_false(@result); "
          + "@result = _&&_(@result, p); @result)"
      ),
      (
        "l.exists(x, p)",
        "fold(x in l; @result = false; while @not_strictly_false(!_(@result)); "
          + "@result = _||_(@result, p); @result)"
      ),
      (
        "l.exists_one(x, p)",
        "fold(x in l; @result = 0; while true; "
          + "@result = _?_:_(p, _+_(@result, 1), @result); _==_(@result, 1))"
      ),
      (
        "l.map(x, f)",
        "fold(x in l; @result = []; while true; @result = _+_(@result, [f]); @result)"
      ),
      (
        "l.map(x, p, f)",
        "fold(x in l; @result = []; while true; "
          + "@result = _?_:_(p, _+_(@result, [f]), @result); @result)"
      ),
      (
        "l.filter(x, p)",
        "fold(x in l; @result = []; while true; "
          + "@result = _?_:_(p, _+_(@result, [x]), @result); @result)"
      ),
      (
        "l.all(i, v, p)",
        "fold(i, v in l; @result = true; while @not_strictly_false(@result); "
          + "@result = _&&_(@result, p); @result)"
      ),
      (
        "l.existsOne(i, v, p)",
        "fold(i, v in l; @result = 0; while true; "
          + "@result = _?_:_(p, _+_(@result, 1), @result); _==_(@result, 1))"
      ),
      (
        "l.transformList(i, v, f)",
        "fold(i, v in l; @result = []; while true; @result = _+_(@result, [f]); @result)"
      ),
      (
        "l.transformList(i, v, p, f)",
        "fold(i, v in l; @result = []; while true; "
          + "@result = _?_:_(p, _+_(@result, [f]), @result); @result)"
      ),
      (
        "m.transformMap(k, v, f)",
        "fold(k, v in m; @result = {}; while true; "
          + "@result = cel.@mapInsert(@result, k, f); @result)"
      ),
      (
        "m.transformMapEntry(k, v, p, e)",
        "fold(k, v in m; @result = {}; while true; "
          + "@result = _?_:_(p, cel.@mapInsert(@result, e), @result); @result)"
      ),
      (
        "cel.bind(x, i, r)",
        "fold(#unused in []; x = i; while false; x = x; r)"
      ),
      (
        "o.optMap(y, f)",
        "_?_:_(o.hasValue(), optional.of(fold(#unused in []; y = o.value(); while false; "
          + "y = y; f)), optional.none())"
      ),
      (
        "o.optFlatMap(y, f)",
        "_?_:_(o.hasValue(), fold(#unused in []; y = o.value(); while false; y = y; f), "
          + "optional.none())"
      ),
      ("x.bind(a, b, c)", "x.bind(a, b, c)"),
      ("l.all(x)", "l.all(x)"),
      ("has(a.b, c)", "has(a.b, c)"),
      ("a.has(b.c)", "a.has(b.c)"),
    ])
  func expansion(source: String, expected: String) throws {
    let parsed = try #require(parseOK(source))
    #expect(sexpr(parsed.root) == expected)
  }

  @Test("the macro call is recorded under the expansion's id, with the expansion's span")
  func macroCalls() throws {
    let source = "x + [1, 2].exists(e, e > 1)"
    let parsed = try #require(parseOK(source))
    guard case .call(_, _, let args) = parsed.root.kind else {
      Issue.record("expected a call")
      return
    }
    let expansion = args[1]
    guard case .comprehension = expansion.kind else {
      Issue.record("expected a comprehension")
      return
    }
    let call = try #require(parsed.macroCalls[expansion.id])
    #expect(parsed.text(of: expansion.span) == "[1, 2].exists(e, e > 1)")
    #expect(call.span == expansion.span)
    if case .call(let function, let target, let callArgs) = call.kind {
      #expect(function == "exists")
      #expect(target.map { parsed.text(of: $0.span) } == "[1, 2]")
      #expect(callArgs.map { parsed.text(of: $0.span) } == ["e", "e > 1"])
    } else {
      Issue.record("the macro call should be a call")
    }
  }

  @Test("nested macros are all recorded and unparse as written")
  func nested() throws {
    let source = "m.all(k, m[k].exists(v, has(v.f)))"
    let parsed = try #require(parseOK(source))
    #expect(parsed.macroCalls.count == 3)
    #expect(unparse(parsed) == source)
  }
}
