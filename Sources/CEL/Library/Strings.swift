import Foundation

/// `size` and the core string functions: `contains`, `startsWith`, `endsWith`, `matches`.
enum Strings {
  static func size(_ v: Value) -> Value {
    switch v {
    case .string(let s): return .int(Int64(s.unicodeScalars.count))
    case .bytes(let b): return .int(Int64(b.count))
    case .list(let l): return .int(Int64(l.count))
    case .map(let m): return .int(Int64(m.count))
    case .error: return v
    default: return Value.noOverload("size", [v])
    }
  }

  /// Substring search on UTF-8 bytes (for valid UTF-8, a byte match is a code-point match).
  static func contains(_ s: String, _ t: String) -> Bool {
    if t.isEmpty { return true }
    var s = s
    var t = t
    return s.withUTF8 { sb in t.withUTF8 { tb in firstIndex(of: tb, in: sb) != nil } }
  }

  static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>)
    -> Int?
  {
    let n = needle.count
    guard n > 0 else { return 0 }
    guard n <= hay.count else { return nil }
    // A long needle could make the direct search quadratic (a field of repeated characters):
    // Knuth–Morris–Pratt keeps it linear.
    if n > 32 { return linearFirstIndex(of: needle, in: hay) }
    let first = needle[0]
    var i = 0
    let last = hay.count - n
    while i <= last {
      if hay[i] == first {
        var j = 1
        while j < n && hay[i + j] == needle[j] { j += 1 }
        if j == n { return i }
      }
      i += 1
    }
    return nil
  }

  /// Knuth–Morris–Pratt search: linear in both lengths.
  static func linearFirstIndex(
    of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>
  ) -> Int? {
    let n = needle.count
    var failure = [Int](repeating: 0, count: n)
    var k = 0
    for q in 1..<n {
      while k > 0 && needle[q] != needle[k] { k = failure[k - 1] }
      if needle[q] == needle[k] { k += 1 }
      failure[q] = k
    }
    var matched = 0
    for i in 0..<hay.count {
      while matched > 0 && hay[i] != needle[matched] { matched = failure[matched - 1] }
      if hay[i] == needle[matched] { matched += 1 }
      if matched == n { return i - n + 1 }
    }
    return nil
  }

  static func startsWith(_ s: String, _ t: String) -> Bool {
    s.utf8.starts(with: t.utf8)
  }

  static func endsWith(_ s: String, _ t: String) -> Bool {
    let n = t.utf8.count
    return s.utf8.count >= n && s.utf8.suffix(n).elementsEqual(t.utf8)
  }
}

let stringFunctions: [FunctionDecl] = {
  func strings(
    _ name: String, _ id: String, _ f: @escaping @Sendable (String, String) -> Value
  ) -> FunctionDecl {
    let impl: @Sendable (Arguments) -> Value = { args in
      guard case .string(let a) = args[0], case .string(let b) = args[1] else {
        return Value.noOverload(name, args)
      }
      return f(a, b)
    }
    return function(
      name, Overload(id, member: true, [.string, .string], .bool, impl),
      Overload(id + "_global", [.string, .string], .bool, impl))
  }
  let size: @Sendable (Arguments) -> Value = { Strings.size($0[0]) }
  return [
    function(
      "size",
      Overload("size_string", [.string], .int, size),
      Overload("size_bytes", [.bytes], .int, size),
      Overload("size_list", [.list(typeA)], .int, size),
      Overload("size_map", [.map(key: typeA, value: typeB)], .int, size),
      Overload("string_size", member: true, [.string], .int, size),
      Overload("bytes_size", member: true, [.bytes], .int, size),
      Overload("list_size", member: true, [.list(typeA)], .int, size),
      Overload("map_size", member: true, [.map(key: typeA, value: typeB)], .int, size)),
    strings("contains", "contains_string") { .bool(Strings.contains($0, $1)) },
    strings("startsWith", "starts_with_string") { .bool(Strings.startsWith($0, $1)) },
    strings("endsWith", "ends_with_string") { .bool(Strings.endsWith($0, $1)) },
    strings("matches", "matches_string") { s, pattern in
      switch Regex2.compile(pattern) {
      case .success(let re): return .bool(re.matches(s))
      case .failure(let e): return .error(e)
      }
    },
  ]
}()
