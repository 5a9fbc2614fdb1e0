/// Re-reads a scalar's source text the way libyaml's scanner does, recording where each byte of
/// the processed value comes from.
///
/// The loader compares the value reconstructed here with libyaml's; only when they are equal is
/// the offset map used as exact. Every loop consumes at least one byte or stops, and all reads
/// past the end of the file see a NUL, as in libyaml.
struct ScalarSourceScanner {
  let bytes: [UInt8]
  var index: Int
  var builder: ScalarOffsetMapBuilder

  init(bytes: [UInt8], start: Int) {
    self.bytes = bytes
    self.index = start
    self.builder = ScalarOffsetMapBuilder(start: start)
  }

  // MARK: - Character classes

  func byte(_ offset: Int) -> UInt8 {
    offset >= 0 && offset < bytes.count ? bytes[offset] : 0
  }

  func isBlank(_ offset: Int) -> Bool {
    let byte = byte(offset)
    return byte == 0x20 || byte == 0x09
  }

  /// The length of the line break at `offset`, or 0.
  func breakLength(_ offset: Int) -> Int {
    switch byte(offset) {
    case 0x0D: return byte(offset + 1) == 0x0A ? 2 : 1
    case 0x0A: return 1
    case 0xC2: return byte(offset + 1) == 0x85 ? 2 : 0
    case 0xE2:
      return byte(offset + 1) == 0x80 && (byte(offset + 2) == 0xA8 || byte(offset + 2) == 0xA9)
        ? 3 : 0
    default: return 0
    }
  }

  func isBreak(_ offset: Int) -> Bool { breakLength(offset) > 0 }

  func isEnd(_ offset: Int) -> Bool { offset >= bytes.count || bytes[offset] == 0 }

  /// A line break as libyaml reads it: CR, LF, CRLF and NEL become `\n`; LS and PS stay.
  struct LineBreak {
    var value: [UInt8]
    var source: Int
    var end: Int
  }

  /// Reads the line break at `index` (which must be one).
  mutating func readBreak() -> LineBreak {
    let length = breakLength(index)
    let start = index
    index += max(length, 1)
    let value = length == 3 ? Array(bytes[start..<start + 3]) : [0x0A]
    return LineBreak(value: value, source: start, end: index)
  }

  mutating func emit(_ lineBreak: LineBreak?) {
    guard let lineBreak else { return }
    builder.emit(lineBreak.value, at: lineBreak.source, sourceEnd: lineBreak.end)
  }

  mutating func emit(_ lineBreaks: [LineBreak]) {
    for lineBreak in lineBreaks { emit(lineBreak) }
  }

  /// Copies one byte of content verbatim.
  mutating func copyByte() {
    builder.copy(bytes[index..<index + 1], from: index)
    index += 1
  }

  /// The join of libyaml's flow and plain scanners after a run of blanks and breaks.
  mutating func join(
    leadingBlanks: Bool, whitespaces: Range<Int>?, leadingBreak: LineBreak?,
    trailingBreaks: [LineBreak]
  ) {
    if leadingBlanks {
      if let leadingBreak, leadingBreak.value == [0x0A] {
        if trailingBreaks.isEmpty {
          builder.emit([0x20], at: leadingBreak.source, sourceEnd: leadingBreak.end)
        } else {
          emit(trailingBreaks)
        }
      } else {
        emit(leadingBreak)
        emit(trailingBreaks)
      }
    } else if let whitespaces {
      builder.copy(bytes[whitespaces], from: whitespaces.lowerBound)
    }
  }

  // MARK: - Properties

  /// Skips an anchor, a tag, blanks, breaks and comments in front of a node's content.
  static func skipProperties(_ bytes: [UInt8], from start: Int, limit: Int) -> Int {
    var scanner = ScalarSourceScanner(bytes: bytes, start: start)
    let limit = min(limit, bytes.count)
    while scanner.index < limit {
      let byte = scanner.byte(scanner.index)
      if byte == UInt8(ascii: "&") {
        // An anchor name is letters, digits, '_' and '-' (libyaml's IS_ALPHA).
        scanner.index += 1
        while scanner.index < limit, Self.isAnchorByte(scanner.byte(scanner.index)) {
          scanner.index += 1
        }
      } else if byte == UInt8(ascii: "!") {
        let verbatim =
          byte == UInt8(ascii: "!") && scanner.byte(scanner.index + 1) == UInt8(ascii: "<")
        while scanner.index < limit, !scanner.isBlank(scanner.index),
          !scanner.isBreak(scanner.index)
        {
          let current = scanner.byte(scanner.index)
          scanner.index += 1
          if verbatim && current == UInt8(ascii: ">") { break }
        }
      } else if scanner.isBlank(scanner.index) {
        scanner.index += 1
      } else if scanner.isBreak(scanner.index) {
        scanner.index += scanner.breakLength(scanner.index)
      } else if byte == UInt8(ascii: "#") {
        while scanner.index < limit, !scanner.isBreak(scanner.index) { scanner.index += 1 }
      } else {
        break
      }
    }
    return min(scanner.index, limit)
  }

  static func isAnchorByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
      || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
  }
}
