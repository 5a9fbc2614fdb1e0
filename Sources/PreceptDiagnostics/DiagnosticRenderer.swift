/// Turns diagnostics into compiler-style text. A pure function of its input and options.
///
/// ```
/// rules/seclusion.yaml:14:14: error: undeclared reference to 'incidnt' [PRE2001]
///    13 |     when: seclusion
///    14 |     require: incidnt.seclusion.supervision == 'continuous'
///       |              ^~~~~~~
///       |              `- help: did you mean 'incident'?
/// rules/seclusion.yaml:3:5: note: first defined here
///     3 |   - id: RI-SEC-006
///       |     ^~
/// ```
///
/// The header is `path:line:column: severity: message [CODE]`; columns count Unicode scalars.
/// The snippet shows `contextLines` lines before the diagnostic's line, then underlines the
/// range with `^~~` (to the end of the line if the range continues further), then the help and
/// fix-it under the caret. Each note gets its own header and a snippet of its line, without
/// context.
public struct DiagnosticRenderer: Sendable {
  /// The layout options.
  public var options: RenderOptions

  /// Creates a renderer.
  public init(options: RenderOptions = RenderOptions()) {
    self.options = options
  }

  /// Renders diagnostics in the order given, each ending with a line break.
  ///
  /// Sort them first (`diagnostics.sorted()`) for deterministic output.
  public func render(_ diagnostics: some Sequence<Diagnostic>) -> String {
    var output = ""
    for diagnostic in diagnostics {
      output += render(diagnostic)
    }
    return output
  }

