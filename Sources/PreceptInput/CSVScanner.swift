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
  /// A quoted field opened on `quoteLine` is not closed before the end of the input.
  case unbalanced(quoteLine: Int, field: Int)
}

/// The byte-level RFC 4180 scanner: finds one record's field boundaries in place.
struct CSVScanner {
  private static let quote = UInt8(ascii: "\"")
  private static let cr = UInt8(ascii: "\r")
  private static let lf = UInt8(ascii: "\n")

  let delimiter: UInt8
  /// 256 flags: the bytes that end or interrupt an unquoted run (delimiter, CR, LF, NUL).
  private let special: [Bool]

  init(delimiter: UInt8) {
    self.delimiter = delimiter
    var table = [Bool](repeating: false, count: 256)
    for byte in [delimiter, Self.cr, Self.lf, 0] {
      table[Int(byte)] = true
    }
    self.special = table
  }

  /// Scans one record starting at buffer index `start` (on physical line `startLine`).
  ///
  /// Returns ``CSVScanOutcome/needMore`` whenever the answer could change with more input and
  /// `atEOF` is false; scanning is then repeated from `start` on a fuller buffer.
  func scan(
    _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, line startLine: Int, atEOF: Bool,
    into spans: inout [CSVFieldSpan]
  ) -> CSVScanOutcome {
    let quote = Self.quote
    let cr = Self.cr
    let lf = Self.lf
    let d = delimiter
    spans.removeAll(keepingCapacity: true)
    var i = start
    var line = startLine
    if i >= n { return atEOF ? .end : .needMore }
    if p[i] == lf { return .blank(next: i + 1, line: line + 1) }
    if p[i] == cr {
      if i + 1 < n { return .blank(next: p[i + 1] == lf ? i + 2 : i + 1, line: line + 1) }
      return atEOF ? .blank(next: i + 1, line: line + 1) : .needMore
    }
    return special.withUnsafeBufferPointer { special in
      while true {
        var span = CSVFieldSpan(start: i, end: i, line: line)
        if i < n && p[i] == quote {
          let openLine = line
          i += 1
          span.start = i
          while true {
            if i >= n {
              return atEOF ? .unbalanced(quoteLine: openLine, field: spans.count + 1) : .needMore
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
          while i < n {
            let c = p[i]
            if special[Int(c)] {
              if c == 0 {
                span.nul = true
              } else {
                break
              }
            }
            i += 1
          }
          if i >= n && !atEOF { return .needMore }
          span.end = i
        }
        spans.append(span)
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
}
