import CEL
import PreceptDiagnostics

/// A tunable value of a pack (`parent_report_within: 24h`), in CEL as `params.NAME`.
public struct Param: Sendable {
  public var name: String
  public var type: FieldType
  /// The value in force: the default, or what an overlay, a params file or `--set` gave.
  public var value: Value
  /// The declared default.
  public var defaultValue: Value
  public var doc: String?
  public var declaredAt: SourceRange?
  /// Where the value in force was set, when not the default (an overlay, a params file).
  public var setAt: SourceRange?
  /// A human description of where the value came from (`default`, `overlay acme`, `--set`).
  public var origin: String

  public init(
    name: String, type: FieldType, defaultValue: Value, doc: String? = nil,
    declaredAt: SourceRange? = nil
  ) {
    self.name = name
    self.type = type
    self.value = defaultValue
    self.defaultValue = defaultValue
    self.doc = doc
    self.declaredAt = declaredAt
    self.origin = "default"
  }
}
