/// One CSV row's cells, borrowed from the reader's buffer: the fast path for a typing stage that
/// binds schema fields to columns once and reads cells as bytes, with no ``RawValue`` tree.
///
/// A row is valid only inside the closure given to ``CSVReader/nextRow(_:)``. Its cells are
/// checked already: valid UTF-8, no NUL byte, doubled quotes undone.
public struct CSVRow {
  /// The data row number, 1-based, the header excluded.
  public let row: Int
  /// The physical line where the row starts.
  public let line: Int
  /// The row's ordinal among everything read (rows and rejections), 0-based.
  public let index: Int
  private let spans: UnsafeBufferPointer<CSVFieldSpan>
  private let storage: UnsafePointer<UInt8>

  init(
    row: Int, line: Int, index: Int, spans: UnsafeBufferPointer<CSVFieldSpan>,
    storage: UnsafePointer<UInt8>
  ) {
    self.row = row
    self.line = line
    self.index = index
    self.spans = spans
    self.storage = storage
  }

  /// The number of cells (the header's width).
  public var count: Int { spans.count }

  /// The UTF-8 bytes of a cell (`column` is 0-based); empty for an empty cell.
  public func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8> {
    let span = spans[column]
    return UnsafeBufferPointer(start: storage + span.start, count: span.end - span.start)
  }

  /// Whether a cell is empty (absent).
  public func isEmpty(_ column: Int) -> Bool {
    spans[column].end == spans[column].start
  }

  /// A cell's text, or `nil` when it is empty.
  public func string(_ column: Int) -> String? {
    let span = spans[column]
    if span.end == span.start { return nil }
    return UTF8Text.string(storage + span.start, count: span.end - span.start)
  }

  /// Where a cell starts: its physical line and its 1-based field number.
  public func position(_ column: Int) -> SourcePosition {
    SourcePosition(line: spans[column].line, column: column + 1)
  }
}
