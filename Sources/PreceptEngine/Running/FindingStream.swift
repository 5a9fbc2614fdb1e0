/// Where a check sends its findings as it produces them, in report order, instead of keeping
/// them in the report: a run over millions of records then holds only the batch in hand.
///
/// `render` runs on the worker threads that evaluate the records, so the cost of formatting
/// findings is shared by all cores; `emit` receives each finding with its rendering, in the
/// report's order, on the thread that runs the check.
public struct FindingStream {
  /// One finding's output (a reporter's fragment). Called concurrently.
  public var render: @Sendable (Finding) -> String
  /// Receives the findings in report order, each with what `render` made of it.
  public var emit: (Finding, String) -> Void

  /// Creates a stream from its two halves.
  public init(
    render: @escaping @Sendable (Finding) -> String, emit: @escaping (Finding, String) -> Void
  ) {
    self.render = render
    self.emit = emit
  }
}
