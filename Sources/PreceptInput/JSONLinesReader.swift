#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams records from JSON Lines: one object per line; blank lines are skipped.
///
/// A line that is not one valid JSON object is rejected with its line number, and reading goes
/// on with the next line.
public final class JSONLinesReader: RecordReader {
  /// The input's name in locations (the path, or `<stdin>`).
  public var file: String { buffer.file }

  private let buffer: ByteBuffer
  private let context: JSONContext
  /// The absolute offset of the next line.
  private var offset: Int
  /// The number of the next line.
  private var line = 1
  private var index = 0
  private var finished = false
  private var scratch: [UInt8] = []

  /// Opens a JSON Lines file (`-` reads standard input).
  ///
  /// - Throws: ``InputError`` when the file cannot be read.
  public convenience init(path: String, options: ReaderOptions = ReaderOptions()) throws(InputError)
  {
    try self.init(
      buffer: ByteBuffer.open(path: path, chunkSize: options.chunkSize), options: options)
  }

  /// Reads JSON Lines from bytes in memory, named `file` in locations.
  public convenience init(
    bytes: [UInt8], file: String, options: ReaderOptions = ReaderOptions()
  ) throws(InputError) {
    try self.init(buffer: ByteBuffer(bytes: bytes, file: file), options: options)
  }

  init(buffer: ByteBuffer, options: ReaderOptions) throws(InputError) {
    self.buffer = buffer
    self.context = JSONContext(options: options, caches: true)
    self.offset = try buffer.start()
    // An input with nothing in it is refused, as the other formats refuse one: an export job
    // that failed and left an empty file must not pass as "no records".
    // Whole blank lines are passed over as they are scanned (counted, not kept), so a long run
    // of them takes no memory.
    while true {
      let start = offset - buffer.base
      let bytes = UnsafeBufferPointer(start: buffer.storage + start, count: buffer.count - start)
      if bytes.contains(where: { !Self.isWhitespace($0) }) { break }
      if let last = bytes.lastIndex(of: 0x0A) {
        line += bytes[...last].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        offset += last + 1
      }
      guard !buffer.atEOF, try buffer.fill(keeping: offset) else {
        throw InputError(kind: .invalidStructure, message: "the input is empty", file: buffer.file)
      }
    }
  }

  private static func isWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
  }

  private enum LineEnd {
    /// The buffer index of the line feed ending the line (or of the end of the input).
    case at(Int)
    /// The line is longer than the record limit.
    case oversized
    /// No more input.
    case end
  }

  /// Finds the end of the line at `offset`.
  private func lineEnd() throws(InputError) -> LineEnd {
    var searched = 0
    while true {
      let start = offset - buffer.base
      let count = buffer.count - start
      if count <= 0 && buffer.atEOF { return .end }
      if count > searched {
        let from = buffer.storage + start + searched
        if let hit = memchr(from, 0x0A, count - searched) {
          return .at(start + searched + (UnsafeRawPointer(hit) - UnsafeRawPointer(from)))
        }
        searched = count
      }
      if buffer.atEOF { return .at(buffer.count) }
      if count >= context.limit { return .oversized }
      _ = try buffer.fill(keeping: offset)
    }
  }

  /// Skips past the next line feed as the input streams, keeping nothing.
  private func skipLine() throws(InputError) {
    while true {
      let start = offset - buffer.base
      let count = buffer.count - start
      if count > 0, let hit = memchr(buffer.storage + start, 0x0A, count) {
        offset += UnsafeRawPointer(hit) - UnsafeRawPointer(buffer.storage + start) + 1
        return
      }
      offset = buffer.base + buffer.count
      if buffer.atEOF { return }
      _ = try buffer.fill(keeping: offset)
    }
  }

  /// The next record or rejected line, or `nil` at the end.
  public func next() throws(InputError) -> ReadResult? {
    if finished { return nil }
    while true {
      let end: Int
      switch try lineEnd() {
      case .at(let index):
        end = index
      case .end:
        finished = true
        return nil
      case .oversized:
        let lineNumber = line
        try skipLine()
        line += 1
        return reject(
          JSONIssue(
            code: InputProblem.Code.recordTooLarge,
            message: "line \(lineNumber) is larger than the \(describeSize(context.limit)) limit",
            line: lineNumber, column: 1))
      }
      let start = offset - buffer.base
      let lineNumber = line
      defer {
        offset = buffer.base + end + 1
        line += 1
      }
      var parser = JSONParser(
        buffer.storage, count: end, atEOF: true, base: buffer.base, maxDepth: context.maxDepth,
        at: start, line: lineNumber, lineStart: buffer.base + start)
      parser.endName = "line"
      parser.keyCache = context.keyCache
      parser.valueCache = context.valueCache
      parser.skipWhitespace()
      if parser.i >= end { continue }
      swap(&parser.scratch, &scratch)
      defer { swap(&parser.scratch, &scratch) }
      let position = parser.position
      let value: RawValue
      do throws(JSONFailure) {
        value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.i < end {
          throw parser.issue(
            InputProblem.Code.unexpectedContent,
            "unexpected \(JSONParser.describe(parser.p[parser.i])) after the record")
        }
      } catch {
        guard case .issue(let issue) = error else {
          preconditionFailure("a whole line cannot need more input")
        }
        return reject(issue)
      }
      if let semantic = parser.semantic { return reject(semantic) }
      let location = RecordLocation(
        file: buffer.file, line: position.line, column: position.column)
      guard case .object(let object) = value else {
        return reject(
          JSONIssue(
            code: InputProblem.Code.notAnObject,
            message: "line \(lineNumber) is \(JSONReader.kindName(value)), not an object",
            line: position.line, column: position.column))
      }
      let record = RawRecord(location: location, fields: object, index: index)
      index += 1
      return .record(record)
    }
  }

  private func reject(_ issue: JSONIssue) -> ReadResult {
    index += 1
    return .rejected(
      InputProblem(
        code: issue.code, message: issue.message,
        location: RecordLocation(file: buffer.file, line: issue.line, column: issue.column)))
  }
}
