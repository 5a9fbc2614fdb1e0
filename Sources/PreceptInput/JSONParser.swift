/// A problem found while parsing JSON, at a line and byte column.
struct JSONIssue: Error {
  var code: String
  var message: String
  var line: Int
  var column: Int
}

/// Why a JSON parse stopped.
enum JSONFailure: Error {
  /// The buffer ends before the value does: read more and parse again from the same start.
  case needMore
  /// A syntax error (or a nesting too deep): the value cannot be parsed.
  case issue(JSONIssue)
}

/// A byte-level JSON parser over a window of the input, building ``RawValue`` trees.
///
/// Numbers keep their exact lexeme; strings decode every escape, surrogate pairs included.
/// Problems that leave the parse in step (a duplicate key, invalid UTF-8, an unpaired surrogate)
/// are kept in ``semantic`` and parsing goes on; the caller rejects the value afterwards.
struct JSONParser {
  let p: UnsafePointer<UInt8>
  /// The number of valid bytes at `p`.
  let n: Int
  /// Whether the input ends at `n` (otherwise running out asks for more input).
  let atEOF: Bool
  /// The absolute offset of `p[0]`.
  let base: Int
  let maxDepth: Int
  /// What running out of bytes is called in messages ("input", "line").
  var endName = "input"
  /// The current buffer index.
  var i: Int
  /// The current physical line.
  var line: Int
  /// The absolute offset where the current line starts.
  var lineStart: Int
  /// The first problem that did not stop the parse.
  var semantic: JSONIssue?
  /// Reused byte storage for strings with escapes.
  var scratch: [UInt8] = []
  /// A stack of key fingerprints of the objects being parsed, for duplicate detection.
  var keyPrints: [UInt64] = []
  /// Recently seen keys, shared across parses.
  var keyCache: JSONKeyCache?
  /// Recently seen string values (enums, flags, dates repeat), shared across parses.
  var valueCache: JSONKeyCache?

  init(
    _ p: UnsafePointer<UInt8>, count n: Int, atEOF: Bool, base: Int, maxDepth: Int, at i: Int,
    line: Int, lineStart: Int
  ) {
    self.p = p
    self.n = n
    self.atEOF = atEOF
    self.base = base
    self.maxDepth = maxDepth
    self.i = i
    self.line = line
    self.lineStart = lineStart
  }

  /// The 1-based byte column of the current index.
  var column: Int { base + i - lineStart + 1 }

  /// The current position.
  var position: SourcePosition { SourcePosition(line: line, column: column) }

  func issue(_ code: String, _ message: String) -> JSONFailure {
    .issue(JSONIssue(code: code, message: message, line: line, column: column))
  }

  func syntax(_ message: String) -> JSONFailure {
    issue(InputProblem.Code.jsonSyntax, message)
  }

  /// Fails for running out of bytes: more input, or the end of the input.
  func outOfBytes() -> JSONFailure {
    atEOF ? syntax("unexpected end of \(endName)") : .needMore
  }

  mutating func note(_ code: String, _ message: String, line: Int, column: Int) {
    if semantic == nil {
      semantic = JSONIssue(code: code, message: message, line: line, column: column)
    }
  }

  /// Skips spaces, tabs, carriage returns and line feeds, counting lines.
  @inline(__always)
  mutating func skipWhitespace() {
    while i < n {
      let c = p[i]
      if c == 0x20 || c == 0x09 || c == 0x0D {
        i += 1
      } else if c == 0x0A {
        i += 1
        line += 1
        lineStart = base + i
      } else {
        return
      }
    }
  }

  /// The byte at the current index, skipping whitespace first.
  @inline(__always)
  mutating func peek() throws(JSONFailure) -> UInt8 {
    skipWhitespace()
    if i >= n { throw outOfBytes() }
    return p[i]
  }

  /// Parses one value at the current index. `depth` is the nesting of its container.
  mutating func parseValue(depth: Int) throws(JSONFailure) -> RawValue {
    let c = try peek()
    switch c {
    case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
    case UInt8(ascii: "["): return try parseList(depth: depth + 1)
    case UInt8(ascii: "\""):
      let (text, _) = try parseString(fingerprint: false)
      return .string(text)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    default:
      throw syntax("unexpected \(Self.describe(c)); expected a value")
    }
  }

