/// Streams records from a JSON document: a top-level array of objects, or an object holding
/// exactly one array of objects (`{"incidents": [...]}`; its other members are skipped). In an
/// object, the first member whose value is an array is the records array: it must start with an
/// object (or be empty), so a lone record is not mistaken for a wrapper of its list field; and
/// when ``ReaderOptions/recordKeys`` are given, an object that has one of them as a member is
/// read as one record.
///
/// Elements are parsed one at a time, so memory is bounded by the largest record. An element
/// that is not an object, has a duplicate key, invalid UTF-8 or a syntax error is rejected; after
/// a syntax error reading resumes at the next `,` of the array, or stops with that rejection.
public final class JSONReader: RecordReader {
  private enum Phase {
    /// Before an element (`first`: right after `[`, where `]` may close an empty array).
    case element(first: Bool)
    /// After an element, something other than `,` or `]` followed.
    case missingSeparator
    /// The input ended inside the array, after a complete element.
    case unclosed
    /// The document is one object that is one record (see ``ReaderOptions/recordKeys``).
    case single
    /// After the array, inside the wrapping object.
    case wrapperTail
    /// After the document: only whitespace may follow.
    case trailer
    case done
  }

  /// The input's name in locations (the path, or `<stdin>`).
  public var file: String { buffer.file }

  /// The key of the wrapping object's array (`incidents`), or `nil` for a top-level array.
  public let arrayKey: String?

  private let buffer: ByteBuffer
  private let context: JSONContext
  private var cursor: JSONCursor
  private var phase: Phase = .element(first: true)
  private var index = 0
  private var scratch: [UInt8] = []

  /// Opens a JSON file (`-` reads standard input) and reads up to its records array.
  ///
  /// - Throws: ``InputError`` when the file cannot be read or is not an array of records.
  public convenience init(path: String, options: ReaderOptions = ReaderOptions()) throws(InputError)
  {
    try self.init(
      buffer: ByteBuffer.open(path: path, chunkSize: options.chunkSize), options: options)
  }

  /// Reads JSON from bytes in memory, named `file` in locations.
  public convenience init(
    bytes: [UInt8], file: String, options: ReaderOptions = ReaderOptions()
  ) throws(InputError) {
    try self.init(buffer: ByteBuffer(bytes: bytes, file: file), options: options)
  }

  init(buffer: ByteBuffer, options: ReaderOptions) throws(InputError) {
    self.buffer = buffer
    let context = JSONContext(options: options, caches: true)
    self.context = context
    let skip = try buffer.start()
    var cursor = JSONCursor(offset: skip, line: 1, lineStart: skip)
    var scratch: [UInt8] = []
    let file = buffer.file
    func structure(_ message: String, _ line: Int, _ column: Int) -> InputError {
      InputError(
        kind: .invalidStructure, message: message, file: file,
        location: RecordLocation(file: file, line: line, column: column))
    }
    let start = cursor
    var initialPhase = Phase.element(first: true)
    let open = try buffer.parseStep(from: &cursor, context: context, scratch: &scratch) {
      (parser: inout JSONParser) throws(JSONFailure) -> (UInt8, Int, Int) in
      parser.skipWhitespace()
      if parser.i >= parser.n {
        if !parser.atEOF { throw .needMore }
        return (0, parser.line, parser.column)
      }
      let c = parser.p[parser.i]
      if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { parser.i += 1 }
      return (c, parser.line, parser.column)
    }
    let (first, line, column): (UInt8, Int, Int)
    switch open {
    case .done(let found, _): (first, line, column) = found
    case .failed(let issue): throw structure(issue.message, issue.line, issue.column)
    }
    switch first {
    case 0:
      throw InputError(kind: .invalidStructure, message: "the input is empty", file: file)
    case UInt8(ascii: "["):
      self.arrayKey = nil
    case UInt8(ascii: "{"):
      if (options.objectIsOneRecord || !options.recordKeys.isEmpty)
        && Self.isLoneRecord(buffer, from: start, context, &scratch, options: options)
      {
        self.arrayKey = nil
        cursor = start
        initialPhase = .single
      } else {
        self.arrayKey = try Self.findArray(buffer, &cursor, context, &scratch, structure)
      }
    default:
      throw structure(
        "expected a JSON array of records, or an object holding one; found "
          + JSONParser.describe(first), line, column)
    }
    self.cursor = cursor
    self.scratch = scratch
    phase = initialPhase
  }

