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
  /// One zone's cached offsets: a dense window of hours around the first look-up (no hashing
  /// on the hot path), and a dictionary for hours outside it.
  private final class Zone {
    static let windowSize: Int64 = 1 << 16
    static let unknown = Int32.min

    let identifier: String
    let windowStart: Int64
    /// Offsets by hour from `windowStart` (`unknown` until looked up); raw memory, touched by
    /// the thread whose cache holds the zone only.
    let window: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) var others: [Int64: Int64] = [:]

    init(identifier: String, around hour: Int64) {
      self.identifier = identifier
      windowStart = hour - Self.windowSize / 2
      window = .allocate(capacity: Int(Self.windowSize))
      window.initialize(repeating: Self.unknown, count: Int(Self.windowSize))
    }

    deinit { window.deallocate() }

    @inline(__always)
    func cached(_ hour: Int64) -> Int64? {
      let k = hour &- windowStart
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

  /// One thread's zones. Few zones are ever used: found by comparing identifiers, the last one
  /// used first (a run looks up one zone over and over).
  private final class Cache {
    var zones: [Zone] = []
    @exclusivity(unchecked) var last: Zone?

    @inline(__always)
    func zone(_ id: String, around hour: Int64) -> Zone {
      if let last, last.identifier == id { return last }
      return find(id, around: hour)
    }

    private func find(_ id: String, around hour: Int64) -> Zone {
      let z = zones.first { $0.identifier == id } ?? Zone(identifier: id, around: hour)
      if !zones.contains(where: { $0 === z }) { zones.append(z) }
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
    let cached = cache.zone(zone.identifier, around: hour)
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
