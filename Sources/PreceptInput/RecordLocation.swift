/// Where a record, or a value inside one, starts in an input file.
///
/// Lines and columns are 1-based. For CSV the column is the 1-based field number; for JSON and
/// JSON Lines it is the 1-based UTF-8 byte column of the value's first character.
public struct RecordLocation: Sendable, Hashable {
  /// The name an input given as `path` has in locations: the path, or `<stdin>` for `-`.
  public static func fileName(forPath path: String) -> String {
    path == "-" ? "<stdin>" : path
  }

  /// The input's name as given on the command line (`<stdin>` for standard input).
  public var file: String
  /// The physical line where the record (or value) starts.
  public var line: Int
  /// The column: a CSV field number, or a byte column in JSON.
  public var column: Int
  /// The CSV data row number, 1-based, the header excluded; `nil` for other formats.
  public var row: Int?

  /// Creates a location.
  public init(file: String, line: Int, column: Int, row: Int? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.row = row
  }
}

extension RecordLocation: CustomStringConvertible {
  /// `file:line:column`, the compiler's spelling.
  public var description: String { "\(file):\(line):\(column)" }
}
