import PreceptEngine

/// A reporter whose output is its findings one after another between a prologue and an
/// epilogue, so that it can be written while the check runs (``FindingStream``) and a run over
/// millions of records never holds its findings.
///
/// ``render(_:)`` is the same output made from a finished report, so both ways give the same
/// bytes.
public protocol StreamingReporter: Reporter {
  /// What comes before the first finding.
  func prologue() -> String
  /// One finding's output. Called concurrently, from the threads that evaluate records.
  func fragment(_ finding: Finding) -> String
  /// What goes between the fragments of two consecutive findings.
  func separator(between previous: Finding, and next: Finding) -> String
  /// What comes after the last finding. `report` has every count; its findings may be empty
  /// (they were streamed); `findingCount` is how many were written.
  func epilogue(_ report: CheckReport, findingCount: Int) -> String
}

extension StreamingReporter {
  /// The whole output of a finished report.
  public func render(_ report: CheckReport) -> String {
    let out = TextSink(prologue())
    let (stream, written) = stream(to: out.append)
    for finding in report.findings { stream.emit(finding, stream.render(finding)) }
    out.append(epilogue(report, findingCount: written()))
    return out.text
  }

  /// A stream that renders findings with this reporter and hands the text to `write`, in order.
  /// - Returns: the stream, and a function giving the number of findings written so far.
  public func stream(to write: @escaping (String) -> Void) -> (FindingStream, () -> Int) {
    let state = StreamState()
    let reporter = self
    let stream = FindingStream(
      render: { reporter.fragment($0) },
      emit: { finding, text in
        if let previous = state.previous {
          write(reporter.separator(between: previous, and: finding))
        }
        write(text)
        state.previous = finding
        state.count += 1
      })
    return (stream, { state.count })
  }
}

/// What a stream remembers between findings.
private final class StreamState {
  var previous: Finding?
  var count = 0
}

/// Text collected piece by piece (a stream's writer, for ``StreamingReporter/render(_:)``).
private final class TextSink {
  var text: String
  init(_ start: String) { text = start }
  func append(_ piece: String) { text += piece }
}
