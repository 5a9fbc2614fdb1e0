/// Checks a scanned CSV row's cells before they are used: no NUL byte, nothing after a closing
/// quote, valid UTF-8; doubled quotes are undone in place.
enum CSVRowCheck {
  /// Why a row cannot become a record.
  struct Failure: Error {
    var code: String
    var column: Int
    var line: Int
    var reason: String
  }

  /// Checks every cell of a row, in column order, and undoes doubled quotes in place
  /// (shrinking the span); throws the first problem.
  static func check(
    _ spans: UnsafeMutableBufferPointer<CSVFieldSpan>, storage: UnsafeMutablePointer<UInt8>
  ) throws(Failure) {
    // A row that is ASCII from its first cell to its last (nearly every row) needs no cell
    // validated on its own; undoing doubled quotes keeps it ASCII.
    var ascii = false
    if let first = spans.first, let last = spans.last, last.end >= first.start {
      ascii = UTF8Text.isASCII(storage + first.start, count: last.end - first.start)
    }
    for index in spans.indices {
      let span = spans[index]
      if span.nul {
        throw Failure(
          code: InputProblem.Code.nulByte, column: index + 1, line: span.line,
          reason: "contains a NUL byte")
      }
      if span.textAfterQuote {
        throw Failure(
          code: InputProblem.Code.textAfterQuote, column: index + 1, line: span.line,
          reason: "has text after its closing quote")
      }
      let start = storage + span.start
      var count = span.end - span.start
      if span.escaped {
        var read = 0
        var write = 0
        while read < count {
          let byte = start[read]
          start[write] = byte
          write += 1
          read += byte == UInt8(ascii: "\"") ? 2 : 1
        }
        count = write
        spans[index].end = span.start + write
        spans[index].escaped = false
      }
      if !ascii && !UTF8Text.isValid(start, count: count) {
        throw Failure(
          code: InputProblem.Code.invalidUTF8, column: index + 1, line: span.line,
          reason: "is not valid UTF-8")
      }
    }
  }
}
