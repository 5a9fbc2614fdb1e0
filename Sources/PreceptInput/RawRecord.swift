/// One record read from an input: its top-level object and where it starts.
public struct RawRecord: Sendable {
  private enum Storage: Sendable {
    case members(RawObject)
    case cells(CSVCells)
  }

  /// Where the record starts (for CSV: its first physical line, column 1, and its row).
  public var location: RecordLocation
  /// The record's ordinal among everything read from this input (records and rejections), 0-based.
  public var index: Int
  private var storage: Storage

  /// Creates a record.
  public init(location: RecordLocation, fields: RawObject, index: Int) {
    self.location = location
    self.storage = .members(fields)
    self.index = index
  }

  /// Creates a record of a CSV row's cells; its members are built when asked for.
  public init(location: RecordLocation, cells: CSVCells, index: Int) {
    self.location = location
    self.storage = .cells(cells)
    self.index = index
  }

  /// The record's members; dotted CSV headers become nested objects.
  public var fields: RawObject {
    get {
      switch storage {
      case .members(let object): return object
      case .cells(let cells): return cells.members
      }
    }
    set { storage = .members(newValue) }
  }

  /// The cells, when the record is a CSV row that has not been changed since it was read.
  public var cells: CSVCells? {
    if case .cells(let cells) = storage { return cells }
    return nil
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
