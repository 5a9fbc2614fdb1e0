/// The values of an expression's sub-expressions from one traced evaluation, by node id (the
/// last value, for nodes inside comprehensions): an array indexed by id, since ids are small and
/// dense, rather than a dictionary that hashes every node's id as it is recorded.
public struct Trace: Sendable {
  private var values: [Value?] = []

  public init() {}

  /// The value recorded for node `id`, if the evaluation reached it.
  public subscript(id: Int) -> Value? {
    id >= 0 && id < values.count ? values[id] : nil
  }

  /// Every recorded value with its node id, by id.
  public var recorded: [(id: Int, value: Value)] {
    values.enumerated().compactMap { id, value in value.map { (id, $0) } }
  }

  /// Forgets what was recorded and makes room for ids below `count`, keeping the storage.
  mutating func reset(count: Int) {
    if values.count == count {
      for i in values.indices { values[i] = nil }
    } else {
      values = [Value?](repeating: nil, count: count)
    }
  }

  mutating func record(_ id: Int, _ value: Value) {
    if id >= values.count { values += [Value?](repeating: nil, count: id + 1 - values.count) }
    values[id] = value
  }
}
