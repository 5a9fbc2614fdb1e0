import CEL
import Foundation

/// Decoding of the conformance files' JSON renderings of values and types.
enum ConformanceValue {
  struct DecodeError: Error, CustomStringConvertible {
    var description: String
  }

  /// A value from `{"type": T, "value": V}`.
  static func value(_ json: Any) throws -> Value {
    guard let object = json as? [String: Any], let type = object["type"] as? String else {
      throw DecodeError(description: "malformed value \(json)")
    }
    let raw = object["value"]
    switch type {
    case "null": return .null
    case "bool":
      guard let b = raw as? Bool else { throw DecodeError(description: "bad bool") }
      return .bool(b)
    case "int":
      guard let s = raw as? String, let i = Int64(s) else {
        throw DecodeError(description: "bad int")
      }
      return .int(i)
    case "uint":
      guard let s = raw as? String, let u = UInt64(s) else {
        throw DecodeError(description: "bad uint")
      }
      return .uint(u)
    case "double":
      if let s = raw as? String {
        switch s {
        case "NaN": return .double(.nan)
        case "Infinity": return .double(.infinity)
        case "-Infinity": return .double(-.infinity)
        default: throw DecodeError(description: "bad double \(s)")
        }
      }
      guard let n = raw as? NSNumber else { throw DecodeError(description: "bad double") }
      return .double(n.doubleValue)
    case "string":
      guard let s = raw as? String else { throw DecodeError(description: "bad string") }
      return .string(s)
    case "bytes":
      guard let s = raw as? String, let data = Data(base64Encoded: s) else {
        throw DecodeError(description: "bad bytes")
      }
      return .bytes(Array(data))
    case "list":
      guard let items = raw as? [Any] else { throw DecodeError(description: "bad list") }
      return .list(try items.map(value))
    case "map":
      guard let entries = raw as? [[String: Any]] else {
        throw DecodeError(description: "bad map")
      }
      var map = MapValue()
      for entry in entries {
        guard let k = entry["key"], let v = entry["value"], let key = MapKey(try value(k))
        else { throw DecodeError(description: "bad map entry") }
        map.insert(key, try value(v))
      }
      return .map(map)
    case "timestamp":
      guard let s = raw as? String, let t = Timestamp(rfc3339: s) else {
        throw DecodeError(description: "bad timestamp")
      }
      return .timestamp(t)
    case "duration":
      guard let s = raw as? String, let d = Duration(parsing: s) else {
        throw DecodeError(description: "bad duration")
      }
      return .duration(d)
    case "type":
      guard let s = raw as? String, let t = try? celType(s) else {
        throw DecodeError(description: "bad type")
      }
      return .type(t)
    default:
      throw DecodeError(description: "unsupported value type '\(type)'")
    }
  }

  /// A type from its CEL name: `int`, `list(int)`, `map(string, dyn)`,
  /// `google.protobuf.Duration`.
  static func celType(_ text: String) throws -> CELType {
    var parser = TypeNameParser(text: Array(text.replacingOccurrences(of: " ", with: "")))
    let t = try parser.parse()
    guard parser.index == parser.text.count else {
      throw DecodeError(description: "bad type name '\(text)'")
    }
    return t
  }

  private struct TypeNameParser {
    var text: [Character]
    var index = 0

    mutating func name() -> String {
      var out = ""
      while index < text.count, text[index] != "(", text[index] != ")", text[index] != "," {
        out.append(text[index])
        index += 1
      }
      return out
    }

    mutating func expect(_ c: Character) throws {
      guard index < text.count, text[index] == c else {
        throw DecodeError(description: "bad type name")
      }
      index += 1
    }

    mutating func parse() throws -> CELType {
      let n = name()
      var params: [CELType] = []
      if index < text.count, text[index] == "(" {
        index += 1
        params.append(try parse())
        while index < text.count, text[index] == "," {
          index += 1
          params.append(try parse())
        }
        try expect(")")
      }
      switch (n, params.count) {
      case ("int", 0): return .int
      case ("uint", 0): return .uint
      case ("double", 0): return .double
      case ("bool", 0): return .bool
      case ("string", 0): return .string
      case ("bytes", 0): return .bytes
      case ("null_type", 0): return .null
      case ("dyn", 0): return .dyn
      case ("list", 0): return .list(.dyn)
      case ("list", 1): return .list(params[0])
      case ("map", 0): return .map(key: .dyn, value: .dyn)
      case ("map", 2): return .map(key: params[0], value: params[1])
      case ("type", 0): return .type(nil)
      case ("type", 1): return .type(params[0])
      case ("optional_type", 1): return .optional(params[0])
      case ("google.protobuf.Timestamp", 0): return .timestamp
      case ("google.protobuf.Duration", 0): return .duration
      default: throw DecodeError(description: "unsupported type '\(n)'")
      }
    }
  }

  /// Strict equality for comparing results: same kinds throughout, NaN equal to NaN.
  static func identical(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || x == y
    case (.list(let x), .list(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
    case (.map(let x), .map(let y)):
      guard x.count == y.count else { return false }
      for key in x.keys {
        guard let yv = y[key], let xv = x[key], identical(xv, yv) else { return false }
      }
      return true
    case (.optional(let x), .optional(let y)):
      switch (x, y) {
      case (nil, nil): return true
      case (let x?, let y?): return identical(x, y)
      default: return false
      }
    case (.int, .int), (.uint, .uint), (.bool, .bool), (.null, .null), (.string, .string),
      (.bytes, .bytes), (.timestamp, .timestamp), (.duration, .duration), (.type, .type),
      (.object, .object):
      return a.celEquals(b)
    default: return false
    }
  }
}
