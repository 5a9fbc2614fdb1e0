import Foundation

/// `string.format(list)`: `%s %d %f %e %x %X %o %b` and `%%`, with an optional precision
/// (`%.3f`), as in the strings extension.
enum StringFormat {
  static func error(_ message: String) -> Value { .error(.invalidArgument, message) }

  static func format(_ template: String, _ args: [Value]) -> Value {
    var out = ""
    let chars = Array(template.unicodeScalars)
    var i = 0
    var argIndex = 0
    while i < chars.count {
      let c = chars[i]
      guard c == "%" else {
        out.unicodeScalars.append(c)
        i += 1
        continue
      }
      i += 1
      guard i < chars.count else { return error("could not parse formatting clause: missing verb") }
      if chars[i] == "%" {
        out += "%"
        i += 1
        continue
      }
      var precision: Int?
      if chars[i] == "." {
        i += 1
        var p = 0
        while i < chars.count, let d = Int(String(chars[i])), chars[i].isASCII {
          p = min(p * 10 + d, 100_000)
          i += 1
        }
        guard p <= 1000 else {
          return error("could not parse formatting clause: precision too large")
        }
        precision = p
      }
      guard i < chars.count else { return error("could not parse formatting clause: missing verb") }
      let verb = chars[i]
      i += 1
      guard "sdfexXob".unicodeScalars.contains(verb) else {
        return error(
          "could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
      }
      guard argIndex < args.count else {
        return error("index \(argIndex) out of range")
      }
      let arg = args[argIndex]
      argIndex += 1
      let piece: Value
      switch verb {
      case "s": piece = asString(arg)
      case "d": piece = decimal(arg)
      case "f": piece = fixed(arg, precision ?? 6)
      case "e": piece = scientific(arg, precision ?? 6)
      case "x": piece = hex(arg, upper: false)
      case "X": piece = hex(arg, upper: true)
      case "o": piece = radix(arg, 8, "octal")
      default: piece = radix(arg, 2, "binary")
      }
      guard case .string(let s) = piece else { return piece }
      out += s
    }
    return .string(out)
  }

  static func typeName(_ v: Value) -> String { v.celType.runtimeName }

  /// A clause applied to a value it cannot format.
  static func mismatch(_ rule: String, _ v: Value) -> Value {
    error("error during formatting: \(rule), was given \(typeName(v))")
  }

  /// The `%s` rendering of a value: strings and bytes raw, containers with `%s` elements.
  static func asString(_ v: Value) -> Value {
    switch v {
    case .string: return v
    case .bytes(let b): return .string(decodeReplacing(b))
    case .double(let d): return .string(Value.formatDouble(d))
    case .list(let l):
      var parts: [String] = []
      for e in l {
        guard case .string(let s) = asString(e) else { return asString(e) }
        parts.append(s)
      }
      return .string("[" + parts.joined(separator: ", ") + "]")
    case .map(let m):
      var parts: [(String, String)] = []
      for (k, val) in m.entries {
        guard case .string(let ks) = asString(k.value), case .string(let vs) = asString(val)
        else { return error("error during formatting: unsupported map value") }
        parts.append((ks, vs))
      }
      parts.sort { $0.0 < $1.0 }
      return .string("{" + parts.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}")
    case .type(let t): return .string(t.runtimeName)
    case .optional(let o):
      guard let o else { return .string("optional.none()") }
      guard case .string(let s) = asString(o) else { return asString(o) }
      return .string("optional.of(\(s))")
    case .error: return v
    default:
      return Conversions.toString(v).isError ? .string(v.description) : Conversions.toString(v)
    }
  }

  /// UTF-8 decoding in which each run of invalid sequences becomes one U+FFFD.
  static func decodeReplacing(_ bytes: [UInt8]) -> String {
    var out = String.UnicodeScalarView()
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var lastWasError = false
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        out.append(scalar)
        lastWasError = false
      case .error:
        if !lastWasError { out.append("\u{FFFD}") }
        lastWasError = true
      case .emptyInput:
        break loop
      }
    }
    return String(out)
  }

  static func nonFinite(_ d: Double) -> String? {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    return nil
  }

  static func decimal(_ v: Value) -> Value {
    switch v {
    case .int(let i): return .string(String(i))
    case .uint(let u): return .string(String(u))
    case .double(let d):
      if let s = nonFinite(d) { return .string(s) }
      fallthrough
    default:
      return mismatch("decimal clause can only be used on integers", v)
    }
  }

  static func double(_ v: Value) -> Double? {
    switch v {
    case .double(let d): return d
    case .int(let i): return Double(i)
    case .uint(let u): return Double(u)
    default: return nil
    }
  }

  static func fixed(_ v: Value, _ precision: Int) -> Value {
    guard let d = double(v) else {
      return mismatch("fixed-point clause can only be used on doubles", v)
    }
    if let s = nonFinite(d) { return .string(s) }
    return .string(String(format: "%.\(precision)f", d))
  }

  static func scientific(_ v: Value, _ precision: Int) -> Value {
    guard let d = double(v) else {
      return mismatch("scientific clause can only be used on doubles", v)
    }
    if let s = nonFinite(d) { return .string(s) }
    return .string(String(format: "%.\(precision)e", d))
  }

  static func hex(_ v: Value, upper: Bool) -> Value {
    let s: String
    switch v {
    case .int(let i): s = (i < 0 ? "-" : "") + String(i.magnitude, radix: 16)
    case .uint(let u): s = String(u, radix: 16)
    case .string(let str): s = Array(str.utf8).map { byteHex($0) }.joined()
    case .bytes(let b): s = b.map { byteHex($0) }.joined()
    default:
      return mismatch("only integers, byte buffers, and strings can be formatted as hex", v)
    }
    return .string(upper ? s.uppercased() : s)
  }

  static func byteHex(_ b: UInt8) -> String {
    let s = String(b, radix: 16)
    return s.count == 1 ? "0" + s : s
  }

  static func radix(_ v: Value, _ r: Int, _ name: String) -> Value {
    switch v {
    case .int(let i): return .string((i < 0 ? "-" : "") + String(i.magnitude, radix: r))
    case .uint(let u): return .string(String(u, radix: r))
    case .bool(let b) where r == 2: return .string(b ? "1" : "0")
    default:
      return mismatch("\(name) clause can only be used on integers", v)
    }
  }
}
