import PreceptEngine

/// Writes a ``Finding`` as pretty-printed JSON with sorted keys, byte for byte as Foundation's
/// `JSONEncoder` (`.sortedKeys`, `.prettyPrinted`, `.withoutEscapingSlashes`) writes it, but
/// without building an intermediate tree: the JSON report of a large export is mostly findings.
struct JSONFindingWriter: ~Copyable {
  /// The bytes written so far, in memory the writer owns and frees (a finding is about 4 KB
  /// written in some 300 pieces; an array's checks on each append cost more than the copying).
  private var start: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int

  init() {
    capacity = 4096
    start = .allocate(capacity: capacity)
  }

  deinit { start.deallocate() }

  /// What was written.
  var text: String {
    String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
  }

  private mutating func reserve(_ n: Int) {
    guard count + n > capacity else { return }
    let bigger = max(capacity * 2, count + n)
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
    moved.update(from: start, count: count)
    start.deallocate()
    start = moved
    capacity = bigger
  }

  fileprivate mutating func append(_ byte: UInt8) {
    reserve(1)
    start[count] = byte
    count += 1
  }

  fileprivate mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    reserve(bytes.count)
    (start + count).update(from: base, count: bytes.count)
    count += bytes.count
  }

  /// Appends text known when the program was built (punctuation, keys).
  @inline(__always)
  fileprivate mutating func literal(_ s: StaticString) {
    append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
  }

  fileprivate mutating func append(_ s: String) {
    if s.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
      var s = s
      s.withUTF8 { append($0) }
    }
  }

  /// Writes `finding` as an object whose opening line is indented `indent` levels.
  mutating func write(_ f: Finding, indent level: Int) {
    var o = ObjectWriter(level: level)
    indentation(level)
    literal("{")
    o.key("cite", &self)
    stringArray(f.cite, level: level + 2)
    if let e = f.explanation {
      o.key("explanation", &self)
      explanation(e, level: level + 1)
    }
    if let fix = f.fix { o.string("fix", fix, &self) }
    if let group = f.group { o.string("group", group, &self) }
    o.string("kind", f.kind.rawValue, &self)
    if let l = f.location {
      o.key("location", &self)
      var inner = ObjectWriter(level: level + 1)
      literal("{")
      inner.raw("column", String(l.column), &self)
      inner.string("file", l.file, &self)
      inner.raw("line", String(l.line), &self)
      if let row = l.row { inner.raw("row", String(row), &self) }
      inner.close(&self)
    }
    o.string("message", f.message, &self)
    if let quote = f.quote { o.string("quote", quote, &self) }
    if let record = f.record {
      o.string("record", record, &self)
    } else {
      o.raw("record", "null", &self)
    }
    o.string("rule", f.rule, &self)
    o.string("severity", f.severity.rawValue, &self)
    if let title = f.title { o.string("title", title, &self) }
    if let w = f.waiver {
      o.key("waiver", &self)
      var inner = ObjectWriter(level: level + 1)
      literal("{")
      inner.string("approver", w.approver, &self)
      inner.string("expires", w.expires, &self)
      inner.string("reason", w.reason, &self)
      inner.close(&self)
    }
    o.close(&self)
  }

  private mutating func explanation(_ e: Explanation, level: Int) {
    var o = ObjectWriter(level: level)
    literal("{")
    o.string("condition", e.condition, &self)
    o.key("definitions", &self)
    array(e.definitions, level: level + 2) { w, d, l in
      var inner = ObjectWriter(level: l)
      w.literal("{")
      inner.string("expr", d.expr, &w)
      inner.string("name", d.name, &w)
      inner.string("value", d.value, &w)
      inner.key("values", &w)
      w.terms(d.values, level: l + 2)
      inner.close(&w)
    }
    if let missing = e.missing { o.string("missing", missing, &self) }
    o.key("params", &self)
    array(e.params, level: level + 2) { w, p, l in
      var inner = ObjectWriter(level: l)
      w.literal("{")
      inner.string("name", p.name, &w)
      inner.string("origin", p.origin, &w)
      inner.string("value", p.value, &w)
      inner.close(&w)
    }
    o.key("values", &self)
    terms(e.values, level: level + 2)
    if let when = e.when { o.string("when", when, &self) }
    o.close(&self)
  }

  private mutating func terms(_ terms: [Explanation.Term], level: Int) {
    array(terms, level: level) { w, t, l in
      var inner = ObjectWriter(level: l)
      w.literal("{")
      inner.string("expr", t.expr, &w)
      if let personal = t.personal { inner.raw("personal", personal ? "true" : "false", &w) }
      inner.string("value", t.value, &w)
      inner.close(&w)
    }
  }

  private mutating func stringArray(_ items: [String], level: Int) {
    array(items, level: level) { w, s, _ in w.quoted(s) }
  }

  /// An array whose elements are indented `level` levels; empty arrays are `[`, a blank line
  /// and `]`, as `JSONEncoder` writes them.
  private mutating func array<T>(
    _ items: [T], level: Int, _ element: (inout JSONFindingWriter, T, Int) -> Void
  ) {
    literal("[\n")
    for (i, item) in items.enumerated() {
      if i > 0 { literal(",\n") }
      indentation(level)
      element(&self, item, level)
    }
    literal("\n")
    indentation(level - 1)
    literal("]")
  }

  fileprivate mutating func indentation(_ level: Int) {
    let n = level * 2
    reserve(n)
    (start + count).initialize(repeating: 0x20, count: n)
    count += n
  }

  /// A JSON string literal, escaped as `JSONEncoder` escapes: `"` and `\`, the named control
  /// characters, other control characters as `\u00xx`; nothing else (not `/`, not non-ASCII).
  fileprivate mutating func quoted(_ s: String) {
    append(0x22)
    var s = s
    s.withUTF8 { text in
      // Runs of bytes that need no escape are copied whole.
      var run = 0
      var i = 0
      while i < text.count {
        // Eight bytes at a time while none of them needs an escape.
        if i + 8 <= text.count,
          !Self.needsEscape(UnsafeRawPointer(text.baseAddress! + i).loadUnaligned(as: UInt64.self))
        {
          i += 8
          continue
        }
        let byte = text[i]
        i += 1
        guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
        append(UnsafeBufferPointer(rebasing: text[run..<(i - 1)]))
        run = i
        append(0x5C)
        switch byte {
        case 0x22: append(0x22)
        case 0x5C: append(0x5C)
        case 0x08: append(UInt8(ascii: "b"))
        case 0x09: append(UInt8(ascii: "t"))
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0C: append(UInt8(ascii: "f"))
        case 0x0D: append(UInt8(ascii: "r"))
        default:
          append(UInt8(ascii: "u"))
          append(0x30)
          append(0x30)
          append(Self.hex[Int(byte >> 4)])
          append(Self.hex[Int(byte & 0xF)])
        }
      }
      append(UnsafeBufferPointer(rebasing: text[run...]))
    }
    append(0x22)
  }

  /// Whether any of the eight bytes in `w` is a control character, `"` or `\\` (the usual
  /// test for a zero byte, applied to `w - 0x20` bytewise and to `w` xor each quote).
  private static func needsEscape(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
    let below20 = (w &- ones &* 0x20) & ~w & highs != 0
    return below20 || hasZero(w ^ (ones &* 0x22)) || hasZero(w ^ (ones &* 0x5C))
  }

  private static let hex = Array("0123456789abcdef".utf8)

}

/// Keys of one JSON object, each on its own line: `"key" : value`, separated by commas.
private struct ObjectWriter {
  let level: Int
  var first = true

  mutating func key(_ name: StaticString, _ w: inout JSONFindingWriter) {
    if first {
      w.literal("\n")
    } else {
      w.literal(",\n")
    }
    first = false
    w.indentation(level + 1)
    w.append(0x22 as UInt8)
    w.literal(name)
    w.literal("\" : ")
  }

  mutating func string(_ name: StaticString, _ value: String, _ w: inout JSONFindingWriter) {
    key(name, &w)
    w.quoted(value)
  }

  mutating func raw(_ name: StaticString, _ value: String, _ w: inout JSONFindingWriter) {
    key(name, &w)
    w.append(value)
  }

  func close(_ w: inout JSONFindingWriter) {
    w.literal("\n")
    w.indentation(level)
    w.literal("}")
  }
}
