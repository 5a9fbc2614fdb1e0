import PreceptTestSupport
import Testing

@testable import CEL

@Suite("Parser: limits and robustness")
struct ParserLimitTests {
  @Test("nesting up to the limit parses; beyond it is a limit error, not a crash")
  func depth() throws {
    let ok = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
    #expect(parseOK(ok) != nil)
    let lists = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
    #expect(parseOK(lists) != nil)
    let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
    let issues = parseIssues(deep)
    #expect(issues.count == 1)
    #expect(issues.first?.code == .limitExceeded)
    let calls = String(repeating: "f(", count: 300) + String(repeating: ")", count: 300)
    #expect(parseIssues(calls).first?.code == .limitExceeded)
  }

  @Test("a custom depth limit applies to the tree")
  func customDepth() {
    let options = ParserOptions(maxDepth: 10)
    #expect(parseOK("a.b.c.d.e.f.g", options: options) != nil)
    let long = (0..<30).map { "a\($0)" }.joined(separator: " + ")
    let issues = parseIssues(long, options: options)
    #expect(issues.first?.code == .limitExceeded)
    #expect(issues.first?.message == "expression nests more than 10 levels deep")
  }

  @Test("a 100k-character expression parses")
  func longExpression() throws {
    var parts: [String] = []
    var length = 2
    var i = 0
    while length < 99_990 {
      let item = "'item number \(i)'"
      parts.append(item)
      length += item.count + 2
      i += 1
    }
    let source = "x in [" + parts.joined(separator: ", ") + "]"
    #expect(source.count <= 100_000)
    #expect(source.count > 99_000)
    let parsed = try #require(parseOK(source))
    if case .call(_, _, let args) = parsed.root.kind, case .list(let elements, _) = args[1].kind {
      #expect(elements.count == parts.count)
    } else {
      Issue.record("expected 'x in [...]'")
    }
  }

  @Test("an expression over the length limit is rejected")
  func tooLong() {
    let source = String(repeating: "a || ", count: 20_001) + "a"
    let issues = parseIssues(source)
    #expect(issues.count == 1)
    #expect(issues.first?.code == .limitExceeded)
    #expect(parseIssues("aaaa", options: ParserOptions(maxLength: 3)).first?.code == .limitExceeded)
  }

  @Test(
    "long chains of operators are limit errors, not crashes",
    arguments: [
      Array(repeating: "1", count: 49_000).joined(separator: "+"),
      "a" + String(repeating: ".a", count: 49_000),
      "a" + String(repeating: "[0]", count: 33_000),
      "x" + String(repeating: " - x * x", count: 12_000),
      String(repeating: "f(", count: 30_000) + String(repeating: ")", count: 30_000),
    ])
  func longChain(source: String) {
    let issues = parseIssues(source)
    #expect(issues.count == 1)
    #expect(issues.first?.code == .limitExceeded)
    #expect(issues.first.map { $0.span.upperBound - $0.span.lowerBound < 10 } == true)
  }

  @Test("random byte strings never crash the parser", arguments: 0..<8)
  func fuzz(seed: Int) {
    var generator = SeededRandom(seed: UInt64(seed))
    let alphabet = Array(
      "abcxyz_019.,:;?!-+*/%<>=&|()[]{}'\"`\\ \n\tbruUxe$#é@".unicodeScalars)
    for _ in 0..<400 {
      let length = Int(generator.next() % 40)
      var source = String.UnicodeScalarView()
      for _ in 0..<length {
        source.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
      }
      let text = String(source)
      let (expression, issues) = CELParser.parse(text)
      #expect((expression == nil) != issues.isEmpty)
      for issue in issues {
        #expect(issue.span.lowerBound >= 0 && issue.span.upperBound <= text.utf8.count)
      }
      if let expression {
        _ = unparse(expression)
      }
    }
  }

  @Test("random token soup never crashes the parser", arguments: 0..<4)
  func tokenSoup(seed: Int) {
    var generator = SeededRandom(seed: UInt64(seed) &+ 1000)
    let tokens = [
      "a", "b.c", "1", "2u", "3.0", "'s'", "b'x'", "(", ")", "[", "]", "{", "}", ",", ":", "?",
      "!", "-", "+", "*", "&&", "||", "==", "<", "in", ".", "all", "exists", "has", "(x,", "?.",
      "cel.bind", "T{", "true", "null", "while", "`q`",
    ]
    for _ in 0..<300 {
      let count = Int(generator.next() % 25)
      let text = (0..<count).map { _ in tokens[Int(generator.next() % UInt64(tokens.count))] }
        .joined(separator: " ")
      let (expression, issues) = CELParser.parse(text)
      #expect((expression == nil) != issues.isEmpty)
    }
  }
}
