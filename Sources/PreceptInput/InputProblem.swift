/// A record that could not be parsed: one item read, reported and skipped; the run goes on.
public struct InputProblem: Sendable, Hashable {
  /// The stable code (``Code``), e.g. `PRE3001`.
  public var code: String
  /// What is wrong: lower-case, no trailing period, names in 'single quotes'.
  public var message: String
  /// Where the problem is (for CSV, the row is set).
  public var location: RecordLocation

  /// Creates a problem.
  public init(code: String, message: String, location: RecordLocation) {
    self.code = code
    self.message = message
    self.location = location
  }
}

extension InputProblem {
  /// The stable codes of rejected records.
  public enum Code {
    /// CSV: a quoted field is not closed before the end of the input.
    public static let unbalancedQuote = "PRE3001"
    /// CSV: a row has more or fewer fields than the header.
    public static let raggedRow = "PRE3002"
    /// A value is not valid UTF-8.
    public static let invalidUTF8 = "PRE3003"
    /// A value contains a NUL byte.
    public static let nulByte = "PRE3004"
    /// CSV: a character follows a closing quote inside a field.
    public static let textAfterQuote = "PRE3005"
    /// A record is larger than ``ReaderOptions/maxRecordBytes``.
    public static let recordTooLarge = "PRE3006"
    /// JSON: a syntax error inside a record.
    public static let jsonSyntax = "PRE3010"
    /// JSON: an element of the records array, or a JSON Lines line, is not an object.
    public static let notAnObject = "PRE3011"
    /// JSON: nesting deeper than the limit.
    public static let tooDeep = "PRE3012"
    /// JSON: an object has the same key twice.
    public static let duplicateKey = "PRE3013"
    /// JSON: unexpected content around the records array (trailing text, a second array).
    public static let unexpectedContent = "PRE3014"
  }
}

extension InputProblem: CustomStringConvertible {
  /// `file:line:column: error: message [CODE]`.
  public var description: String { "\(location): error: \(message) [\(code)]" }
}