  /// How far ``isLoneRecord`` looks for a record key: past this many bytes the object is
  /// taken to wrap a records array.
  public static let lookaheadLimit = 1 << 20

  /// Whether the top-level object at `start` is one record, not a wrapper: it has one of
  /// ``ReaderOptions/recordKeys`` (or ``ReaderOptions/objectIsOneRecord`` is set) and no list
  /// of records, within its first ``lookaheadLimit`` bytes. Looks ahead
  /// without moving the reader: the buffer keeps everything from `start`, which is where
  /// reading continues either way. A syntax error answers `false`, so that the usual path
  /// reports it.
  private static func isLoneRecord(
    _ buffer: ByteBuffer, from start: JSONCursor, _ context: JSONContext,
    _ scratch: inout [UInt8], options: ReaderOptions
  ) -> Bool {
    let keys = options.recordKeys
    let fields = options.recordFields
    var lookahead = start
    let step = try? buffer.parseStep(from: &lookahead, context: context, scratch: &scratch) {
      (parser: inout JSONParser) throws(JSONFailure) -> Bool in
      guard try parser.peek() == UInt8(ascii: "{") else { return false }
      let start = parser.i
      parser.i += 1
      var first = true
      var hasRecordKey = false
      while true {
        var c = try parser.peek()
        if c == UInt8(ascii: "}") { return hasRecordKey || options.objectIsOneRecord }
        if !first {
          guard c == UInt8(ascii: ",") else { return false }
          parser.i += 1
          c = try parser.peek()
        }
        guard c == UInt8(ascii: "\"") else { return false }
        let (key, _) = try parser.parseString()
        if keys.contains(key) { hasRecordKey = true }
        guard try parser.peek() == UInt8(ascii: ":") else { return false }
        parser.i += 1
        let value: RawValue
        do throws(JSONFailure) {
          value = try parser.parseValue(depth: 1)
        } catch .needMore where parser.n - start > lookaheadLimit {
          return false  // far past any record's size: the records array of a wrapper
        }
        // A list of objects under a key that is not one of the record's fields is the records
        // array of a wrapper (whose own members may share a name with a record's, such as
        // `id`); a record's own lists (its staff) are under its fields' names. Without those
        // names, a list of objects that have a record key is taken for the records.
        if case .list(let items) = value, case .object(let object)? = items.first {
          let records =
            fields.isEmpty
            ? object.fields.contains(where: { keys.contains($0.key) })
            : !fields.contains(key)
          if records { return false }
        }
        first = false
      }
    }
    if case .done(true, _)? = step { return true }
    return false
  }

  /// Reads the one record of a document that is one object, then the end of the document.
  private func single() throws(InputError) -> ReadResult? {
    let step = try buffer.parseStep(from: &cursor, context: context, scratch: &scratch) {
      (parser: inout JSONParser) throws(JSONFailure) -> (RawValue, SourcePosition) in
      parser.skipWhitespace()
      let position = parser.position
      return (try parser.parseValue(depth: 0), position)
    }
    phase = .trailer
    switch step {
    case .done((let value, let position), let semantic):
      if let semantic { return reject(problem(semantic)) }
      guard case .object(let object) = value else { return nil }
      let record = RawRecord(
        location: RecordLocation(file: buffer.file, line: position.line, column: position.column),
        fields: object, index: index)
      index += 1
      return .record(record)
    case .failed(let issue):
      phase = .done
      return reject(problem(issue))
    }
  }

