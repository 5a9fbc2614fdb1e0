/// The incident ids seen so far in a run and where each was first seen, kept compactly: a run
/// over a million records remembers a million ids, and memory must not grow much with the
/// export. Ids go into an arena of 1 MiB chunks, found through an open-addressing table of
/// arena offsets (about 5 bytes an id). The table is cut into 64 parts by the hash's top bits,
/// each growing by half on its own, so that growing never holds two copies of the whole table
/// (which, at a million ids, left megabytes behind in the allocator). An id made of a short prefix and up
/// to nine digits (`INC-00000001`, the usual shape) is stored as the prefix's number, the count
/// of digits and their value: 7 bytes, plus 5 for where it was seen. Any other id costs its
/// bytes plus 6. (A `Dictionary<String, Int>` costs 50 to 75 bytes an id, counting its spare
/// capacity and the copy made when it grows.)
///
/// Most exports number their incidents in order, one a row: packed ids whose values follow one
/// another, met in one file at lines a fixed step apart, are kept as a run (its first and last
/// value, and where its first id was seen), whatever its length. Only runs of at least
/// ``minimumRun`` ids are kept so; the ids of a shorter one go into the table when it ends.
struct IDRegistry {
  /// Where an id was first seen: the index of its file (in the order files were met) and line.
  struct Place: Equatable {
    var file: Int
    var line: Int
  }

  private static let chunkBits = 20
  private static let chunkSize = 1 << chunkBits
  /// Ids longer than this, and empty ids, go to `long`.
  private static let longID = 255
  /// The file byte of an entry whose place is in `overflow` (a file after the 255th, or a line
  /// past 2³² − 1).
  private static let placeElsewhere: UInt8 = 0xFF
  /// The most prefixes packed ids may have, and the longest prefix.
  private static let maxPrefixes = 255
  private static let maxPrefixLength = 15
  /// A packed key: the tag 0, the prefix's number, the count of digits, the value (4 bytes).
  private static let packedPayload = 6

  /// Entries: a tag (the id's length in bytes, or 0 for a packed id), the payload (the id's
  /// UTF-8 bytes, or the packed form), file (1 byte), line (4 bytes); an entry never straddles
  /// two chunks.
  private var chunks: [[UInt8]] = []
  /// The table's parts: arena offsets plus one; 0 is an empty slot. A part is chosen by the
  /// hash's top 6 bits, and a slot in it by multiplying the other bits by the part's count
  /// (not masking), so the count need not be a power of two.
  private var parts = [[UInt32]](repeating: [UInt32](repeating: 0, count: 16), count: 64)
  private var counts = [Int](repeating: 0, count: 64)
  /// How many ids the table holds (the others are in runs or kept as long ids).
  var tableCount: Int { counts.reduce(0, +) }
  /// Ids keyed by their bytes (not as `String`s, whose equality is canonical equivalence: two
  /// ids that differ in their bytes are different ids).
  private var long: [[UInt8]: Place] = [:]
  /// Places that do not fit an entry, by the entry's arena offset.
  private var overflow: [Int: Place] = [:]
  /// The prefixes of packed ids (their bytes), by number; a prefix keeps its number for the
  /// whole run, so an id is always stored the same way.
  private var prefixes: [[UInt8]: UInt8] = [:]
  private var lastPrefix: (bytes: [UInt8], number: UInt8)?

  /// Consecutive packed ids seen in one file at lines `step` apart: the id of value `first + k`
  /// was seen at line `line + k * step`.
  struct Run: Equatable {
    var prefix: UInt8
    var digits: UInt8
    var first: UInt32
    var last: UInt32
    var file: Int
    var line: Int
    /// 0 while the run has one id.
    var step: Int

    func contains(_ prefix: UInt8, _ digits: UInt8, _ value: UInt32) -> Bool {
      self.prefix == prefix && self.digits == digits && first <= value && value <= last
    }

    func place(of value: UInt32) -> Place {
      Place(file: file, line: line + Int(value - first) * step)
    }

    /// Whether the run comes before `(prefix, digits, value)` in the order `runs` keeps.
    func starts(before prefix: UInt8, _ digits: UInt8, _ value: UInt32) -> Bool {
      (self.prefix, self.digits, first) < (prefix, digits, value)
    }
  }

  /// The shortest run kept as a run when it ends.
  static let minimumRun = 32
  /// How many runs may end out of order (inserted, not appended) before runs stop being made:
  /// an export whose ids are shuffled gains nothing from them.
  private static let outOfOrderLimit = 1_000
  /// Runs that have ended, in order of prefix, digits and first value; they do not overlap.
  private(set) var runs: [Run] = []
  /// The run the next id may extend.
  private(set) var open: Run?
  private var outOfOrder = 0

