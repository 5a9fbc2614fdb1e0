import Foundation

/// UTC offsets of time zones, cached by the hour: Foundation's `secondsFromGMT(for:)` is slow,
/// and records cluster in time, so nearly every look-up is a hit. Zones change offset on the
/// hour (Europe/London at 01:00 UTC), except a few historical ones with odd-minute changes;
/// for those the cache is bypassed around the change (an hour whose two ends differ).
enum ZoneOffsets {
  /// One zone's cached offsets: a dense window of hours around the first look-up (no hashing
  /// on the hot path), and a dictionary for hours outside it.
  private final class Zone {
    static let windowSize: Int64 = 1 << 18
    static let unknown = Int32.min

    let identifier: String
    let windowStart: Int64
    // Accessed only under the cache's lock.
    @exclusivity(unchecked) var window: [Int32]
    @exclusivity(unchecked) var others: [Int64: Int64] = [:]

    init(identifier: String, around hour: Int64) {
      self.identifier = identifier
      windowStart = hour - Self.windowSize / 2
      window = [Int32](repeating: Self.unknown, count: Int(Self.windowSize))
    }

    func cached(_ hour: Int64) -> Int64? {
      let k = hour - windowStart
      if k >= 0 && k < Self.windowSize {
        let v = window[Int(k)]
        return v == Self.unknown ? nil : Int64(v)
      }
      return others[hour]
    }

    func store(_ offset: Int64, at hour: Int64) {
      let k = hour - windowStart
      if k >= 0 && k < Self.windowSize {
        window[Int(k)] = Int32(offset)
      } else {
        if others.count > 1_000_000 { others = [:] }
        others[hour] = offset
      }
    }
  }

  private final class Cache: @unchecked Sendable {
    let lock = NSLock()
    /// Few zones are ever used: found by comparing identifiers.
    @exclusivity(unchecked) var zones: [Zone] = []

    func zone(_ id: String, around hour: Int64) -> Zone {
      for z in zones where z.identifier == id { return z }
      let z = Zone(identifier: id, around: hour)
      zones.append(z)
      return z
    }
  }

  private static let cache = Cache()

  /// The zone's offset from UTC, in seconds, at an instant.
  static func offset(_ zone: TimeZone, at seconds: Int64) -> Int64 {
    let hour = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
    let id = zone.identifier
    cache.lock.lock()
    if let known = cache.zone(id, around: hour).cached(hour) {
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
    cache.zone(id, around: hour).store(start, at: hour)
    cache.lock.unlock()
    return start
  }
}
