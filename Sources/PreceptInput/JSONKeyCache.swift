#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Object keys seen recently, by fingerprint: records repeat the same keys, so a key whose bytes
/// match a cached one reuses its string without decoding.
final class JSONKeyCache {
  private static let slots = 512
  private static let slotBytes = 32

  private let bytes: UnsafeMutablePointer<UInt8>
  private let counts: UnsafeMutablePointer<Int>
  private let strings: UnsafeMutablePointer<String>

  init() {
    bytes = .allocate(capacity: Self.slots * Self.slotBytes)
    counts = .allocate(capacity: Self.slots)
    counts.initialize(repeating: -1, count: Self.slots)
    strings = .allocate(capacity: Self.slots)
    strings.initialize(repeating: "", count: Self.slots)
  }

  deinit {
    bytes.deallocate()
    counts.deallocate()
    strings.deinitialize(count: Self.slots)
    strings.deallocate()
  }

  @inline(__always)
  private static func slot(_ print: UInt64) -> Int {
    Int(truncatingIfNeeded: (print &* 0x9E37_79B9_7F4A_7C15) >> 55) & (slots - 1)
  }

  /// The cached key with these bytes, if any.
  @inline(__always)
  func lookup(_ start: UnsafePointer<UInt8>, count: Int, print: UInt64) -> String? {
    let slot = Self.slot(print)
    guard counts[slot] == count,
      memcmp(bytes + slot * Self.slotBytes, start, count) == 0
    else { return nil }
    return strings[slot]
  }

  /// Remembers a key (keys longer than a slot are not cached).
  @inline(__always)
  func store(_ key: String, _ start: UnsafePointer<UInt8>, count: Int, print: UInt64) {
    guard count <= Self.slotBytes else { return }
    let slot = Self.slot(print)
    (bytes + slot * Self.slotBytes).update(from: start, count: count)
    counts[slot] = count
    strings[slot] = key
  }
}
