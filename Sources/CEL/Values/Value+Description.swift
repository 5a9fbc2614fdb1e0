import Foundation

extension Value: CustomStringConvertible {
  /// The value in CEL literal syntax: `'text'`, `1u`, `2.5`, `b'\x00'`, `[1, 2]`,
  /// `{'a': 1}`, `timestamp('2026-05-03T09:15:00Z')`, `duration('3600s')`.
  public var description: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .uint(let u): return "\(u)u"
    case .double(let d):
      if d.isNaN { return "double('NaN')" }
      if d.isInfinite { return d < 0 ? "double('-Infinity')" : "double('Infinity')" }
      return Value.formatDouble(d, literal: true)
    case .string(let s): return Value.quote(s)
    case .bytes(let b): return Value.quoteBytes(b)
    case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
    case .map(let m):
      return "{" + m.entries.map { "\($0.key.value): \($0.value)" }.joined(separator: ", ") + "}"
    case .timestamp(let t): return "timestamp('\(t.rfc3339)')"
    case .duration(let d): return "duration('\(d.formatted)')"
    case .type(let t): return t.runtimeName
    case .optional(let v): return v.map { "optional.of(\($0))" } ?? "optional.none()"
    case .object(let o):
      var parts: [String] = []
      for (i, field) in o.type.fields.enumerated() {
        if let v = o.slots[i] { parts.append("\(field.name): \(v)") }
      }
      return o.type.name + "{" + parts.joined(separator: ", ") + "}"
    case .error(let e): return "error('\(e.message)')"
    }
  }

  /// A double in CEL literal syntax (`2.5`, `1.0`, `1e+100`).
  static func formatDouble(_ d: Double, literal: Bool) -> String { "\(d)" }

  /// A double as CEL's `string()` prints it (Go's `%v`): shortest round-trip digits, in
  /// exponent form when the decimal exponent is below -4 or at least 21 (`1e+21`, `-0.0045`).
  static func formatDouble(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    if d == 0 { return d.sign == .minus ? "-0" : "0" }
    let (digits, dp) = shortestDigits(d.magnitude)
    let sign = d < 0 ? "-" : ""
    let exp = dp - 1
    let nd = digits.count
    if exp < -4 || exp >= 21 {
      var m = String(digits.first!)
      if nd > 1 { m += "." + String(digits.dropFirst()) }
      let e = abs(exp)
      return sign + m + (exp < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + String(e)
    }
    if dp <= 0 { return sign + "0." + String(repeating: "0", count: -dp) + String(digits) }
    if dp >= nd { return sign + String(digits) + String(repeating: "0", count: dp - nd) }
    let cut = digits.index(digits.startIndex, offsetBy: dp)
    return sign + String(digits[..<cut]) + "." + String(digits[cut...])
  }

  /// The shortest round-trip decimal digits of a positive finite double and the position of
  /// the decimal point: the value is 0.DIGITS × 10^dp.
  static func shortestDigits(_ d: Double) -> (digits: [Character], dp: Int) {
    let text = "\(d)"
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
    }
    var intPart = mantissa
    var fracPart: Substring = ""
    if let dot = mantissa.firstIndex(of: ".") {
      intPart = mantissa[..<dot]
      fracPart = mantissa[mantissa.index(after: dot)...]
    }
    var digits = Array(intPart) + Array(fracPart)
    var dp = intPart.count + exponent
    while let f = digits.first, f == "0", digits.count > 1 {
      digits.removeFirst()
      dp -= 1
    }
    while let l = digits.last, l == "0", digits.count > 1 { digits.removeLast() }
    return (digits, dp)
  }

  /// A string in CEL single-quoted literal syntax.
  static func quote(_ s: String) -> String {
    var out = "'"
    for u in s.unicodeScalars {
      switch u {
      case "'": out += "\\'"
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || u.value == 0x7f {
          out += "\\x" + hex2(UInt8(u.value))
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "'"
  }

  static func quoteBytes(_ b: [UInt8]) -> String {
    var out = "b'"
    for c in b {
      switch c {
      case 0x27: out += "\\'"
      case 0x5c: out += "\\\\"
      case 0x20..<0x7f: out.unicodeScalars.append(Unicode.Scalar(c))
      default: out += "\\x" + hex2(c)
      }
    }
    return out + "'"
  }

  private static func hex2(_ c: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(c >> 4)], digits[Int(c & 15)]])
  }
}
