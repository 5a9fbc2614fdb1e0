/// Escaping for XML 1.0 text and attribute values.
enum XML {
  /// Whether XML 1.0 allows the scalar in a document at all (`Char` in the grammar). Other
  /// control characters cannot be written even as character references.
  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: return true
    case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
  }

  /// Text content: `&`, `<`, `>` escaped, carriage returns as references (so that parsers do
  /// not normalise them away), characters XML cannot carry replaced by U+FFFD.
  static func text(_ string: String) -> String {
    escape(string, inAttribute: false)
  }

  /// An attribute value for double quotes: as ``text(_:)``, plus `"`, `'`, and tabs and line
  /// breaks as references (attribute normalisation would turn them into spaces).
  static func attribute(_ string: String) -> String {
    escape(string, inAttribute: true)
  }

  private static func escape(_ string: String, inAttribute: Bool) -> String {
    var out = ""
    out.reserveCapacity(string.utf8.count)
    for scalar in string.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\r": out += "&#13;"
      case "\"" where inAttribute: out += "&quot;"
      case "'" where inAttribute: out += "&apos;"
      case "\n" where inAttribute: out += "&#10;"
      case "\t" where inAttribute: out += "&#9;"
      default:
        if isAllowed(scalar) {
          out.unicodeScalars.append(scalar)
        } else {
          out.unicodeScalars.append("\u{FFFD}")
        }
      }
    }
    return out
  }
}
