import PreceptDiagnostics

/// Loads one YAML document into a positioned ``YAMLNode`` tree, reporting problems as
/// diagnostics (codes in ``YAMLDiagnosticCode``).
public struct YAMLLoader: Sendable {
  /// Parses a file. Never crashes and never throws, whatever the bytes.
  ///
  /// - An empty file, or one with only comments, gives no root and no diagnostics.
  /// - Syntax errors (PRE1001), a second document (PRE1003), exceeding a limit (PRE1004,
  ///   PRE1005), invalid UTF-8 (PRE1006) and forbidden characters (PRE1009) stop loading.
  /// - Duplicate keys (PRE1002), undefined aliases (PRE1007, replaced by null) and merge keys
  ///   (PRE1008) are reported and loading continues, so the tree may be returned together with
  ///   errors: callers must check the diagnostics for errors before trusting the tree.
  ///
  /// - Parameters:
  ///   - file: The source to parse.
  ///   - limits: Bounds on alias expansion and nesting.
  /// - Returns: The document's root node, if a document was read to its end, and the problems
  ///   found, in source order.
  public static func load(
    _ file: SourceFile, limits: YAMLLimits = YAMLLimits()
  ) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
    if let offset = firstInvalidUTF8Offset(file.bytes) {
      let diagnostic = Diagnostic.error(
        YAMLDiagnosticCode.invalidUTF8.code, "the file is not valid UTF-8",
        at: SourceRange(file: file, start: offset, end: offset + 1),
        help: "save the file with UTF-8 encoding")
      return (nil, [diagnostic])
    }
    var builder = YAMLTreeBuilder(file: file, limits: limits)
    builder.run()
    return (builder.root, builder.diagnostics.sorted())
  }

  /// Parses YAML text, naming it `path` in diagnostics.
  public static func load(
    _ text: String, path: String = "<input>", limits: YAMLLimits = YAMLLimits()
  ) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
    load(SourceFile(path: path, text: text), limits: limits)
  }
}
