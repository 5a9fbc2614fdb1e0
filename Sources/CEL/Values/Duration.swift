/// A signed span of time with nanosecond precision, in the range CEL allows (±315,576,000,000 s).
public struct Duration: Hashable, Comparable, Sendable {
  /// Whole seconds; has the same sign as `nanos` (or either is zero).
  public var seconds: Int64
  /// Nanoseconds, -999,999,999...999,999,999.
  public var nanos: Int32

  public init(seconds: Int64, nanos: Int32 = 0) {
    self.seconds = seconds
    self.nanos = nanos
  }

  public static func < (lhs: Duration, rhs: Duration) -> Bool {
    (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
  }
}
