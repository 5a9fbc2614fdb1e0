/// One item read from an input: a record, or a record that could not be parsed.
///
/// Every item counts as one record read: `read = records + rejected`.
public enum ReadResult: Sendable {
  /// A parsed record.
  case record(RawRecord)
  /// An item that could not be parsed, with why and where.
  case rejected(InputProblem)
}
