import CEL
import PreceptDiagnostics

extension Compiler {
  /// A fresh environment with the schema types, `params`, `now` and the host functions.
  private func baseEnvironment() -> Environment {
    var env = Environment()
    for t in types.all { env.declareType(t) }
    env.declareType(paramsType)
    env.declareVariable(PackCompiler.paramsVariable, type: .object(paramsType.name))
    env.declareVariable(PackCompiler.nowVariable, type: .timestamp)
    for function in HostFunctions.declarations(zone: zone) { env.declareFunction(function) }
    return env
  }

  /// Checks and compiles the aggregate settings of a `pattern` or `disproportionality` rule
  /// and builds the environment its `require` is checked in.
  func compileAggregate(_ rule: Rule) -> CompiledAggregate? {
    let spec = rule.aggregate ?? AggregateSpec()
    var ok = true
    func compile(_ text: ExpressionText?, _ key: String, in scope: Compiler, expect: [CELType])
      -> CompiledExpression?
    {
      guard let text else { return nil }
      let what = "'\(key)' of '\(rule.id)'"
      guard let p = parse(text, what: what), let c = scope.check(p, text: text, what: what) else {
        ok = false
        return nil
      }
      if c.type != .dyn, !expect.contains(c.type) {
        let wanted = expect.map(Self.kindName).joined(separator: " or ")
        sink.error(
          .typeMismatch, "\(what) must be \(wanted), but it is \(Self.kindName(c.type))",
          at: text.range(of: p.root.span))
        ok = false
        return nil
      }
      return c
    }
    let groupBy = compile(spec.groupBy, "group_by", in: self, expect: [.string])
    let splitBy = compile(spec.splitBy, "split_by", in: self, expect: [.list(.string)])
    let filter = compile(spec.filter, "filter", in: self, expect: [.bool])
    var paramsScope = self
    paramsScope.environment = baseEnvironment()
    let window = compile(spec.window, "window", in: paramsScope, expect: [.duration])
    if let window, let text = spec.window, case .duration(let d)? = constantValue(window),
      d.seconds < 0 || (d.seconds == 0 && d.nanos < 0)
    {
      let from = window.paramsUsed.map { "params.\($0)" }.joined(separator: ", ")
      sink.error(
        .invalidValue,
        "the 'window' of '\(rule.id)' is \(Temporal.format(d)), but a window cannot be negative",
        at: text.range(of: window.parsed.root.span),
        help: from.isEmpty
          ? "give a window of zero or more, such as duration('720h')"
          : "\(from) is set to a negative duration; give zero or more, such as 720h")
      ok = false
    }
    let minCell = compile(spec.minCell, "min_cell", in: paramsScope, expect: [.int])

    var environment = baseEnvironment()
    var pupilEnvironment: Environment?
    var characteristics: [CompiledAggregate.Characteristic] = []
    switch rule.kind {
    case .record: return nil
    case .pattern:
      for (name, type) in AggregateVariables.pattern {
        environment.declareVariable(name, type: type)
      }
    case .disproportionality:
      for (name, type) in AggregateVariables.disproportionality {
        environment.declareVariable(name, type: type)
      }
      guard let pupilType = types.byPath["pupil"] else {
        sink.error(
          .invalidValue,
          "rule '\(rule.id)' compares groups of pupils, but the record schema has no 'pupil' "
            + "object",
          at: rule.idRange, help: "declare a 'pupil' object (with 'id') in the record schema")
        return nil
      }
      var pupilScope = self
      var env = baseEnvironment()
      env.declareVariable(AggregateVariables.pupil, type: .object(pupilType.name))
      pupilScope.environment = env
      pupilEnvironment = env
      for named in spec.characteristics {
        let c = compile(
          named.expression, "characteristic '\(named.name)'", in: pupilScope,
          expect: [.string, .bool, .int])
        if let c { characteristics.append(.init(name: named.name, expression: c)) }
      }
    }
    guard ok else { return nil }
    return CompiledAggregate(
      groupBy: groupBy, splitBy: splitBy, filter: filter, window: window,
      characteristics: characteristics, minCell: minCell, environment: environment,
      paramsEnvironment: paramsScope.environment, pupilEnvironment: pupilEnvironment)
  }

  /// The value of an expression that reads only `params` (known when the pack is compiled),
  /// or `nil` when it reads `now` or cannot be evaluated.
  private func constantValue(_ e: CompiledExpression) -> Value? {
    guard !e.parsed.root.freeIdentifiers.contains(PackCompiler.nowVariable) else { return nil }
    let params = ObjectValue(type: paramsType)
    for (i, p) in pack.params.enumerated() { params.slots[i] = p.value }
    var a = Activation(environment: e.program.environment)
    a[PackCompiler.paramsVariable] = .object(params)
    let v = e.program.evaluate(a)
    return v.isError ? nil : v
  }

  /// A type as rule authors say it.
  static func kindName(_ t: CELType) -> String {
    switch t {
    case .bool: return "a condition (bool)"
    case .int: return "a whole number (int)"
    case .double: return "a number (double)"
    case .string: return "text (string)"
    case .duration: return "a duration"
    case .timestamp: return "a timestamp"
    case .list(.string): return "a list of strings"
    default: return t.description
    }
  }
}
