extension YAMLNode: CustomStringConvertible {
  /// A compact flow-style rendering of the resolved content, for tests and debugging:
  /// `{id: "RI-1", tags: ["a"], n: 1, ok: true, none: null}`. Strings are always quoted.
  public var description: String {
    var output = ""
    write(to: &output)
    return output
  }

  private func write(to output: inout String) {
    if let tag, tag != YAMLScalar.stringTag {
      output += "!<\(tag)> "
    }
    switch kind {
    case .scalar(let scalar):
      switch scalar.resolved {
      case .null: output += "null"
      case .bool(let value): output += String(value)
      case .int(let value): output += String(value)
      case .double(let value): output += String(value)
      case .string(let value): output += "\"" + escaped(value) + "\""
      }
    case .sequence(let items):
      output += "["
      for (index, item) in items.enumerated() {
        if index > 0 { output += ", " }
        item.write(to: &output)
      }
      output += "]"
    case .mapping(let pairs):
      output += "{"
      for (index, pair) in pairs.enumerated() {
        if index > 0 { output += ", " }
        if let key = pair.key.scalar, case .string(let text) = key.resolved,
          !text.isEmpty, text.unicodeScalars.allSatisfy(Self.isBareKeyScalar)
        {
          output += text
        } else {
          pair.key.write(to: &output)
        }
        output += ": "
        pair.value.write(to: &output)
      }
      output += "}"
    }
  }

  private static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
      || scalar == "-"
  }

  private func escaped(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\t": output += "\\t"
      case "\r": output += "\\r"
      default:
        if scalar.value < 0x20 {
          output += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output
  }
}
