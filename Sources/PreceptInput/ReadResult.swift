/// One item read from an input: a record, or a record that could not be parsed.
///
/// Every item counts as one record read: `read = records + rejected`.
public enum ReadResult: Sendable {
  /// A parsed record.
  case record(RawRecord)
  /// An item that could not be parsed, with why and where.
  case rejected(InputProblem)
}

extension ReadResult {
  /// The record, when this item is one.
  public var record: RawRecord? {
    if case .record(let record) = self { return record }
    return nil
  }

  /// The problem, when this item was rejected.
  public var problem: InputProblem? {
    if case .rejected(let problem) = self { return problem }
    return nil
  }
}
