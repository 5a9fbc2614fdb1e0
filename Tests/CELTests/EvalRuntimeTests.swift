import Testing

@testable import CEL

@Suite("Evaluation: tracing, cost, printing, host functions")
struct EvalRuntimeTests {
  @Test("a traced evaluation records every sub-expression by node id")
  func tracing() throws {
    let environment = Schema.environment
    let (parsed, _) = CELParser.parse(
      "incident.pupil.age_at_incident < 20 && size(incident.tags) > 0")
    let expression = try #require(parsed)
    let program = try Program(expression, environment: environment)
    var activation = Activation(environment: environment)
    activation["incident"] = Schema.record(age: 12)
    var trace: [Int: Value] = [:]
    let result = program.evaluate(activation, trace: &trace)
    #expect(result.celEquals(.bool(true)))
    #expect(trace[expression.root.id]?.celEquals(.bool(true)) == true)
    var ids: [Int] = []
    func collect(_ e: Expr) {
      ids.append(e.id)
      e.children.forEach(collect)
    }
    collect(expression.root)
    for id in ids { #expect(trace[id] != nil, "no trace for node \(id)") }
    #expect(trace.values.contains { $0.celEquals(.int(12)) })
    // The untraced path gives the same answer.
    #expect(program.evaluate(activation).celEquals(.bool(true)))
  }

  @Test("a trace of some nodes records those, with the values a full trace gives")
  func partialTracing() throws {
    let environment = Schema.environment
    let sources = [
      "incident.pupil.age_at_incident < 20 && size(incident.tags) > 0",
      "[incident.id, incident.pupil.name, ''].filter(x, x != '').exists(x, x == 'Sam')",
      "incident.tags.map(t, t + '!').exists(t, t == 'restraint!') || has(incident.seclusion)",
    ]
    for source in sources {
      let expression = try #require(CELParser.parse(source).expression)
      let program = try Program(expression, environment: environment)
      var activation = Activation(environment: environment)
      activation["incident"] = Schema.record(age: 12)
      var full = Trace()
      let value = program.evaluate(activation, trace: &full)
      var ids: [Int] = []
      var parent: [Int: Int] = [:]
      func collect(_ e: Expr) {
        ids.append(e.id)
        for child in e.children { parent[child.id] = e.id }
        e.children.forEach(collect)
      }
      collect(expression.root)
      // Every other node; the wanted nodes' ancestors run traced too (a traced variable chain
      // also records its parts), the rest untraced.
      let wanted = Set(ids.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
      let traced = Program.tracedNodes(recording: wanted, in: expression.root)
      #expect(traced.count < ids.count, "\(source): some subtree runs untraced")
      var partial = Trace()
      #expect(program.evaluate(activation, trace: &partial, recording: wanted).celEquals(value))
      for id in ids {
        if wanted.contains(id) {
          #expect(
            partial[id].map { "\($0)" } == full[id].map { "\($0)" }, "\(source): node \(id)")
        } else if !traced.contains(id), !(parent[id].map { traced.contains($0) } ?? false) {
          #expect(partial[id] == nil, "\(source): node \(id) recorded")
        }
      }
    }
  }

  @Test("a traced comprehension records its parts, and activations of older environments work")
  func tracingComprehension() throws {
    var environment = Schema.environment
    let old = Activation(environment: environment)
    environment.declareVariable("limit", type: .int)
    let parsed = try #require(
      CELParser.parse("incident.tags.map(t, t + '!').exists(t, t == 'restraint!')").expression)
    let program = try Program(parsed, environment: environment)
    var activation = old
    activation.slots[0] = Schema.record(age: 3)
    var trace: [Int: Value] = [:]
    #expect(program.evaluate(activation, trace: &trace).celEquals(.bool(true)))
    var ids: [Int] = []
    func collect(_ e: Expr) {
      ids.append(e.id)
      e.children.forEach(collect)
    }
    collect(parsed.root)
    for id in ids { #expect(trace[id] != nil, "no trace for node \(id)") }
    #expect(program.evaluate(activation).celEquals(.bool(true)))
  }

  @Test("nested comprehensions stop at the cost limit")
  func costLimit() throws {
    let thousand = Value.list((0..<1000).map { .int(Int64($0)) })
    let result = try evaluate("l.all(x, l.all(y, x + y >= 0))", ["l": thousand])
    #expect(result.errorValue?.kind == .costLimitExceeded)
    let mapped = try evaluate("l.map(x, l.map(y, y)).size()", ["l": thousand])
    #expect(mapped.errorValue?.kind == .costLimitExceeded)
    // A lower limit applies to a smaller loop; absorption by || does not hide it.
    var environment = Environment()
    environment.declareVariable("l", type: .list(.int))
    let (parsed, _) = CELParser.parse("l.exists(x, x < 0) || true")
    let program = try Program(
      try #require(parsed), environment: environment, options: EvaluationOptions(costLimit: 10))
    var activation = Activation(environment: environment)
    activation["l"] = thousand
    #expect(program.evaluate(activation).errorValue?.kind == .costLimitExceeded)
    // Within the limit, fine.
    #expect(try evaluate("l.filter(x, x % 2 == 0).size()", ["l": thousand]).celEquals(.int(500)))
  }

  @Test(
    "values print in CEL literal syntax",
    arguments: [
      ("'text'", "'text'"), ("1u", "1u"), ("-7", "-7"), ("2.5", "2.5"), ("1.0", "1.0"),
      ("b'ab\\x00'", "b'ab\\x00'"), ("[1, 'a', null]", "[1, 'a', null]"),
      ("{'a': 1, 2: true}", "{'a': 1, 2: true}"),
      ("timestamp('2026-05-03T09:15:00Z')", "timestamp('2026-05-03T09:15:00Z')"),
      ("duration('1h')", "duration('3600s')"), ("duration('1.5s')", "duration('1.5s')"),
      ("int", "int"), ("type([])", "list"), ("optional.of(1)", "optional.of(1)"),
      ("optional.none()", "optional.none()"), ("'it\\'s'", "'it\\'s'"),
      ("double('NaN')", "double('NaN')"),
    ])
  func printing(_ source: String, _ printed: String) throws {
    #expect(try evaluate(source).description == printed)
  }

  @Test("string() formats doubles, durations and timestamps as CEL does")
  func stringConversions() throws {
    #expect(try evaluate("string(1.5)").celEquals(.string("1.5")))
    #expect(try evaluate("string(100.0)").celEquals(.string("100")))
    #expect(try evaluate("string(1e-7)").celEquals(.string("1e-07")))
    #expect(try evaluate("string(duration('90m'))").celEquals(.string("5400s")))
    #expect(
      try evaluate("string(timestamp('2026-05-03T10:15:00.120+01:00'))").celEquals(
        .string("2026-05-03T09:15:00.12Z")))
  }

  @Test("time accessors take IANA zones and fixed offsets")
  func timeZones() throws {
    let t = "timestamp('2026-05-03T23:30:00Z')"
    #expect(try evaluate("\(t).getHours('Europe/London')").celEquals(.int(0)))
    #expect(try evaluate("\(t).getDate('Europe/London')").celEquals(.int(4)))
    #expect(try evaluate("\(t).getHours('+05:30')").celEquals(.int(5)))
    #expect(try evaluate("\(t).getMinutes('+05:30')").celEquals(.int(0)))
    #expect(try evaluate("\(t).getDayOfWeek()").celEquals(.int(0)))
    #expect(try evaluate("\(t).getFullYear('-08:00')").celEquals(.int(2026)))
    #expect(try evaluate("\(t).getMonth()").celEquals(.int(4)))
    #expect(try evaluate("\(t).getHours('Not/AZone')").isError)
  }

  @Test("an error names the node that raised it")
  func errorNode() throws {
    let parsed = try #require(CELParser.parse("x + 1 / 0").expression)
    var environment = Environment()
    environment.declareVariable("x", type: .int)
    let program = try Program(parsed, environment: environment)
    var activation = Activation(environment: environment)
    activation["x"] = .int(1)
    let error = try #require(program.evaluate(activation).errorValue)
    guard case .call(_, _, let args) = parsed.root.kind else { return }
    #expect(error.exprID == args[1].id)
    #expect(error.kind == .divisionByZero)
  }

  @Test("arithmetic errors are values, never traps")
  func arithmeticErrors() throws {
    for source in [
      "9223372036854775807 + 1", "-9223372036854775808 / -1", "1 / 0", "1 % 0", "0u - 1u",
      "-(-9223372036854775807 - 1)", "int(1e20)",
    ] {
      #expect(try evaluate(source).isError, "\(source)")
    }
  }

  @Test("host functions are declared with overloads and called")
  func hostFunctions() throws {
    var environment = Environment()
    environment.declareFunction(
      FunctionDecl(
        name: "schoolDays",
        overloads: [
          Overload("school_days_int", [.int], .int) { args in
            guard case .int(let n) = args[0] else { return .null }
            return .int(n * 5 / 7)
          }
        ]))
    environment.declareFunction(
      FunctionDecl(
        name: "shout",
        overloads: [
          Overload("string_shout", member: true, [.string], .string) { args in
            guard case .string(let s) = args[0] else { return .null }
            return .string(s.uppercased())
          }
        ]))
    #expect(
      try compileOK("schoolDays(14)", environment).evaluate(Activation(environment: environment))
        .celEquals(.int(10)))
    #expect(
      try compileOK("'hi'.shout()", environment).evaluate(Activation(environment: environment))
        .celEquals(.string("HI")))
    #expect(
      try compileOK("schoolDays('x')", environment).evaluate(Activation(environment: environment))
        .errorValue?.kind == .noMatchingOverload)
  }

  @Test("environments give slots in declaration order and resolve the container")
  func environment() throws {
    var environment = Environment(container: "precept.rules")
    environment.declareVariable("precept.rules.limit", type: .int)
    environment.declareVariable("x", type: .int)
    #expect(environment.slot(of: "precept.rules.limit") == 0)
    #expect(environment.slot(of: "x") == 1)
    let program = try compileOK("limit + x", environment)
    var activation = Activation(environment: environment)
    activation["precept.rules.limit"] = .int(40)
    activation["x"] = .int(2)
    #expect(program.evaluate(activation).celEquals(.int(42)))
    #expect(activation.slots.count == 2)
  }
}

@Suite("Evaluation: extension libraries")
struct EvalExtensionTests {
  @Test(
    "list extension functions",
    arguments: [
      ("lists.range(4)", "[0, 1, 2, 3]"), ("[1, 2, 3, 4].slice(1, 3)", "[2, 3]"),
      ("[[1], [2, [3]]].flatten()", "[1, 2, [3]]"), ("[[1], [2, [3]]].flatten(2)", "[1, 2, 3]"),
      ("[1, 2, 1, 1u, 3].distinct()", "[1, 2, 3]"), ("['b', 'a', 'c'].sort()", "['a', 'b', 'c']"),
      ("[3, 1].first()", "optional.of(3)"), ("[].last()", "optional.none()"),
      ("[1, 2].reverse()", "[2, 1]"),
    ])
  func lists(_ source: String, _ printed: String) throws {
    #expect(try evaluate(source).description == printed)
  }

  @Test("list extension errors are values")
  func listErrors() throws {
    #expect(try evaluate("[1, 2].slice(1, 5)").isError)
    #expect(try evaluate("[1, 'a'].sort()").isError)
    #expect(try evaluate("lists.range(100000000)").isError)
  }
}
