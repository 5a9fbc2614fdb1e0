import CEL
import Foundation
import PreceptRules
import PreceptTestSupport
import Testing

/// Dates, instants and durations are written byte by byte; these tests compare them with the
/// string-interpolation versions they replaced, kept here as the reference.
@Suite struct TemporalFormattingTests {
  static func pad(_ v: Int, _ n: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, n - s.count)) + s
  }

  static func referenceDate(_ d: LocalDate) -> String {
    "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))"
  }

  static func referenceInstant(_ t: Timestamp, in zone: TimeZone) -> String {
    let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds)))
    let local = t.seconds + Int64(offset)
    let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    let date = LocalDate(daysSinceEpoch: days)
    let secs = Int(local - days * 86_400)
    func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    var out =
      "\(referenceDate(date))T\(pad(secs / 3600)):\(pad(secs % 3600 / 60)):\(pad(secs % 60))"
    if t.nanos != 0 {
      var frac = String(t.nanos)
      frac = String(repeating: "0", count: 9 - frac.count) + frac
      while frac.hasSuffix("0") { frac.removeLast() }
      out += ".\(frac)"
    }
    if offset == 0 { return out + "Z" }
    let sign = offset < 0 ? "-" : "+"
    let a = abs(offset)
    return out + "\(sign)\(pad(a / 3600)):\(pad(a % 3600 / 60))"
  }

  static func referenceDuration(_ d: CEL.Duration) -> String {
    if d.seconds == 0 && d.nanos == 0 { return "0s" }
    var out = d.seconds < 0 || d.nanos < 0 ? "-" : ""
    var s = abs(d.seconds)
    let nanos = abs(Int64(d.nanos))
    let days = s >= 259_200 ? s / 86_400 : 0
    s -= days * 86_400
    let hours = s / 3600
    s %= 3600
    let minutes = s / 60
    s %= 60
    if days > 0 { out += "\(days)d" }
    if hours > 0 { out += "\(hours)h" }
    if minutes > 0 { out += "\(minutes)m" }
    if s > 0 || nanos > 0 {
      if nanos > 0 {
        var frac = String(nanos)
        frac = String(repeating: "0", count: 9 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        out += "\(s).\(frac)s"
      } else {
        out += "\(s)s"
      }
    }
    return out
  }

  @Test(arguments: [
    ("2026-06-04T13:58:00+01:00", "Europe/London"),
    ("2026-01-04T13:58:00.25Z", "Europe/London"),
    ("2026-06-04T13:58:00.000000001+05:30", "Asia/Kolkata"),
    ("1900-01-01T00:00:00Z", "America/St_Johns"),
    ("0001-01-01T00:00:00Z", "UTC"),
    ("9999-12-31T23:59:59.999999999Z", "UTC"),
  ])
  func fixedInstants(_ text: String, _ zoneName: String) throws {
    let t = try #require(Temporal.parseTimestamp(text))
    let zone = try #require(TimeZone(identifier: zoneName))
    #expect(Temporal.format(t, in: zone) == Self.referenceInstant(t, in: zone))
  }

  /// A fraction that rounds to a whole second is carried into the seconds.
  @Test(arguments: [
    ("0.9999999999s", 1 as Int64, 0 as Int32, "1s"), ("1.9999999999s", 2, 0, "2s"),
    ("-0.9999999999s", -1, 0, "-1s"), ("1.5s", 1, 500_000_000, "1.5s"),
  ])
  func roundedFractionsCarry(_ text: String, _ seconds: Int64, _ nanos: Int32, _ shown: String)
    throws
  {
    let d = try #require(Temporal.parseDuration(text))
    #expect(d.seconds == seconds && d.nanos == nanos)
    #expect(Temporal.format(d) == shown)
  }

  @Test func fixedCases() {
    #expect(LocalDate(year: 2026, month: 6, day: 4).description == "2026-06-04")
    #expect(LocalDate(year: 7, month: 1, day: 9).description == "0007-01-09")
    #expect(LocalDate(year: 12_345, month: 1, day: 9).description == "12345-01-09")
    #expect(LocalDate(year: -5, month: 1, day: 9).description == "00-5-01-09")
    #expect(Temporal.format(CEL.Duration(seconds: 0, nanos: 0)) == "0s")
    #expect(Temporal.format(CEL.Duration(seconds: 5_400, nanos: 0)) == "1h30m")
    #expect(Temporal.format(CEL.Duration(seconds: 259_200 + 61, nanos: 0)) == "3d1m1s")
    #expect(Temporal.format(CEL.Duration(seconds: 0, nanos: 500_000_000)) == "0.5s")
    #expect(Temporal.format(CEL.Duration(seconds: -90, nanos: 0)) == "-1m30s")
  }

  @Test func randomValuesAgreeWithTheReference() throws {
    var random = SeededRandom(seed: 11_29)
    let zones = try [
      "Europe/London", "UTC", "America/New_York", "Asia/Kathmandu", "Pacific/Chatham",
    ]
    .map { try #require(TimeZone(identifier: $0)) }
    for _ in 0..<3_000 {
      let seconds = Int64.random(in: -2_208_988_800...4_102_444_800, using: &random)
      let nanos = random.pick([0, 0, Int32.random(in: 0..<1_000_000_000, using: &random), 500])
      let t = Timestamp(seconds: seconds, nanos: nanos)
      let zone = random.pick(zones)
      #expect(Temporal.format(t, in: zone) == Self.referenceInstant(t, in: zone))
      let date = LocalDate(daysSinceEpoch: Int64.random(in: -800_000...3_000_000, using: &random))
      #expect(date.description == Self.referenceDate(date))
      let d = CEL.Duration(
        seconds: Int64.random(in: -10_000_000...10_000_000, using: &random)
          * random.pick([1, 1, 1000]),
        nanos: random.pick([0, Int32.random(in: 0..<1_000_000_000, using: &random)]))
      let duration = d.seconds < 0 ? CEL.Duration(seconds: d.seconds, nanos: -d.nanos) : d
      #expect(Temporal.format(duration) == Self.referenceDuration(duration))
    }
  }
}
