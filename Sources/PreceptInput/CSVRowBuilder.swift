#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns a scanned CSV row into record members, reusing its storage from row to row.
///
/// Values repeat a lot down a column (enums, booleans, dates, school ids), so each column keeps
/// its previous value's bytes and string: an equal cell reuses the string without decoding.
final class CSVRowBuilder {
  /// One step of the flattened header nesting, in pre-order.
  struct Step {
    var key: String
    /// The column of a leaf, or -1 for an object.
    var column: Int
    /// For an object: how many steps its subtree spans after it.
    var size: Int
    /// For an object: how many direct members it has.
    var members: Int
  }

  /// Why a row cannot become a record.
  struct Failure: Error {
    var code: String
    var column: Int
    var line: Int
    var reason: String
  }

  /// The most bytes of a cell remembered for reuse.
  private static let cacheSlot = 48

  let width: Int
  private let plan: [Step]
  private let topLevelMembers: Int
  private let keepEmpty: Bool
  private let values: UnsafeMutablePointer<String?>
  private let lines: UnsafeMutablePointer<Int>
  private let cachedBytes: UnsafeMutablePointer<UInt8>
  private let cachedCounts: UnsafeMutablePointer<Int>
  private let cachedStrings: UnsafeMutablePointer<String>
  private var scratch: [UInt8] = []

  init(header: CSVHeader, keepEmpty: Bool) {
    width = header.names.count
    var plan: [Step] = []
    Self.flatten(header.nodes, into: &plan)
    self.plan = plan
    self.topLevelMembers = header.nodes.count
    self.keepEmpty = keepEmpty
    values = .allocate(capacity: width)
    values.initialize(repeating: nil, count: width)
    lines = .allocate(capacity: width)
    lines.initialize(repeating: 0, count: width)
    cachedBytes = .allocate(capacity: width * Self.cacheSlot)
    cachedCounts = .allocate(capacity: width)
    cachedCounts.initialize(repeating: -1, count: width)
    cachedStrings = .allocate(capacity: width)
    cachedStrings.initialize(repeating: "", count: width)
  }

  deinit {
    values.deinitialize(count: width)
    values.deallocate()
    lines.deallocate()
    cachedBytes.deallocate()
    cachedCounts.deallocate()
    cachedStrings.deinitialize(count: width)
    cachedStrings.deallocate()
  }

  private static func flatten(_ nodes: [CSVHeader.Node], into plan: inout [Step]) {
    for node in nodes {
      let at = plan.count
      plan.append(Step(key: node.key, column: node.column, size: 0, members: 0))
      if node.column < 0 {
        flatten(node.children, into: &plan)
        plan[at].size = plan.count - at - 1
        plan[at].members = node.children.count
      }
    }
  }

  /// Builds a row's members from its field spans over `storage` (the row has `width` fields).
  func build(
    _ spans: UnsafeBufferPointer<CSVFieldSpan>, storage: UnsafePointer<UInt8>
  ) throws(Failure) -> [RawField] {
    for index in 0..<width {
      let span = spans[index]
      lines[index] = span.line
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
      let count = span.end - span.start
      if count == 0 {
        values[index] = nil
        continue
      }
      let start = storage + span.start
      if span.escaped {
        values[index] = unescaped(start, count: count)
      } else {
        values[index] = cached(index, start, count: count)
      }
      if values[index] == nil {
        throw Failure(
          code: InputProblem.Code.invalidUTF8, column: index + 1, line: span.line,
          reason: "is not valid UTF-8")
      }
    }
    return plan.withUnsafeBufferPointer { plan in
      build(plan, from: 0, to: plan.count, members: topLevelMembers)
    }
  }

  /// Checks a row's cells for the fast path: no NUL, nothing after a closing quote, valid
  /// UTF-8; undoes doubled quotes in place (shrinking the span).
  static func check(
    _ spans: UnsafeMutableBufferPointer<CSVFieldSpan>, storage: UnsafeMutablePointer<UInt8>
  ) throws(Failure) {
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
      if !UTF8Text.isValid(start, count: count) {
        throw Failure(
          code: InputProblem.Code.invalidUTF8, column: index + 1, line: span.line,
          reason: "is not valid UTF-8")
      }
    }
  }

  /// The string of a cell, reusing the column's previous one when the bytes are equal.
  @inline(__always)
  private func cached(_ column: Int, _ start: UnsafePointer<UInt8>, count: Int) -> String? {
    let slot = cachedBytes + column * Self.cacheSlot
    if cachedCounts[column] == count && memcmp(slot, start, count) == 0 {
      return cachedStrings[column]
    }
    guard let text = UTF8Text.string(start, count: count) else { return nil }
    if count <= Self.cacheSlot {
      slot.update(from: start, count: count)
      cachedCounts[column] = count
      cachedStrings[column] = text
    }
    return text
  }

  /// The content of a quoted field with its doubled quotes undone.
  private func unescaped(_ start: UnsafePointer<UInt8>, count: Int) -> String? {
    scratch.removeAll(keepingCapacity: true)
    var i = 0
    while i < count {
      let byte = start[i]
      scratch.append(byte)
      i += byte == UInt8(ascii: "\"") ? 2 : 1
    }
    return scratch.withUnsafeBufferPointer { UTF8Text.string($0.baseAddress!, count: $0.count) }
  }

  private func build(
    _ plan: UnsafeBufferPointer<Step>, from: Int, to end: Int, members: Int
  ) -> [RawField] {
    var fields: [RawField] = []
    fields.reserveCapacity(members)
    var i = from
    while i < end {
      let column = plan[i].column
      if column >= 0 {
        let position = SourcePosition(line: lines[column], column: column + 1)
        // Each column appears once in the plan: move its string out instead of copying it.
        let moved = (values + column).move()
        (values + column).initialize(to: nil)
        if let value = moved {
          fields.append(RawField(key: plan[i].key, value: .string(value), position: position))
        } else if keepEmpty {
          fields.append(RawField(key: plan[i].key, value: .null, position: position))
        }
        i += 1
      } else {
        let size = plan[i].size
        let inner = build(plan, from: i + 1, to: i + 1 + size, members: plan[i].members)
        if let first = inner.first {
          fields.append(
            RawField(key: plan[i].key, value: .object(RawObject(inner)), position: first.position))
        }
        i += 1 + size
      }
    }
    return fields
  }
}
