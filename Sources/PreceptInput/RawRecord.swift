/// One record read from an input: its top-level object and where it starts.
public struct RawRecord: Sendable {
  /// Where the record starts (for CSV: its first physical line, column 1, and its row).
  public var location: RecordLocation
  /// The record's members; dotted CSV headers become nested objects.
  public var fields: RawObject
  /// The record's ordinal among everything read from this input (records and rejections), 0-based.
  public var index: Int

  /// Creates a record.
  public init(location: RecordLocation, fields: RawObject, index: Int) {
    self.location = location
    self.fields = fields
    self.index = index
  }

  /// The full location of a value inside this record: the record's file and row, the value's
  /// line and column.
  public func location(of position: SourcePosition) -> RecordLocation {
    RecordLocation(
      file: location.file, line: position.line, column: position.column, row: location.row)
  }

  /// The full location of a member inside this record.
  public func location(of field: RawField) -> RecordLocation {
    location(of: field.position)
  }
}
