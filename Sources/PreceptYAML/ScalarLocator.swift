/// Builds a scalar's offset map by re-reading its source, checked against libyaml's value.
enum ScalarLocator {
  /// How far block-scalar indentation candidates are tried.
  static let maxIndentCandidates = 120

  /// - Parameters:
  ///   - bytes: The file.
  ///   - style: The scalar's style.
  ///   - start: Where the scalar's content starts (after any anchor and tag).
  ///   - end: libyaml's end mark, as a byte offset.
  ///   - value: libyaml's value.
  /// - Returns: The offset map and the end of the scalar's content.
  static func locate(
    _ bytes: [UInt8], style: YAMLScalar.Style, start: Int, end: Int, value: [UInt8]
  ) -> (offsets: ScalarOffsetMap, end: Int) {
    switch style {
    case .plain:
      var scanner = ScalarSourceScanner(bytes: bytes, start: start)
      scanner.scanPlain(end: min(end, bytes.count))
      if scanner.builder.value == value {
        return (scanner.builder.build(), max(start, end))
      }
    case .singleQuoted, .doubleQuoted:
      var scanner = ScalarSourceScanner(bytes: bytes, start: start)
      if scanner.scanQuoted(single: style == .singleQuoted), scanner.builder.value == value {
        return (scanner.builder.build(), scanner.index)
      }
    case .literal, .folded:
      var scanner = ScalarSourceScanner(bytes: bytes, start: start)
      if let header = scanner.scanBlockHeader() {
        for candidate in 0..<maxIndentCandidates {
          var attempt = ScalarSourceScanner(bytes: bytes, start: header.bodyStart)
          let contentEnd: Int
          if header.increment == 0 {
            contentEnd = attempt.scanBlockBody(
              header: header, fixedIndent: nil, minimumIndent: candidate + 1)
          } else {
            contentEnd = attempt.scanBlockBody(
              header: header, fixedIndent: header.increment + candidate, minimumIndent: 1)
          }
          if attempt.builder.value == value {
            var offsets = attempt.builder.build()
            if value.isEmpty { offsets.sourceEnd = header.indicatorsEnd }
            return (offsets, contentEnd)
          }
        }
      }
    }
    // Could not reproduce libyaml's processing: map everything to the start.
    let fallback = ScalarOffsetMap(
      runs: value.isEmpty ? [] : [.init(value: 0, source: start, identity: false)],
      valueCount: value.count, sourceEnd: start, isExact: false)
    return (fallback, max(start, end))
  }
}
