import Foundation

/// The type conversions: `int`, `uint`, `double`, `string`, `bytes`, `bool`, `dyn`, `type`,
/// `timestamp`, `duration`.
enum Conversions {
  static func rangeError(_ what: String) -> Value { .error(.overflow, "\(what) out of range") }

  static func toInt(_ v: Value) -> Value {
    switch v {
    case .int: return v
    case .uint(let u): return u > UInt64(Int64.max) ? rangeError("int") : .int(Int64(u))
    case .double(let d):
      guard d.isFinite, d > -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_807.0
      else { return rangeError("int") }
      return .int(Int64(d.rounded(.towardZero)))
    case .string(let s):
      guard let i = Int64(s) else {
        return .error(.invalidArgument, "cannot convert '\(s)' to int")
      }
      return .int(i)
    case .timestamp(let t): return .int(t.seconds)
    case .error: return v
    default: return Value.noOverload("int", [v])
    }
  }

  static func toUInt(_ v: Value) -> Value {
    switch v {
    case .uint: return v
    case .int(let i): return i < 0 ? rangeError("uint") : .uint(UInt64(i))
    case .double(let d):
      guard d.isFinite, d > -1, d < 18_446_744_073_709_551_616.0 else { return rangeError("uint") }
      return .uint(UInt64(d.rounded(.towardZero)))
    case .string(let s):
      guard let u = UInt64(s) else {
        return .error(.invalidArgument, "cannot convert '\(s)' to uint")
      }
      return .uint(u)
    case .error: return v
    default: return Value.noOverload("uint", [v])
    }
  }

  static func toDouble(_ v: Value) -> Value {
    switch v {
    case .double: return v
    case .int(let i): return .double(Double(i))
    case .uint(let u): return .double(Double(u))
    case .string(let s):
      switch s {
      case "NaN": return .double(.nan)
      case "Infinity", "+Infinity", "inf", "+inf": return .double(.infinity)
      case "-Infinity", "-inf": return .double(-.infinity)
      default:
        guard let d = Double(s), !s.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" })
        else { return .error(.invalidArgument, "cannot convert '\(s)' to double") }
        return .double(d)
      }
    case .error: return v
    default: return Value.noOverload("double", [v])
    }
  }

  static func toString(_ v: Value) -> Value {
    switch v {
    case .string: return v
    case .int(let i): return .string(String(i))
    case .uint(let u): return .string(String(u))
    case .double(let d): return .string(Value.formatDouble(d))
    case .bool(let b): return .string(b ? "true" : "false")
    case .bytes(let b):
      guard let s = String(validating: b, as: UTF8.self) else {
        return .error(.invalidArgument, "invalid UTF-8 in bytes")
      }
      return .string(s)
    case .timestamp(let t): return .string(t.rfc3339)
    case .duration(let d): return .string(d.formatted)
    case .error: return v
    default: return Value.noOverload("string", [v])
    }
  }

  static func toBytes(_ v: Value) -> Value {
    switch v {
    case .bytes: return v
    case .string(let s): return .bytes(Array(s.utf8))
    case .error: return v
    default: return Value.noOverload("bytes", [v])
    }
  }

  static func toBool(_ v: Value) -> Value {
    switch v {
    case .bool: return v
    case .string(let s):
      switch s {
      case "1", "t", "T", "true", "TRUE", "True": return .bool(true)
      case "0", "f", "F", "false", "FALSE", "False": return .bool(false)
      default: return .error(.invalidArgument, "cannot convert '\(s)' to bool")
      }
    case .error: return v
    default: return Value.noOverload("bool", [v])
    }
  }

  static func toTimestamp(_ v: Value) -> Value {
    switch v {
    case .timestamp: return v
    case .string(let s):
      guard let t = Timestamp(rfc3339: s) else {
        return .error(.invalidArgument, "cannot parse timestamp '\(s)' (or out of range)")
      }
      return .timestamp(t)
    case .int(let i):
      let t = Timestamp(seconds: i)
      return t.isValid ? .timestamp(t) : rangeError("timestamp")
    case .error: return v
    default: return Value.noOverload("timestamp", [v])
    }
  }

  static func toDuration(_ v: Value) -> Value {
    switch v {
    case .duration: return v
    case .string(let s):
      guard let d = Duration(parsing: s) else {
        return .error(.invalidArgument, "cannot parse duration '\(s)' (or out of range)")
      }
      return .duration(d)
    case .error: return v
    default: return Value.noOverload("duration", [v])
    }
  }
}

let conversionFunctions: [FunctionDecl] = {
  func conv(
    _ name: String, _ result: CELType, _ from: [(String, CELType)],
    _ f: @escaping @Sendable (Value) -> Value
  ) -> FunctionDecl {
    FunctionDecl(
      name: name,
      overloads: from.map { id, t in Overload(id, [t], result) { f($0[0]) } })
  }
  return [
    conv(
      "int", .int,
      [
        ("int64_to_int64", .int), ("uint64_to_int64", .uint), ("double_to_int64", .double),
        ("string_to_int64", .string), ("timestamp_to_int64", .timestamp),
      ], Conversions.toInt),
    conv(
      "uint", .uint,
      [
        ("uint64_to_uint64", .uint), ("int64_to_uint64", .int), ("double_to_uint64", .double),
        ("string_to_uint64", .string),
      ], Conversions.toUInt),
    conv(
      "double", .double,
      [
        ("double_to_double", .double), ("int64_to_double", .int), ("uint64_to_double", .uint),
        ("string_to_double", .string),
      ], Conversions.toDouble),
    conv(
      "string", .string,
      [
        ("string_to_string", .string), ("int64_to_string", .int), ("uint64_to_string", .uint),
        ("double_to_string", .double), ("bool_to_string", .bool), ("bytes_to_string", .bytes),
        ("timestamp_to_string", .timestamp), ("duration_to_string", .duration),
      ], Conversions.toString),
    conv(
      "bytes", .bytes, [("bytes_to_bytes", .bytes), ("string_to_bytes", .string)],
      Conversions.toBytes),
    conv(
      "bool", .bool, [("bool_to_bool", .bool), ("string_to_bool", .string)], Conversions.toBool),
    conv(
      "timestamp", .timestamp,
      [
        ("timestamp_to_timestamp", .timestamp), ("string_to_timestamp", .string),
        ("int64_to_timestamp", .int),
      ], Conversions.toTimestamp),
    conv(
      "duration", .duration,
      [
        ("duration_to_duration", .duration), ("string_to_duration", .string),
      ], Conversions.toDuration),
    function("dyn", Overload("to_dyn", [typeA], .dyn) { $0[0] }),
    function("type", Overload("type", [typeA], .type(typeA)) { .type($0[0].celType) }),
  ]
}()
