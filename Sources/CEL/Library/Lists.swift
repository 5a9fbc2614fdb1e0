/// The lists extension library: `lists.range`, `slice`, `flatten`, `distinct`, `sort`, `first`,
/// `last` (and `reverse`, declared with the strings extension's overload of the same name).
enum Lists {
  /// The largest list `lists.range` builds, so that evaluation stays bounded.
  static let maxRange: Int64 = 1_000_000

  static func flatten(_ list: [Value], depth: Int64) -> Value {
    guard depth >= 0 else { return .error(.invalidArgument, "level must be non-negative") }
    var out: [Value] = []
    for v in list {
      if case .list(let inner) = v, depth > 0 {
        guard case .list(let flat) = flatten(inner, depth: depth - 1) else { return .null }
        out.append(contentsOf: flat)
      } else {
        out.append(v)
      }
    }
    return .list(out)
  }

  /// The list without repeats, in first-seen order. Values are bucketed by a key that equal
  /// values share (numbers by their value as a double, strings by their text), so that a long
  /// list takes linear time rather than quadratic.
  static func distinct(_ list: [Value]) -> [Value] {
    var out: [Value] = []
    var buckets: [DistinctKey: [Int]] = [:]
    for v in list {
      let key = DistinctKey(v)
      let bucket = buckets[key, default: []]
      if bucket.contains(where: { out[$0].celEquals(v) }) { continue }
      buckets[key, default: []].append(out.count)
      out.append(v)
    }
    return out
  }

  /// What equal values have in common; values with different keys are never equal.
  enum DistinctKey: Hashable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case other

    init(_ value: Value) {
      switch value {
      case .int(let i): self = .number(Double(i))
      case .uint(let u): self = .number(Double(u))
      case .double(let d): self = d.isNaN ? .other : .number(d)
      case .string(let s): self = .string(s)
      case .bool(let b): self = .bool(b)
      default: self = .other
      }
    }
  }

  static func sort(_ list: [Value]) -> Value {
    guard let first = list.first else { return .list([]) }
    for v in list where Value.compare(first, v) == nil || Value.compare(v, v) == 2 {
      return .error(.invalidArgument, "list elements must be comparable and of one kind")
    }
    return .list(list.sorted { Value.compare($0, $1) == -1 })
  }
}

let listFunctions: [FunctionDecl] = [
  function(
    "lists.range",
    Overload("lists_range", [.int], .list(.int)) {
      guard case .int(let n) = $0[0] else { return Value.noOverload("lists.range", $0) }
      guard n <= Lists.maxRange else {
        return .error(.invalidArgument, "lists.range(\(n)) is larger than \(Lists.maxRange)")
      }
      return .list(n <= 0 ? [] : (0..<n).map { .int($0) })
    }),
  function(
    "slice",
    Overload("list_slice", member: true, [.list(typeA), .int, .int], .list(typeA)) {
      guard case .list(let l) = $0[0], case .int(let a) = $0[1], case .int(let b) = $0[2] else {
        return Value.noOverload("slice", $0)
      }
      guard a >= 0, b >= a, b <= Int64(l.count) else {
        return .error(.indexOutOfBounds, "invalid slice [\(a), \(b)) of a list of \(l.count)")
      }
      return .list(Array(l[Int(a)..<Int(b)]))
    }),
  function(
    "flatten",
    Overload("list_flatten", member: true, [.list(.list(typeA))], .list(typeA)) {
      guard case .list(let l) = $0[0] else { return Value.noOverload("flatten", $0) }
      return Lists.flatten(l, depth: 1)
    },
    Overload("list_flatten_int", member: true, [.list(.dyn), .int], .list(.dyn)) {
      guard case .list(let l) = $0[0], case .int(let d) = $0[1] else {
        return Value.noOverload("flatten", $0)
      }
      return Lists.flatten(l, depth: d)
    }),
  function(
    "distinct",
    Overload("list_distinct", member: true, [.list(typeA)], .list(typeA)) {
      guard case .list(let l) = $0[0] else { return Value.noOverload("distinct", $0) }
      return .list(Lists.distinct(l))
    }),
  function(
    "sort",
    Overload("list_sort", member: true, [.list(typeA)], .list(typeA)) {
      guard case .list(let l) = $0[0] else { return Value.noOverload("sort", $0) }
      return Lists.sort(l)
    }),
  function(
    "first",
    Overload("list_first", member: true, [.list(typeA)], .optional(typeA)) {
      guard case .list(let l) = $0[0] else { return Value.noOverload("first", $0) }
      return .optional(l.first)
    }),
  function(
    "last",
    Overload("list_last", member: true, [.list(typeA)], .optional(typeA)) {
      guard case .list(let l) = $0[0] else { return Value.noOverload("last", $0) }
      return .optional(l.last)
    }),
]
