/// Where skipping a broken array element stopped.
enum JSONSkipOutcome {
  /// After a `,` at the array's level: the next element follows.
  case comma
  /// After the `]` (or a stray `}`) closing the array.
  case close
  /// The input ended first.
  case end
}

extension JSONParser {
  /// Skips a broken element of an array, tolerantly: counts brackets and braces, steps over
  /// strings (a line break ends a broken string), and stops after the next `,` or closing bracket
  /// at the array's own level. Lines are counted as it goes.
  mutating func skipElement() throws(JSONFailure) -> JSONSkipOutcome {
    var depth = 0
    var inString = false
    while i < n {
      let c = p[i]
      i += 1
      if c == 0x0A {
        line += 1
        lineStart = base + i
        inString = false
        continue
      }
      if inString {
        if c == UInt8(ascii: "\\") {
          if i < n && p[i] != 0x0A { i += 1 }
        } else if c == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch c {
      case UInt8(ascii: "\""):
        inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        if depth == 0 { return .close }
        depth -= 1
      case UInt8(ascii: ","):
        if depth == 0 { return .comma }
      default:
        break
      }
    }
    if !atEOF { throw .needMore }
    return .end
  }
}
