import CEL
import Foundation

extension FieldType {
  /// Parses a value of this type from text, as written in a pack, a params file or `--set`.
  /// Lists are written `a;b;c` (or given as YAML lists by the caller).
  /// - Returns: the value, or a message saying what is wrong (never echoing the text).
  public func parse(_ text: String, timeZone: TimeZone) -> Result<Value, ValueError> {
    switch self {
    case .string:
      return .success(.string(text))
    case .bool:
      switch text {
      case "true": return .success(.bool(true))
      case "false": return .success(.bool(false))
      default: return .failure(ValueError("expected true or false"))
      }
    case .int:
      guard let v = Int64(text.trimmingCharacters(in: .whitespaces)) else {
        return .failure(ValueError("expected a whole number"))
      }
      return .success(.int(v))
    case .double:
      guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
        return .failure(ValueError("expected a number"))
      }
      return .success(.double(v))
    case .timestamp:
      guard let t = Temporal.parseTimestamp(text) else {
        if Temporal.parseTimestamp(text, defaultZone: timeZone) != nil {
          return .failure(
            ValueError("timestamp has no UTC offset (write e.g. 2026-05-03T10:15:00+01:00)"))
        }
        return .failure(ValueError("expected an ISO 8601 timestamp with an offset"))
      }
      return .success(.timestamp(t))
    case .date:
      guard let d = LocalDate(text.trimmingCharacters(in: .whitespaces)) else {
        return .failure(ValueError("expected a real date written YYYY-MM-DD"))
      }
      return .success(.timestamp(Temporal.startOfDay(d, in: timeZone)))
    case .duration:
      // In a pack, a params file or --set a number alone is ambiguous (8 hours? 8 minutes?);
      // exports may give whole minutes, but here the unit is asked for.
      if let n = Int64(text.trimmingCharacters(in: .whitespaces)), n != 0 {
        return .failure(
          ValueError("a duration needs a unit: write it as 8h, 8m or 8s (2d is 2 days)"))
      }
      guard let d = Temporal.parseDuration(text) else {
        return .failure(ValueError("expected a duration such as 15m, 1h30m, 24h or 2d"))
      }
      return .success(.duration(d))
    case .enumeration(let values):
      guard values.contains(text) else {
        return .failure(ValueError("expected one of \(values.joined(separator: ", "))"))
      }
      return .success(.string(text))
    case .list(let element):
      var out: [Value] = []
      for part in text.split(separator: ";", omittingEmptySubsequences: true) {
        let item = part.trimmingCharacters(in: .whitespaces)
        if item.isEmpty { continue }
        switch element.parse(item, timeZone: timeZone) {
        case .success(let v): out.append(v)
        case .failure(let e): return .failure(e)
        }
      }
      return .success(.list(out))
    case .object:
      return .failure(ValueError("an object cannot be written as text"))
    }
  }

  /// The CEL type of values of this field type, with object types named by `objectName`.
  public func celType(objectName: (RecordSchema) -> String) -> CELType {
    switch self {
    case .string, .enumeration: return .string
    case .bool: return .bool
    case .int: return .int
    case .double: return .double
    case .timestamp, .date: return .timestamp
    case .duration: return .duration
    case .list(let element): return .list(element.celType(objectName: objectName))
    case .object(let schema): return .object(objectName(schema))
    }
  }
}

/// Why a value does not fit its type. Never contains the value itself (it may be personal).
public struct ValueError: Error, Sendable, Hashable {
  public var message: String
  public init(_ message: String) { self.message = message }
}
