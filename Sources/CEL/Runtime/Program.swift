import Foundation

/// A compiled CEL expression: compile once, evaluate many times.
///
/// Compilation resolves identifiers to activation slots (qualified names against the
/// environment's container), message fields to slot indices where the operand's type is known
/// (from the checker's types, or declared variable types), and functions to their overloads.
/// Evaluation never throws or traps: errors are ``Value/error(_:)`` values.
public final class Program: @unchecked Sendable {
  /// The expression this program evaluates.
  public let expression: ParsedExpression
  public let environment: Environment
  public let options: EvaluationOptions
  private let types: [Int: CELType]
  private let root: Eval
  private let localCount: Int
  /// The number of variables the program may read (activations made before later
  /// declarations are padded with unset values).
  private let variableCount: Int
  /// One more than the largest node id in the expression (macro expansions included).
  private let idCount: Int
  private let lock = NSLock()
  private var tracedRoot: Eval?
  private var partiallyTraced: (ids: Set<Int>, eval: Eval)?
  /// Placeholder storage for programs without comprehensions (never read or written).
  nonisolated(unsafe) private static let noLocals = UnsafeMutablePointer<Value>.allocate(
    capacity: 1)

  /// Compiles an expression.
  ///
  /// - Parameters:
  ///   - types: the checker's type for each node id, if the expression was checked; used to
  ///     resolve message fields to slots.
  /// - Throws: ``ProgramError`` listing undeclared identifiers (when the environment's
  ///   ``Environment/strictIdentifiers`` is set), unknown functions and calls no overload can
  ///   accept by number of arguments.
  public init(
    _ expression: ParsedExpression, environment: Environment, types: [Int: CELType] = [:],
    options: EvaluationOptions = .init()
  ) throws(ProgramError) {
    self.expression = expression
    self.environment = environment
    self.options = options
    self.types = types
    var compiler = Compiler(environment: environment, types: types, traced: false)
    let node = compiler.compile(expression.root)
    if !compiler.issues.isEmpty { throw ProgramError(issues: compiler.issues) }
    self.root = node.eval
    self.localCount = compiler.localCount
    self.variableCount = environment.variables.count
    var largest = 0
    var pending = [expression.root]
    while let e = pending.popLast() {
      largest = max(largest, e.id)
      pending += e.children
    }
    self.idCount = largest + 1
  }

  /// Compiles a checked expression, using the checker's types to resolve message fields to
  /// slots.
  ///
  /// - Throws: ``ProgramError`` with the checker's errors if the expression did not check, or
  ///   the compiler's own errors.
  public convenience init(
    _ checked: CheckedExpression, environment: Environment, options: EvaluationOptions = .init()
  ) throws(ProgramError) {
    let errors = checked.issues.filter { $0.severity == .error }
    if !errors.isEmpty { throw ProgramError(issues: errors) }
    try self.init(checked.parsed, environment: environment, types: checked.types, options: options)
  }

  /// Evaluates the expression against variable values.
  public func evaluate(_ activation: Activation) -> Value {
    evaluate(activation, derived: nil)
  }

  /// Evaluates the expression against variable values, taking the values of derived variables
  /// (``Environment/declareVariable(_:type:derived:)``) from `derived`, which works each out
  /// the first time an expression reads it. The result is the one an evaluation with those
  /// values set in the activation gives.
  public func evaluate(_ activation: Activation, derived: DerivedValues?) -> Value {
    let vars = activation.slots.count >= variableCount ? activation.slots : padded(activation)
    if localCount == 0 {
      var frame = Frame(
        vars: vars, locals: Self.noLocals, budget: options.costLimit, trace: nil,
        derived: derived)
      let result = root(&frame)
      return frame.budget < 0 ? .error(.costExceeded) : result
    }
    return withLocals { locals in
      var frame = Frame(
        vars: vars, locals: locals, budget: options.costLimit, trace: nil, derived: derived)
      let result = root(&frame)
      return frame.budget < 0 ? .error(.costExceeded) : result
    }
  }

