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
  private let buffer: ByteBuffer
  private let maxDepth: Int
  /// The absolute offset of the next line.
  private var offset: Int
  /// The number of the next line.
  private var line = 1
  private var index = 0
  private var finished = false
  private var scratch: [UInt8] = []
  private let keyCache = JSONKeyCache()
  private let valueCache = JSONKeyCache()

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
    self.maxDepth = options.maxDepth
    self.offset = try buffer.start()
  }

  /// The buffer index of the line feed ending the line at `offset`, or the end of the input;
  /// `nil` at the end of the input.
  private func lineEnd() throws(InputError) -> Int? {
    var searched = 0
    while true {
      let start = offset - buffer.base
      let count = buffer.count - start
      if count <= 0 && buffer.atEOF { return nil }
      if count > searched {
        let from = buffer.storage + start + searched
        if let hit = memchr(from, 0x0A, count - searched) {
          return start + searched + (UnsafeRawPointer(hit) - UnsafeRawPointer(from))
        }
        searched = count
      }
      if buffer.atEOF { return buffer.count }
      _ = try buffer.fill(keeping: offset)
    }
  }

  /// The next record or rejected line, or `nil` at the end.
  public func next() throws(InputError) -> ReadResult? {
    if finished { return nil }
    while true {
      guard let end = try lineEnd() else {
        finished = true
        return nil
      }
      let start = offset - buffer.base
      let lineNumber = line
      defer {
        offset = buffer.base + end + 1
        line += 1
      }
      var parser = JSONParser(
        buffer.storage, count: end, atEOF: true, base: buffer.base, maxDepth: maxDepth,
        at: start, line: lineNumber, lineStart: buffer.base + start)
      parser.endName = "line"
      parser.keyCache = keyCache
      parser.valueCache = valueCache
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
