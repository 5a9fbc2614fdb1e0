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
}
