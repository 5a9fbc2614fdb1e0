import CEL
import PreceptInput

/// A record converted to the pack's schema types, ready to evaluate.
public struct TypedRecord: Sendable {
  /// The record as a CEL object of the schema's root type.
  public var value: ObjectValue
  /// The record's id (the pack's `record.id` field), if present.
  public var id: String?
  /// The record's date (the pack's `record.date` field), if present and valid.
  public var date: Timestamp?
  public var location: RecordLocation
  /// Ordinal in the input, 0-based.
  public var index: Int
  public var problems: [FieldProblem]
  /// Keys in the input that the schema does not declare (dotted paths).
  public var unknownFields: [String]
}
