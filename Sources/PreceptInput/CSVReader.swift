/// Streams records from CSV (RFC 4180) with a header row.
///
/// Dotted header names build nested objects (`pupil.sen_status`); every cell is a string (lists
/// joined with `;` and JSON text in a cell stay strings for the typing stage). An empty cell is
/// absent unless ``ReaderOptions/keepEmptyFields`` is set. Quoted fields may hold delimiters,
/// doubled quotes and line breaks (CRLF, LF or a lone CR); a UTF-8 byte-order mark is skipped.
///
/// A bad row (ragged, unbalanced quote, invalid UTF-8, NUL byte) is rejected and reading goes on;
/// after a quote that is never closed, reading resumes on the line after the quote's. A row
/// larger than ``ReaderOptions/maxRecordBytes`` is rejected, so memory stays bounded.
public final class CSVReader: RecordReader {
  /// The input's name in locations (the path, or `<stdin>`).
  public var file: String { buffer.file }

  /// The header's column names, in order.
  public let columns: [String]

  private let buffer: ByteBuffer
  private let scanner: CSVScanner
  /// The header's nesting, shared by every row read.
  private let layout: CSVLayout
  private let limit: Int
  /// The absolute offset of the next unread byte.
  private var position: Int
  /// The physical line at `position`.
  private var line: Int
  private var row = 0
  private var finished = false
  private let spans: CSVSpanStore

  /// Opens a CSV file (`-` reads standard input) and reads its header.
  ///
  /// - Throws: ``InputError`` when the file cannot be read or its header is missing or unusable.
  public convenience init(path: String, options: ReaderOptions = ReaderOptions()) throws(InputError)
  {
    try self.init(
      buffer: ByteBuffer.open(path: path, chunkSize: options.chunkSize), options: options)
  }

  /// Reads CSV from bytes in memory, named `file` in locations.
  public convenience init(
    bytes: [UInt8], file: String, options: ReaderOptions = ReaderOptions()
  ) throws(InputError) {
    try self.init(buffer: ByteBuffer(bytes: bytes, file: file), options: options)
  }

  init(buffer: ByteBuffer, options: ReaderOptions) throws(InputError) {
    self.buffer = buffer
    self.scanner = CSVScanner(delimiter: options.csvDelimiter)
    // A row's cells are addressed with 32-bit offsets (CSVCells): rows stay below 4 GiB.
    self.limit = min(max(options.maxRecordBytes, 1), Int(UInt32.max))
    let file = buffer.file
    var position = try buffer.start()
    var line = 1
    let spans = CSVSpanStore()
    var names: [String] = []
    var headerLine = 1
    scanning: while true {
      switch try Self.scan(scanner, buffer, position, line, spans, limit: options.maxRecordBytes) {
      case .end:
        throw InputError(
          kind: .invalidHeader, message: "the input is empty: a header row is required",
          file: file)
      case .blank(let next, let nextLine):
        position = buffer.base + next
        line = nextLine
      case .unbalanced(let quoteLine, let field, _):
        throw InputError(
          kind: .invalidHeader, message: "a quote in header column \(field) is never closed",
          file: file, location: RecordLocation(file: file, line: quoteLine, column: field))
      case .needMore, .oversized:
        throw InputError(
          kind: .invalidHeader,
          message:
            "the header row is larger than the \(describeSize(options.maxRecordBytes)) limit",
          file: file)
      case .record(let next, let nextLine):
        headerLine = line
        for (index, span) in spans.spans.enumerated() {
          let start = buffer.storage + span.start
          let count = span.end - span.start
          var scratch: [UInt8] = []
          guard !span.nul,
            let name = Self.decode(start, count: count, escaped: span.escaped, scratch: &scratch)
          else {
            throw InputError(
              kind: .notUTF8, message: "header column \(index + 1) is not valid UTF-8 text",
              file: file,
              location: RecordLocation(file: file, line: span.line, column: index + 1))
          }
          if span.textAfterQuote {
            throw InputError(
              kind: .invalidHeader,
              message: "header column \(index + 1) has text after its closing quote", file: file,
              location: RecordLocation(file: file, line: span.line, column: index + 1))
          }
          names.append(name.trimmedOfSpaces())
        }
        position = buffer.base + next
        line = nextLine
        break scanning
      }
    }
    let header = try CSVHeader(names: names, file: file, line: headerLine)
    self.layout = CSVLayout(header: header, keepEmpty: options.keepEmptyFields)
    self.columns = names
    self.position = position
    self.line = line
    self.spans = spans
  }

