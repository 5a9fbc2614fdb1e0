import CEL
import Foundation

/// Parsing and arithmetic of the time values in records and packs: ISO 8601 timestamps,
/// dates in a time zone, and durations written as `1h30m`.
public enum Temporal {
  /// Parses an ISO 8601 / RFC 3339 timestamp with an offset (`2026-05-03T10:15:00+01:00`,
  /// `2026-05-03T09:15:00Z`, fractional seconds allowed; a space may replace the `T`).
  /// Without an offset, returns `nil` unless `defaultZone` is given, in which case the time is
  /// read as wall-clock time there.
  public static func parseTimestamp(_ text: some StringProtocol, defaultZone: TimeZone? = nil)
    -> Timestamp?
  {
    // Parsed in place when the text is contiguous UTF-8 (native strings), without a copy.
    if let t = text.utf8.withContiguousStorageIfAvailable({
      parseTimestamp(bytes: $0, defaultZone: defaultZone)
    }) {
      return t
    }
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { parseTimestamp(bytes: $0, defaultZone: defaultZone) }
  }

  /// The instant of a `Date`, to the whole second (rounded down).
  public static func timestamp(_ date: Date) -> Timestamp {
    Timestamp(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
  }

  /// ``parseTimestamp(_:defaultZone:)`` of UTF-8 bytes, for readers that have bytes in hand:
  /// a timestamp with an offset, or `nil`.
  public static func parseTimestamp(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
    parseTimestamp(bytes: bytes, defaultZone: nil)
  }

  /// A cursor over a timestamp's bytes: small enough to stay in registers.
  private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    /// The value of the next `n` digits, or -1 (nothing consumed) when they are not digits.
    @inline(__always)
    mutating func digits(_ n: Int) -> Int {
      guard i + n <= bytes.count else { return -1 }
      var v = 0
      for k in i..<(i + n) {
        let d = Int(bytes[k]) &- 0x30
        guard d >= 0 && d <= 9 else { return -1 }
        v = v &* 10 &+ d
      }
      i += n
      return v
    }

    @inline(__always)
    mutating func expect(_ c: UInt8) -> Bool {
      guard i < bytes.count, bytes[i] == c else { return false }
      i += 1
      return true
    }

    @inline(__always)
    var atEnd: Bool { i == bytes.count }

    @inline(__always)
    var next: UInt8 { bytes[i] }
  }

