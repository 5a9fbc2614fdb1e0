/// The incident ids seen so far in a run and where each was first seen, kept compactly: a run
/// over a million records remembers a million ids, and memory must not grow much with the
/// export. Each id costs its bytes plus 6 in an arena of 1 MiB chunks, and about 5 bytes in an
/// open-addressing table of arena offsets that grows by half (a `Dictionary<String, Int>` costs
/// 50 to 75 bytes an id, counting its spare capacity and the copy made when it grows).
struct IDRegistry {
  /// Where an id was first seen: the index of its file (in the order files were met) and line.
  struct Place: Equatable {
    var file: Int
    var line: Int
  }

  private static let chunkBits = 20
  private static let chunkSize = 1 << chunkBits
  /// Ids longer than this, or seen in files after the 255th, go to `long`.
  private static let longID = 255

  /// Entries: length (1 byte), the id's UTF-8 bytes, file (1 byte), line (4 bytes); an entry
  /// never straddles two chunks.
  private var chunks: [[UInt8]] = []
  /// Arena offsets plus one; 0 is an empty slot. Slots are chosen by multiplying the hash by
  /// the count (not masking), so the count need not be a power of two.
  private var table = [UInt32](repeating: 0, count: 1024)
  private var count = 0
  private var long: [String: Place] = [:]

  /// Records `id` as seen at `place` if it is new; returns where it was first seen otherwise.
  mutating func firstPlace(of id: String, seenAt place: Place) -> Place? {
    var id = id
    return id.withUTF8 { bytes in
      if bytes.count > Self.longID || place.file > 0xFF || place.line > 0xFFFF_FFFF {
        let key = String(decoding: bytes, as: UTF8.self)
        if let first = long[key] { return first }
        long[key] = place
        return nil
      }
      let hash = Self.hash(bytes)
      var slot = Self.slot(hash, table.count)
      while table[slot] != 0 {
        let offset = Int(table[slot] - 1)
        if equals(offset, bytes) { return self.place(at: offset, length: bytes.count) }
        slot = slot + 1 == table.count ? 0 : slot + 1
      }
      table[slot] = UInt32(append(bytes, place) + 1)
      count += 1
      if count * 5 > table.count * 4 { grow() }
      return nil
    }
  }

  private func equals(_ offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let chunk = chunks[offset >> Self.chunkBits]
    let start = offset & (Self.chunkSize - 1)
    guard Int(chunk[start]) == bytes.count else { return false }
    for i in 0..<bytes.count where chunk[start + 1 + i] != bytes[i] { return false }
    return true
  }

  private func place(at offset: Int, length: Int) -> Place {
    let chunk = chunks[offset >> Self.chunkBits]
    let p = (offset & (Self.chunkSize - 1)) + 1 + length
    let file = Int(chunk[p])
    var line = 0
    for i in 0..<4 { line |= Int(chunk[p + 1 + i]) << (8 * i) }
    return Place(file: file, line: line)
  }

  /// Appends an entry and returns its offset in the arena.
  private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, _ place: Place) -> Int {
    let size = bytes.count + 6
    if chunks.isEmpty || chunks[chunks.count - 1].count + size > Self.chunkSize {
      var chunk: [UInt8] = []
      chunk.reserveCapacity(Self.chunkSize)
      chunks.append(chunk)
    }
    let c = chunks.count - 1
    let offset = c << Self.chunkBits | chunks[c].count
    chunks[c].append(UInt8(bytes.count))
    chunks[c].append(contentsOf: bytes)
    chunks[c].append(UInt8(place.file))
    for i in 0..<4 { chunks[c].append(UInt8((place.line >> (8 * i)) & 0xFF)) }
    return offset
  }

  private mutating func grow() {
    var bigger = [UInt32](repeating: 0, count: table.count + table.count / 2)
    for entry in table where entry != 0 {
      let offset = Int(entry - 1)
      let chunk = chunks[offset >> Self.chunkBits]
      let start = offset & (Self.chunkSize - 1)
      let length = Int(chunk[start])
      let hash = chunk.withUnsafeBufferPointer {
        Self.hash(UnsafeBufferPointer(rebasing: $0[(start + 1)..<(start + 1 + length)]))
      }
      var slot = Self.slot(hash, bigger.count)
      while bigger[slot] != 0 { slot = slot + 1 == bigger.count ? 0 : slot + 1 }
      bigger[slot] = entry
    }
    table = bigger
  }

  /// The slot of a hash in a table of `count` slots.
  private static func slot(_ hash: UInt64, _ count: Int) -> Int {
    Int(hash.multipliedFullWidth(by: UInt64(count)).high)
  }

  /// FNV-1a over the bytes, then mixed so that the low bits (the slot) depend on all of them.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
      h ^= UInt64(b)
      h &*= 0x100_0000_01b3
    }
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }
}