  /// Scans the next record, reading more input as needed.
  private static func scan(
    _ scanner: CSVScanner, _ buffer: ByteBuffer, _ position: Int, _ line: Int,
    _ spans: CSVSpanStore, limit: Int
  ) throws(InputError) -> CSVScanOutcome {
    while true {
      let start = position - buffer.base
      let outcome = scanner.scan(
        buffer.storage, count: buffer.count, from: start, line: line, atEOF: buffer.atEOF,
        into: spans)
      guard case .needMore = outcome else { return outcome }
      if buffer.count - start >= limit {
        // Memory stays bounded: a record this large is almost surely an unclosed quote.
        let forced = scanner.scan(
          buffer.storage, count: buffer.count, from: start, line: line, atEOF: true,
          into: spans)
        if case .record(let next, let nextLine) = forced {
          return .oversized(next: next, line: nextLine)
        }
        return forced
      }
      // The scan restarts at the record's start: read as much again as it has so far.
      _ = try buffer.fill(keeping: position, atLeast: min(buffer.count - start, limit))
    }
  }

  /// The next record or rejected row, or `nil` at the end.
  public func next() throws(InputError) -> ReadResult? {
    try advance(rejected: ReadResult.rejected) { makeRecord() }
  }

  /// Scans to the next row, numbering and locating it, and returns what `record` makes of it,
  /// or `rejected` of the problem for a row that cannot be scanned; `nil` at the end. Shared
  /// by ``next()`` and ``nextRow(_:)``, so both number and locate rows the same way.
  private func advance<R>(
    rejected: (InputProblem) -> R, record: () throws(InputError) -> R
  ) throws(InputError) -> R? {
    if finished { return nil }
    while true {
      switch try Self.scan(scanner, buffer, position, line, spans, limit: limit) {
      case .end, .needMore:
        finished = true
        return nil
      case .blank(let next, let nextLine):
        position = buffer.base + next
        line = nextLine
      case .unbalanced(let quoteLine, let field, let quote):
        row += 1
        let problem = unbalanced(quoteLine: quoteLine, field: field)
        position = buffer.base + quote
        try skipLine()
        line = quoteLine + 1
        return rejected(problem)
      case .oversized:
        row += 1
        let problem = self.problem(
          InputProblem.Code.recordTooLarge,
          "row \(row) is larger than the \(describeSize(limit)) limit", line: line, column: 1)
        try skipLine()
        line += 1
        return rejected(problem)
      case .record(let next, let nextLine):
        row += 1
        if spans.count != columns.count, let stray = strayQuote() {
          // Rows swallowed by a stray quote are read again, each on its own.
          position = buffer.base + stray.resume
          line = stray.quoteLine + 1
          return rejected(unbalanced(quoteLine: stray.quoteLine, field: stray.field))
        }
        // The row is read at its own line; then the position moves past it.
        defer {
          position = buffer.base + next
          line = nextLine
        }
        return try record()
      }
    }
  }

