extension ScalarSourceScanner {
  /// Reads a plain scalar occupying exactly `index..<end`.
  mutating func scanPlain(end: Int) {
    var leadingBlanks = false
    var whitespaces: Range<Int>? = nil
    var leadingBreak: LineBreak? = nil
    var trailingBreaks: [LineBreak] = []
    while index < end {
      while index < end, !isBlank(index), !isBreak(index) {
        if leadingBlanks || whitespaces != nil {
          join(
            leadingBlanks: leadingBlanks, whitespaces: whitespaces, leadingBreak: leadingBreak,
            trailingBreaks: trailingBreaks)
          leadingBlanks = false
          whitespaces = nil
          leadingBreak = nil
          trailingBreaks = []
        }
        copyByte()
      }
      while index < end, isBlank(index) || isBreak(index) {
        if isBlank(index) {
          if !leadingBlanks {
            whitespaces = (whitespaces?.lowerBound ?? index)..<(index + 1)
          }
          index += 1
        } else if !leadingBlanks {
          whitespaces = nil
          leadingBreak = readBreak()
          leadingBlanks = true
        } else {
          trailingBreaks.append(readBreak())
        }
      }
    }
  }

  /// Reads a single- or double-quoted scalar starting at its opening quote.
  /// - Returns: False if the text is not a well-formed quoted scalar.
  mutating func scanQuoted(single: Bool) -> Bool {
    let quote = single ? UInt8(ascii: "'") : UInt8(ascii: "\"")
    guard byte(index) == quote else { return false }
    index += 1
    while true {
      var leadingBlanks = false
      while !isEnd(index), !isBlank(index), !isBreak(index) {
        let current = byte(index)
        if single && current == quote && byte(index + 1) == quote {
          builder.emit([quote], at: index, sourceEnd: index + 2)
          index += 2
        } else if current == quote {
          break
        } else if !single && current == UInt8(ascii: "\\") && isBreak(index + 1) {
          index += 1
          _ = readBreak()
          leadingBlanks = true
          break
        } else if !single && current == UInt8(ascii: "\\") {
          guard scanEscape() else { return false }
        } else {
          copyByte()
        }
      }
      if isEnd(index) { return false }
      if byte(index) == quote { break }

      var whitespaces: Range<Int>? = nil
      var leadingBreak: LineBreak? = nil
      var trailingBreaks: [LineBreak] = []
      while isBlank(index) || isBreak(index) {
        if isBlank(index) {
          if !leadingBlanks {
            whitespaces = (whitespaces?.lowerBound ?? index)..<(index + 1)
          }
          index += 1
        } else if !leadingBlanks {
          whitespaces = nil
          leadingBreak = readBreak()
          leadingBlanks = true
        } else {
          trailingBreaks.append(readBreak())
        }
      }
      join(
        leadingBlanks: leadingBlanks, whitespaces: whitespaces, leadingBreak: leadingBreak,
        trailingBreaks: trailingBreaks)
    }
    index += 1
    return true
  }

  /// Decodes the escape sequence at `index` (a backslash) in a double-quoted scalar.
  private mutating func scanEscape() -> Bool {
    let start = index
    let kind = byte(index + 1)
    if let value = Self.simpleEscapes[kind] {
      builder.emit(value, at: start, sourceEnd: start + 2)
      index += 2
      return true
    }
    let digits: Int
    switch kind {
    case UInt8(ascii: "x"): digits = 2
    case UInt8(ascii: "u"): digits = 4
    case UInt8(ascii: "U"): digits = 8
    default: return false
    }
    var code: UInt32 = 0
    for offset in 0..<digits {
      guard let digit = hexValue(byte(index + 2 + offset)) else { return false }
      code = code << 4 | digit
    }
    guard let scalar = Unicode.Scalar(code) else { return false }
    builder.emit(Array(String(Character(scalar)).utf8), at: start, sourceEnd: start + 2 + digits)
    index += 2 + digits
    return true
  }

  /// The escapes that stand for fixed bytes, by the character after the backslash.
  static let simpleEscapes: [UInt8: [UInt8]] = [
    UInt8(ascii: "0"): [0], UInt8(ascii: "a"): [7], UInt8(ascii: "b"): [8],
    UInt8(ascii: "t"): [9], 0x09: [9], UInt8(ascii: "n"): [10], UInt8(ascii: "v"): [11],
    UInt8(ascii: "f"): [12], UInt8(ascii: "r"): [13], UInt8(ascii: "e"): [0x1B],
    UInt8(ascii: " "): [0x20], UInt8(ascii: "\""): [0x22], UInt8(ascii: "/"): [0x2F],
    UInt8(ascii: "'"): [0x27], UInt8(ascii: "\\"): [0x5C], UInt8(ascii: "N"): [0xC2, 0x85],
    UInt8(ascii: "_"): [0xC2, 0xA0], UInt8(ascii: "L"): [0xE2, 0x80, 0xA8],
    UInt8(ascii: "P"): [0xE2, 0x80, 0xA9],
  ]

  private func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }
}
