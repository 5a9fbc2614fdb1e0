/// One CSV row's cells, as compact as a row can be: the cells' bytes in one array and where
/// each cell starts and ends. The cells are checked already (valid UTF-8, no NUL byte, doubled
/// quotes undone), so a typing stage can read them as bytes and make strings only where it
/// needs them; ``RawRecord/fields`` builds the nested members from them on demand.
public struct CSVCells: Sendable {
  @usableFromInline
  struct Cell: Sendable {
    @usableFromInline var start: UInt32
    @usableFromInline var end: UInt32
    @usableFromInline var line: Int
  }

  /// The input's header layout.
  public let layout: CSVLayout
  @usableFromInline let bytes: ContiguousArray<UInt8>
  @usableFromInline let cells: ContiguousArray<Cell>

  /// Copies a checked row's cells out of the reader's buffer.
  init(
    layout: CSVLayout, spans: UnsafeBufferPointer<CSVFieldSpan>, storage: UnsafePointer<UInt8>
  ) {
    self.layout = layout
    var total = 0
    for span in spans { total += span.end - span.start }
    var cells = ContiguousArray<Cell>()
    cells.reserveCapacity(spans.count)
    bytes = ContiguousArray(unsafeUninitializedCapacity: total) { buffer, initialized in
      var offset = 0
      for span in spans {
        let count = span.end - span.start
        if count > 0 {
          (buffer.baseAddress! + offset).initialize(from: storage + span.start, count: count)
        }
        cells.append(Cell(start: UInt32(offset), end: UInt32(offset + count), line: span.line))
        offset += count
      }
      initialized = offset
    }
    self.cells = cells
  }

  /// The number of cells (the header's width).
  public var count: Int { cells.count }

  /// Whether a cell (`column` is 0-based) is empty.
  @inlinable
  public func isEmpty(_ column: Int) -> Bool {
    cells[column].start == cells[column].end
  }

  /// Calls `body` with a cell's UTF-8 bytes (empty for an empty cell).
  @inlinable
  public func withBytes<R>(
    _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R
  ) rethrows -> R {
    let cell = cells[column]
    return try bytes.withUnsafeBufferPointer { all in
      try body(UnsafeBufferPointer(rebasing: all[Int(cell.start)..<Int(cell.end)]))
    }
  }

  /// Every cell's bytes but `column`'s, with each cell's length (`column`'s as 0): equal for
  /// two rows of one layout exactly when their cells other than `column` are equal.
  public func bytes(omitting column: Int) -> [UInt8] {
    let omitted = cells[column]
    let kept = bytes.count - Int(omitted.end - omitted.start)
    return [UInt8](unsafeUninitializedCapacity: kept + 4 * cells.count) { out, initialized in
      bytes.withUnsafeBufferPointer { all in
        let before = Int(omitted.start)
        let after = all.count - Int(omitted.end)
        if before > 0 { out.baseAddress!.initialize(from: all.baseAddress!, count: before) }
        if after > 0 {
          (out.baseAddress! + before).initialize(
            from: all.baseAddress! + Int(omitted.end), count: after)
        }
      }
      var at = kept
      for (k, cell) in cells.enumerated() {
        // The omitted cell counts as empty: rows that differ only there have equal keys.
        let n = k == column ? 0 : cell.end - cell.start
        for shift in stride(from: 0, to: 32, by: 8) {
          out[at] = UInt8(truncatingIfNeeded: n >> UInt32(shift))
          at += 1
        }
      }
      initialized = at
    }
  }

  /// A cell's text, or `nil` when it is empty.
  public func string(_ column: Int) -> String? {
    let cell = cells[column]
    if cell.start == cell.end { return nil }
    return bytes.withUnsafeBufferPointer { all in
      String(
        decoding: UnsafeBufferPointer(rebasing: all[Int(cell.start)..<Int(cell.end)]), as: UTF8.self
      )
    }
  }

  /// Where a cell starts: its physical line and its 1-based field number.
  public func position(_ column: Int) -> SourcePosition {
    SourcePosition(line: cells[column].line, column: column + 1)
  }

  /// The row's members, nested as the header says (what a reader of any format makes).
  public var members: RawObject {
    RawObject(layout.members(value: { string($0) }, position: { position($0) }))
  }
}
