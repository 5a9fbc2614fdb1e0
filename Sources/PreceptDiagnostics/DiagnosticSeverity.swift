/// How serious a diagnostic is.
public enum DiagnosticSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
  /// The input is wrong; the tool cannot use it as written.
  case error
  /// The input is usable but probably not what was meant.
  case warning
  /// Additional information attached to, or standing in for, another diagnostic.
  case note
  /// Information about what the tool did, shown on request.
  case remark

  /// Errors sort first, remarks last.
  var rank: Int {
    switch self {
    case .error: 0
    case .warning: 1
    case .note: 2
    case .remark: 3
    }
  }

  /// More severe sorts first: `error < warning < note < remark`.
  public static func < (lhs: DiagnosticSeverity, rhs: DiagnosticSeverity) -> Bool {
    lhs.rank < rhs.rank
  }
}
