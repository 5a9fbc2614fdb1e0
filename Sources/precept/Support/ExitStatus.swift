/// The exit codes of `precept`, in one place (product.md).
enum ExitStatus: Int32 {
  /// Nothing at or above `--fail-on` was found; tests passed; the pack is valid.
  case success = 0
  /// Findings at or above `--fail-on`; rule tests failed.
  case findings = 1
  /// A bad invocation or a bad rule pack.
  case usage = 2
  /// An input could not be read at all.
  case unreadableInput = 3
}
