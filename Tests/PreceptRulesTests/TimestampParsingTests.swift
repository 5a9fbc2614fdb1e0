import Foundation
import PreceptRules
import PreceptTestSupport
import Testing

/// The byte-level RFC 3339 reader against fixed cases worked out by hand and against
/// Foundation's calendar on random timestamps.
@Suite struct TimestampParsingTests {
  @Test(arguments: [
    ("2026-06-04T13:58:00+01:00", 1_780_577_880 as Int64?, 0 as Int32),
    ("2026-06-04T12:58:00Z", 1_780_577_880, 0),
    ("2026-06-04t12:58:00z", 1_780_577_880, 0),
    ("2026-06-04 12:58Z", 1_780_577_880, 0),
    ("2026-06-04T12:58:00.25Z", 1_780_577_880, 250_000_000),
    ("2026-06-04T12:58:00,5Z", 1_780_577_880, 500_000_000),
    ("2026-06-04T12:58:00.1234567891Z", 1_780_577_880, 123_456_789),
    ("2026-06-04T14:28:00+0130", 1_780_577_880, 0),
    ("2026-06-04T08:58:00-04:00", 1_780_577_880, 0),
    ("2026-06-04T12:58:60Z", 1_780_577_939, 0),
    ("2026-06-04T12:58:00Z  ", 1_780_577_880, 0),
    ("1970-01-01T00:00:00Z", 0, 0),
    ("2024-02-29T00:00:00Z", 1_709_164_800, 0),
    ("2023-02-29T00:00:00Z", nil, 0),
    ("2026-13-01T00:00:00Z", nil, 0),
    ("2026-06-31T00:00:00Z", nil, 0),
    ("2026-06-04T24:00:00Z", nil, 0),
    ("2026-06-04T12:60:00Z", nil, 0),
    ("2026-06-04T12:58:61Z", nil, 0),
    ("2026-06-04T12:58:00.Z", nil, 0),
    ("2026-06-04T12:58:00", nil, 0),
    ("2026-06-04T12:58:00+24:00", nil, 0),
    ("2026-06-04T12:58:00+01", nil, 0),
    ("2026-06-04T12:58:00Zx", nil, 0),
    ("2026-6-04T12:58:00Z", nil, 0),
    ("2026-06-04X12:58:00Z", nil, 0),
    ("2026-06-04", nil, 0),
    ("", nil, 0),
    ("２026-06-04T12:58:00Z", nil, 0),
  ])
  func fixedCases(_ text: String, _ seconds: Int64?, _ nanos: Int32) {
    let t = Temporal.parseTimestamp(text)
    #expect(t?.seconds == seconds)
    if seconds != nil { #expect(t?.nanos == nanos) }
  }

  @Test func randomTimestampsAgreeWithFoundation() throws {
    var random = SeededRandom(seed: 20_261_129)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
    for _ in 0..<5_000 {
      let year = Int.random(in: 1850...2150, using: &random)
      let month = Int.random(in: 1...12, using: &random)
      let day = Int.random(in: 1...28, using: &random)
      let hour = Int.random(in: 0...23, using: &random)
      let minute = Int.random(in: 0...59, using: &random)
      let second = Int.random(in: 0...59, using: &random)
      let offset = Int.random(in: -14 * 4...14 * 4, using: &random) * 15
      let sign = offset < 0 ? "-" : "+"
      let text =
        String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second)
        + String(format: "%@%02d:%02d", sign, abs(offset) / 60, abs(offset) % 60)
      let local = calendar.date(
        from: DateComponents(
          year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
      let expected = Int64(local.timeIntervalSince1970) - Int64(offset * 60)
      #expect(Temporal.parseTimestamp(text)?.seconds == expected, "\(text)")
    }
  }

  /// Wall-clock times in the UK on the days the clocks change (2027: 28 March forward at 01:00
  /// GMT, 31 October back at 02:00 BST). Worked out by hand.
  @Test(arguments: [
    ("2027-03-28T00:59:00", 1_806_195_540 as Int64?),  // 00:59 GMT
    ("2027-03-28T01:30:00", nil),  // skipped: the clocks went from 01:00 to 02:00
    ("2027-03-28T02:00:00", 1_806_195_600),  // 02:00 BST = 01:00 GMT
    ("2027-10-31T01:30:00", 1_824_942_600),  // shown twice: the first, 01:30 BST = 00:30 GMT
    ("2027-10-31T02:30:00", 1_824_949_800),  // 02:30 GMT
  ])
  func wallClockTimesOnTheDaysTheClocksChange(_ text: String, _ seconds: Int64?) throws {
    let london = try #require(TimeZone(identifier: "Europe/London"))
    #expect(Temporal.parseTimestamp(text, defaultZone: london)?.seconds == seconds)
  }

  /// Days in zones whose clocks change at midnight (or at other hours, either hemisphere):
  /// the start of each day is on that day. (Havana, Santiago, Cairo and Beirut skip midnight
  /// on these dates; Sydney and London change at 02:00 and 01:00.)
  @Test(arguments: [
    ("America/Havana", "2024-03-10"), ("America/Santiago", "2025-09-07"),
    ("Africa/Cairo", "2025-04-25"), ("Asia/Beirut", "2025-03-30"),
    ("Australia/Sydney", "2024-10-06"), ("Australia/Sydney", "2025-04-06"),
    ("Europe/London", "2026-03-29"), ("Europe/London", "2026-10-25"),
  ])
  func eachDayStartsOnThatDay(_ zoneName: String, _ day: String) throws {
    let zone = try #require(TimeZone(identifier: zoneName))
    let date = try #require(LocalDate(day))
    let start = Temporal.startOfDay(date, in: zone)
    #expect(Temporal.localDate(of: start, in: zone) == date)
    // The day before ends before it starts.
    let previous = LocalDate(daysSinceEpoch: date.daysSinceEpoch - 1)
    #expect(Temporal.startOfDay(previous, in: zone).seconds < start.seconds)
    // A date written alone (dd/mm/yyyy) is that start, even when midnight was skipped.
    let parts = day.split(separator: "-")
    let written = "\(parts[2])/\(parts[1])/\(parts[0])"
    #expect(Temporal.parseDayMonthYear(written, in: zone) == start)
  }
}
