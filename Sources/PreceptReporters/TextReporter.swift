import PreceptEngine
import PreceptRules

/// `--format text`: compiler-style lines grouped by record, summary last.
public struct TextReporter: StreamingReporter {
  public static let identifier = "text"
  public var options: ReportOptions

  public init(options: ReportOptions = .init()) { self.options = options }

  public func prologue() -> String { "" }

  public func fragment(_ finding: Finding) -> String { line(for: finding.printable) }

  /// A blank line between the findings of different records (or groups, or files).
  public func separator(between previous: Finding, and next: Finding) -> String {
    Self.group(of: previous) == Self.group(of: next) ? "" : "\n"
  }

  public func epilogue(_ report: CheckReport, findingCount: Int) -> String {
    var out = findingCount > 0 ? "\n" : ""
    for note in report.notes {
      out += paint("note: ", .cyan) + note.escapingControlCharacters + "\n"
    }
    out += summary(report) + "\n"
    return out
  }

  private static func group(of finding: Finding) -> String {
    finding.record ?? finding.group ?? finding.location?.file ?? ""
  }

  private func line(for f: Finding) -> String {
    var out = ""
    if let l = f.location { out += bold("\(l.file):\(l.line):\(l.column): ") }
    out += severityLabel(f.severity) + bold(f.message) + " [\(f.rule)]\n"
    var context: [String] = []
    if let record = f.record { context.append("record \(record)") }
    if let group = f.group { context.append("group \(group)") }
    if let row = f.location?.row { context.append("row \(row)") }
    if let title = f.title, f.kind != .violation || f.message != title { context.append(title) }
    if !context.isEmpty { out += "  " + context.joined(separator: " · ") + "\n" }
    if let waiver = f.waiver {
      out +=
        paint("  waived: ", .cyan)
        + "\(waiver.reason) (approved by \(waiver.approver), until \(waiver.expires))\n"
    }
    if !f.cite.isEmpty { out += "  cite: " + f.cite.joined(separator: "; ") + "\n" }
    if options.explain, let e = f.explanation {
      if let when = e.when { out += "  when:    \(when)\n" }
      out += "  require: \(e.condition)\n"
      for term in e.values { out += "           \(term.expr) = \(paint(term.value, .yellow))\n" }
      for d in e.definitions {
        out += "  definition \(d.name) = \(d.value)\n    \(d.expr)\n"
        for term in d.values { out += "      \(term.expr) = \(term.value)\n" }
      }
      for p in e.params { out += "  param \(p.name) = \(p.value) (\(p.origin))\n" }
      if let quote = f.quote { out += "  quote: \"\(quote)\"\n" }
    }
    if let fix = f.fix { out += paint("  fix: ", .green) + fix + "\n" }
    return out
  }

  private func summary(_ r: CheckReport) -> String {
    let s = r.summary
    func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    var parts = [
      count(s.findings["error"] ?? 0, "error"), count(s.findings["warning"] ?? 0, "warning"),
      "\(s.findings["info"] ?? 0) info",
    ]
    if s.waived > 0 { parts.append("\(s.waived) waived") }
    return bold("summary: ")
      + "\(count(s.read, "record")) read, \(s.evaluated) evaluated, \(s.rejected) rejected; "
      + parts.joined(separator: ", ") + " (pack \(r.pack.id) \(r.pack.version))"
  }

  // MARK: - Colour

  private enum Colour: String {
    case red = "31"
    case yellow = "33"
    case cyan = "36"
    case green = "32"
  }

  private func severityLabel(_ s: Severity) -> String {
    switch s {
    case .error: return paint("error: ", .red)
    case .warning: return paint("warning: ", .yellow)
    case .info: return paint("info: ", .cyan)
    }
  }

  private func paint(_ text: String, _ colour: Colour) -> String {
    options.color ? "\u{1B}[1;\(colour.rawValue)m\(text)\u{1B}[0m" : text
  }

  private func bold(_ text: String) -> String {
    options.color ? "\u{1B}[1m\(text)\u{1B}[0m" : text
  }
}
