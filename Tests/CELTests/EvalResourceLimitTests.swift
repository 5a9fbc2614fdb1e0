import Testing

@testable import CEL

/// Values that grow without a comprehension (a host's definitions can feed one expression's
/// result into the next) stop at the budget or a size limit before they are built.
@Suite("Evaluation: resource limits outside comprehensions")
struct EvalResourceLimitTests {
  /// Evaluates `source` over `l` with a budget.
  func evaluate(_ source: String, _ l: Value, costLimit: Int = 1_000_000) throws -> Value {
    var environment = Environment()
    environment.declareVariable("l", type: .dyn)
    let parsed = try #require(CELParser.parse(source).expression)
    let program = try Program(
      parsed, environment: environment, options: EvaluationOptions(costLimit: costLimit))
    var activation = Activation(environment: environment)
    activation["l"] = l
    return program.evaluate(activation)
  }

  @Test("list concatenation is charged per element before it is built")
  func listConcatenation() throws {
    let big = Value.list(Array(repeating: .int(1), count: 600_000))
    #expect(try evaluate("size(l + l)", big).errorValue?.kind == .costLimitExceeded)
    #expect(try evaluate("size(l + l)", big, costLimit: 2_000_000).celEquals(.int(1_200_000)))
    // Small lists cost nothing.
    let small = Value.list(Array(repeating: .int(1), count: 32))
    #expect(try evaluate("size(l + l)", small, costLimit: 0).celEquals(.int(64)))
  }

  @Test("string concatenation is charged per 64 bytes before it is built")
  func stringConcatenation() throws {
    let big = Value.string(String(repeating: "a", count: 40_000_000))
    #expect(try evaluate("size(l + l)", big).errorValue?.kind == .costLimitExceeded)
    let small = Value.string(String(repeating: "a", count: 100))
    #expect(try evaluate("size(l + l)", small, costLimit: 0).celEquals(.int(200)))
  }

  @Test("replace and join refuse results over 64 MiB")
  func replaceAndJoin() throws {
    // 10,000 'a's, each replaced by the whole string: 100,000,000 characters.
    let a = Value.string(String(repeating: "a", count: 10_000))
    let squared = try evaluate("l.replace('a', l)", a)
    #expect(squared.errorValue?.kind == .costLimitExceeded)
    #expect(squared.errorValue?.message == "string result larger than 64 MiB")
    #expect(try evaluate("size(l.replace('a', 'bb'))", a).celEquals(.int(20_000)))
    let parts = Value.list(Array(repeating: a, count: 10_000))
    #expect(try evaluate("l.join(l[0])", parts).errorValue?.kind == .costLimitExceeded)
    let fewer = Value.list(Array(repeating: a, count: 100))
    #expect(try evaluate("size(l.join(','))", fewer).celEquals(.int(1_000_099)))
  }

  @Test("distinct keeps the first of equal values, in linear time")
  func distinct() throws {
    let values = try evaluate(
      "[1, 1.0, 1u, 2, 'a', 'a', [1], [1.0], true, true, null, null, -0.0, 0].distinct()", .null)
    guard case .list(let kept) = values else {
      Issue.record("not a list: \(values)")
      return
    }
    let expected: [Value] = [
      .int(1), .int(2), .string("a"), .list([.int(1)]), .bool(true), .null, .double(-0.0),
    ]
    #expect(kept.count == expected.count)
    for (a, b) in zip(kept, expected) { #expect(a.celEquals(b), "\(a) is not \(b)") }
    #expect(
      try evaluate("size(lists.range(1000000).distinct())", .null).celEquals(.int(1_000_000)))
  }

  @Test(
    "substring search is linear in the text",
    arguments: [
      ("l.indexOf('ab')", Int64(999_999)), ("l.lastIndexOf('ab')", 999_999),
      ("l.lastIndexOf('a')", 999_999), ("l.indexOf('a', 5)", 5), ("l.lastIndexOf('aab', 10)", -1),
    ])
  func search(_ source: String, _ expected: Int64) throws {
    // A million 'a's then 'b': a naive search for a long needle of 'a's is quadratic.
    let text = Value.string(String(repeating: "a", count: 1_000_000) + "b")
    #expect(try evaluate(source, text).celEquals(.int(expected)))
    let needle = String(repeating: "a", count: 50_000) + "b"
    #expect(try evaluate("l.indexOf('\(needle)')", text).celEquals(.int(950_000)))
    #expect(try evaluate("l.contains('\(needle)')", text).celEquals(.bool(true)))
  }

  @Test("searches agree with a naive search", arguments: ["", "a", "ab", "aab", "ba", "abab", "c"])
  func searchAgrees(_ needle: String) throws {
    for text in ["", "a", "ab", "abab", "aabaab", "babab", "cab", "abcabcab"] {
      let s = Array(text.unicodeScalars)
      let t = Array(needle.unicodeScalars)
      for from in 0...s.count {
        var naive: Int?
        var i = from
        while naive == nil && i + t.count <= s.count {
          if Array(s[i..<(i + t.count)]) == t { naive = i }
          i += 1
        }
        #expect(StringsExt.find(s, t, from: from) == naive, "'\(needle)' in '\(text)' from \(from)")
        var last = -1
        var j = min(from, s.count - t.count)
        while last < 0 && j >= 0 {
          if Array(s[j..<(j + t.count)]) == t { last = j }
          j -= 1
        }
        #expect(
          StringsExt.lastIndexOf(s, t, Int64(from)).celEquals(.int(Int64(last))),
          "last '\(needle)' in '\(text)' from \(from)")
      }
    }
  }
}
