/// A streaming source of records: one item per call, memory bounded by the largest record.
///
/// CSV, JSON and JSON Lines readers conform; a YAML reader (built on PreceptYAML) will conform the
/// same way, producing ``RawRecord`` trees with positions.
public protocol RecordReader {
  /// The next item, or `nil` at the end of the input.
  ///
  /// - Throws: ``InputError`` only when the input cannot be read at all (it was missing,
  ///   unreadable, not UTF-8, or its header or top-level shape is unusable). A bad record is a
  ///   ``ReadResult/rejected(_:)`` item instead, and reading goes on.
  mutating func next() throws(InputError) -> ReadResult?
}

extension RecordReader {
  /// Reads every remaining item. Use for small inputs only (rosters, tests).
  public mutating func readAll() throws(InputError) -> [ReadResult] {
    var items: [ReadResult] = []
    while let item = try next() {
      items.append(item)
    }
    return items
  }
}