  mutating func parseObject(depth: Int) throws(JSONFailure) -> RawObject {
    if depth > maxDepth {
      throw issue(InputProblem.Code.tooDeep, "nesting is deeper than \(maxDepth) levels")
    }
    i += 1
    var fields: [RawField] = []
    if try peek() == UInt8(ascii: "}") {
      i += 1
      return RawObject(fields)
    }
    let printsStart = keyPrints.count
    defer { keyPrints.removeSubrange(printsStart...) }
    while true {
      guard try peek() == UInt8(ascii: "\"") else {
        throw syntax("unexpected \(Self.describe(p[i])); expected a string key")
      }
      let keyLine = line
      let keyColumn = column
      let (key, print) = try parseString(fingerprint: true)
      guard try peek() == UInt8(ascii: ":") else {
        throw syntax("expected ':' after key '\(key)'")
      }
      i += 1
      _ = try peek()
      let position = self.position
      let value = try parseValue(depth: depth)
      var duplicate = false
      for k in printsStart..<keyPrints.count where keyPrints[k] == print {
        if fields[k - printsStart].key == key {
          duplicate = true
          break
        }
      }
      if duplicate {
        note(
          InputProblem.Code.duplicateKey, "duplicate key '\(key)'", line: keyLine,
          column: keyColumn)
      } else {
        keyPrints.append(print)
        fields.append(RawField(key: key, value: value, position: position))
      }
      let c = try peek()
      if c == UInt8(ascii: ",") {
        i += 1
      } else if c == UInt8(ascii: "}") {
        i += 1
        return RawObject(fields)
      } else {
        throw syntax("unexpected \(Self.describe(c)); expected ',' or '}'")
      }
    }
  }

  mutating func parseList(depth: Int) throws(JSONFailure) -> RawValue {
    if depth > maxDepth {
      throw issue(InputProblem.Code.tooDeep, "nesting is deeper than \(maxDepth) levels")
    }
    i += 1
    var items: [RawValue] = []
    if try peek() == UInt8(ascii: "]") {
      i += 1
      return .list(items)
    }
    while true {
      items.append(try parseValue(depth: depth))
      let c = try peek()
      if c == UInt8(ascii: ",") {
        i += 1
      } else if c == UInt8(ascii: "]") {
        i += 1
        return .list(items)
      } else {
        throw syntax("unexpected \(Self.describe(c)); expected ',' or ']'")
      }
    }
  }

  mutating func literal(_ word: StaticString) throws(JSONFailure) {
    let count = word.utf8CodeUnitCount
    let bytes = word.utf8Start
    for k in 0..<count {
      if i + k >= n {
        if !atEOF { throw .needMore }
        break
      }
      if p[i + k] != bytes[k] {
        throw syntax("invalid literal; expected '\(word)'")
      }
    }
    if i + count > n { throw syntax("invalid literal; expected '\(word)'") }
    i += count
  }

