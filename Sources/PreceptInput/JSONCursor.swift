/// A position in a JSON input that survives buffer refills: absolute offsets and line state.
struct JSONCursor {
  /// The absolute offset of the next unread byte.
  var offset: Int
  /// The physical line at `offset`.
  var line: Int
  /// The absolute offset where that line starts.
  var lineStart: Int
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
  func parseStep<Value>(
    from cursor: inout JSONCursor, maxDepth: Int, endName: String = "input",
    scratch: inout [UInt8], keyCache: JSONKeyCache? = nil, valueCache: JSONKeyCache? = nil,
    _ body: (inout JSONParser) throws(JSONFailure) -> Value
  ) throws(InputError) -> JSONStep<Value> {
    while true {
      var parser = JSONParser(
        storage, count: count, atEOF: atEOF, base: base, maxDepth: maxDepth,
        at: cursor.offset - base, line: cursor.line, lineStart: cursor.lineStart)
      parser.endName = endName
      parser.keyCache = keyCache
      parser.valueCache = valueCache
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
        guard try fill(keeping: cursor.offset) else {
          preconditionFailure("the parser asked for more input at its end")
        }
      case .failure(.issue(let issue)):
        return .failed(issue)
      }
    }
  }
}
