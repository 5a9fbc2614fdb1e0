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
  private let lock = NSLock()
  private var tracedRoot: Eval?

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
  }

  /// Evaluates the expression against variable values.
  public func evaluate(_ activation: Activation) -> Value {
    var frame = Frame(
      vars: activation.slots,
      locals: localCount == 0 ? [] : Array(repeating: .null, count: localCount),
      budget: options.costLimit, trace: nil)
    let result = root(&frame)
    return frame.budget < 0 ? .error(.costExceeded) : result
  }

  /// Evaluates the expression and records the value of every sub-expression by node id (the
  /// last value, for nodes inside comprehensions). The traced closures are compiled on first
  /// use, so untraced evaluation is not slowed.
  public func evaluate(_ activation: Activation, trace: inout [Int: Value]) -> Value {
    let traced = tracedProgram()
    var frame = Frame(
      vars: activation.slots,
      locals: localCount == 0 ? [] : Array(repeating: .null, count: localCount),
      budget: options.costLimit, trace: trace)
    let result = traced(&frame)
    trace = frame.trace ?? [:]
    return frame.budget < 0 ? .error(.costExceeded) : result
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
