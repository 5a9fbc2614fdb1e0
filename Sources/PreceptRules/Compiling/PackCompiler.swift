import CEL
import Foundation
import PreceptDiagnostics

/// Type-checks a loaded pack and compiles its expressions. A pack with errors is never
/// compiled: ``compile(_:)`` returns `nil` with the diagnostics.
public enum PackCompiler {
  /// The fixed names in scope besides the record variable and definitions.
  public static let paramsVariable = "params"
  public static let nowVariable = "now"

  /// Checks and compiles `pack`.
  /// - Parameter now: the instant `now` evaluates to (the run's start).
  public static func compile(_ pack: RulePack, now: Date = Date())
    -> (pack: CompiledPack?, diagnostics: [Diagnostic])
  {
    let sink = DiagnosticSink()
    var compiler = Compiler(pack: pack, sink: sink)
    let compiled = compiler.run()
    return (sink.hasErrors ? nil : compiled, sink.diagnostics)
  }

  /// Loads and compiles in one step, with every diagnostic of both.
  public static func load(_ path: String, options: PackLoadOptions = .init())
    -> (pack: CompiledPack?, diagnostics: [Diagnostic])
  {
    let (loaded, loadDiagnostics) = PackLoader.load(path, options: options)
    guard let loaded else { return (nil, loadDiagnostics) }
    if loadDiagnostics.contains(where: { $0.severity == .error }) {
      // Still type-check what loaded, so that one run reports as much as it can.
      let (_, more) = compile(loaded)
      return (nil, loadDiagnostics + more)
    }
    let (compiled, more) = compile(loaded)
    return (compiled, loadDiagnostics + more)
  }
}

/// The state of one compilation.
struct Compiler {
  let pack: RulePack
  let sink: DiagnosticSink
  let zone: TimeZone
  let types: SchemaTypes
  let paramsType: ObjectType
  var environment: Environment
  /// Every enum field (or list of enums) by its path from the record variable
  /// (`incident.seclusion.supervision`), with its values.
  let enumFields: [String: [String]]

  init(pack: RulePack, sink: DiagnosticSink) {
    self.pack = pack
    self.sink = sink
    zone = pack.timeZoneValue
    types = SchemaTypes(schema: pack.record.schema, variable: pack.record.variable)
    paramsType = ObjectType(
      name: "Params",
      fields: pack.params.map {
        ObjectType.Field(name: $0.name, type: $0.type.celType(objectName: { "Params.\($0.path)" }))
      })
    environment = Environment()
    var enums: [String: [String]] = [:]
    func collect(_ schema: RecordSchema) {
      for (i, field) in schema.fields.enumerated() {
        let path = "\(pack.record.variable).\(schema.fieldPaths[i])"
        switch field.type {
        case .enumeration(let values), .list(.enumeration(let values)): enums[path] = values
        case .object(let nested), .list(.object(let nested)): collect(nested)
        default: break
        }
      }
    }
    collect(pack.record.schema)
    enumFields = enums
    for t in types.all { environment.declareType(t) }
    environment.declareType(paramsType)
    environment.declareVariable(pack.record.variable, type: .object(types.root.name))
    environment.declareVariable(PackCompiler.paramsVariable, type: .object(paramsType.name))
    environment.declareVariable(PackCompiler.nowVariable, type: .timestamp)
    for function in HostFunctions.declarations(zone: zone) { environment.declareFunction(function) }
  }

  mutating func run() -> CompiledPack? {
    checkCitations()
    let definitions = compileDefinitions()
    var rules: [CompiledRule] = []
    for rule in pack.rules where rule.enabled {
      if let compiled = compileRule(rule) { rules.append(compiled) }
    }
    let params = ObjectValue(type: paramsType)
    for (i, p) in pack.params.enumerated() { params.slots[i] = p.value }
    return CompiledPack(
      pack: pack, environment: environment, types: types, params: params,
      definitions: definitions, rules: rules,
      recordSlot: environment.slot(of: pack.record.variable)!,
      paramsSlot: environment.slot(of: PackCompiler.paramsVariable)!,
      nowSlot: environment.slot(of: PackCompiler.nowVariable)!,
      effectiveFrom: pack.effective.map { Temporal.startOfDay($0, in: zone) }, timeZone: zone)
  }

  // MARK: - Citations

