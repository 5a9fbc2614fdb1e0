/// The stable codes of the diagnostics the YAML loader produces.
///
/// | code    | meaning                                                              |
/// |---------|----------------------------------------------------------------------|
/// | PRE1001 | YAML syntax error (libyaml's problem, reworded), at the problem mark |
/// | PRE1002 | duplicate key in a mapping; a note points at the first definition    |
/// | PRE1003 | more than one YAML document in a file                                |
/// | PRE1004 | too many nodes after expanding aliases (`YAMLLimits.maxNodes`)       |
/// | PRE1005 | nesting deeper than `YAMLLimits.maxDepth`                            |
/// | PRE1006 | the file is not valid UTF-8, at the first bad byte                   |
/// | PRE1007 | an alias refers to an anchor that is not defined (or not yet closed) |
/// | PRE1008 | a merge key (`<<`) is used; merge keys are not supported             |
/// | PRE1009 | a control character or unsupported character in the input           |
public enum YAMLDiagnosticCode: String, Sendable, CaseIterable {
  /// YAML syntax error.
  case syntax = "PRE1001"
  /// Duplicate mapping key.
  case duplicateKey = "PRE1002"
  /// More than one document.
  case multipleDocuments = "PRE1003"
  /// Too many nodes after alias expansion.
  case tooManyNodes = "PRE1004"
  /// Nesting too deep.
  case tooDeep = "PRE1005"
  /// Invalid UTF-8.
  case invalidUTF8 = "PRE1006"
  /// Undefined alias.
  case undefinedAlias = "PRE1007"
  /// Merge key used.
  case mergeKey = "PRE1008"
  /// A character YAML does not allow, such as a control character.
  case invalidCharacter = "PRE1009"

  /// The code as it appears in diagnostics, e.g. `PRE1001`.
  public var code: String { rawValue }
}
