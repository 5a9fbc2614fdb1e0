/// A calendar date without a time zone, as written in a pack (`2026-04-01`).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`, rejecting impossible dates such as `2026-02-31`.
  public init?(_ text: some StringProtocol) {
    var utf8 = Array(text.utf8)
    // Tolerate surrounding spaces, as hand-edited exports have them.
    while utf8.last == 0x20 { utf8.removeLast() }
    var start = 0
    while start < utf8.count && utf8[start] == 0x20 { start += 1 }
    guard
      let date = utf8.withUnsafeBufferPointer({
        LocalDate(utf8: UnsafeBufferPointer(rebasing: $0[start...]))
      })
    else { return nil }
    self = date
  }

  /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes (no spaces), rejecting impossible dates.
  public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
    func number(_ from: Int, _ count: Int) -> Int? {
      var v = 0
      for k in from..<(from + count) {
        let d = bytes[k] &- 0x30
        guard d < 10 else { return nil }
        v = v * 10 + Int(d)
      }
      return v
    }
    guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2),
      (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(month: m, year: y)
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The number of days in a month of the proleptic Gregorian calendar.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 (negative before).
  public var daysSinceEpoch: Int64 {
    // Howard Hinnant's days_from_civil.
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The date `days` days after 1970-01-01.
  public init(daysSinceEpoch days: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
  }

  public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  public var description: String {
    var out = DigitWriter()
    write(to: &out)
    return out.string
  }

  /// Writes `YYYY-MM-DD`. A year is padded with zeros to four characters; a negative one's
  /// sign is one of them and comes after the zeros (`00-5`), as it always has.
  func write(to out: inout DigitWriter) {
    if year >= 0 {
      out.number(Int64(year), width: 4)
    } else {
      var digits = 1
      var rest = -year
      while rest >= 10 {
        rest /= 10
        digits += 1
      }
      for _ in 0..<max(0, 3 - digits) { out.byte(0x30) }
      out.byte(0x2D)
      out.number(Int64(-year))
    }
    out.byte(0x2D)
    out.number(Int64(month), width: 2)
    out.byte(0x2D)
    out.number(Int64(day), width: 2)
  }
}
