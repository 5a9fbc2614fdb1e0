/// Limits that keep evaluation bounded.
public struct EvaluationOptions: Hashable, Sendable {
  /// The evaluation budget: one unit per comprehension iteration, and per element (or 64
  /// bytes) of a list (or string) built by `+` once it is longer than 64 elements (4,096
  /// bytes), charged before it is built. Exhausting it makes the result an error of kind
  /// ``EvalError/Kind/costLimitExceeded``.
  public var costLimit: Int

  public init(costLimit: Int = 1_000_000) {
    self.costLimit = costLimit
  }
}

/// Compiling an expression failed: the expression refers to something the environment does not
/// declare, or calls a function with an impossible number of arguments.
public struct ProgramError: Error, Sendable, CustomStringConvertible {
  /// What is wrong, positioned in the expression's source.
  public var issues: [CELIssue]

  public init(issues: [CELIssue]) {
    self.issues = issues
  }

  public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// The mutable state of one evaluation.
struct Frame {
  /// The activation's variables, by slot.
  var vars: [Value]
  /// Comprehension variables, by compile-time slot: temporary storage that lives for one
  /// evaluation (initialized to `null`).
  var locals: UnsafeMutablePointer<Value>
  /// Remaining budget; negative once exhausted.
  var budget: Int
  /// Values of sub-expressions by node id, filled only by traced programs.
  var trace: Trace?
  /// Where derived variables are worked out on demand, if the caller gave one (it outlives
  /// the evaluation).
  unowned(unsafe) var derived: DerivedValues? = nil
}

/// A compiled sub-expression.
typealias Eval = (inout Frame) -> Value

extension EvalError {
  static let costExceeded = EvalError(
    .costLimitExceeded, "evaluation cost limit exceeded")
}