  private func checkCitations() {
    let ids = pack.sources.map(\.id)
    for rule in pack.rules {
      for citation in rule.cite where !ids.contains(citation.sourceID) {
        sink.error(
          .unknownSource, "rule '\(rule.id)' cites unknown source '\(citation.sourceID)'",
          at: citation.range,
          help: Suggestion.help(Suggestion.closest(to: citation.sourceID, in: ids))
            ?? "declare it under 'sources:' in pack.yaml")
      }
    }
  }

  // MARK: - Definitions

  /// Parses every definition, orders them so that each comes after those it uses, reports
  /// cycles, and declares each as a variable holding its value.
  private mutating func compileDefinitions() -> [CompiledDefinition] {
    var parsed: [String: ParsedExpression] = [:]
    for d in pack.definitions {
      if let p = parse(d.expression, what: "definition '\(d.name)'") { parsed[d.name] = p }
    }
    let names = Set(pack.definitions.map(\.name))
    var deps: [String: [String]] = [:]
    for d in pack.definitions {
      deps[d.name] =
        parsed[d.name].map { $0.root.freeIdentifiers.filter(names.contains).sorted() }
        ?? []
    }
    // Depth-first topological order; a back edge is a cycle.
    var order: [String] = []
    var state: [String: Int] = [:]  // 1 = visiting, 2 = done
    var reportedCycle = false
    func visit(_ name: String, _ path: [String]) {
      if state[name] == 2 { return }
      if state[name] == 1 {
        if !reportedCycle, let start = path.firstIndex(of: name) {
          reportedCycle = true
          let cycle = Array(path[start...]) + [name]
          let first = pack.definitions.first { $0.name == name }
          sink.error(
            .definitionCycle,
            "definitions refer to each other in a cycle: \(cycle.joined(separator: " → "))",
            at: first?.declaredAt,
            notes: cycle.dropFirst().dropLast().compactMap { n in
              pack.definitions.first { $0.name == n }.map {
                Diagnostic.Note("'\(n)' is defined here", at: $0.declaredAt)
              }
            })
        }
        return
      }
      state[name] = 1
      for dep in deps[name] ?? [] { visit(dep, path + [name]) }
      state[name] = 2
      order.append(name)
    }
    for d in pack.definitions { visit(d.name, []) }
    if reportedCycle { return [] }

    var compiled: [CompiledDefinition] = []
    for name in order {
      guard let d = pack.definitions.first(where: { $0.name == name }), let p = parsed[name] else {
        continue
      }
      guard let expression = check(p, text: d.expression, what: "definition '\(name)'") else {
        // Declare it anyway, as dyn, so that rules using it are still checked.
        environment.declareVariable(name, type: .dyn)
        continue
      }
      // Derived: evaluators may work a definition out when an expression first reads it.
      environment.declareVariable(name, type: expression.type, derived: true)
      compiled.append(
        CompiledDefinition(
          definition: d, expression: expression, slot: environment.slot(of: name)!))
    }
    return compiled
  }

  // MARK: - Rules

  private func compileRule(_ rule: Rule) -> CompiledRule? {
    var ok = true
    // Aggregate rules evaluate `when`, `require` and the message once per group.
    var aggregate: CompiledAggregate?
    var scope = self
    if rule.kind != .record {
      aggregate = compileAggregate(rule)
      guard let aggregate else { return nil }
      scope.environment = aggregate.environment
    }
    var when: CompiledExpression?
    if let w = rule.when {
      if let p = parse(w, what: "'when' of '\(rule.id)'") {
        if case .literal(.bool(false)) = p.root.kind {
          sink.warning(
            .unreachableRule, "rule '\(rule.id)' can never apply: 'when' is false",
            at: w.range, help: "to switch a rule off, use 'enabled: false' or an overlay")
        }
        when = scope.check(p, text: w, what: "'when' of '\(rule.id)'", mustBeBool: true)
      }
      ok = ok && when != nil
    }
    var require: CompiledExpression?
    if let p = parse(rule.require, what: "'require' of '\(rule.id)'") {
      require = scope.check(
        p, text: rule.require, what: "'require' of '\(rule.id)'", mustBeBool: true)
    }
    func compileTemplate(_ template: MessageTemplate?, _ what: String) -> [CompiledTemplatePart] {
      var out: [CompiledTemplatePart] = []
      for part in template?.parts ?? [] {
        switch part {
        case .text(let t): out.append(.text(t))
        case .expression(let e):
          guard let p = parse(e, what: "\(what) of '\(rule.id)'"),
            let c = scope.check(p, text: e, what: "\(what) of '\(rule.id)'")
          else {
            ok = false
            continue
          }
          out.append(.expression(c))
        }
      }
      return out
    }
    let message = compileTemplate(rule.message, "message")
    let fix = compileTemplate(rule.fixTemplate, "fix")
    var escalateWhen: CompiledExpression?
    if let e = rule.escalation {
      escalateWhen = parse(e.when, what: "'escalate' of '\(rule.id)'").flatMap {
        scope.check($0, text: e.when, what: "'escalate' of '\(rule.id)'", mustBeBool: true)
      }
      if escalateWhen == nil { ok = false }
    }
    guard ok, let require else { return nil }
    return CompiledRule(
      rule: rule, when: when, require: require, message: message, fix: fix,
      effectiveFrom: rule.effectiveFrom.map { Temporal.startOfDay($0, in: zone) },
      effectiveUntil: rule.effectiveUntil.map {
        Temporal.startOfDay(LocalDate(daysSinceEpoch: $0.daysSinceEpoch + 1), in: zone)
      },
      aggregate: aggregate, escalateWhen: escalateWhen)
  }

