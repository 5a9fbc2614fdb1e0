import PreceptEngine

/// Renders a check report in one output format.
public protocol Reporter: Sendable {
  /// The `--format` name (`text`, `json`, `sarif`…).
  static var identifier: String { get }
  /// The whole output, deterministic for the same report.
  func render(_ report: CheckReport) -> String
}

/// Options shared by reporters.
public struct ReportOptions: Sendable {
  /// Print explanations in text output.
  public var explain: Bool
  /// Use ANSI colours (text output on a terminal).
  public var color: Bool

  public init(explain: Bool = false, color: Bool = false) {
    self.explain = explain
    self.color = color
  }
}