  /// The slots of an activation made before later declarations, completed with unset values.
  private func padded(_ activation: Activation) -> [Value] {
    activation.slots + environment.unsetSlots[activation.slots.count...]
  }

  /// Runs `body` with storage for the comprehension variables (on the stack when small).
  private func withLocals(_ body: (UnsafeMutablePointer<Value>) -> Value) -> Value {
    let count = localCount + 1
    return withUnsafeTemporaryAllocation(of: Value.self, capacity: count) { buffer in
      let base = buffer.baseAddress!
      base.initialize(repeating: .null, count: count)
      defer { base.deinitialize(count: count) }
      return body(base)
    }
  }

  /// Evaluates the expression and records the value of every sub-expression by node id (the
  /// last value, for nodes inside comprehensions). The traced closures are compiled on first
  /// use, so untraced evaluation is not slowed. `trace` is emptied first; its storage is
  /// reused, so a caller tracing many evaluations can keep one.
  public func evaluate(_ activation: Activation, trace: inout Trace) -> Value {
    evaluate(activation, with: tracedProgram(), trace: &trace)
  }

  /// Evaluates the expression and records the values of the nodes `ids` (the last value, for
  /// nodes inside comprehensions), and of their ancestors, which run traced to reach them; the
  /// subtrees without any of them run as in an untraced evaluation and record nothing. The closures are compiled on first use for a set of ids, and kept for the
  /// last set used.
  public func evaluate(_ activation: Activation, trace: inout Trace, recording ids: Set<Int>)
    -> Value
  {
    evaluate(activation, with: tracedProgram(recording: ids), trace: &trace)
  }

  private func evaluate(_ activation: Activation, with traced: Eval, trace: inout Trace) -> Value {
    var recorded = trace
    // Held only by the frame while it runs, so that recording writes in place.
    trace = Trace()
    recorded.reset(count: idCount)
    let vars = activation.slots.count >= variableCount ? activation.slots : padded(activation)
    let result = withLocals { locals in
      var frame = Frame(vars: vars, locals: locals, budget: options.costLimit, trace: recorded)
      recorded = Trace()
      let result = traced(&frame)
      recorded = frame.trace ?? Trace()
      return frame.budget < 0 ? .error(.costExceeded) : result
    }
    trace = recorded
    return result
  }

  /// Evaluates the expression and adds the value of every sub-expression to `trace`, by node
  /// id (the last value, for nodes inside comprehensions).
  public func evaluate(_ activation: Activation, trace: inout [Int: Value]) -> Value {
    var dense = Trace()
    let result = evaluate(activation, trace: &dense)
    for (id, value) in dense.recorded { trace[id] = value }
    return result
  }

  private func tracedProgram(recording ids: Set<Int>) -> Eval {
    lock.lock()
    defer { lock.unlock() }
    if let partial = partiallyTraced, partial.ids == ids { return partial.eval }
    var compiler = Compiler(
      environment: environment, types: types, traced: true,
      tracedNodes: Self.tracedNodes(recording: ids, in: expression.root))
    let eval = compiler.compile(expression.root).eval
    partiallyTraced = (ids, eval)
    return eval
  }

  /// The nodes a partially traced program runs traced to record `ids`: those nodes and their
  /// ancestors (the rest compile as untraced ones do).
  static func tracedNodes(recording ids: Set<Int>, in root: Expr) -> Set<Int> {
    var keep: Set<Int> = []
    func mark(_ e: Expr) -> Bool {
      var wanted = ids.contains(e.id)
      for child in e.children where mark(child) { wanted = true }
      if wanted { keep.insert(e.id) }
      return wanted
    }
    _ = mark(root)
    return keep
  }

  private func tracedProgram() -> Eval {
    lock.lock()
    defer { lock.unlock() }
    if let tracedRoot { return tracedRoot }
    var compiler = Compiler(environment: environment, types: types, traced: true)
    let eval = compiler.compile(expression.root).eval
    tracedRoot = eval
    return eval
  }
}