  /// Records `id` as seen at `place` if it is new; returns where it was first seen otherwise.
  mutating func firstPlace(of id: String, seenAt place: Place) -> Place? {
    var id = id
    return id.withUTF8 { bytes in
      // Where an id is kept depends on the id alone, never on where it was seen.
      if bytes.isEmpty || bytes.count > Self.longID {
        let key = Array(bytes)
        if let first = long[key] { return first }
        long[key] = place
        return nil
      }
      var packed: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)
      if pack(bytes, into: &packed) {
        return firstPlace(packed: packed, seenAt: place)
      }
      return find(tag: UInt8(bytes.count), bytes, place)
    }
  }

  /// ``firstPlace(of:seenAt:)`` of a packed id: in a run, in the table, or new (extending the
  /// open run, or starting one).
  private mutating func firstPlace(
    packed: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8), seenAt place: Place
  ) -> Place? {
    let (prefix, digits) = (packed.0, packed.1)
    let value =
      UInt32(packed.2) | UInt32(packed.3) << 8 | UInt32(packed.4) << 16 | UInt32(packed.5) << 24
    if let open, open.contains(prefix, digits, value) { return open.place(of: value) }
    if let run = run(containing: prefix, digits, value) { return run.place(of: value) }
    if let first = find(packed: packed, nil) { return first }
    // New: the next id of the open run, or the first of a new one.
    if var run = open, run.prefix == prefix, run.digits == digits, run.last != .max,
      value == run.last + 1, run.file == place.file
    {
      let step = run.step == 0 ? place.line - run.line : run.step
      if step > 0, place.line == run.line + Int(value - run.first) * step {
        run.last = value
        run.step = step
        open = run
        return nil
      }
    }
    close()
    if outOfOrder < Self.outOfOrderLimit {
      open = Run(
        prefix: prefix, digits: digits, first: value, last: value, file: place.file,
        line: place.line, step: 0)
    } else {
      _ = find(packed: packed, place)
    }
    return nil
  }

  /// The packed form of an id: its prefix's number, its count of digits, its value.
  private static func packed(_ prefix: UInt8, _ digits: UInt8, _ value: UInt32) -> (
    UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
  ) {
    (
      prefix, digits, UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF),
      UInt8((value >> 16) & 0xFF), UInt8(value >> 24)
    )
  }

  /// ``find(tag:_:_:)`` of a packed id.
  private mutating func find(
    packed: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8), _ place: Place?
  ) -> Place? {
    var key = packed
    return withUnsafeBytes(of: &key) { find(tag: 0, $0.bindMemory(to: UInt8.self), place) }
  }

  /// Where a run starting at `(prefix, digits, value)` goes in `runs`: the first run that does
  /// not start before it.
  private func runIndex(_ prefix: UInt8, _ digits: UInt8, _ value: UInt32) -> Int {
    var lower = 0
    var upper = runs.count
    while lower < upper {
      let middle = (lower + upper) / 2
      if runs[middle].starts(before: prefix, digits, value) {
        lower = middle + 1
      } else {
        upper = middle
      }
    }
    return lower
  }

  /// The ended run holding an id, found by halving.
  private func run(containing prefix: UInt8, _ digits: UInt8, _ value: UInt32) -> Run? {
    // The run starting at the id, or the one before it.
    let lower = runIndex(prefix, digits, value)
    if lower < runs.count, runs[lower].contains(prefix, digits, value) { return runs[lower] }
    if lower > 0, runs[lower - 1].contains(prefix, digits, value) { return runs[lower - 1] }
    return nil
  }

  /// Ends the open run: kept when long enough, else its ids go into the table.
  private mutating func close() {
    guard let run = open else { return }
    open = nil
    guard Int(run.last - run.first) + 1 >= Self.minimumRun else {
      for value in run.first...run.last {
        _ = find(packed: Self.packed(run.prefix, run.digits, value), run.place(of: value))
      }
      return
    }
    if let last = runs.last, !last.starts(before: run.prefix, run.digits, run.first) {
      runs.insert(run, at: runIndex(run.prefix, run.digits, run.first))
      outOfOrder += 1
    } else {
      runs.append(run)
    }
  }

  /// Looks up the key `tag` + `payload`, adding it at `place` if it is new (and `place` is
  /// given).
  private mutating func find(
    tag: UInt8, _ payload: UnsafeBufferPointer<UInt8>, _ place: Place?
  ) -> Place? {
    let hash = Self.hash(tag, payload)
    let part = Self.part(hash)
    let size = parts[part].count
    var slot = Self.slot(hash, size)
    while true {
      let entry = parts[part][slot]
      if entry == 0 { break }
      let offset = Int(entry - 1)
      if equals(offset, tag, payload) { return self.place(at: offset, length: payload.count) }
      slot = slot + 1 == size ? 0 : slot + 1
    }
    guard let place else { return nil }
    parts[part][slot] = UInt32(append(tag, payload, place) + 1)
    counts[part] += 1
    if counts[part] * 5 > size * 4 { grow(part) }
    return nil
  }

  /// Writes the packed form of an id made of a prefix (at most 15 bytes) and one to nine
  /// trailing ASCII digits; false for any other id, or when there are too many prefixes.
  private mutating func pack(
    _ bytes: UnsafeBufferPointer<UInt8>,
    into packed: inout (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)
  ) -> Bool {
    var start = bytes.count
    while start > 0, bytes[start - 1] &- 0x30 < 10 { start -= 1 }
    let digits = bytes.count - start
    guard (1...9).contains(digits), start <= Self.maxPrefixLength else { return false }
    var value: UInt32 = 0
    for i in start..<bytes.count { value = value * 10 + UInt32(bytes[i] - 0x30) }
    let prefix = UnsafeBufferPointer(rebasing: bytes[0..<start])
    let number: UInt8
    if let last = lastPrefix, last.bytes.elementsEqual(prefix) {
      number = last.number
    } else {
      let key = Array(prefix)
      if let known = prefixes[key] {
        number = known
      } else {
        guard prefixes.count < Self.maxPrefixes else { return false }
        number = UInt8(prefixes.count)
        prefixes[key] = number
      }
      lastPrefix = (key, number)
    }
    packed = Self.packed(number, UInt8(digits), value)
    return true
  }

  private func equals(_ offset: Int, _ tag: UInt8, _ payload: UnsafeBufferPointer<UInt8>) -> Bool {
    let chunk = chunks[offset >> Self.chunkBits]
    let start = offset & (Self.chunkSize - 1)
    guard chunk[start] == tag else { return false }
    for i in 0..<payload.count where chunk[start + 1 + i] != payload[i] { return false }
    return true
  }

  private func place(at offset: Int, length: Int) -> Place {
    let chunk = chunks[offset >> Self.chunkBits]
    let p = (offset & (Self.chunkSize - 1)) + 1 + length
    if chunk[p] == Self.placeElsewhere, let place = overflow[offset] { return place }
    let file = Int(chunk[p])
    var line = 0
    for i in 0..<4 { line |= Int(chunk[p + 1 + i]) << (8 * i) }
    return Place(file: file, line: line)
  }

  /// Appends an entry and returns its offset in the arena.
  private mutating func append(
    _ tag: UInt8, _ payload: UnsafeBufferPointer<UInt8>, _ place: Place
  ) -> Int {
    let size = payload.count + 6
    if chunks.isEmpty || chunks[chunks.count - 1].count + size > Self.chunkSize {
      var chunk: [UInt8] = []
      chunk.reserveCapacity(Self.chunkSize)
      chunks.append(chunk)
    }
    let c = chunks.count - 1
    let offset = c << Self.chunkBits | chunks[c].count
    chunks[c].append(tag)
    chunks[c].append(contentsOf: payload)
    if place.file >= Int(Self.placeElsewhere) || place.line > 0xFFFF_FFFF || place.line < 0 {
      overflow[offset] = place
      chunks[c].append(Self.placeElsewhere)
      for _ in 0..<4 { chunks[c].append(0) }
    } else {
      chunks[c].append(UInt8(place.file))
      for i in 0..<4 { chunks[c].append(UInt8((place.line >> (8 * i)) & 0xFF)) }
    }
    return offset
  }

  private mutating func grow(_ part: Int) {
    let old = parts[part]
    parts[part] = []
    var bigger = [UInt32](repeating: 0, count: old.count + old.count / 2)
    for entry in old where entry != 0 {
      let offset = Int(entry - 1)
      let chunk = chunks[offset >> Self.chunkBits]
      let start = offset & (Self.chunkSize - 1)
      let tag = chunk[start]
      let length = tag == 0 ? Self.packedPayload : Int(tag)
      let hash = chunk.withUnsafeBufferPointer {
        Self.hash(tag, UnsafeBufferPointer(rebasing: $0[(start + 1)..<(start + 1 + length)]))
      }
      var slot = Self.slot(hash, bigger.count)
      while bigger[slot] != 0 { slot = slot + 1 == bigger.count ? 0 : slot + 1 }
      bigger[slot] = entry
    }
    parts[part] = bigger
  }

  /// The part of the table a hash is in.
  private static func part(_ hash: UInt64) -> Int { Int(hash >> 58) }

  /// The slot of a hash in a part of `count` slots.
  private static func slot(_ hash: UInt64, _ count: Int) -> Int {
    Int((hash &<< 6).multipliedFullWidth(by: UInt64(count)).high)
  }

  /// FNV-1a over the tag and the payload, then mixed so that the low bits (the slot) depend
  /// on all of them.
  private static func hash(_ tag: UInt8, _ payload: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = (0xcbf2_9ce4_8422_2325 ^ UInt64(tag)) &* 0x100_0000_01b3
    for b in payload {
      h ^= UInt64(b)
      h &*= 0x100_0000_01b3
    }
    h ^= h >> 33
    h &*= 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    return h
  }
}
