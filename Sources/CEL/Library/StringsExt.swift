/// The strings extension library: `charAt`, `indexOf`, `lastIndexOf`, `lowerAscii`,
/// `upperAscii`, `replace`, `split`, `substring`, `trim`, `join`, `strings.quote`, `reverse`,
/// `format`. Indices count Unicode code points.
enum StringsExt {
  static func outOfRange(_ i: Int64) -> Value {
    .error(.indexOutOfBounds, "index out of range: \(i)")
  }

  static func charAt(_ s: [Unicode.Scalar], _ i: Int64) -> Value {
    guard i >= 0 && i <= Int64(s.count) else { return outOfRange(i) }
    if i == Int64(s.count) { return .string("") }
    return .string(String(s[Int(i)]))
  }

  /// The first index at or after `from` where `t` occurs in `s`. Knuth–Morris–Pratt, so that
  /// the time is linear in both lengths whatever the text (a naive search over a long export
  /// field of repeated characters is quadratic).
  static func find(_ s: [Unicode.Scalar], _ t: [Unicode.Scalar], from: Int) -> Int? {
    if t.isEmpty { return from }
    guard t.count <= s.count - from else { return nil }
    if t.count == 1 {
      return s[from...].firstIndex(of: t[0])
    }
    // failure[k]: the length of the longest proper border of t[0...k].
    var failure = [Int](repeating: 0, count: t.count)
    var k = 0
    for q in 1..<t.count {
      while k > 0 && t[q] != t[k] { k = failure[k - 1] }
      if t[q] == t[k] { k += 1 }
      failure[q] = k
    }
    var matched = 0
    for i in from..<s.count {
      while matched > 0 && s[i] != t[matched] { matched = failure[matched - 1] }
      if s[i] == t[matched] { matched += 1 }
      if matched == t.count { return i - t.count + 1 }
    }
    return nil
  }

  static func indexOf(_ s: [Unicode.Scalar], _ t: [Unicode.Scalar], _ from: Int64) -> Value {
    guard from >= 0 && from <= Int64(s.count) else { return outOfRange(from) }
    return .int(Int64(find(s, t, from: Int(from)) ?? -1))
  }

  static func lastIndexOf(_ s: [Unicode.Scalar], _ t: [Unicode.Scalar], _ from: Int64) -> Value {
    guard from >= 0 && from <= Int64(s.count) else { return outOfRange(from) }
    if t.isEmpty { return .int(from) }
    // The last occurrence starting at or before `from` is the first one in the reversed text.
    let end = min(Int(from) + t.count, s.count)
    let reversed = Array(s[..<end].reversed())
    guard let j = find(reversed, Array(t.reversed()), from: 0) else { return .int(-1) }
    return .int(Int64(end - j - t.count))
  }

  /// The largest string `replace` and `join` build, in bytes (64 MiB): a chain of
  /// definitions each replacing a string with itself would otherwise square its length.
  static let maxResultBytes = 64 << 20

  static let resultTooLarge = Value.error(
    .costLimitExceeded, "string result larger than \(maxResultBytes >> 20) MiB")

  /// `s` with `old` replaced by `new` (at most `n` times, all when negative), or `nil` when
  /// the result would be larger than ``maxResultBytes``.
  static func replace(_ s: [Unicode.Scalar], _ old: [Unicode.Scalar], _ new: String, _ n: Int64)
    -> String?
  {
    var out = String.UnicodeScalarView()
    var count: Int64 = 0
    var i = 0
    let newScalars = new.unicodeScalars.count
    // Scalars are at most 4 bytes: bound the result's scalars, conservatively.
    var budget = maxResultBytes / 4 - s.count
    while i <= s.count {
      if n >= 0 && count >= n { break }
      guard let j = find(s, old, from: i) else { break }
      budget -= newScalars
      if budget < 0 { return nil }
      out.append(contentsOf: s[i..<j])
      out.append(contentsOf: new.unicodeScalars)
      count += 1
      if old.isEmpty {
        if j < s.count { out.append(s[j]) }
        i = j + 1
      } else {
        i = j + old.count
      }
    }
    if i < s.count { out.append(contentsOf: s[i...]) }
    return String(out)
  }

  static func split(_ s: [Unicode.Scalar], _ sep: [Unicode.Scalar], _ n: Int64) -> Value {
    if n == 0 { return .list([]) }
    var parts: [Value] = []
    if sep.isEmpty {
      for (k, c) in s.enumerated() {
        if n > 0 && Int64(parts.count) == n - 1 {
          parts.append(.string(String(String.UnicodeScalarView(s[k...]))))
          return .list(parts)
        }
        parts.append(.string(String(c)))
      }
      return .list(parts)
    }
    var i = 0
    while n < 0 || Int64(parts.count) < n - 1, let j = find(s, sep, from: i) {
      parts.append(.string(String(String.UnicodeScalarView(s[i..<j]))))
      i = j + sep.count
    }
    parts.append(.string(String(String.UnicodeScalarView(s[i...]))))
    return .list(parts)
  }

