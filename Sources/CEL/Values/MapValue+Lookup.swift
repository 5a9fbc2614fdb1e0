extension MapKey {
  /// The key for a value, if the value's kind can be a map key (int, uint, bool, string).
  public init?(_ value: Value) {
    switch value {
    case .int(let v): self = .int(v)
    case .uint(let v): self = .uint(v)
    case .bool(let v): self = .bool(v)
    case .string(let v): self = .string(v)
    default: return nil
    }
  }
}

extension MapValue {
  /// Creates a map from key/value pairs; later duplicates replace earlier ones.
  public init(_ entries: [(MapKey, Value)]) {
    self.init()
    for (k, v) in entries { insert(k, v) }
  }

  /// Looks a key up with CEL's numeric key equivalence: `1`, `1u` and `1.0` find the same
  /// entry. Returns `nil` when absent (including keys of kinds a map cannot hold).
  public func lookup(_ key: Value) -> Value? {
    switch key {
    case .int(let v):
      if let r = self[.int(v)] { return r }
      return v >= 0 ? self[.uint(UInt64(v))] : nil
    case .uint(let v):
      if let r = self[.uint(v)] { return r }
      return v <= UInt64(Int64.max) ? self[.int(Int64(v))] : nil
    case .double(let d):
      if let i = Int64(exactly: d), let r = self[.int(i)] { return r }
      if let u = UInt64(exactly: d), let r = self[.uint(u)] { return r }
      return nil
    case .bool(let b): return self[.bool(b)]
    case .string(let s): return self[.string(s)]
    default: return nil
    }
  }

  /// Whether the map has an entry whose key equals `key` under CEL's numeric equivalence.
  public func containsKey(_ key: Value) -> Bool { lookup(key) != nil }

  /// The entries in insertion order.
  public var entries: [(key: MapKey, value: Value)] { keys.map { ($0, self[$0]!) } }
}
