/// A half-open range of UTF-8 byte offsets in one source file.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
  /// The file the range is in.
  public var file: SourceFile
  /// The offset of the first byte.
  public var start: Int
  /// The offset one past the last byte.
  public var end: Int

  /// Creates a range; `end` is raised to `start` if it is smaller.
  public init(file: SourceFile, start: Int, end: Int) {
    self.file = file
    self.start = start
    self.end = Swift.max(start, end)
  }

  /// An empty range at an offset.
  public static func point(_ file: SourceFile, _ offset: Int) -> SourceRange {
    SourceRange(file: file, start: offset, end: offset)
  }

  /// Whether the range covers no bytes.
  public var isEmpty: Bool { start == end }

  /// The number of bytes covered.
  public var count: Int { end - start }

  /// The position of the first byte.
  public var startPosition: SourcePosition { file.position(at: start) }

  /// The position just past the last byte.
  public var endPosition: SourcePosition { file.position(at: end) }

  /// The source text the range covers.
  public var text: Substring { file.slice(start, end) }

  /// The smallest range covering both ranges (which must be in the same file).
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(file: file, start: Swift.min(start, other.start), end: Swift.max(end, other.end))
  }

  /// A sub-range given by offsets relative to this range's start.
  public func subrange(_ relative: Range<Int>) -> SourceRange {
    SourceRange(file: file, start: start + relative.lowerBound, end: start + relative.upperBound)
  }

  /// `path:line:column`.
  public var description: String { "\(file.path):\(startPosition)" }
}