  /// Renders one diagnostic with its snippet, help, fix-it and notes, ending with a line break.
  public func render(_ diagnostic: Diagnostic) -> String {
    var lines: [String] = []
    lines.append(
      header(
        severity: diagnostic.severity, message: diagnostic.message, code: diagnostic.code,
        range: diagnostic.range))

    var annotations: [String] = []
    if let help = diagnostic.help {
      annotations.append("help: \(help)")
    }
    if let fixIt = diagnostic.fixIt {
      annotations.append("fix-it: \(Self.describe(fixIt))")
    }

    if let range = diagnostic.range, options.snippets {
      lines += snippet(
        range, contextLines: options.contextLines, severity: diagnostic.severity,
        annotations: annotations)
    } else {
      lines += annotations.map { "  " + paint($0, Style.help) }
    }

    for note in diagnostic.notes {
      lines.append(header(severity: .note, message: note.message, code: nil, range: note.range))
      if let range = note.range, options.snippets {
        lines += snippet(range, contextLines: 0, severity: .note, annotations: [])
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A count of errors and warnings, e.g. `2 errors, 1 warning`, or `no errors or warnings`.
  public static func summary(_ diagnostics: some Sequence<Diagnostic>) -> String {
    var errors = 0
    var warnings = 0
    for diagnostic in diagnostics {
      switch diagnostic.severity {
      case .error: errors += 1
      case .warning: warnings += 1
      case .note, .remark: break
      }
    }
    var parts: [String] = []
    if errors > 0 { parts.append(errors == 1 ? "1 error" : "\(errors) errors") }
    if warnings > 0 { parts.append(warnings == 1 ? "1 warning" : "\(warnings) warnings") }
    return parts.isEmpty ? "no errors or warnings" : parts.joined(separator: ", ")
  }

  // MARK: - Header

  private func header(
    severity: DiagnosticSeverity, message: String, code: String?, range: SourceRange?
  ) -> String {
    var text = ""
    if let range {
      text += paint("\(range.file.path):\(range.startPosition): ", Style.bold)
    }
    text += paint("\(severity.rawValue): ", Style.severity(severity))
    text += paint(message, Style.bold)
    if let code {
      text += " [\(code)]"
    }
    return text
  }

  // MARK: - Snippet

  private func snippet(
    _ range: SourceRange, contextLines: Int, severity: DiagnosticSeverity, annotations: [String]
  ) -> [String] {
    let file = range.file
    let start = file.position(at: range.start)
    let firstLine = max(1, start.line - contextLines)
    let width = String(start.line).count
    var lines: [String] = []

    // Very long lines (a minified file, a 100,000-character expression) are cut to a window
    // around the caret, the same window for every line shown so that columns line up.
    let lineBytes = file.lineRange(start.line)
    let before = Array(file.slice(lineBytes.lowerBound, range.start).unicodeScalars)
    let window = Self.window(caret: before.count)

    for number in firstLine...start.line {
      let padded = String(repeating: " ", count: width - String(number).count) + String(number)
      let text = Self.cut(file.lineText(number), to: window)
      let gutter = paint("   \(padded) |", Style.gutter)
      lines.append(text.isEmpty ? gutter : gutter + " " + text)
    }

    // The caret line reproduces tabs from the source so that the caret lines up.
    let shownBefore = before.dropFirst(window.lowerBound)
    let indent =
      (window.lowerBound > 0 ? " " : "")
      + String(String.UnicodeScalarView(shownBefore.map { $0 == "\t" ? "\t" : " " }))
    let underlineEnd = min(range.end, lineBytes.upperBound)
    let fullLength = max(1, file.slice(range.start, underlineEnd).unicodeScalars.count)
    let length = min(fullLength, max(1, window.upperBound - before.count))
    let emptyGutter = paint("   " + String(repeating: " ", count: width) + " |", Style.gutter)
    let marker = "^" + String(repeating: "~", count: length - 1)
    lines.append(emptyGutter + " " + indent + paint(marker, Style.caret(severity)))

    for (index, annotation) in annotations.enumerated() {
      let branch = index == annotations.count - 1 ? "`- " : "|- "
      lines.append(emptyGutter + " " + indent + paint(branch + annotation, Style.help))
    }
    return lines
  }

  /// The most characters of a source line shown in a snippet.
  static let maxLineWidth = 160

  /// The columns (0-based, in Unicode scalars) of a line shown for a caret at `caret`.
  static func window(caret: Int) -> Range<Int> {
    guard caret >= maxLineWidth - 40 else { return 0..<maxLineWidth }
    let start = caret - 40
    return start..<(start + maxLineWidth)
  }

  /// The part of `line` inside `window`, with `…` where text was left out.
  static func cut(_ line: Substring, to window: Range<Int>) -> String {
    let scalars = line.unicodeScalars
    guard scalars.count > window.lowerBound else {
      return window.lowerBound == 0 ? String(line) : ""
    }
    if window.lowerBound == 0 && scalars.count <= window.upperBound { return String(line) }
    let start = scalars.index(scalars.startIndex, offsetBy: window.lowerBound)
    let end =
      scalars.index(start, offsetBy: window.count, limitedBy: scalars.endIndex) ?? scalars.endIndex
    var out = window.lowerBound > 0 ? "…" : ""
    out += String(scalars[start..<end])
    if end < scalars.endIndex { out += "…" }
    return out
  }

  // MARK: - Fix-its

  static func describe(_ fixIt: Diagnostic.FixIt) -> String {
    let old = fixIt.range.text
    switch (old.isEmpty, fixIt.replacement.isEmpty) {
    case (true, _): return "insert '\(fixIt.replacement)'"
    case (false, true): return "remove '\(old)'"
    case (false, false): return "replace '\(old)' with '\(fixIt.replacement)'"
    }
  }

  // MARK: - Colour

  private enum Style {
    static let bold = "\u{1B}[1m"
    static let gutter = "\u{1B}[36m"
    static let help = "\u{1B}[36m"

    static func severity(_ severity: DiagnosticSeverity) -> String {
      switch severity {
      case .error: "\u{1B}[1;31m"
      case .warning: "\u{1B}[1;33m"
      case .note: "\u{1B}[1;36m"
      case .remark: "\u{1B}[1;34m"
      }
    }

    static func caret(_ severity: DiagnosticSeverity) -> String {
      Self.severity(severity)
    }
  }

  private func paint(_ text: String, _ style: String) -> String {
    guard options.color, !text.isEmpty else { return text }
    return style + text + "\u{1B}[0m"
  }
}
