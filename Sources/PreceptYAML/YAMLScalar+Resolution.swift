extension YAMLScalar {
  /// The tag of strings in the YAML core schema.
  static let stringTag = "tag:yaml.org,2002:str"

  /// Resolves a scalar by Precept's strict rules (see ``YAMLScalar/Resolved``).
  static func resolve(_ value: String, style: Style, tag: String?) -> Resolved {
    if tag == stringTag || tag == "!" || style != .plain {
      return .string(value)
    }
    switch value {
    case "", "null", "~": return .null
    case "true": return .bool(true)
    case "false": return .bool(false)
    default: break
    }
    let bytes = Array(value.utf8)
    if let number = resolveNumber(bytes, value) {
      return number
    }
    return .string(value)
  }

  /// A decimal integer `[-+]?[0-9]+` or float
  /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`,
  /// without leading zeros in the integer part (so that `007` stays a string).
  private static func resolveNumber(_ bytes: [UInt8], _ text: String) -> Resolved? {
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    var index = 0
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      index += 1
    }
    let integerStart = index
    while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    let integerDigits = index - integerStart
    if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
      return nil
    }
    if index == bytes.count {
      guard integerDigits > 0 else { return nil }
      // Out-of-range integers stay strings rather than silently becoming doubles.
      return Int64(text).map(Resolved.int)
    }
    var fractionDigits = 0
    if bytes[index] == UInt8(ascii: ".") {
      index += 1
      let fractionStart = index
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
      fractionDigits = index - fractionStart
    }
    guard integerDigits + fractionDigits > 0 else { return nil }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count,
        bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
      {
        index += 1
      }
      let exponentStart = index
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
      guard index > exponentStart else { return nil }
    }
    guard index == bytes.count else { return nil }
    var normalized = text
    if normalized.hasPrefix("+") { normalized.removeFirst() }
    if normalized.hasPrefix(".") { normalized = "0" + normalized }
    if normalized.hasPrefix("-.") { normalized = "-0" + normalized.dropFirst() }
    return Double(normalized).map(Resolved.double)
  }
}