  static func substring(_ s: [Unicode.Scalar], _ start: Int64, _ end: Int64) -> Value {
    guard start >= 0 && start <= Int64(s.count) else { return outOfRange(start) }
    guard end >= 0 && end <= Int64(s.count) else { return outOfRange(end) }
    guard start <= end else {
      return .error(.invalidArgument, "invalid substring range. start: \(start), end: \(end)")
    }
    return .string(String(String.UnicodeScalarView(s[Int(start)..<Int(end)])))
  }

  /// `substring` of ASCII text with a valid range, from its bytes (one scalar per byte), or
  /// `nil` to take the general path (non-ASCII text, or a range that is an error).
  static func asciiSubstring(_ s: String, _ start: Int64, _ end: Int64?) -> Value? {
    let result = s.utf8.withContiguousStorageIfAvailable { bytes -> Value? in
      let count = Int64(bytes.count)
      let end = end ?? count
      guard start >= 0, start <= end, end <= count else { return nil }
      for b in bytes where b >= 0x80 { return nil }
      let slice = UnsafeBufferPointer(rebasing: bytes[Int(start)..<Int(end)])
      return .string(String(decoding: slice, as: UTF8.self))
    }
    return result ?? nil
  }

  static func trim(_ s: String) -> String {
    let v = Array(s.unicodeScalars)
    var lo = 0
    var hi = v.count
    while lo < hi && v[lo].properties.isWhitespace { lo += 1 }
    while hi > lo && v[hi - 1].properties.isWhitespace { hi -= 1 }
    return String(String.UnicodeScalarView(v[lo..<hi]))
  }

  static func mapASCII(_ s: String, upper: Bool) -> String {
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
      if upper && u.value >= 97 && u.value <= 122 {
        out.append(Unicode.Scalar(u.value - 32)!)
      } else if !upper && u.value >= 65 && u.value <= 90 {
        out.append(Unicode.Scalar(u.value + 32)!)
      } else {
        out.append(u)
      }
    }
    return String(out)
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\u{07}": out += "\\a"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{0B}": out += "\\v"
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }

  static func join(_ l: [Value], _ sep: String) -> Value {
    var parts: [String] = []
    parts.reserveCapacity(l.count)
    var bytes = sep.utf8.count * max(l.count - 1, 0)
    for e in l {
      guard case .string(let s) = e else { return Value.noOverload("join", [.list(l)]) }
      parts.append(s)
      bytes += s.utf8.count
    }
    if bytes > maxResultBytes { return resultTooLarge }
    return .string(parts.joined(separator: sep))
  }
}