  /// For a row of the wrong width with a quoted field that runs over a line break (most likely
  /// a stray quote that swallowed the rows after it, up to the next quote in the file): the
  /// quote's line and field, and where the line after it starts in the buffer.
  private func strayQuote() -> (quoteLine: Int, field: Int, resume: Int)? {
    let p = buffer.storage
    for (k, span) in spans.spans.enumerated() {
      var i = span.start
      while i < span.end {
        let c = p[i]
        if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
          var resume = i + 1
          if c == UInt8(ascii: "\r") && resume < buffer.count && p[resume] == UInt8(ascii: "\n") {
            resume += 1
          }
          return (span.line, k + 1, resume)
        }
        i += 1
      }
    }
    return nil
  }

  /// Moves `position` past the next line break as the input streams, keeping nothing.
  private func skipLine() throws(InputError) {
    let cr = UInt8(ascii: "\r")
    let lf = UInt8(ascii: "\n")
    while true {
      let p = buffer.storage
      let n = buffer.count
      var i = position - buffer.base
      while i < n && p[i] != lf && p[i] != cr {
        i += 1
      }
      if i < n && p[i] == lf {
        position = buffer.base + i + 1
        return
      }
      if i < n && (i + 1 < n || buffer.atEOF) {
        position = buffer.base + (i + 1 < n && p[i + 1] == lf ? i + 2 : i + 1)
        return
      }
      position = buffer.base + i
      if buffer.atEOF { return }
      _ = try buffer.fill(keeping: position)
    }
  }

  /// The result of ``nextRow(_:)``.
  public enum RowResult<Value> {
    /// A row, and what the closure made of it.
    case row(Value)
    /// A row that could not be parsed.
    case rejected(InputProblem)
  }

  /// Reads the next row and hands its cells to `body` without building a record: the fast path.
  ///
  /// Rows and rejections are numbered and located exactly as by ``next()``; the two may be mixed.
  ///
  /// - Parameter body: Called with the row; the row and its bytes are valid only during the call.
  /// - Returns: What `body` returned, a rejected row, or `nil` at the end.
  public func nextRow<Value>(_ body: (CSVRow) throws(InputError) -> Value)
    throws(InputError) -> RowResult<Value>?
  {
    try advance(rejected: RowResult.rejected) { () throws(InputError) -> RowResult<Value> in
      if let problem = raggedProblem(spans.count) { return .rejected(problem) }
      do throws(CSVRowCheck.Failure) {
        try CSVRowCheck.check(spans.mutableSpans, storage: buffer.storage)
      } catch {
        return .rejected(problem(error))
      }
      let view = CSVRow(
        row: row, line: line, index: row - 1, spans: spans.spans, storage: buffer.storage)
      return .row(try body(view))
    }
  }

  private func columnName(_ field: Int) -> String {
    field <= columns.count ? " ('\(columns[field - 1])')" : ""
  }

  private func problem(_ code: String, _ message: String, line: Int, column: Int) -> InputProblem {
    InputProblem(
      code: code, message: message,
      location: RecordLocation(file: buffer.file, line: line, column: column, row: row))
  }

  private func unbalanced(quoteLine: Int, field: Int) -> InputProblem {
    problem(
      InputProblem.Code.unbalancedQuote,
      "the quote opened in field \(field)\(columnName(field)) is not closed; "
        + "reading resumes on the next line",
      line: quoteLine, column: field)
  }

  /// The problem of a row with `count` fields when the header has another width.
  private func raggedProblem(_ count: Int) -> InputProblem? {
    let width = columns.count
    if count == width { return nil }
    return problem(
      InputProblem.Code.raggedRow,
      "row \(row) has \(count) \(count == 1 ? "field" : "fields"), "
        + "the header has \(width) \(width == 1 ? "field" : "fields")",
      line: line, column: min(count, width) + 1)
  }

  private func problem(_ failure: CSVRowCheck.Failure) -> InputProblem {
    problem(
      failure.code, "field \(failure.column)\(columnName(failure.column)) \(failure.reason)",
      line: failure.line, column: failure.column)
  }

  /// Turns the scanned spans into a record (its checked cells, copied out of the buffer), or
  /// the first problem found in them.
  private func makeRecord() -> ReadResult {
    if let problem = raggedProblem(spans.count) { return .rejected(problem) }
    do throws(CSVRowCheck.Failure) {
      try CSVRowCheck.check(spans.mutableSpans, storage: buffer.storage)
    } catch {
      return .rejected(problem(error))
    }
    return .record(
      RawRecord(
        location: RecordLocation(file: buffer.file, line: line, column: 1, row: row),
        cells: CSVCells(layout: layout, spans: spans.spans, storage: buffer.storage),
        index: row - 1))
  }

  /// A field's text, with doubled quotes undone when `escaped`; `nil` if not UTF-8.
  private static func decode(
    _ start: UnsafePointer<UInt8>, count: Int, escaped: Bool, scratch: inout [UInt8]
  ) -> String? {
    guard escaped else { return UTF8Text.string(start, count: count) }
    scratch.removeAll(keepingCapacity: true)
    var i = 0
    while i < count {
      let byte = start[i]
      scratch.append(byte)
      i += byte == UInt8(ascii: "\"") ? 2 : 1
    }
    return scratch.withUnsafeBufferPointer { UTF8Text.string($0.baseAddress!, count: $0.count) }
  }
}

extension String {
  fileprivate func trimmedOfSpaces() -> String {
    var slice = self[...]
    while let first = slice.first, first == " " || first == "\t" {
      slice = slice.dropFirst()
    }
    while let last = slice.last, last == " " || last == "\t" {
      slice = slice.dropLast()
    }
    return String(slice)
  }
}
