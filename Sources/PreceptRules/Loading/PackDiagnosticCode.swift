/// The stable codes of the diagnostics a rule pack can produce. Tests, docs and users name them;
/// never renumber one.
public enum PackDiagnosticCode: String, Sendable, CaseIterable {
  // Structure of the YAML.
  /// A key the DSL does not know (with did-you-mean).
  case unknownKey = "PRE2001"
  /// A required key is missing.
  case missingKey = "PRE2002"
  /// A value of the wrong YAML type (a list where a string belongs).
  case wrongType = "PRE2003"
  /// Two rules with the same id.
  case duplicateRuleID = "PRE2004"
  /// A value of the right type that is not allowed (severity `fatal`, a bad duration, a bad date).
  case invalidValue = "PRE2005"
  /// A citation names a source the pack does not declare.
  case unknownSource = "PRE2006"
  /// A file of the pack cannot be read, or the pack folder has no `pack.yaml`.
  case unreadableFile = "PRE2007"
  /// A param that is not declared (in `set:`, a params file, `--set`, a test).
  case unknownParam = "PRE2008"
  /// `extends:` names a pack that cannot be loaded, or a chain that loops.
  case badExtends = "PRE2009"
  /// Two declarations of the same name (param, definition, source, field).
  case duplicateName = "PRE2010"
  /// `precept:` names a DSL version this build does not support.
  case unsupportedVersion = "PRE2011"
  /// An override or a test names a rule the pack does not have.
  case unknownRule = "PRE2012"

  // Expressions.
  /// A CEL syntax error.
  case celSyntax = "PRE2101"
  /// A CEL name that is not declared (with did-you-mean).
  case undeclaredReference = "PRE2102"
  /// A field the record schema does not declare (with did-you-mean).
  case undefinedField = "PRE2103"
  /// Operands of the wrong types (a timestamp compared with a string).
  case noMatchingOverload = "PRE2104"
  /// `when`/`require` is not a bool, or a value of the wrong type.
  case typeMismatch = "PRE2105"
  /// Definitions that refer to each other in a cycle.
  case definitionCycle = "PRE2106"
  /// A rule that can never apply (`when: false`).
  case unreachableRule = "PRE2107"
  /// A malformed `{{ }}` message template.
  case badTemplate = "PRE2108"
  /// An expression over the parser's limits (length, nesting).
  case expressionTooComplex = "PRE2109"
  /// A comparison of an enum field with a value it can never take.
  case impossibleEnumValue = "PRE2110"
}