  mutating func parseNumber() throws(JSONFailure) -> String {
    let start = i
    func digits(_ parser: inout JSONParser) throws(JSONFailure) {
      let first = parser.i
      while parser.i < parser.n && parser.p[parser.i] &- 0x30 < 10 {
        parser.i += 1
      }
      if parser.i >= parser.n && !parser.atEOF { throw .needMore }
      if parser.i == first { throw parser.syntax("invalid number; expected a digit") }
    }
    if p[i] == UInt8(ascii: "-") { i += 1 }
    if i >= n { throw outOfBytes() }
    if p[i] == UInt8(ascii: "0") {
      i += 1
    } else {
      try digits(&self)
    }
    if i >= n && !atEOF { throw .needMore }
    if i < n && p[i] == UInt8(ascii: ".") {
      i += 1
      try digits(&self)
    }
    if i < n && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
      i += 1
      if i >= n { throw outOfBytes() }
      if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
      try digits(&self)
    }
    return String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
  }

  /// A cheap fingerprint of a key's bytes, to find duplicate keys quickly.
  @inline(__always)
  static func fingerprint(_ start: UnsafePointer<UInt8>, count: Int) -> UInt64 {
    var print = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
    if count >= 8 {
      let raw = UnsafeRawPointer(start)
      let head = raw.loadUnaligned(as: UInt64.self)
      let tail = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
      print ^= head &* 0xFF51_AFD7_ED55_8CCD
      print ^= (tail << 29 | tail >> 35) &* 0xC4CE_B9FE_1A85_EC53
      return print
    }
    for k in 0..<count {
      print = (print << 8 | print >> 56) ^ UInt64(start[k])
    }
    return print
  }

  /// Parses a string at the current `"`; returns it with its fingerprint (0 unless asked).
  mutating func parseString(fingerprint: Bool = false) throws(JSONFailure) -> (String, UInt64) {
    let openLine = line
    let openColumn = column
    i += 1
    let start = i
    i = Self.skipStringContent(p, from: i, count: n)
    while i < n {
      let c = p[i]
      if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
      i += 1
    }
    if i >= n { throw outOfBytes() }
    if p[i] == UInt8(ascii: "\"") {
      let count = i - start
      i += 1
      let print = Self.fingerprint(p + start, count: count)
      let cache = fingerprint ? keyCache : valueCache
      if let cached = cache?.lookup(p + start, count: count, print: print) {
        return (cached, print)
      }
      guard let text = UTF8Text.string(p + start, count: count) else {
        note(
          InputProblem.Code.invalidUTF8, "string is not valid UTF-8", line: openLine,
          column: openColumn)
        return ("", print)
      }
      cache?.store(text, p + start, count: count, print: print)
      return (text, print)
    }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
    while true {
      if i >= n { throw outOfBytes() }
      let c = p[i]
      if c == UInt8(ascii: "\"") {
        i += 1
        break
      }
      if c < 0x20 {
        throw syntax(
          c == 0x0A ? "unterminated string" : "control character \(Self.describe(c)) in string")
      }
      if c != UInt8(ascii: "\\") {
        scratch.append(c)
        i += 1
        continue
      }
      if i + 1 >= n { throw outOfBytes() }
      let e = p[i + 1]
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
      case UInt8(ascii: "b"): scratch.append(0x08)
      case UInt8(ascii: "f"): scratch.append(0x0C)
      case UInt8(ascii: "n"): scratch.append(0x0A)
      case UInt8(ascii: "r"): scratch.append(0x0D)
      case UInt8(ascii: "t"): scratch.append(0x09)
      case UInt8(ascii: "u"):
        try unicodeEscape()
        continue
      default:
        throw syntax("invalid escape '\\\(Self.printable(e))' in string")
      }
      i += 2
    }
    let print =
      fingerprint
      ? scratch.withUnsafeBufferPointer { Self.fingerprint($0.baseAddress!, count: $0.count) } : 0
    let text = scratch.withUnsafeBufferPointer { UTF8Text.string($0.baseAddress!, count: $0.count) }
    guard let text else {
      note(
        InputProblem.Code.invalidUTF8, "string is not valid UTF-8", line: openLine,
        column: openColumn)
      return ("", print)
    }
    return (text, print)
  }

  /// The index of the first byte from `start` that may be `"`, `\\` or a control character,
  /// eight bytes at a time (SWAR); stops early near the end, where a byte loop takes over.
  @inline(__always)
  static func skipStringContent(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quotes = ones &* 0x22
    let backslashes = ones &* 0x5C
    let raw = UnsafeRawPointer(p)
    var i = start
    while i &+ 8 <= n {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
      let q = w ^ quotes
      let b = w ^ backslashes
      let found =
        (((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- ones &* 0x20) & ~w)) & highs
      if found != 0 {
        return i &+ found.trailingZeroBitCount >> 3
      }
      i &+= 8
    }
    return i
  }

  /// Four hex digits at `p[at]`, or `nil`.
  private func hex4(at index: Int) throws(JSONFailure) -> UInt32? {
    if index + 4 > n { throw outOfBytes() }
    var value: UInt32 = 0
    for k in 0..<4 {
      let c = p[index + k]
      let digit: UInt8
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// Decodes `\uXXXX` (and a following low surrogate) at the current index into `scratch`.
  private mutating func unicodeEscape() throws(JSONFailure) {
    guard let unit = try hex4(at: i + 2) else {
      throw syntax("invalid unicode escape; expected four hex digits after '\\u'")
    }
    let escapeLine = line
    let escapeColumn = column
    i += 6
    var scalarValue = unit
    if unit >= 0xD800 && unit <= 0xDBFF {
      if i + 1 >= n && !atEOF { throw .needMore }
      if i + 1 < n && p[i] == UInt8(ascii: "\\") && p[i + 1] == UInt8(ascii: "u"),
        let low = try hex4(at: i + 2), low >= 0xDC00 && low <= 0xDFFF
      {
        scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        i += 6
      } else {
        scalarValue = 0
      }
    } else if unit >= 0xDC00 && unit <= 0xDFFF {
      scalarValue = 0
    }
    guard scalarValue != 0 || unit == 0, let scalar = Unicode.Scalar(scalarValue) else {
      note(
        InputProblem.Code.jsonSyntax, "unpaired surrogate in unicode escape", line: escapeLine,
        column: escapeColumn)
      return
    }
    scratch.append(contentsOf: Character(scalar).utf8)
  }

  /// How a byte is named in messages: `'x'`, or `byte 0x0A`.
  static func describe(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F { return "'\(Self.printable(byte))'" }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }

  static func printable(_ byte: UInt8) -> String {
    String(UnicodeScalar(byte))
  }
}
