import PreceptDiagnostics

/// Collects the diagnostics of one load, so that a run reports every problem it can find.
final class DiagnosticSink {
  private(set) var diagnostics: [Diagnostic] = []

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  func append(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
  func append(contentsOf more: [Diagnostic]) { diagnostics.append(contentsOf: more) }

  func error(
    _ code: PackDiagnosticCode, _ message: String, at range: SourceRange?,
    notes: [Diagnostic.Note] = [], help: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        severity: .error, code: code.rawValue, message: message, range: range, notes: notes,
        help: help))
  }

  func warning(
    _ code: PackDiagnosticCode, _ message: String, at range: SourceRange?,
    notes: [Diagnostic.Note] = [], help: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(
        severity: .warning, code: code.rawValue, message: message, range: range, notes: notes,
        help: help))
  }
}
