/// Writes dates, times and durations as ASCII into a fixed buffer, then makes one string of
/// them: formatting a value in an explanation by string interpolation cost thousands of
/// instructions, most of them in the intermediate strings.
struct DigitWriter {
  /// 64 bytes: room for the longest text written (a timestamp with a 13-digit year, a
  /// fraction and an offset is about 45).
  private var bytes:
    (
      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
    ) = (0, 0, 0, 0, 0, 0, 0, 0)
  private(set) var count = 0

  init() {}

  @inline(__always)
  mutating func byte(_ b: UInt8) {
    withUnsafeMutableBytes(of: &bytes) { $0[count] = b }
    count += 1
  }

  /// `v` (not negative) in at least `width` digits, zeros in front.
  @inline(__always)
  mutating func number(_ v: Int64, width: Int = 1) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var n = 0
    var rest = v.magnitude
    withUnsafeMutableBytes(of: &digits) { d in
      repeat {
        d[n] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
        rest /= 10
        n += 1
      } while rest > 0
      while n < width {
        d[n] = 0x30
        n += 1
      }
      for k in stride(from: n - 1, through: 0, by: -1) { byte(d[k]) }
    }
  }

  /// Nanoseconds as a fraction after a dot, trailing zeros dropped (`.25`); nothing for 0.
  mutating func fraction(_ nanos: Int64) {
    guard nanos != 0 else { return }
    byte(0x2E)
    var value = nanos
    var width = 9
    while value % 10 == 0 {
      value /= 10
      width -= 1
    }
    number(value, width: width)
  }

  var string: String {
    var copy = bytes
    let n = count
    return withUnsafeBytes(of: &copy) { String(decoding: $0.prefix(n), as: UTF8.self) }
  }
}
