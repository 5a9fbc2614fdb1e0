import CEL

/// A program referenced without reference counting, for per-record loops. Valid while the
/// program is alive (the evaluator holds the pack, which holds its programs).
struct UnownedProgram: @unchecked Sendable {
  unowned(unsafe) let program: Program

  init(_ program: Program) { self.program = program }
}
