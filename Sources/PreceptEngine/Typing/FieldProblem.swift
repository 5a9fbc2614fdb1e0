import PreceptInput

/// A value in a record that does not fit the pack's schema (codes PRE33xx). The record is still evaluated,
/// with the field treated as absent, and the problem is reported as a finding on it.
public struct FieldProblem: Sendable, Hashable {
  /// Stable codes.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// A value of the wrong kind (text where a number belongs).
    case wrongType = "PRE3301"
    /// A value outside an enum's list.
    case notInEnum = "PRE3302"
    /// A timestamp that cannot be read.
    case badTimestamp = "PRE3303"
    /// A timestamp with no UTC offset and no profile saying which zone it is in.
    case timestampWithoutOffset = "PRE3304"
    /// A date that does not exist (31/02/2026).
    case badDate = "PRE3305"
    /// A field the schema marks required is missing.
    case missingRequired = "PRE3306"
    /// A duration that cannot be read.
    case badDuration = "PRE3308"
  }

  public var code: Code
  /// The field's dotted path (`pupil.sen_status`).
  public var path: String
  /// What is wrong; never echoes the value (it may be personal).
  public var message: String
  public var location: RecordLocation

  public init(code: Code, path: String, message: String, location: RecordLocation) {
    self.code = code
    self.path = path
    self.message = message
    self.location = location
  }
}