  /// Reads the wrapping object's members up to its first array value, and enters the array.
  private static func findArray(
    _ buffer: ByteBuffer, _ cursor: inout JSONCursor, _ context: JSONContext,
    _ scratch: inout [UInt8],
    _ structure: (String, Int, Int) -> InputError
  ) throws(InputError) -> String {
    var first = true
    while true {
      let step = try buffer.parseStep(from: &cursor, context: context, scratch: &scratch) {
        (parser: inout JSONParser) throws(JSONFailure) -> String? in
        var c = try parser.peek()
        if c == UInt8(ascii: "}") {
          throw parser.syntax("the top-level object holds no array of records")
        }
        if !first {
          guard c == UInt8(ascii: ",") else {
            throw parser.syntax("unexpected \(JSONParser.describe(c)); expected ',' or '}'")
          }
          parser.i += 1
          c = try parser.peek()
        }
        guard c == UInt8(ascii: "\"") else {
          throw parser.syntax("unexpected \(JSONParser.describe(c)); expected a string key")
        }
        let (key, _) = try parser.parseString()
        guard try parser.peek() == UInt8(ascii: ":") else {
          throw parser.syntax("expected ':' after key '\(key)'")
        }
        parser.i += 1
        if try parser.peek() == UInt8(ascii: "[") {
          parser.i += 1
          // A list of scalars means this object is not a wrapper (likely a lone record).
          let next = try parser.peek()
          guard next == UInt8(ascii: "{") || next == UInt8(ascii: "]") else {
            throw parser.syntax(
              "the top-level object's first array '\(key)' does not hold records; "
                + "give a list of records ([{...}]) or JSON Lines")
          }
          return key
        }
        _ = try parser.parseValue(depth: 1)
        return nil
      }
      switch step {
      case .done(let key?, _):
        return key
      case .done(nil, _):
        first = false
      case .failed(let issue):
        throw structure(issue.message, issue.line, issue.column)
      }
    }
  }

  /// The next record or rejected element, or `nil` at the end.
  public func next() throws(InputError) -> ReadResult? {
    while true {
      switch phase {
      case .done:
        return nil
      case .element(let first):
        return try nextElement(first: first)
      case .missingSeparator:
        let problem = problemHere(
          InputProblem.Code.jsonSyntax, "expected ',' or ']' after record \(index)")
        try recover()
        return reject(problem)
      case .unclosed:
        phase = .done
        return reject(
          problemHere(
            InputProblem.Code.jsonSyntax,
            "unexpected end of input; the records array is not closed"))
      case .single:
        if let result = try single() { return result }
      case .wrapperTail:
        if let result = try wrapperTail() { return result }
      case .trailer:
        if let result = try trailer() { return result }
      }
    }
  }

  private func reject(_ problem: InputProblem) -> ReadResult {
    index += 1
    return .rejected(problem)
  }

  private func problemHere(_ code: String, _ message: String) -> InputProblem {
    let column = cursor.offset - cursor.lineStart + 1
    return InputProblem(
      code: code, message: message,
      location: RecordLocation(file: buffer.file, line: cursor.line, column: column))
  }

  private func problem(_ issue: JSONIssue) -> InputProblem {
    InputProblem(
      code: issue.code, message: issue.message,
      location: RecordLocation(file: buffer.file, line: issue.line, column: issue.column))
  }

  private enum Separator {
    case comma
    case close
    case other
    case end
  }

  private enum ElementStep {
    case element(RawValue, SourcePosition, Separator)
    case closed
    case end
  }

