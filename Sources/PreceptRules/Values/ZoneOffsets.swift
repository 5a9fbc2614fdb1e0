import Foundation

/// UTC offsets of time zones, cached by the hour: Foundation's `secondsFromGMT(for:)` is slow,
/// and records cluster in time, so nearly every look-up is a hit. Zones change offset on the
/// hour (Europe/London at 01:00 UTC), except a few historical ones with odd-minute changes;
/// for those the cache is bypassed around the change (an hour whose two ends differ).
enum ZoneOffsets {
  private final class Cache: @unchecked Sendable {
    let lock = NSLock()
    var offsets: [String: [Int64: Int64]] = [:]
  }

  private static let cache = Cache()

  /// The zone's offset from UTC, in seconds, at an instant.
  static func offset(_ zone: TimeZone, at seconds: Int64) -> Int64 {
    let hour = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
    let id = zone.identifier
    cache.lock.lock()
    if let known = cache.offsets[id]?[hour] {
      cache.lock.unlock()
      return known
    }
    cache.lock.unlock()
    let start = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600))))
    let end = Int64(
      zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600 + 3599))))
    guard start == end else {
      return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }
    cache.lock.lock()
    if cache.offsets[id, default: [:]].count > 1_000_000 { cache.offsets[id] = [:] }
    cache.offsets[id, default: [:]][hour] = start
    cache.lock.unlock()
    return start
  }
}
