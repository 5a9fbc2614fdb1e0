import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Shows a long check's progress on standard error: records read and records per second, on one
/// line that is rewritten in place and cleared at the end.
///
/// Only for people watching a terminal: ``make(humanFormat:)`` gives `nil` when standard error
/// is not a terminal or the output format is for machines, and nothing is shown for a run
/// shorter than half a second.
final class ProgressReporter: @unchecked Sendable {
  private let start: Date
  private let lock = NSLock()
  private var lastShown: Date?
  private var shown = false

  private init(start: Date = Date()) { self.start = start }

  /// A reporter when standard error is a terminal and the output is for people.
  static func make(humanFormat: Bool) -> ProgressReporter? {
    guard humanFormat, isatty(2) == 1 else { return nil }
    return ProgressReporter()
  }

  /// The callback for ``CheckOptions/progress``.
  var callback: @Sendable (Int) -> Void {
    { [self] records in update(records) }
  }

  private func update(_ records: Int) {
    let now = Date()
    lock.lock()
    defer { lock.unlock() }
    let elapsed = now.timeIntervalSince(start)
    guard elapsed >= 0.5 else { return }
    if let lastShown, now.timeIntervalSince(lastShown) < 0.2 { return }
    lastShown = now
    shown = true
    let rate = Int(Double(records) / elapsed)
    Output.stderr(
      "\r\u{1B}[Kchecking: \(Self.grouped(records)) records read (\(Self.grouped(rate)) records/s)")
  }

  /// Clears the progress line, if one was shown.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if shown { Output.stderr("\r\u{1B}[K") }
    shown = false
  }

  /// `1234567` as `1,234,567`.
  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(d)
    }
    return out
  }
}
