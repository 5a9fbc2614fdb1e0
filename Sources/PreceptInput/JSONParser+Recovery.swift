/// Where skipping a broken array element stopped.
enum JSONSkipOutcome {
  /// After a `,` at the array's level: the next element follows.
  case comma
  /// After the `]` (or a stray `}`) closing the array.
  case close
  /// The input ended first.
  case end
}

/// Where a tolerant skip is, between buffer refills.
struct JSONSkipState {
  var depth = 0
  var inString = false
  var escaped = false
}

extension JSONParser {
  /// Skips a broken element of an array, tolerantly: counts brackets and braces, steps over
  /// strings (a line break ends a broken string), and stops after the next `,` or closing bracket
  /// at the array's own level. Lines are counted as it goes.
  ///
  /// - Returns: where it stopped, or `nil` when the buffer ran out first (resume with `state`).
  mutating func skipElement(_ state: inout JSONSkipState) -> JSONSkipOutcome? {
    while i < n {
      let c = p[i]
      i += 1
      if c == 0x0A {
        line += 1
        lineStart = base + i
        state.inString = false
        state.escaped = false
        continue
      }
      if state.inString {
        if state.escaped {
          state.escaped = false
        } else if c == UInt8(ascii: "\\") {
          state.escaped = true
        } else if c == UInt8(ascii: "\"") {
          state.inString = false
        }
        continue
      }
      switch c {
      case UInt8(ascii: "\""):
        state.inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        state.depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        if state.depth == 0 { return .close }
        state.depth -= 1
      case UInt8(ascii: ","):
        if state.depth == 0 { return .comma }
      default:
        break
      }
    }
    return atEOF ? .end : nil
  }
}