  private static func parseTimestamp(bytes all: UnsafeBufferPointer<UInt8>, defaultZone: TimeZone?)
    -> Timestamp?
  {
    var end = all.count
    while end > 0, all[end - 1] == 0x20 { end -= 1 }
    var c = Cursor(bytes: UnsafeBufferPointer(rebasing: all[0..<end]))
    let year = c.digits(4)
    guard year >= 0, c.expect(0x2D) else { return nil }
    let month = c.digits(2)
    guard month >= 0, c.expect(0x2D) else { return nil }
    let day = c.digits(2)
    guard day >= 0 else { return nil }
    guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year)
    else { return nil }
    guard !c.atEnd, c.next == 0x54 || c.next == 0x74 || c.next == 0x20 else { return nil }
    c.i += 1
    let hour = c.digits(2)
    guard hour >= 0, c.expect(0x3A) else { return nil }
    let minute = c.digits(2)
    guard minute >= 0 else { return nil }
    var second = 0
    var nanos: Int32 = 0
    if c.expect(0x3A) {
      second = c.digits(2)
      guard second >= 0 else { return nil }
      if !c.atEnd, c.next == 0x2E || c.next == 0x2C {
        c.i += 1
        var scale: Int32 = 100_000_000
        var any = false
        while !c.atEnd, c.next >= 0x30 && c.next <= 0x39 {
          if scale > 0 {
            nanos += Int32(c.next - 0x30) * scale
            scale /= 10
          }
          any = true
          c.i += 1
        }
        guard any else { return nil }
      }
    }
    guard hour <= 23, minute <= 59, second <= 60 else { return nil }
    let days = LocalDate(year: year, month: month, day: day).daysSinceEpoch
    let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
    if c.atEnd {
      guard let zone = defaultZone, let utc = existingUTCSeconds(fromLocal: local, in: zone)
      else { return nil }
      return Timestamp(seconds: utc, nanos: nanos)
    }
    var offset = 0
    if c.next == 0x5A || c.next == 0x7A {
      c.i += 1
    } else if c.next == 0x2B || c.next == 0x2D {
      let sign = c.next == 0x2D ? -1 : 1
      c.i += 1
      let oh = c.digits(2)
      guard oh >= 0 else { return nil }
      _ = c.expect(0x3A)
      let om = c.digits(2)
      guard om >= 0, oh <= 23, om <= 59 else { return nil }
      offset = sign * (oh * 3600 + om * 60)
    } else {
      return nil
    }
    guard c.atEnd else { return nil }
    return Timestamp(seconds: local - Int64(offset), nanos: nanos)
  }

  /// UK-style `dd/mm/yyyy HH:MM[:SS]` read as wall-clock time in `zone`.
  public static func parseDayMonthYear(_ text: some StringProtocol, in zone: TimeZone)
    -> Timestamp?
  {
    let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
    guard parts.count == 1 || parts.count == 2 else { return nil }
    let date = parts[0].split(separator: "/", omittingEmptySubsequences: false)
    guard date.count == 3, let d = Int(date[0]), let m = Int(date[1]), let y = Int(date[2]),
      date[2].count == 4, (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(month: m, year: y)
    else { return nil }
    var seconds = 0
    if parts.count == 2 {
      let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
      guard time.count == 2 || time.count == 3, let h = Int(time[0]), let mi = Int(time[1]),
        h <= 23, mi <= 59
      else { return nil }
      let s = time.count == 3 ? Int(time[2]) : 0
      guard let s, s <= 59 else { return nil }
      seconds = h * 3600 + mi * 60 + s
    }
    // A date alone is the start of that day, even when its midnight was skipped.
    guard parts.count == 2 else {
      return startOfDay(LocalDate(year: y, month: m, day: d), in: zone)
    }
    let local = LocalDate(year: y, month: m, day: d).daysSinceEpoch * 86_400 + Int64(seconds)
    return existingUTCSeconds(fromLocal: local, in: zone).map { Timestamp(seconds: $0) }
  }

  /// Midnight at the start of a date in `zone`.
  public static func startOfDay(_ date: LocalDate, in zone: TimeZone) -> Timestamp {
    Timestamp(seconds: utcSeconds(fromLocal: date.daysSinceEpoch * 86_400, in: zone))
  }

  /// The calendar date of an instant in `zone`.
  public static func localDate(of t: Timestamp, in zone: TimeZone) -> LocalDate {
    let offset = ZoneOffsets.offset(zone, at: t.seconds)
    let local = t.seconds + offset
    return LocalDate(daysSinceEpoch: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
  }

  /// The UTC seconds of a wall-clock time written in a record, or `nil` when the clocks skipped
  /// it (01:30 on the morning they go forward): such a time was never on a clock, so it is a
  /// mistake in the export, not a moment to guess. A time the clocks showed twice (the hour
  /// they go back) is the first of the two.
  static func existingUTCSeconds(fromLocal local: Int64, in zone: TimeZone) -> Int64? {
    let utc = utcSeconds(fromLocal: local, in: zone)
    return utc + ZoneOffsets.offset(zone, at: utc) == local ? utc : nil
  }

  /// The UTC seconds of a wall-clock time (seconds since the epoch as if the zone were UTC).
  /// A time the clocks skipped is moved forward by the jump (01:30 in a gap from 01:00 to 02:00
  /// is 02:30); a time they showed twice is the first.
  public static func utcSeconds(fromLocal local: Int64, in zone: TimeZone) -> Int64 {
    // The offsets a day either side bracket any change near `local`; each gives a candidate
    // instant, valid if the zone has that offset then.
    let before = ZoneOffsets.offset(zone, at: local - 86_400)
    let after = ZoneOffsets.offset(zone, at: local + 86_400)
    let early = local - before
    if before == after { return early }
    let late = local - after
    let earlyValid = ZoneOffsets.offset(zone, at: early) == before
    let lateValid = ZoneOffsets.offset(zone, at: late) == after
    switch (earlyValid, lateValid) {
    case (true, true): return min(early, late)  // shown twice: the first
    case (true, false): return early
    case (false, true): return late
    // Skipped (the clocks jumped over it): the moment after the jump, as java.time does, so
    // that a day whose midnight was skipped still starts on that day.
    case (false, false): return early
    }
  }

  /// Parses `15m`, `1h30m`, `90s`, `2d`, `1.5h`, `500ms`, or a whole number of minutes.
  public static func parseDuration(_ text: some StringProtocol) -> CEL.Duration? {
    let s = text.trimmingCharacters(in: .whitespaces)
    guard !s.isEmpty else { return nil }
    if let minutes = Int64(s) {
      guard abs(minutes) < 5_000_000_000 else { return nil }
      return CEL.Duration(seconds: minutes * 60)
    }
    var bytes = Array(s.utf8)
    var negative = false
    if bytes.first == 0x2D {
      negative = true
      bytes.removeFirst()
    }
    var i = 0
    var totalNanos: Double = 0
    var any = false
    while i < bytes.count {
      let start = i
      while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == 0x2E { i += 1 }
      guard i > start, let number = Double(String(decoding: bytes[start..<i], as: UTF8.self))
      else { return nil }
      let unitStart = i
      while i < bytes.count, bytes[i] >= 0x61 && bytes[i] <= 0x7A { i += 1 }
      let unit = String(decoding: bytes[unitStart..<i], as: UTF8.self)
      let scale: Double
      switch unit {
      case "d": scale = 86_400e9
      case "h": scale = 3_600e9
      case "m": scale = 60e9
      case "s": scale = 1e9
      case "ms": scale = 1e6
      case "us": scale = 1e3
      case "ns": scale = 1
      default: return nil
      }
      totalNanos += number * scale
      any = true
    }
    guard any, totalNanos < 3e20 else { return nil }
    var whole = Int64(totalNanos / 1e9)
    var nanos = Int32((totalNanos - Double(whole) * 1e9).rounded())
    // Rounding can reach a whole second (`0.9999999999s`): carry it.
    if nanos >= 1_000_000_000 {
      whole += 1
      nanos -= 1_000_000_000
    }
    return negative
      ? CEL.Duration(seconds: -whole, nanos: -nanos) : CEL.Duration(seconds: whole, nanos: nanos)
  }

  /// A duration as people write it: `24h`, `1h30m`, `5m`, `2d`, `90s`, `0s`.
  public static func format(_ d: CEL.Duration) -> String {
    if d.seconds == 0 && d.nanos == 0 { return "0s" }
    var out = DigitWriter()
    if d.seconds < 0 || d.nanos < 0 { out.byte(0x2D) }
    var s = Int64(bitPattern: d.seconds.magnitude)
    let nanos = Int64(d.nanos.magnitude)
    // Days only from 72 hours on: '30h18m' reads better than '1d6h18m'.
    let days = s >= 259_200 ? s / 86_400 : 0
    s -= days * 86_400
    let hours = s / 3600
    s %= 3600
    let minutes = s / 60
    s %= 60
    if days > 0 {
      out.number(days)
      out.byte(0x64)
    }
    if hours > 0 {
      out.number(hours)
      out.byte(0x68)
    }
    if minutes > 0 {
      out.number(minutes)
      out.byte(0x6D)
    }
    if s > 0 || nanos > 0 {
      out.number(s)
      out.fraction(nanos)
      out.byte(0x73)
    }
    return out.string
  }

  /// An instant as ISO 8601 in the given zone with its offset (`2026-05-03T10:15:00+01:00`).
  public static func format(_ t: Timestamp, in zone: TimeZone) -> String {
    let offset = ZoneOffsets.offset(zone, at: t.seconds)
    let local = t.seconds + offset
    let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    let date = LocalDate(daysSinceEpoch: days)
    let secs = local - days * 86_400
    var out = DigitWriter()
    date.write(to: &out)
    out.byte(0x54)
    out.number(secs / 3600, width: 2)
    out.byte(0x3A)
    out.number(secs % 3600 / 60, width: 2)
    out.byte(0x3A)
    out.number(secs % 60, width: 2)
    out.fraction(Int64(t.nanos))
    if offset == 0 {
      out.byte(0x5A)
    } else {
      out.byte(offset < 0 ? 0x2D : 0x2B)
      let a = offset.magnitude
      out.number(Int64(a / 3600), width: 2)
      out.byte(0x3A)
      out.number(Int64(a % 3600 / 60), width: 2)
    }
    return out.string
  }
}
