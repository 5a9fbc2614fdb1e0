/// The contents of one input file, with a table of line starts for turning byte offsets into
/// lines and columns.
///
/// Every position in Precept is a UTF-8 byte offset into a `SourceFile`; lines and columns are
/// derived only when a diagnostic is shown. A source file is immutable and shared by reference:
/// ranges, nodes and diagnostics all point at the same instance.
public final class SourceFile: Sendable {
  /// The path as the user gave it (shown in diagnostics), or a name such as `<stdin>`.
  public let path: String
  /// The bytes of the file exactly as read; they may not be valid UTF-8.
  public let bytes: [UInt8]
  /// The text of the file. Invalid UTF-8 sequences are replaced by U+FFFD, so offsets into
  /// `text` match offsets into `bytes` only when `isValidUTF8` is true.
  public let text: String
  /// Whether `bytes` is well-formed UTF-8.
  public let isValidUTF8: Bool
  /// The byte offset at which each line starts; the first entry is 0.
  ///
  /// Lines end at `\n`, `\r\n` or a lone `\r`.
  public let lineStarts: [Int]

  /// Creates a source file from text.
  /// - Parameters:
  ///   - path: The path to show in diagnostics.
  ///   - text: The contents.
  public convenience init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// Creates a source file from raw bytes, which need not be valid UTF-8.
  /// - Parameters:
  ///   - path: The path to show in diagnostics.
  ///   - bytes: The contents as read from disk.
  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
    let decoded = String(validating: bytes, as: UTF8.self)
    self.isValidUTF8 = decoded != nil
    self.text = decoded ?? String(decoding: bytes, as: UTF8.self)
    self.lineStarts = SourceFile.computeLineStarts(bytes)
  }

  /// The offset of the first byte that is not valid UTF-8, or `nil` when the file is valid.
  public var firstInvalidUTF8Offset: Int? {
    guard !isValidUTF8 else { return nil }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded): offset += encoded.count
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  private static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
    var starts = [0]
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\n") {
        starts.append(index)
      } else if byte == UInt8(ascii: "\r") {
        if index < bytes.count, bytes[index] == UInt8(ascii: "\n") {
          index += 1
        }
        starts.append(index)
      }
    }
    return starts
  }

  /// The number of lines (a file without a final line break still has its last line counted;
  /// an empty file has one empty line).
  public var lineCount: Int { lineStarts.count }

  /// The position of a byte offset, clamped to the file.
  ///
  /// The column counts Unicode scalars from the start of the line, so that a caret printed under
  /// the line text lines up with non-ASCII characters such as `§`.
  /// - Parameter offset: A UTF-8 byte offset.
  /// - Returns: The 1-based line and column of the offset.
  public func position(at offset: Int) -> SourcePosition {
    let offset = clamp(offset)
    let lineIndex = self.lineIndex(containing: offset)
    var column = 1
    var index = lineStarts[lineIndex]
    while index < offset {
      if bytes[index] & 0b1100_0000 != 0b1000_0000 {
        column += 1
      }
      index += 1
    }
    // An offset inside a multi-byte scalar belongs to that scalar.
    if offset < bytes.count, bytes[offset] & 0b1100_0000 == 0b1000_0000, column > 1 {
      column -= 1
    }
    return SourcePosition(line: lineIndex + 1, column: column, offset: offset)
  }

  /// The 1-based column of a byte offset counted in UTF-16 code units, as SARIF expects.
  /// - Parameter offset: A UTF-8 byte offset.
  /// - Returns: The 1-based UTF-16 column of the offset within its line.
  public func utf16Column(at offset: Int) -> Int {
    let offset = clamp(offset)
    let start = lineStarts[lineIndex(containing: offset)]
    var column = 1
    var index = start
    while index < offset {
      let byte = bytes[index]
      if byte & 0b1100_0000 != 0b1000_0000 {
        // A four-byte sequence is outside the BMP: two UTF-16 units.
        column += byte >= 0xF0 ? 2 : 1
      }
      index += 1
    }
    return column
  }

  /// The text of a line without its line break.
  /// - Parameter line: A 1-based line number; out-of-range lines give an empty string.
  /// - Returns: The line's text.
  public func lineText(_ line: Int) -> Substring {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r")
    {
      end -= 1
    }
    return slice(start, end)
  }

  /// The byte range `start..<end` of a line, without its line break.
  /// - Parameter line: A 1-based line number, clamped to the file.
  public func lineRange(_ line: Int) -> Range<Int> {
    let line = min(max(line, 1), lineStarts.count)
    let start = lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] : bytes.count
    while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r")
    {
      end -= 1
    }
    return start..<end
  }

  /// The text between two byte offsets (clamped to the file).
  public func slice(_ start: Int, _ end: Int) -> Substring {
    let start = scalarStart(clamp(start))
    let end = max(start, scalarStart(clamp(end)))
    if isValidUTF8 {
      let utf8 = text.utf8
      let lower = utf8.index(utf8.startIndex, offsetBy: start)
      let upper = utf8.index(lower, offsetBy: end - start)
      return text[lower..<upper]
    }
    return Substring(String(decoding: bytes[start..<end], as: UTF8.self))
  }

  /// Rounds an offset inside a multi-byte scalar down to the scalar's first byte.
  private func scalarStart(_ offset: Int) -> Int {
    var offset = offset
    while offset > 0, offset < bytes.count, bytes[offset] & 0b1100_0000 == 0b1000_0000 {
      offset -= 1
    }
    return offset
  }

  /// The 0-based index of the line containing a (clamped) byte offset.
  func lineIndex(containing offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset {
        low = mid
      } else {
        high = mid - 1
      }
    }
    return low
  }

  private func clamp(_ offset: Int) -> Int {
    min(max(offset, 0), bytes.count)
  }
}

extension SourceFile: Hashable {
  /// Source files are equal only when they are the same instance.
  public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool { lhs === rhs }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(ObjectIdentifier(self))
  }
}

extension SourceFile: CustomStringConvertible {
  public var description: String { path }
}
