/// A CEL map value. Entries keep their insertion order, so that iteration and printing are
/// deterministic.
public struct MapValue: Sendable {
  /// Keys in insertion order.
  public private(set) var keys: [MapKey]
  /// Values by key.
  public private(set) var storage: [MapKey: Value]

  public init() {
    keys = []
    storage = [:]
  }

  /// The number of entries.
  public var count: Int { keys.count }

  /// The value for a key of exactly this kind (no numeric conversion).
  public subscript(key: MapKey) -> Value? { storage[key] }

  /// Inserts or replaces an entry. Returns `false` if the key was already present.
  @discardableResult
  public mutating func insert(_ key: MapKey, _ value: Value) -> Bool {
    if storage.updateValue(value, forKey: key) == nil {
      keys.append(key)
      return true
    }
    return false
  }
}
