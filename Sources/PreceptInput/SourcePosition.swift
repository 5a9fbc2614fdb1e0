/// The line and column of one value inside a record.
///
/// Values carry this compact position rather than a full ``RecordLocation`` so that a record of
/// many fields does not repeat the file name; ``RawRecord/location(of:)`` makes the full location.
public struct SourcePosition: Sendable, Hashable {
  /// The 1-based physical line.
  public var line: Int
  /// The 1-based column: a CSV field number, or a UTF-8 byte column in JSON.
  public var column: Int

  /// Creates a position.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
}
