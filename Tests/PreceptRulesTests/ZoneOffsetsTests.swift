import Foundation
import PreceptTestSupport
import Testing

@testable import PreceptRules

@Suite("Cached UTC offsets of time zones")
struct ZoneOffsetsTests {
  @Test(
    "every offset is the one Foundation gives, inside and outside the cached years",
    arguments: [
      "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
      "Pacific/Chatham", "Africa/Monrovia", "Europe/Amsterdam", "UTC",
    ])
  func matchesFoundation(_ identifier: String) throws {
    let zone = try #require(TimeZone(identifier: identifier))
    var random = SeededRandom(seed: 7)
    // Random instants from 1850 to 2150, each looked up twice (the second from the cache),
    // and both ends of some hours around them.
    for _ in 0..<3_000 {
      let seconds = Int64(random.next() % (300 * 365 * 86_400)) - 120 * 365 * 86_400
      let expected = Int64(
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
      #expect(ZoneOffsets.offset(zone, at: seconds) == expected, "\(identifier) at \(seconds)")
      #expect(ZoneOffsets.offset(zone, at: seconds) == expected, "\(identifier) at \(seconds)")
    }
  }

  @Test("offsets that are not whole minutes (local mean time) are exact")
  func oddOffsets() throws {
    // Before standard time, zones kept the local mean time of their city (Amsterdam +0:19:32
    // until 1937, Monrovia -0:44:30 until 1972), where the time-zone data has it.
    var found = 0
    for identifier in ["Europe/Amsterdam", "Africa/Monrovia", "Europe/Dublin", "Asia/Kolkata"] {
      let zone = try #require(TimeZone(identifier: identifier))
      for day in stride(from: -45_000, to: 0, by: 97) {
        let seconds = Int64(day) * 86_400 + 43_200
        let expected = Int64(
          zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        guard expected % 60 != 0 else { continue }
        found += 1
        #expect(ZoneOffsets.offset(zone, at: seconds) == expected)
        #expect(ZoneOffsets.offset(zone, at: seconds + 60) == expected)
        // Kept aside, and found there again.
        #expect(ZoneOffsets.offset(zone, at: seconds) == expected)
      }
    }
    #expect(found > 0)
  }

  @Test("the start of a day is local midnight, across clock changes")
  func startOfDay() throws {
    let zone = try #require(TimeZone(identifier: "Europe/London"))
    // 2026-03-29 (clocks go forward at 01:00 UTC) and 2015-06-01 (a date of birth).
    #expect(
      Temporal.startOfDay(LocalDate(year: 2026, month: 3, day: 29), in: zone).seconds
        == 1_774_742_400)
    #expect(
      Temporal.startOfDay(LocalDate(year: 2026, month: 3, day: 30), in: zone).seconds
        == 1_774_825_200)
    #expect(
      Temporal.startOfDay(LocalDate(year: 2015, month: 6, day: 1), in: zone).seconds
        == 1_433_113_200)
  }
}
