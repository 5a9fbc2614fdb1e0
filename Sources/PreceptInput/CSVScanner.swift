/// One field of a CSV record, as byte indices into the reader's buffer.
struct CSVFieldSpan {
  /// The first content byte (after an opening quote).
  var start: Int
  /// One past the last content byte (before a closing quote).
  var end: Int
  /// The physical line where the field starts.
  var line: Int
  /// Whether the content holds doubled quotes to undo.
  var escaped = false
  /// Whether the content holds a NUL byte.
  var nul = false
  /// Whether text follows the closing quote before the delimiter.
  var textAfterQuote = false
}

/// What scanning from a record's start found.
enum CSVScanOutcome {
  /// A record: its fields are in the span list; `next` is the buffer index after its line break.
  case record(next: Int, line: Int)
  /// An empty line, skipped.
  case blank(next: Int, line: Int)
  /// The end of the input.
  case end
  /// The buffer ends before the record does: read more and scan again.
  case needMore
  /// A quoted field opened at buffer index `quote`, on `quoteLine`, is not closed before the end
  /// of the input (reading can resume on the line after the quote's).
  case unbalanced(quoteLine: Int, field: Int, quote: Int)
  /// A record without an open quote is larger than the record limit; `next` is where the
  /// scan stopped.
  case oversized(next: Int, line: Int)
}

/// Reusable storage for one record's field spans.
final class CSVSpanStore {
  fileprivate(set) var base: UnsafeMutablePointer<CSVFieldSpan>
  fileprivate(set) var capacity: Int
  /// The number of spans of the last record scanned.
  fileprivate(set) var count = 0

  init(capacity: Int = 64) {
    self.capacity = max(capacity, 1)
    self.base = .allocate(capacity: self.capacity)
  }

  deinit {
    base.deallocate()
  }

  /// The spans of the last record scanned, for in-place fixes.
  var mutableSpans: UnsafeMutableBufferPointer<CSVFieldSpan> {
    UnsafeMutableBufferPointer(start: base, count: count)
  }

  /// The spans of the last record scanned.
  var spans: UnsafeBufferPointer<CSVFieldSpan> {
    UnsafeBufferPointer(start: base, count: count)
  }
}

/// The byte-level RFC 4180 scanner: finds one record's field boundaries in place.
struct CSVScanner {
  private static let quote = UInt8(ascii: "\"")
  private static let cr = UInt8(ascii: "\r")
  private static let lf = UInt8(ascii: "\n")

  let delimiter: UInt8

  /// Scans one record starting at buffer index `start` (on physical line `startLine`).
  ///
  /// Returns ``CSVScanOutcome/needMore`` whenever the answer could change with more input and
  /// `atEOF` is false; scanning is then repeated from `start` on a fuller buffer.
  func scan(
    _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, line startLine: Int, atEOF: Bool,
    into store: CSVSpanStore
  ) -> CSVScanOutcome {
    let quote = Self.quote
    let cr = Self.cr
    let lf = Self.lf
    let d = delimiter
    var out = store.base
    var capacity = store.capacity
    var fields = 0
    defer {
      store.base = out
      store.capacity = capacity
      store.count = fields
    }
    var i = start
    var line = startLine
    if i >= n { return atEOF ? .end : .needMore }
    if p[i] == lf { return .blank(next: i + 1, line: line + 1) }
    if p[i] == cr {
      if i + 1 < n { return .blank(next: p[i + 1] == lf ? i + 2 : i + 1, line: line + 1) }
      return atEOF ? .blank(next: i + 1, line: line + 1) : .needMore
    }
    do {
      while true {
        var span = CSVFieldSpan(start: i, end: i, line: line)
        if i < n && p[i] == quote {
          let openLine = line
          let openIndex = i
          i += 1
          span.start = i
          while true {
            i = Self.skip(p, from: i, count: n, stop1: quote, stop2: cr, stop3: lf)
            if i >= n {
              if !atEOF { return .needMore }
              return .unbalanced(quoteLine: openLine, field: fields + 1, quote: openIndex)
            }
            let c = p[i]
            if c == quote {
              if i + 1 >= n && !atEOF { return .needMore }
              if i + 1 < n && p[i + 1] == quote {
                span.escaped = true
                i += 2
                continue
              }
              span.end = i
              i += 1
              break
            } else if c == lf {
              line += 1
            } else if c == cr {
              if i + 1 >= n && !atEOF { return .needMore }
              if i + 1 >= n || p[i + 1] != lf { line += 1 }
            } else if c == 0 {
              span.nul = true
            }
            i += 1
          }
          if i < n && p[i] != d && p[i] != cr && p[i] != lf {
            span.textAfterQuote = true
            while i < n && p[i] != d && p[i] != cr && p[i] != lf {
              i += 1
            }
          }
          if i >= n && !atEOF { return .needMore }
        } else {
          while true {
            i = Self.skip(p, from: i, count: n, stop1: d, stop2: cr, stop3: lf)
            while i < n {
              let c = p[i]
              if c == d || c == cr || c == lf || c == 0 { break }
              i += 1
            }
            guard i < n && p[i] == 0 else { break }
            span.nul = true
            i += 1
          }
          if i >= n && !atEOF { return .needMore }
          span.end = i
        }
        if fields == capacity {
          let grown = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: capacity * 2)
          grown.moveInitialize(from: out, count: fields)
          out.deallocate()
          out = grown
          capacity *= 2
        }
        (out + fields).initialize(to: span)
        fields += 1
        if i >= n { return .record(next: i, line: line) }
        let c = p[i]
        if c == d {
          i += 1
          continue
        }
        if c == lf { return .record(next: i + 1, line: line + 1) }
        if i + 1 < n { return .record(next: p[i + 1] == lf ? i + 2 : i + 1, line: line + 1) }
        if !atEOF { return .needMore }
        return .record(next: i + 1, line: line + 1)
      }
    }
  }

  /// The index of the first byte from `i` that may be `stop1`, `stop2`, `stop3` or NUL, eight
  /// bytes at a time (SWAR); stops early near the end, where the caller's byte loop takes over.
  @inline(__always)
  private static func skip(
    _ p: UnsafePointer<UInt8>, from start: Int, count n: Int, stop1: UInt8, stop2: UInt8,
    stop3: UInt8
  ) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let m1 = ones &* UInt64(stop1)
    let m2 = ones &* UInt64(stop2)
    let m3 = ones &* UInt64(stop3)
    let raw = UnsafeRawPointer(p)
    var i = start
    while i &+ 8 <= n {
      let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
      let x1 = w ^ m1
      let x2 = w ^ m2
      let x3 = w ^ m3
      let zero =
        ((x1 &- ones) & ~x1) | ((x2 &- ones) & ~x2) | ((x3 &- ones) & ~x3) | ((w &- ones) & ~w)
      let found = zero & highs
      if found != 0 {
        return i &+ found.trailingZeroBitCount >> 3
      }
      i &+= 8
    }
    return i
  }
}
