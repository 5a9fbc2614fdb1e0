/// A CEL run-time value.
///
/// Errors are values too (``Value/error(_:)``), so that `&&`, `||`, `all` and `exists` can absorb
/// them as the language definition requires; no evaluation ever throws or traps.
public enum Value: Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case uint(UInt64)
  case double(Double)
  /// Strings are indexed and measured by Unicode code point.
  case string(String)
  case bytes([UInt8])
  case list([Value])
  case map(MapValue)
  case timestamp(Timestamp)
  case duration(Duration)
  case type(CELType)
  /// `optional.of(v)` is `.optional(v)`, `optional.none()` is `.optional(nil)`.
  indirect case optional(Value?)
  case object(ObjectValue)
  indirect case error(EvalError)
}

/// An evaluation error, carried as a value.
public struct EvalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The kinds of error, for hosts that treat some specially.
  public enum Kind: String, Hashable, Sendable {
    /// No overload of the function accepts these argument types.
    case noMatchingOverload
    /// A field or key that is not there: `incident.seclusion` on a record without one.
    case noSuchField
    case noSuchKey
    case indexOutOfBounds
    case divisionByZero
    case overflow
    case invalidArgument
    /// The comprehension or cost budget was exhausted.
    case costLimitExceeded
    case unknownIdentifier
    case other
  }

  public var kind: Kind
  public var message: String
  /// The node that raised it, when known.
  public var exprID: Int?
  /// For `noSuchField`: the dotted path of the missing field (`incident.seclusion.released_at`),
  /// so that a host can say what could not be evaluated.
  public var fieldPath: String?

  public init(_ kind: Kind, _ message: String, exprID: Int? = nil, fieldPath: String? = nil) {
    self.kind = kind
    self.message = message
    self.exprID = exprID
    self.fieldPath = fieldPath
  }

  public var description: String { message }
}
