/// A position in a JSON input that survives buffer refills: absolute offsets and line state.
struct JSONCursor {
  /// The absolute offset of the next unread byte.
  var offset: Int
  /// The physical line at `offset`.
  var line: Int
  /// The absolute offset where that line starts.
  var lineStart: Int
}

/// What parsing steps share: limits and caches.
struct JSONContext {
  var maxDepth: Int
  /// The most bytes one step may span before it is abandoned as too large.
  var limit: Int
  var keyCache: JSONKeyCache?
  var valueCache: JSONKeyCache?

  init(options: ReaderOptions, caches: Bool) {
    // The parser recurses once per level: cap the depth so the stack cannot overflow.
    maxDepth = min(max(options.maxDepth, 1), 1_000)
    limit = max(options.maxRecordBytes, 1)
    keyCache = caches ? JSONKeyCache() : nil
    valueCache = caches ? JSONKeyCache() : nil
  }
}

/// How a size limit is named in messages: `64 MiB`, or `100 bytes`.
func describeSize(_ bytes: Int) -> String {
  bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
}

/// The outcome of one parsing step over a ``ByteBuffer``.
enum JSONStep<Value> {
  /// The step succeeded; `semantic` is a problem that left the parse in step.
  case done(Value, semantic: JSONIssue?)
  /// The step failed with a syntax error (or a nesting too deep).
  case failed(JSONIssue)
}

extension ByteBuffer {
  /// Runs a parsing step from `cursor`, reading more input and starting over whenever the step
  /// runs out of bytes before the end of the input. On success the cursor moves past the step.
  /// A step spanning more than the context's limit fails as too large.
  func parseStep<Value>(
    from cursor: inout JSONCursor, context: JSONContext, scratch: inout [UInt8],
    _ body: (inout JSONParser) throws(JSONFailure) -> Value
  ) throws(InputError) -> JSONStep<Value> {
    while true {
      var parser = JSONParser(
        storage, count: count, atEOF: atEOF, base: base, maxDepth: context.maxDepth,
        at: cursor.offset - base, line: cursor.line, lineStart: cursor.lineStart)
      parser.keyCache = context.keyCache
      parser.valueCache = context.valueCache
      swap(&parser.scratch, &scratch)
      let result: Result<Value, JSONFailure>
      do throws(JSONFailure) {
        result = .success(try body(&parser))
      } catch {
        result = .failure(error)
      }
      swap(&parser.scratch, &scratch)
      switch result {
      case .success(let value):
        cursor = JSONCursor(
          offset: base + parser.i, line: parser.line, lineStart: parser.lineStart)
        return .done(value, semantic: parser.semantic)
      case .failure(.needMore):
        if count - (cursor.offset - base) >= context.limit {
          // Report where the record starts, after any whitespace.
          var start = JSONParser(
            storage, count: count, atEOF: atEOF, base: base, maxDepth: 0,
            at: cursor.offset - base, line: cursor.line, lineStart: cursor.lineStart)
          start.skipWhitespace()
          return .failed(
            JSONIssue(
              code: InputProblem.Code.recordTooLarge,
              message: "record is larger than the \(describeSize(context.limit)) limit",
              line: start.line, column: start.column))
        }
        let pending = count - (cursor.offset - base)
        guard try fill(keeping: cursor.offset, atLeast: min(pending, context.limit)) else {
          preconditionFailure("the parser asked for more input at its end")
        }
      case .failure(.issue(let issue)):
        return .failed(issue)
      }
    }
  }
}

extension ByteBuffer {
  /// Skips a broken array element from `cursor` as it streams (nothing is kept, so memory stays
  /// bounded), leaving the cursor after the `,` or `]` that ends it.
  func skipElement(from cursor: inout JSONCursor) throws(InputError) -> JSONSkipOutcome {
    var state = JSONSkipState()
    while true {
      var parser = JSONParser(
        storage, count: count, atEOF: atEOF, base: base, maxDepth: 0,
        at: cursor.offset - base, line: cursor.line, lineStart: cursor.lineStart)
      let outcome = parser.skipElement(&state)
      cursor = JSONCursor(offset: base + parser.i, line: parser.line, lineStart: parser.lineStart)
      if let outcome { return outcome }
      guard try fill(keeping: cursor.offset) else {
        preconditionFailure("skipping asked for more input at its end")
      }
    }
  }
}
