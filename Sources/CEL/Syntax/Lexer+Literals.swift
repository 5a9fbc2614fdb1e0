extension Lexer {
  /// Integer (decimal or `0x` hex, optional `u`/`U`) and double literals.
  mutating func lexNumber() -> Token {
    let start = position
    if peek() == UInt8(ascii: "0"), peek(1) == UInt8(ascii: "x"), let h = peek(2),
      Lexer.isHexDigit(h)
    {
      position += 2
      var value: UInt64 = 0
      var overflow = false
      while let b = peek(), Lexer.isHexDigit(b) {
        let (times, o1) = value.multipliedReportingOverflow(by: 16)
        let (plus, o2) = times.addingReportingOverflow(UInt64(Lexer.hexValue(b)))
        overflow = overflow || o1 || o2
        value = plus
        position += 1
      }
      return integerToken(start: start, value: value, overflow: overflow)
    }
    var value: UInt64 = 0
    var overflow = false
    while let b = peek(), Lexer.isDigit(b) {
      let (times, o1) = value.multipliedReportingOverflow(by: 10)
      let (plus, o2) = times.addingReportingOverflow(UInt64(b - 0x30))
      overflow = overflow || o1 || o2
      value = plus
      position += 1
    }
    var isDouble = false
    if peek() == UInt8(ascii: "."), let d = peek(1), Lexer.isDigit(d) {
      isDouble = true
      position += 1
      while let b = peek(), Lexer.isDigit(b) { position += 1 }
    }
    if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      var offset = 1
      if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { offset = 2 }
      if let d = peek(offset), Lexer.isDigit(d) {
        isDouble = true
        position += offset
        while let b = peek(), Lexer.isDigit(b) { position += 1 }
      }
    }
    if isDouble {
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      guard let double = Double(text), double.isFinite else {
        report("double literal out of range", start, position)
        return Token(kind: .invalid, start: start, end: position)
      }
      return Token(kind: .double(double), start: start, end: position)
    }
    return integerToken(start: start, value: value, overflow: overflow)
  }

  private mutating func integerToken(start: Int, value: UInt64, overflow: Bool) -> Token {
    if let u = peek(), u == UInt8(ascii: "u") || u == UInt8(ascii: "U") {
      position += 1
      if overflow {
        report("uint literal out of range", start, position)
        return Token(kind: .invalid, start: start, end: position)
      }
      return Token(kind: .uint(value, overflow: false), start: start, end: position)
    }
    return Token(kind: .int(magnitude: value, overflow: overflow), start: start, end: position)
  }

  /// A string or bytes literal whose opening quote is at `position`; `start` includes prefixes.
  mutating func lexString(start: Int, raw: Bool, isBytes: Bool) -> Token {
    let quote = bytes[position]
    let triple = peek(1) == quote && peek(2) == quote
    let openLength = triple ? 3 : 1
    position += openLength
    let openEnd = position
    var out: [UInt8] = []
    var failed = false
    while true {
      guard let b = peek() else {
        let closing = String(repeating: Character(UnicodeScalar(quote)), count: openLength)
        report(
          "unterminated \(isBytes ? "bytes" : "string") literal", start, openEnd,
          help: "end the literal with \(closing)")
        return Token(kind: .invalid, start: start, end: position)
      }
      if b == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
        position += openLength
        break
      }
      if !triple && (b == 0x0A || b == 0x0D) {
        report(
          "unterminated \(isBytes ? "bytes" : "string") literal", start, openEnd,
          help: "a newline cannot appear in a single-quoted string; use a triple-quoted string")
        return Token(kind: .invalid, start: start, end: position)
      }
      if b == UInt8(ascii: "\\") && !raw {
        if !lexEscape(into: &out, isBytes: isBytes) { failed = true }
        continue
      }
      out.append(b)
      position += 1
    }
    if failed { return Token(kind: .invalid, start: start, end: position) }
    if isBytes { return Token(kind: .bytes(out), start: start, end: position) }
    return Token(kind: .string(String(decoding: out, as: UTF8.self)), start: start, end: position)
  }

  /// Decodes one escape sequence at `position` (a backslash); returns `false` if reported invalid.
  private mutating func lexEscape(into out: inout [UInt8], isBytes: Bool) -> Bool {
    let start = position
    guard let c = peek(1) else {
      position += 1
      report("invalid escape sequence '\\'", start, start + 1)
      return false
    }
    position += 2
    func simple(_ byte: UInt8) -> Bool {
      out.append(byte)
      return true
    }
    switch c {
    case UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: "'"),
      UInt8(ascii: "`"):
      return simple(c)
    case UInt8(ascii: "a"): return simple(0x07)
    case UInt8(ascii: "b"): return simple(0x08)
    case UInt8(ascii: "f"): return simple(0x0C)
    case UInt8(ascii: "n"): return simple(0x0A)
    case UInt8(ascii: "r"): return simple(0x0D)
    case UInt8(ascii: "t"): return simple(0x09)
    case UInt8(ascii: "v"): return simple(0x0B)
    case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "u"), UInt8(ascii: "U"):
      let count = c == UInt8(ascii: "u") ? 4 : c == UInt8(ascii: "U") ? 8 : 2
      var value: UInt32 = 0
      for i in 0..<count {
        guard let h = peek(), Lexer.isHexDigit(h) else {
          report(
            "invalid escape sequence: '\\\(Character(UnicodeScalar(c)))' needs \(count) "
              + "hexadecimal digits", start, position)
          _ = i
          return false
        }
        value = value &* 16 &+ Lexer.hexValue(h)
        position += 1
      }
      if count == 2 {
        return appendCodeUnit(value, into: &out, isBytes: isBytes)
      }
      if isBytes {
        report("unicode escape is not allowed in a bytes literal", start, position)
        return false
      }
      guard let scalar = Unicode.Scalar(value) else {
        report("invalid unicode code point in escape sequence", start, position)
        return false
      }
      out.append(contentsOf: Array(String(Character(scalar)).utf8))
      return true
    case UInt8(ascii: "0")...UInt8(ascii: "3"):
      var value = UInt32(c - 0x30)
      for _ in 0..<2 {
        guard let o = peek(), o >= UInt8(ascii: "0"), o <= UInt8(ascii: "7") else {
          report("invalid octal escape sequence: needs three octal digits", start, position)
          return false
        }
        value = value * 8 + UInt32(o - 0x30)
        position += 1
      }
      return appendCodeUnit(value, into: &out, isBytes: isBytes)
    default:
      if c >= 0x80 {
        position -= 1
        while let b = peek(), b & 0xC0 == 0x80 { position += 1 }
        report("invalid escape sequence", start, position)
        return false
      }
      report("invalid escape sequence '\\\(Character(UnicodeScalar(c)))'", start, position)
      return false
    }
  }

  /// `\xHH` and octal escapes: an octet in bytes, a code point (below 256) in strings.
  private func appendCodeUnit(_ value: UInt32, into out: inout [UInt8], isBytes: Bool) -> Bool {
    if isBytes {
      out.append(UInt8(value))
    } else {
      out.append(contentsOf: Array(String(Character(Unicode.Scalar(UInt8(value)))).utf8))
    }
    return true
  }
}