  private func nextElement(first: Bool) throws(InputError) -> ReadResult? {
    let step = try buffer.parseStep(from: &cursor, context: context, scratch: &scratch) {
      (parser: inout JSONParser) throws(JSONFailure) -> ElementStep in
      parser.skipWhitespace()
      if parser.i >= parser.n {
        if !parser.atEOF { throw .needMore }
        return .end
      }
      if first && parser.p[parser.i] == UInt8(ascii: "]") {
        parser.i += 1
        return .closed
      }
      let position = parser.position
      let value = try parser.parseValue(depth: 0)
      parser.skipWhitespace()
      if parser.i >= parser.n {
        if !parser.atEOF { throw .needMore }
        return .element(value, position, .end)
      }
      switch parser.p[parser.i] {
      case UInt8(ascii: ","):
        parser.i += 1
        return .element(value, position, .comma)
      case UInt8(ascii: "]"):
        parser.i += 1
        return .element(value, position, .close)
      default:
        return .element(value, position, .other)
      }
    }
    switch step {
    case .done(.end, _):
      phase = .done
      return reject(
        problemHere(
          InputProblem.Code.jsonSyntax, "unexpected end of input; the records array is not closed"))
    case .done(.closed, _):
      phase = arrayKey == nil ? .trailer : .wrapperTail
      return try next()
    case .done(.element(let value, let position, let separator), let semantic):
      switch separator {
      case .comma: phase = .element(first: false)
      case .close: phase = arrayKey == nil ? .trailer : .wrapperTail
      case .other: phase = .missingSeparator
      case .end: phase = .unclosed
      }
      if let semantic { return reject(problem(semantic)) }
      let location = RecordLocation(
        file: buffer.file, line: position.line, column: position.column)
      guard case .object(let object) = value else {
        return reject(
          InputProblem(
            code: InputProblem.Code.notAnObject,
            message: "record \(index + 1) is \(Self.kindName(value)), not an object",
            location: location))
      }
      let record = RawRecord(location: location, fields: object, index: index)
      index += 1
      return .record(record)
    case .failed(let issue):
      try recover()
      return reject(problem(issue))
    }
  }

  /// Skips the broken element at the cursor and sets the phase to what follows it.
  private func recover() throws(InputError) {
    switch try buffer.skipElement(from: &cursor) {
    case .comma: phase = .element(first: false)
    case .close: phase = arrayKey == nil ? .trailer : .wrapperTail
    case .end: phase = .done
    }
  }

  private enum TailStep {
    case closed
    case member
    case secondArray(String, SourcePosition)
  }

  /// Reads the wrapping object's members after the array; a second array is reported.
  private func wrapperTail() throws(InputError) -> ReadResult? {
    let step = try buffer.parseStep(from: &cursor, context: context, scratch: &scratch) {
      (parser: inout JSONParser) throws(JSONFailure) -> TailStep in
      var c = try parser.peek()
      if c == UInt8(ascii: "}") {
        parser.i += 1
        return .closed
      }
      guard c == UInt8(ascii: ",") else {
        throw parser.syntax("unexpected \(JSONParser.describe(c)); expected ',' or '}'")
      }
      parser.i += 1
      c = try parser.peek()
      guard c == UInt8(ascii: "\"") else {
        throw parser.syntax("unexpected \(JSONParser.describe(c)); expected a string key")
      }
      let (key, _) = try parser.parseString()
      guard try parser.peek() == UInt8(ascii: ":") else {
        throw parser.syntax("expected ':' after key '\(key)'")
      }
      parser.i += 1
      _ = try parser.peek()
      let position = parser.position
      if case .list = try parser.parseValue(depth: 1) {
        return .secondArray(key, position)
      }
      return .member
    }
    switch step {
    case .done(.closed, _):
      phase = .trailer
      return nil
    case .done(.member, _):
      return nil
    case .done(.secondArray(let key, let position), _):
      return reject(
        InputProblem(
          code: InputProblem.Code.unexpectedContent,
          message:
            "the top-level object holds a second array '\(key)'; only '\(arrayKey ?? "")' is read",
          location: RecordLocation(
            file: buffer.file, line: position.line, column: position.column)))
    case .failed(let issue):
      phase = .done
      return reject(problem(issue))
    }
  }

  /// Checks that only whitespace follows the document.
  private func trailer() throws(InputError) -> ReadResult? {
    let step = try buffer.parseStep(from: &cursor, context: context, scratch: &scratch) {
      (parser: inout JSONParser) throws(JSONFailure) -> Bool in
      parser.skipWhitespace()
      if parser.i >= parser.n {
        if !parser.atEOF { throw .needMore }
        return false
      }
      return true
    }
    phase = .done
    if case .failed(let issue) = step { return reject(problem(issue)) }
    guard case .done(true, _) = step else { return nil }
    return reject(
      problemHere(
        InputProblem.Code.unexpectedContent, "unexpected content after the records array"))
  }

  static func kindName(_ value: RawValue) -> String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .list: "a list"
    case .object: "an object"
    }
  }
}
