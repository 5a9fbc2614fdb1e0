import Testing

@testable import CEL

/// `filter` and `map` compile to a loop of their own when not traced; traced programs keep the
/// general comprehension. Both must give the same value, including which error wins.
@Suite("Evaluation: the filter and map loop")
struct EvalCollectTests {
  static let sources = [
    "[1, 2, 3, 4].filter(x, x % 2 == 0)",
    "[1, 2, 3].map(x, x * 10)",
    "[1, 2, 3].map(x, x > 1, x * 10)",
    "['a', '', 'b', ''].filter(x, x != '')",
    "[].filter(x, x > 0)",
    "{'a': 1, 'b': 2}.filter(k, k != 'a')",
    "{'a': 1, 'b': 2}.map(k, k + '!')",
    // A predicate that is not a bool, then one that errors: the later failure wins.
    "[1, 2, 3].filter(x, x == 1 ? 'yes' : x / 0 == 1)",
    "[1, 2, 3].filter(x, x == 3 ? 'late' : x / 0 == 1)",
    "[0, 1, 2].map(x, 10 / x)",
    "[1, 0, 2, 0].map(x, x == 1 ? 1 / x : (x == 0 ? 1 / x : x))",
    "[2, 0].map(x, x > 1, 1 / x)",
    "[0, 2].map(x, 1 / x > 0, x)",
    // A failure followed by kept elements stays a failure.
    "[0, 1, 2].filter(x, 1 / x > 0)",
    "[1, 2].filter(x, x > 0).size()",
    "[[1], [2, 3]].map(l, l.filter(x, x > 1))",
    "dyn(1).filter(x, x > 0)",
    "[1, 2].filter(x, x > 0) == [1, 2]",
  ]

  @Test(arguments: sources)
  func fusedMatchesGeneral(_ source: String) throws {
    let program = try compileOK(source)
    let activation = Activation(environment: Environment())
    let fused = program.evaluate(activation)
    var trace: [Int: Value] = [:]
    let general = program.evaluate(activation, trace: &trace)
    #expect("\(fused)" == "\(general)", "\(source)")
  }

  /// List literals whose elements are not all constant are filtered and mapped element by
  /// element, without the list; the same values and errors as the general loop.
  static let literalSources = [
    "[a, b, '', a].filter(x, x != '')",
    "['' != b ? 'b' : '', a == 'a' ? '' : 'not a', 'c'].filter(x, x != '')",
    "[a, n, b].filter(x, x != '')",
    "[a, b].filter(x, '' != x)",
    "[n, n + 1, n + 2].filter(x, x > 0)",
    "[n, n + 1].map(x, x * 2)",
    "[n, n + 1, n + 2].map(x, x > 0, x * 10)",
    // An element that fails is the result, even after a failing predicate.
    "[n + 1, 1 / n, 2].filter(x, x > 0)",
    "[a, 1 / n].filter(x, x != '')",
    "[n, n + 1].filter(x, 1 / x > 0)",
    "[n, n + 2].filter(x, x == 0 ? 'no' : true)",
    "[n + 1, n].map(x, 10 / x)",
    "size([a, b, ''].filter(x, x != ''))",
  ]

  @Test(arguments: literalSources)
  func literalMatchesGeneral(_ source: String) throws {
    var environment = Environment()
    for name in ["a", "b", "n"] { environment.declareVariable(name, type: .dyn) }
    let program = try compileOK(source, environment)
    var activation = Activation(environment: environment)
    activation["a"] = .string("a")
    activation["b"] = .string("")
    activation["n"] = .int(0)
    let fused = program.evaluate(activation)
    var trace: [Int: Value] = [:]
    let general = program.evaluate(activation, trace: &trace)
    #expect("\(fused)" == "\(general)", "\(source)")
  }

  /// With a tight budget, a literal whose later element fails gives that element's error (the
  /// general loop builds the list before it spends anything), and a long enough loop runs out.
  @Test(arguments: [1, 2, 3, 4, 10])
  func literalCostsAsGeneral(_ limit: Int) throws {
    var environment = Environment()
    environment.declareVariable("n", type: .dyn)
    for source in [
      "[n, n, 1 / n].filter(x, x > 0)", "[n, n + 1, n + 2].filter(x, x > 0)",
      "[n, n + 1, n + 2].map(x, [1, 2].exists(y, y == x))",
    ] {
      let parsed = try #require(CELParser.parse(source).expression)
      let program = try Program(
        parsed, environment: environment, options: EvaluationOptions(costLimit: limit))
      var activation = Activation(environment: environment)
      activation["n"] = .int(0)
      let fused = program.evaluate(activation)
      var trace: [Int: Value] = [:]
      let general = program.evaluate(activation, trace: &trace)
      #expect("\(fused)" == "\(general)", "\(source) at \(limit)")
    }
  }

  /// A traced evaluation (as explanations use) costs what an untraced one does: building a
  /// macro's result list element by element is not charged as a long `+`.
  @Test func tracedMacrosCostAsUntraced() throws {
    var environment = Environment()
    environment.declareVariable("xs", type: .dyn)
    let items = (0..<100).map { Value.int(Int64($0)) }
    for source in ["xs.map(x, x + 1)", "xs.filter(x, x >= 0)", "xs.map(x, x > 5, x)"] {
      let parsed = try #require(CELParser.parse(source).expression)
      let program = try Program(
        parsed, environment: environment, options: EvaluationOptions(costLimit: 150))
      var activation = Activation(environment: environment)
      activation["xs"] = .list(items)
      let untraced = program.evaluate(activation)
      var trace: [Int: Value] = [:]
      let traced = program.evaluate(activation, trace: &trace)
      #expect(!untraced.isError, "\(source)")
      #expect("\(untraced)" == "\(traced)", "\(source)")
    }
  }

  @Test func keepsWhatPasses() throws {
    #expect(
      try evaluate("['a', '', 'b'].filter(x, x != '')").celEquals(
        .list([.string("a"), .string("b")])))
    #expect(try evaluate("[1, 2, 3].map(x, x > 1, x * 10)").celEquals(.list([.int(20), .int(30)])))
    guard case .error = try evaluate("[0, 1].filter(x, 1 / x > 0)") else {
      Issue.record("a predicate's error is the result")
      return
    }
  }
}
