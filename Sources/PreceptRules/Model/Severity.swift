/// How serious a rule's failure is.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
  /// A legal or "must" duty was not met.
  case error
  /// Guidance or a reference threshold was not met.
  case warning
  /// Surfaced for review; never fails a run on its own.
  case info

  private var rank: Int {
    switch self {
    case .error: return 2
    case .warning: return 1
    case .info: return 0
    }
  }

  /// `error > warning > info`.
  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
