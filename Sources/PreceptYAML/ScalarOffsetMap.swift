/// Where each byte of a scalar's processed value came from in the file.
///
/// A sorted list of runs. In an identity run the value bytes are a verbatim copy of the file
/// bytes from `source` on; in a mapped run (an escape sequence, a folded line break) every value
/// byte maps to `source`.
struct ScalarOffsetMap: Sendable, Hashable {
  struct Run: Sendable, Hashable {
    var value: Int
    var source: Int
    var identity: Bool
  }

  var runs: [Run]
  /// The value's length in bytes.
  var valueCount: Int
  /// The file offset just after the last character that produced value bytes (or the start of
  /// the content, for an empty value).
  var sourceEnd: Int
  /// False when the map is an approximation.
  var isExact: Bool

  /// A value copied verbatim from the file.
  static func verbatim(at start: Int, count: Int, exact: Bool = true) -> ScalarOffsetMap {
    ScalarOffsetMap(
      runs: count == 0 ? [] : [Run(value: 0, source: start, identity: true)], valueCount: count,
      sourceEnd: start + count, isExact: exact)
  }

  func sourceOffset(forValueOffset offset: Int) -> Int {
    if offset >= valueCount || runs.isEmpty {
      return sourceEnd
    }
    let offset = max(0, offset)
    var low = 0
    var high = runs.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if runs[mid].value <= offset {
        low = mid
      } else {
        high = mid - 1
      }
    }
    let run = runs[low]
    return run.identity ? run.source + (offset - run.value) : run.source
  }
}

/// Accumulates a scalar's value bytes together with their offset runs.
struct ScalarOffsetMapBuilder {
  var value: [UInt8] = []
  var runs: [ScalarOffsetMap.Run] = []
  var sourceEnd: Int

  init(start: Int) {
    self.sourceEnd = start
  }

  /// Appends file bytes verbatim.
  mutating func copy(_ bytes: ArraySlice<UInt8>, from source: Int) {
    guard !bytes.isEmpty else { return }
    if let last = runs.last, last.identity, last.source + (value.count - last.value) == source {
      // Continues the previous run.
    } else {
      runs.append(.init(value: value.count, source: source, identity: true))
    }
    value.append(contentsOf: bytes)
    sourceEnd = source + bytes.count
  }

  /// Appends bytes produced by the characters at `source..<sourceEnd` (an escape, a break).
  mutating func emit(_ bytes: [UInt8], at source: Int, sourceEnd end: Int) {
    guard !bytes.isEmpty else { return }
    runs.append(.init(value: value.count, source: source, identity: false))
    value.append(contentsOf: bytes)
    sourceEnd = end
  }

  func build() -> ScalarOffsetMap {
    ScalarOffsetMap(runs: runs, valueCount: value.count, sourceEnd: sourceEnd, isExact: true)
  }
}