  // MARK: - CEL

  func parse(_ text: ExpressionText, what: String) -> ParsedExpression? {
    let result = CELParser.parse(text.text)
    for issue in result.issues { report(issue, in: text, what: what) }
    return result.issues.contains(where: { $0.severity == .error }) ? nil : result.expression
  }

  func check(
    _ parsed: ParsedExpression, text: ExpressionText, what: String, mustBeBool: Bool = false
  ) -> CompiledExpression? {
    let checked = Checker.check(parsed, environment: environment)
    for issue in checked.issues { report(issue, in: text, what: what) }
    if checked.issues.contains(where: { $0.severity == .error }) { return nil }
    if mustBeBool && checked.resultType != .bool && checked.resultType != .dyn {
      sink.error(
        .typeMismatch, "\(what) must be a condition (bool), but it is \(checked.resultType)",
        at: text.range(of: parsed.root.span),
        help: "compare the value, e.g. 'x == ...' or 'has(x)'")
      return nil
    }
    checkEnumLiterals(parsed, text: text)
    checkTimeLiterals(parsed, text: text)
    let program: Program
    do {
      program = try Program(parsed, environment: environment, types: checked.types)
    } catch {
      sink.error(.typeMismatch, "\(what) cannot be compiled: \(error)", at: text.range)
      return nil
    }
    let names = Set(pack.definitions.map(\.name))
    let free = parsed.root.freeIdentifiers
    var paramsUsed: Set<String> = []
    parsed.root.walk { e in
      if case .select(let operand, let field) = e.kind,
        case .ident(PackCompiler.paramsVariable) = operand.kind
      {
        paramsUsed.insert(field)
      }
    }
    return CompiledExpression(
      text: text, parsed: parsed, program: program, type: checked.resultType,
      definitionsUsed: free.filter(names.contains).sorted(), paramsUsed: paramsUsed.sorted())
  }

  /// Maps a CEL issue onto the rule file.
  private func report(_ issue: CELIssue, in text: ExpressionText, what: String) {
    let code: PackDiagnosticCode
    switch issue.code {
    case .syntax: code = .celSyntax
    case .undeclaredReference: code = .undeclaredReference
    case .undefinedField:
      code = issue.message.contains("'Params'") ? .unknownParam : .undefinedField
    case .noMatchingOverload: code = .noMatchingOverload
    case .typeMismatch: code = .typeMismatch
    case .limitExceeded: code = .expressionTooComplex
    }
    var span = issue.span
    if issue.code == .undefinedField { span = fieldNameSpan(issue, in: text) ?? span }
    let diagnostic = Diagnostic(
      severity: issue.severity == .error ? .error : .warning, code: code.rawValue,
      message: issue.message, range: text.range(of: span), notes: [], help: issue.help)
    sink.append(diagnostic)
  }

  /// For "undefined field 'x'", the span of `x` itself rather than the whole selection, as
  /// the Swift compiler points at the member name.
  private func fieldNameSpan(_ issue: CELIssue, in text: ExpressionText) -> SourceSpan? {
    let parts = issue.message.split(separator: "'", omittingEmptySubsequences: false)
    guard parts.count >= 3 else { return nil }
    let name = Array(parts[1].utf8)
    let bytes = Array(text.text.utf8)
    guard issue.span.upperBound <= bytes.count,
      name.count <= issue.span.upperBound - issue.span.lowerBound
    else { return nil }
    var i = issue.span.upperBound - name.count
    while i >= issue.span.lowerBound {
      if Array(bytes[i..<(i + name.count)]) == name { return SourceSpan(i, i + name.count) }
      i -= 1
    }
    return nil
  }

