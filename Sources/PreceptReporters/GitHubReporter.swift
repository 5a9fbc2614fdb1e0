import PreceptEngine
import PreceptRules

/// `--format github`: GitHub Actions workflow commands, so that findings appear as annotations
/// on the run and on the files of a pull request.
///
/// One line per unwaived finding, `::error file=F,line=L,col=C,title=RULE title::message`
/// (`::warning` for warnings, `::notice` for info), then the run's notes and a summary as
/// `::notice` lines. Values are escaped as the Actions runner expects. CSV locations have no
/// `col` (their column is a field number, not a position in the line).
public struct GitHubReporter: StreamingReporter {
  /// The `--format` name.
  public static let identifier = "github"

  /// Creates a GitHub Actions reporter.
  public init() {}

  public func prologue() -> String { "" }

  /// The finding's workflow command; nothing for a waived finding.
  public func fragment(_ finding: Finding) -> String {
    guard finding.waiver == nil else { return "" }
    // Log viewers interpret escape sequences too; line breaks are escaped below.
    let finding = finding.printable(keepingLineBreaks: true)
    var properties: [(String, String)] = []
    if let location = finding.location {
      properties.append(("file", location.file))
      if location.line >= 1 { properties.append(("line", "\(location.line)")) }
      if let column = SARIFReporter.column(of: location) {
        properties.append(("col", "\(column)"))
      }
    }
    properties.append(("title", "\(finding.rule) \(finding.displayTitle)"))
    return command(Self.command(for: finding.severity), properties, finding.messageWithSubject)
  }

  public func separator(between previous: Finding, and next: Finding) -> String { "" }

  /// The run's notes and its summary, as notices.
  public func epilogue(_ report: CheckReport, findingCount: Int) -> String {
    var out = ""
    for note in report.notes {
      out += command(
        "notice", [("title", "\(report.tool.name) note")],
        note.escapingControlCharacters(keepingLineBreaks: true))
    }
    let summary =
      "\(report.summary.recordCountsText); \(report.summary.findingCountsText) "
      + "(pack \(report.pack.id) \(report.pack.version))"
    out += command("notice", [("title", "\(report.tool.name) summary")], summary)
    return out
  }

  static func command(for severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .info: return "notice"
    }
  }

  private func command(_ name: String, _ properties: [(String, String)], _ message: String)
    -> String
  {
    var line = "::" + name
    if !properties.isEmpty {
      line +=
        " "
        + properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }
        .joined(separator: ",")
    }
    return line + "::" + Self.escapeData(message) + "\n"
  }

  /// Escapes a command's message: `%`, carriage return and line feed.
  static func escapeData(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Escapes a property value: as ``escapeData(_:)``, plus `:` and `,`.
  static func escapeProperty(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
