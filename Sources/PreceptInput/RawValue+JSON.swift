extension RawValue {
  /// Parses one complete JSON text, such as a list of objects written into a single CSV cell.
  ///
  /// Uses the same byte-level parser as the JSON readers, without Foundation. A duplicate key is
  /// kept (the later one wins when the value is typed), as `JSONSerialization` did.
  /// - Returns: the value, or `nil` when the text is not one JSON value (a syntax error, content
  ///   after the value, or nesting deeper than `maxDepth`).
  public static func parseJSON(_ text: String, maxDepth: Int = 64) -> RawValue? {
    var text = text
    return text.withUTF8 { bytes -> RawValue? in
      guard let start = bytes.baseAddress, bytes.count > 0 else { return nil }
      var parser = JSONParser(
        start, count: bytes.count, atEOF: true, base: 0, maxDepth: maxDepth, at: 0, line: 1,
        lineStart: 0)
      do throws(JSONFailure) {
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        return parser.i < bytes.count ? nil : value
      } catch {
        return nil
      }
    }
  }
}
