/// Calendar arithmetic for the proleptic Gregorian calendar (H. Hinnant's algorithms).
enum Civil {
  /// Days since 1970-01-01 of a civil date.
  static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date of a day count since 1970-01-01.
  static func date(days z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
}

extension Timestamp {
  /// The earliest second CEL allows: 0001-01-01T00:00:00Z.
  public static let minSeconds: Int64 = -62_135_596_800
  /// The latest second CEL allows: 9999-12-31T23:59:59Z.
  public static let maxSeconds: Int64 = 253_402_300_799

  /// Whether the timestamp lies in CEL's range (years 0001 to 9999).
  public var isValid: Bool { seconds >= Self.minSeconds && seconds <= Self.maxSeconds }

  /// Parses an RFC 3339 timestamp (`2026-05-03T09:15:00Z`, `…T09:15:00.5+01:00`); `nil` if
  /// malformed or out of range.
  public init?(rfc3339 text: String) {
    let b = Array(text.utf8)
    var i = 0
    func digits(_ n: Int) -> Int64? {
      guard i + n <= b.count else { return nil }
      var v: Int64 = 0
      for k in 0..<n {
        let c = b[i + k]
        guard c >= 48 && c <= 57 else { return nil }
        v = v * 10 + Int64(c - 48)
      }
      i += n
      return v
    }
    func expect(_ c: UInt8) -> Bool {
      guard i < b.count, b[i] == c else { return false }
      i += 1
      return true
    }
    guard let year = digits(4), expect(45), let month = digits(2), expect(45),
      let day = digits(2)
    else { return nil }
    guard i < b.count, b[i] == 84 || b[i] == 116 else { return nil }
    i += 1
    guard let hour = digits(2), expect(58), let minute = digits(2), expect(58),
      let second = digits(2)
    else { return nil }
    var nanos: Int64 = 0
    if i < b.count, b[i] == 46 {
      i += 1
      var n = 0
      while i < b.count, b[i] >= 48, b[i] <= 57 {
        if n < 9 { nanos = nanos * 10 + Int64(b[i] - 48) }
        n += 1
        i += 1
      }
      guard n > 0 else { return nil }
      for _ in n..<max(n, 9) { nanos *= 10 }
    }
    var offset: Int64 = 0
    guard i < b.count else { return nil }
    if b[i] == 90 || b[i] == 122 {
      i += 1
    } else if b[i] == 43 || b[i] == 45 {
      let sign: Int64 = b[i] == 45 ? -1 : 1
      i += 1
      guard let oh = digits(2), expect(58), let om = digits(2) else { return nil }
      offset = sign * (oh * 3600 + om * 60)
    } else {
      return nil
    }
    guard i == b.count else { return nil }
    guard month >= 1, month <= 12, day >= 1, day <= 31, hour < 24, minute < 60, second < 61
    else { return nil }
    let dim: [Int64] = [31, Civil.isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard day <= dim[Int(month - 1)] else { return nil }
    let days = Civil.days(year: year, month: month, day: day)
    let secs = days * 86400 + hour * 3600 + minute * 60 + second - offset
    self.init(seconds: secs, nanos: Int32(nanos))
    guard isValid else { return nil }
  }

  /// The RFC 3339 form in UTC, with as many fractional digits as needed (0, 3, 6 or 9), as
  /// CEL's `string(timestamp)` prints it.
  public var rfc3339: String {
    let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
    let secOfDay = seconds - days * 86400
    let (y, m, d) = Civil.date(days: days)
    func pad(_ v: Int64, _ n: Int) -> String {
      let s = String(v)
      return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
    }
    var out = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T"
    out += "\(pad(secOfDay / 3600, 2)):\(pad(secOfDay / 60 % 60, 2)):\(pad(secOfDay % 60, 2))"
    if nanos != 0 {
      var frac = Duration.fraction(nanos)
      while frac.hasSuffix("0") { frac.removeLast() }
      out += "." + frac
    }
    return out + "Z"
  }
}
