/// A value read from an input, before it is typed against a pack's record schema.
///
/// Readers are schema-agnostic: a CSV cell is always a ``string(_:)`` (lists joined with `;` and
/// JSON text in a cell included); JSON keeps numbers as their exact lexeme.
///
/// The enum is not `indirect`: its recursive cases hold arrays, which are already boxed, so
/// leaves stay unboxed.
public enum RawValue: Sendable, Hashable {
  /// An explicit `null`.
  case null
  /// A string.
  case string(String)
  /// A number, as its exact lexeme (`12`, `-0.50`, `1e3`).
  case number(String)
  /// A boolean.
  case bool(Bool)
  /// A list of values.
  case list([RawValue])
  /// An object whose keys keep their input order.
  case object(RawObject)
}

extension RawValue {
  /// The string, when this is a ``string(_:)``.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The object, when this is an ``object(_:)``.
  public var objectValue: RawObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// The elements, when this is a ``list(_:)``.
  public var listValue: [RawValue]? {
    if case .list(let l) = self { return l }
    return nil
  }
}

extension RawValue: CustomStringConvertible {
  /// Compact JSON text of the value (keys in input order), for messages and tests.
  public var description: String {
    var out = ""
    write(to: &out)
    return out
  }

  func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let n): out += n
    case .string(let s): RawValue.writeQuoted(s, to: &out)
    case .list(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case .object(let object): object.write(to: &out)
    }
  }

  static func writeQuoted(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