  /// Reports `duration('...')` and `timestamp('...')` of a literal that CEL cannot read: it
  /// would fail on every record the rule applies to. (Params may be written `2d`; CEL's
  /// `duration()` takes hours, minutes and seconds only.)
  private func checkTimeLiterals(_ parsed: ParsedExpression, text: ExpressionText) {
    var wrong: [(literal: Expr, message: String, help: String)] = []
    parsed.root.walk { e in
      guard case .call(let function, nil, let args) = e.kind, args.count == 1,
        case .literal(.string(let s)) = args[0].kind
      else { return }
      switch function {
      case "duration" where Duration(parsing: s) == nil:
        wrong.append(
          (
            args[0], "CEL cannot read the duration '\(s)'",
            "write hours, minutes and seconds, such as '48h', '1h30m' or '90s' (CEL has no 'd')"
          ))
      case "timestamp" where Timestamp(rfc3339: s) == nil:
        wrong.append(
          (
            args[0], "CEL cannot read the timestamp '\(s)'",
            "write an RFC 3339 timestamp with its offset, such as '2026-04-01T00:00:00+01:00'"
          ))
      default: break
      }
    }
    for (literal, message, help) in wrong {
      sink.error(.typeMismatch, message, at: text.range(of: literal.span), help: help)
    }
  }

  /// Flags comparisons of an enum field with a string it can never hold
  /// (`incident.seclusion.supervision == 'continous'`), comprehension variables included.
  private func checkEnumLiterals(_ parsed: ParsedExpression, text: ExpressionText) {
    // The walk only collects: it captures the table, not the compiler (a large value that was
    // copied for every node); the errors are reported after it.
    let enums = enumFields
    var wrong: [(literal: Expr, path: String, values: [String])] = []
    // A comprehension's variable stands for an element of the list it runs over: `i` in
    // `incident.injuries.exists(i, i.person == ...)` is an `incident.injuries` element. The
    // scope maps such variables to that list's path ("" when it is not a field path, which
    // hides any outer meaning of the name).
    typealias Scope = [String: String]
    func fieldPath(_ e: Expr, in scope: Scope) -> String? {
      guard let path = e.selectPath else { return nil }
      let head = path.prefix { $0 != "." }
      guard let bound = scope[String(head)] else { return path }
      return bound.isEmpty ? nil : bound + path.dropFirst(head.count)
    }
    func enter(_ c: Comprehension, _ scope: Scope) -> Scope {
      var inner = scope
      inner[c.iterVar] = c.iterVar2 == nil ? fieldPath(c.iterRange, in: scope) ?? "" : ""
      if let second = c.iterVar2 { inner[second] = "" }
      inner[c.accuVar] = ""
      return inner
    }
    func enumValues(_ e: Expr, _ scope: Scope) -> (path: String, values: [String])? {
      // Only selections and comprehension variables are field paths; look them up in the
      // table built once per pack.
      switch e.kind {
      case .select, .ident: break
      default: return nil
      }
      guard let path = fieldPath(e, in: scope), let values = enums[path] else { return nil }
      return (path, values)
    }
    func checkLiteral(_ literal: Expr, against field: (path: String, values: [String])) {
      guard case .literal(.string(let s)) = literal.kind, !field.values.contains(s) else { return }
      wrong.append((literal, field.path, field.values))
    }
    parsed.root.walk(in: Scope(), entering: enter) { e, scope in
      guard case .call(let function, nil, let args) = e.kind, args.count == 2 else { return }
      switch function {
      case Operator.equals, Operator.notEquals:
        if let f = enumValues(args[0], scope) { checkLiteral(args[1], against: f) }
        if let f = enumValues(args[1], scope) { checkLiteral(args[0], against: f) }
      case Operator.in:
        if let f = enumValues(args[1], scope) { checkLiteral(args[0], against: f) }
        if let f = enumValues(args[0], scope), case .list(let items, _) = args[1].kind {
          for item in items { checkLiteral(item, against: f) }
        }
      default: break
      }
    }
    for (literal, path, values) in wrong {
      guard case .literal(.string(let s)) = literal.kind else { continue }
      sink.error(
        .impossibleEnumValue,
        "'\(path)' is never '\(s)': it is one of \(values.map { "'\($0)'" }.joined(separator: ", "))",
        at: text.range(of: literal.span),
        help: Suggestion.help(Suggestion.closest(to: s, in: values)))
    }
  }
}
