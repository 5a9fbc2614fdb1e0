/// A point in time with nanosecond precision, in the range CEL allows
/// (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z).
public struct Timestamp: Hashable, Comparable, Sendable {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var seconds: Int64
  /// Nanoseconds within the second, 0..<1_000_000_000.
  public var nanos: Int32

  public init(seconds: Int64, nanos: Int32 = 0) {
    self.seconds = seconds
    self.nanos = nanos
  }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
  }
}
