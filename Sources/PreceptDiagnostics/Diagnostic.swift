/// A problem found in user input: a value with a stable code, a message, and where it is.
///
/// Diagnostics are collected, never thrown, and rendered by ``DiagnosticRenderer`` (or written out
/// by a reporter). Messages are lower-case, without a trailing period, with names in 'single
/// quotes'.
public struct Diagnostic: Sendable, Hashable {
  /// Extra information attached to a diagnostic, with its own location.
  public struct Note: Sendable, Hashable {
    /// What the note says, e.g. `first defined here`.
    public var message: String
    /// Where the note points, if anywhere.
    public var range: SourceRange?

    /// Creates a note.
    public init(_ message: String, at range: SourceRange? = nil) {
      self.message = message
      self.range = range
    }
  }

  /// A suggested edit that would fix the problem: replace `range` by `replacement`.
  public struct FixIt: Sendable, Hashable {
    /// The text to replace (empty for an insertion).
    public var range: SourceRange
    /// The new text (empty for a removal).
    public var replacement: String

    /// Creates a fix-it replacing `range` by `replacement`.
    public init(replacing range: SourceRange, with replacement: String) {
      self.range = range
      self.replacement = replacement
    }
  }

  /// How serious the problem is.
  public var severity: DiagnosticSeverity
  /// A stable identifier such as `PRE1001`, for documentation and suppression.
  public var code: String
  /// A one-line description of the problem.
  public var message: String
  /// The source the problem is about, if it has one.
  public var range: SourceRange?
  /// Related locations, such as a first definition.
  public var notes: [Note]
  /// A hint on how to fix the problem, e.g. `did you mean 'incident'?`.
  public var help: String?
  /// A mechanical edit that would fix the problem.
  public var fixIt: FixIt?

  /// Creates a diagnostic.
  /// - Parameters:
  ///   - severity: How serious the problem is.
  ///   - code: A stable identifier such as `PRE1001`.
  ///   - message: A lower-case one-line description.
  ///   - range: The source the problem is about.
  ///   - notes: Related locations.
  ///   - help: A hint on how to fix it.
  ///   - fixIt: A suggested edit.
  public init(
    severity: DiagnosticSeverity,
    code: String,
    message: String,
    range: SourceRange? = nil,
    notes: [Note] = [],
    help: String? = nil,
    fixIt: FixIt? = nil
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.range = range
    self.notes = notes
    self.help = help
    self.fixIt = fixIt
  }

  /// Creates an error.
  public static func error(
    _ code: String, _ message: String, at range: SourceRange? = nil, notes: [Note] = [],
    help: String? = nil, fixIt: FixIt? = nil
  ) -> Diagnostic {
    Diagnostic(
      severity: .error, code: code, message: message, range: range, notes: notes, help: help,
      fixIt: fixIt)
  }

  /// Creates a warning.
  public static func warning(
    _ code: String, _ message: String, at range: SourceRange? = nil, notes: [Note] = [],
    help: String? = nil, fixIt: FixIt? = nil
  ) -> Diagnostic {
    Diagnostic(
      severity: .warning, code: code, message: message, range: range, notes: notes, help: help,
      fixIt: fixIt)
  }

  /// Creates a stand-alone note.
  public static func note(
    _ code: String, _ message: String, at range: SourceRange? = nil, notes: [Note] = [],
    help: String? = nil
  ) -> Diagnostic {
    Diagnostic(
      severity: .note, code: code, message: message, range: range, notes: notes, help: help)
  }

  /// Creates a remark.
  public static func remark(
    _ code: String, _ message: String, at range: SourceRange? = nil, notes: [Note] = []
  ) -> Diagnostic {
    Diagnostic(severity: .remark, code: code, message: message, range: range, notes: notes)
  }

  /// Whether this is an error.
  public var isError: Bool { severity == .error }

  /// The position of the primary range's start, if there is one.
  public var position: SourcePosition? { range?.startPosition }
}

extension Diagnostic: Comparable {
  /// Orders diagnostics for deterministic output: those without a location first, then by
  /// file path, start offset, end offset, severity, code and message.
  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    switch (lhs.range, rhs.range) {
    case (nil, .some): return true
    case (.some, nil): return false
    case (let l?, let r?):
      if l.file.path != r.file.path { return l.file.path < r.file.path }
      if l.start != r.start { return l.start < r.start }
      if l.end != r.end { return l.end < r.end }
    case (nil, nil): break
    }
    if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
    if lhs.code != rhs.code { return lhs.code < rhs.code }
    return lhs.message < rhs.message
  }
}

extension Diagnostic: CustomStringConvertible {
  /// The one-line header, `path:line:column: severity: message [CODE]`.
  public var description: String {
    DiagnosticRenderer(options: RenderOptions(color: false, contextLines: 0, snippets: false))
      .render(self).trimmingSuffixNewline()
  }
}

extension Sequence<Diagnostic> {
  /// Whether any diagnostic is an error.
  public var containsErrors: Bool { contains { $0.severity == .error } }
}

extension String {
  func trimmingSuffixNewline() -> String {
    hasSuffix("\n") ? String(dropLast()) : self
  }
}
