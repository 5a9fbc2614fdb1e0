/// The output formats of `precept check`, by `--format` name.
public enum Reporters {
  /// Every format name, in the order `--help` lists them.
  public static let identifiers: [String] = [
    TextReporter.identifier, JSONReporter.identifier, SARIFReporter.identifier,
    JUnitReporter.identifier, GitHubReporter.identifier, MarkdownReporter.identifier,
  ]

  /// The reporter for a format name, or `nil` for an unknown name.
  /// - Parameters:
  ///   - identifier: A `--format` value (`text`, `json`, `sarif`, `junit`, `github`,
  ///     `markdown`).
  ///   - options: Options for the formats that take them (text).
  /// - Returns: The reporter, or `nil` when no format has that name.
  public static func reporter(for identifier: String, options: ReportOptions) -> (any Reporter)? {
    switch identifier {
    case TextReporter.identifier: return TextReporter(options: options)
    case JSONReporter.identifier: return JSONReporter()
    case SARIFReporter.identifier: return SARIFReporter()
    case JUnitReporter.identifier: return JUnitReporter()
    case GitHubReporter.identifier: return GitHubReporter()
    case MarkdownReporter.identifier: return MarkdownReporter()
    default: return nil
    }
  }
}