let stringExtFunctions: [FunctionDecl] = {
  typealias S = [Unicode.Scalar]
  @Sendable func scalars(_ v: Value) -> S? {
    if case .string(let s) = v { return Array(s.unicodeScalars) }
    return nil
  }
  @Sendable func int(_ v: Value) -> Int64? {
    if case .int(let i) = v { return i }
    return nil
  }
  @Sendable func str(_ v: Value) -> String? {
    if case .string(let s) = v { return s }
    return nil
  }
  return [
    function(
      "charAt",
      Overload("string_char_at_int", member: true, [.string, .int], .string) {
        guard let s = scalars($0[0]), let i = int($0[1]) else {
          return Value.noOverload("charAt", $0)
        }
        return StringsExt.charAt(s, i)
      }),
    function(
      "indexOf",
      Overload("string_index_of_string", member: true, [.string, .string], .int) {
        guard let s = scalars($0[0]), let t = scalars($0[1]) else {
          return Value.noOverload("indexOf", $0)
        }
        return StringsExt.indexOf(s, t, 0)
      },
      Overload("string_index_of_string_int", member: true, [.string, .string, .int], .int) {
        guard let s = scalars($0[0]), let t = scalars($0[1]), let i = int($0[2]) else {
          return Value.noOverload("indexOf", $0)
        }
        return StringsExt.indexOf(s, t, i)
      }),
    function(
      "lastIndexOf",
      Overload("string_last_index_of_string", member: true, [.string, .string], .int) {
        guard let s = scalars($0[0]), let t = scalars($0[1]) else {
          return Value.noOverload("lastIndexOf", $0)
        }
        return StringsExt.lastIndexOf(s, t, Int64(s.count))
      },
      Overload(
        "string_last_index_of_string_int", member: true, [.string, .string, .int], .int
      ) {
        guard let s = scalars($0[0]), let t = scalars($0[1]), let i = int($0[2]) else {
          return Value.noOverload("lastIndexOf", $0)
        }
        return StringsExt.lastIndexOf(s, t, i)
      }),
    function(
      "lowerAscii",
      Overload("string_lower_ascii", member: true, [.string], .string) {
        guard let s = str($0[0]) else { return Value.noOverload("lowerAscii", $0) }
        return .string(StringsExt.mapASCII(s, upper: false))
      }),
    function(
      "upperAscii",
      Overload("string_upper_ascii", member: true, [.string], .string) {
        guard let s = str($0[0]) else { return Value.noOverload("upperAscii", $0) }
        return .string(StringsExt.mapASCII(s, upper: true))
      }),
    function(
      "replace",
      Overload("string_replace_string_string", member: true, [.string, .string, .string], .string) {
        guard let s = scalars($0[0]), let o = scalars($0[1]), let n = str($0[2]) else {
          return Value.noOverload("replace", $0)
        }
        return StringsExt.replace(s, o, n, -1).map(Value.string) ?? StringsExt.resultTooLarge
      },
      Overload(
        "string_replace_string_string_int", member: true, [.string, .string, .string, .int],
        .string
      ) {
        guard let s = scalars($0[0]), let o = scalars($0[1]), let n = str($0[2]),
          let k = int($0[3])
        else { return Value.noOverload("replace", $0) }
        return StringsExt.replace(s, o, n, k).map(Value.string) ?? StringsExt.resultTooLarge
      }),
    function(
      "split",
      Overload("string_split_string", member: true, [.string, .string], .list(.string)) {
        guard let s = scalars($0[0]), let t = scalars($0[1]) else {
          return Value.noOverload("split", $0)
        }
        return StringsExt.split(s, t, -1)
      },
      Overload("string_split_string_int", member: true, [.string, .string, .int], .list(.string)) {
        guard let s = scalars($0[0]), let t = scalars($0[1]), let n = int($0[2]) else {
          return Value.noOverload("split", $0)
        }
        return StringsExt.split(s, t, n)
      }),
    function(
      "substring",
      Overload("string_substring_int", member: true, [.string, .int], .string) {
        if case .string(let text) = $0[0], let a = int($0[1]),
          let fast = StringsExt.asciiSubstring(text, a, nil)
        {
          return fast
        }
        guard let s = scalars($0[0]), let a = int($0[1]) else {
          return Value.noOverload("substring", $0)
        }
        return StringsExt.substring(s, a, Int64(s.count))
      },
      Overload("string_substring_int_int", member: true, [.string, .int, .int], .string) {
        if case .string(let text) = $0[0], let a = int($0[1]), let b = int($0[2]),
          let fast = StringsExt.asciiSubstring(text, a, b)
        {
          return fast
        }
        guard let s = scalars($0[0]), let a = int($0[1]), let b = int($0[2]) else {
          return Value.noOverload("substring", $0)
        }
        return StringsExt.substring(s, a, b)
      }),
    function(
      "trim",
      Overload("string_trim", member: true, [.string], .string) {
        guard let s = str($0[0]) else { return Value.noOverload("trim", $0) }
        return .string(StringsExt.trim(s))
      }),
    function(
      "join",
      Overload("list_join", member: true, [.list(.string)], .string) {
        guard case .list(let l) = $0[0] else { return Value.noOverload("join", $0) }
        return StringsExt.join(l, "")
      },
      Overload("list_join_string", member: true, [.list(.string), .string], .string) {
        guard case .list(let l) = $0[0], let sep = str($0[1]) else {
          return Value.noOverload("join", $0)
        }
        return StringsExt.join(l, sep)
      }),
    function(
      "strings.quote",
      Overload("strings_quote", [.string], .string) {
        guard let s = str($0[0]) else { return Value.noOverload("strings.quote", $0) }
        return .string(StringsExt.quote(s))
      }),
    function(
      "reverse",
      Overload("string_reverse", member: true, [.string], .string) {
        guard let s = str($0[0]) else { return Value.noOverload("reverse", $0) }
        return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
      },
      Overload("list_reverse", member: true, [.list(typeA)], .list(typeA)) {
        guard case .list(let l) = $0[0] else { return Value.noOverload("reverse", $0) }
        return .list(l.reversed())
      }),
    function(
      "format",
      Overload("string_format", member: true, [.string, .list(.dyn)], .string) {
        guard let s = str($0[0]), case .list(let l) = $0[1] else {
          return Value.noOverload("format", $0)
        }
        return StringFormat.format(s, l)
      }),
  ]
}()
