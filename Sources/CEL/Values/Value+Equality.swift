extension Value {
  /// CEL equality (`==`) between two non-error values: numbers compare by value across int,
  /// uint and double; lists and maps element-wise; messages field-wise; values of different
  /// kinds are unequal. NaN is unequal to everything, itself included.
  public func celEquals(_ other: Value) -> Bool {
    switch (self, other) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.uint(let a), .uint(let b)): return a == b
    case (.double(let a), .double(let b)): return a == b
    case (.int, .uint), (.int, .double), (.uint, .int), (.uint, .double), (.double, .int),
      (.double, .uint):
      return Value.compareNumbers(self, other) == 0
    case (.string(let a), .string(let b)):
      // By code points: CEL does not normalize (Swift's == compares canonical equivalence).
      return a.sameCodePoints(b)
    case (.bytes(let a), .bytes(let b)): return a == b
    case (.list(let a), .list(let b)):
      guard a.count == b.count else { return false }
      for i in a.indices where !a[i].celEquals(b[i]) { return false }
      return true
    case (.map(let a), .map(let b)):
      guard a.count == b.count else { return false }
      for key in a.keys {
        guard let bv = b.lookup(key.value), let av = a[key], av.celEquals(bv) else { return false }
      }
      return true
    case (.timestamp(let a), .timestamp(let b)): return a == b
    case (.duration(let a), .duration(let b)): return a == b
    case (.type(let a), .type(let b)): return a.runtimeKind == b.runtimeKind
    case (.optional(let a), .optional(let b)):
      switch (a, b) {
      case (nil, nil): return true
      case (let x?, let y?): return x.celEquals(y)
      default: return false
      }
    case (.object(let a), .object(let b)):
      if a === b { return true }
      guard a.type == b.type else { return false }
      for i in a.slots.indices {
        switch (a.slots[i], b.slots[i]) {
        case (nil, nil): continue
        case (let x?, let y?): if !x.celEquals(y) { return false }
        default: return false
        }
      }
      return true
    default: return false
    }
  }

  /// Compares two numbers of any numeric kinds exactly: -1, 0 or 1, `2` when unordered (NaN),
  /// `nil` when either is not a number.
  static func compareNumbers(_ a: Value, _ b: Value) -> Int? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.uint(let x), .uint(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.double(let x), .double(let y)):
      if x.isNaN || y.isNaN { return 2 }
      return x < y ? -1 : (x == y ? 0 : 1)
    case (.int(let x), .uint(let y)):
      if x < 0 { return -1 }
      let ux = UInt64(x)
      return ux < y ? -1 : (ux == y ? 0 : 1)
    case (.uint, .int): return compareNumbers(b, a).map { -$0 }
    case (.int(let x), .double(let y)): return compareIntDouble(x, y)
    case (.double(let x), .int(let y)): return compareIntDouble(y, x).map { $0 == 2 ? 2 : -$0 }
    case (.uint(let x), .double(let y)): return compareUIntDouble(x, y)
    case (.double(let x), .uint(let y)): return compareUIntDouble(y, x).map { $0 == 2 ? 2 : -$0 }
    default: return nil
    }
  }

  // Mixed int/double and uint/double comparisons convert the integer to double, as the
  // reference implementations do (so 9223372036854775807 == 9223372036854775808.0).
  private static func compareIntDouble(_ x: Int64, _ y: Double) -> Int? {
    if y.isNaN { return 2 }
    let d = Double(x)
    return d < y ? -1 : (d == y ? 0 : 1)
  }

  private static func compareUIntDouble(_ x: UInt64, _ y: Double) -> Int? {
    if y.isNaN { return 2 }
    let d = Double(x)
    return d < y ? -1 : (d == y ? 0 : 1)
  }

  /// CEL ordering: -1, 0 or 1; `2` when unordered (a NaN); `nil` when the kinds have no
  /// ordering overload.
  public static func compare(_ a: Value, _ b: Value) -> Int? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.string(let x), .string(let y)):
      // Code point order, as CEL requires (Swift's String order is by canonical equivalence).
      return lexicographic(
        Array(x.unicodeScalars.lazy.map(\.value)), Array(y.unicodeScalars.lazy.map(\.value)))
    case (.bool(let x), .bool(let y)): return x == y ? 0 : (!x ? -1 : 1)
    case (.bytes(let x), .bytes(let y)): return lexicographic(x, y)
    case (.timestamp(let x), .timestamp(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.duration(let x), .duration(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    default: return compareNumbers(a, b)
    }
  }

  private static func lexicographic<T: Comparable>(_ x: [T], _ y: [T]) -> Int {
    let n = Swift.min(x.count, y.count)
    for i in 0..<n where x[i] != y[i] { return x[i] < y[i] ? -1 : 1 }
    return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
  }
}

extension CELType {
  /// The type with its parameters erased, as type values compare at run time
  /// (`type([1]) == type(['a'])`).
  var runtimeKind: CELType {
    switch self {
    case .list: return .list(.dyn)
    case .map: return .map(key: .dyn, value: .dyn)
    case .optional: return .optional(.dyn)
    case .type: return .type(nil)
    default: return self
    }
  }
}

extension String {
  /// Whether two strings have the same code points (CEL's string equality; Swift's `==` is
  /// canonical equivalence): the same UTF-8 bytes, compared as contiguous buffers.
  func sameCodePoints(_ other: String) -> Bool {
    guard utf8.count == other.utf8.count else { return false }
    var a = self
    var b = other
    return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
  }
}
