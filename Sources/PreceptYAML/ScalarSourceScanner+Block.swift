extension ScalarSourceScanner {
  /// The header of a block scalar: `|` or `>`, then chomping and indentation indicators.
  struct BlockHeader {
    var literal: Bool
    /// -1 strip (`-`), 0 clip, +1 keep (`+`).
    var chomping: Int
    /// The explicit indentation indicator, or 0.
    var increment: Int
    /// Where the indicators end (for the node's range when the scalar is empty).
    var indicatorsEnd: Int
    /// Where the content starts: after the header's line break.
    var bodyStart: Int
  }

  /// Reads a block scalar header at `index`.
  mutating func scanBlockHeader() -> BlockHeader? {
    let indicator = byte(index)
    guard indicator == UInt8(ascii: "|") || indicator == UInt8(ascii: ">") else { return nil }
    index += 1
    var chomping = 0
    var increment = 0
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "9") }
    for _ in 0..<2 {
      let current = byte(index)
      if chomping == 0, current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
        chomping = current == UInt8(ascii: "+") ? 1 : -1
        index += 1
      } else if increment == 0, isDigit(current) {
        increment = Int(current - UInt8(ascii: "0"))
        index += 1
      }
    }
    let indicatorsEnd = index
    while isBlank(index) { index += 1 }
    if byte(index) == UInt8(ascii: "#") {
      while !isEnd(index), !isBreak(index) { index += 1 }
    }
    if isBreak(index) {
      _ = readBreak()
    } else if !isEnd(index) {
      return nil
    }
    return BlockHeader(
      literal: indicator == UInt8(ascii: "|"), chomping: chomping, increment: increment,
      indicatorsEnd: indicatorsEnd, bodyStart: index)
  }

  /// Reads a block scalar's content as libyaml does, with either a fixed indentation or an
  /// automatically detected one that is at least `minimumIndent`.
  ///
  /// libyaml's indentation depends on the enclosing block's indentation, which the event API
  /// does not report; the loader tries candidates until the value matches libyaml's.
  /// - Returns: The offset just past the last content line (before its line break).
  mutating func scanBlockBody(header: BlockHeader, fixedIndent: Int?, minimumIndent: Int) -> Int {
    index = header.bodyStart
    var lineStart = index
    var indent = fixedIndent ?? 0
    var contentEnd = header.indicatorsEnd

    var trailingBreaks: [LineBreak] = []
    var maxIndent = 0
    func column(_ scanner: ScalarSourceScanner) -> Int { scanner.index - lineStart }

    // libyaml's yaml_parser_scan_block_scalar_breaks.
    func scanBreaks(_ scanner: inout ScalarSourceScanner, _ breaks: inout [LineBreak]) {
      while true {
        while indent == 0 || scanner.index - lineStart < indent,
          scanner.byte(scanner.index) == 0x20
        {
          scanner.index += 1
        }
        maxIndent = max(maxIndent, scanner.index - lineStart)
        guard scanner.isBreak(scanner.index) else { break }
        breaks.append(scanner.readBreak())
        lineStart = scanner.index
      }
    }

    scanBreaks(&self, &trailingBreaks)
    if indent == 0 {
      indent = max(maxIndent, minimumIndent, 1)
    }

    var leadingBreak: LineBreak? = nil
    var leadingBlank = false
    while column(self) == indent, !isEnd(index) {
      let trailingBlank = isBlank(index)
      if !header.literal, let lineBreak = leadingBreak, lineBreak.value == [0x0A], !leadingBlank,
        !trailingBlank
      {
        if trailingBreaks.isEmpty {
          builder.emit([0x20], at: lineBreak.source, sourceEnd: lineBreak.end)
        }
      } else {
        emit(leadingBreak)
      }
      leadingBreak = nil
      emit(trailingBreaks)
      trailingBreaks = []
      leadingBlank = isBlank(index)
      while !isEnd(index), !isBreak(index) {
        copyByte()
      }
      contentEnd = index
      if isBreak(index) {
        leadingBreak = readBreak()
        lineStart = index
      }
      scanBreaks(&self, &trailingBreaks)
    }
    if header.chomping != -1 {
      emit(leadingBreak)
    }
    if header.chomping == 1 {
      emit(trailingBreaks)
    }
    return contentEnd
  }
}
