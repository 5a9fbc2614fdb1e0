import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// UTC offsets of time zones, cached by the hour: Foundation's `secondsFromGMT(for:)` is slow,
/// and records cluster in time, so nearly every look-up is a hit. Zones change offset on the
/// hour (Europe/London at 01:00 UTC), except a few historical ones with odd-minute changes;
/// for those the cache is bypassed around the change (an hour whose two ends differ).
///
/// Each thread has a cache of its own, so that the threads that evaluate records never wait
/// for one another here.
enum ZoneOffsets {
  /// One zone's cached offsets: a dense table of the hours from 1900 to 2100 (no hashing on the
  /// hot path: dates of birth and incidents alike fall in it), and a dictionary for hours
  /// outside it. The table is zeroed memory that the system gives page by page as it is first
  /// written, so only the stretches of time looked up take memory.
  private final class Zone {
    /// The first hour of 1900 and the number of hours to the end of 2099 (UTC).
    static let windowStart: Int64 = -2_208_988_800 / 3600
    static let windowSize: Int64 = 200 * 8_766

    let identifier: String
    /// Minutes east of UTC plus one, by hour from `windowStart`; 0 until looked up. Raw
    /// memory, touched by the thread whose cache holds the zone only.
    let window: UnsafeMutablePointer<Int16>
    @exclusivity(unchecked) var others: [Int64: Int64] = [:]

    init(identifier: String) {
      self.identifier = identifier
      let raw = calloc(Int(Self.windowSize), MemoryLayout<Int16>.stride)!
      window = raw.bindMemory(to: Int16.self, capacity: Int(Self.windowSize))
    }

    deinit { free(window) }

    @inline(__always)
    func cached(_ hour: Int64) -> Int64? {
      let k = hour &- Self.windowStart
      if k >= 0 && k < Self.windowSize {
        let v = window[Int(k)]
        if v != 0 { return (Int64(v) - 1) * 60 }
        // Offsets that are not whole minutes are kept aside.
        return others.isEmpty ? nil : others[hour]
      }
      return others[hour]
    }

    func store(_ offset: Int64, at hour: Int64) {
      let k = hour - Self.windowStart
      // Offsets of whole minutes fit the table; any other (a local mean time) goes aside.
      if k >= 0 && k < Self.windowSize && offset % 60 == 0 && abs(offset) < 32_000 * 60 {
        window[Int(k)] = Int16(offset / 60 + 1)
      } else {
        if others.count > 1_000_000 { others = [:] }
        others[hour] = offset
      }
    }
  }

  /// One thread's zones. Few zones are ever used: found by comparing identifiers, the last one
  /// used first (a run looks up one zone over and over).
  private final class Cache {
    var zones: [Zone] = []
    @exclusivity(unchecked) var last: Zone?

    @inline(__always)
    func zone(_ id: String) -> Zone {
      if let last, last.identifier == id { return last }
      return find(id)
    }

    private func find(_ id: String) -> Zone {
      let z: Zone
      if let known = zones.first(where: { $0.identifier == id }) {
        z = known
      } else {
        z = Zone(identifier: id)
        zones.append(z)
      }
      last = z
      return z
    }
  }

  /// The key of each thread's cache; the cache is released when its thread ends.
  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { pointer in
      guard let pointer else { return }
      Unmanaged<Cache>.fromOpaque(pointer).release()
    }
    return key
  }()

  /// The calling thread's cache.
  private static var cache: Cache {
    if let pointer = pthread_getspecific(key) {
      return Unmanaged<Cache>.fromOpaque(pointer).takeUnretainedValue()
    }
    let cache = Cache()
    pthread_setspecific(key, Unmanaged.passRetained(cache).toOpaque())
    return cache
  }

  /// The zone's offset from UTC, in seconds, at an instant.
  static func offset(_ zone: TimeZone, at seconds: Int64) -> Int64 {
    let hour = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
    let cached = cache.zone(zone.identifier)
    if let known = cached.cached(hour) { return known }
    let start = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600))))
    let end = Int64(
      zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(hour * 3600 + 3599))))
    guard start == end else {
      return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }
    cached.store(start, at: hour)
    return start
  }
}
