/// Converts libyaml's marks, which count Unicode scalars from after any byte-order mark, to
/// UTF-8 byte offsets.
struct CharacterOffsets {
  /// The length of a UTF-8 byte-order mark at the start of the file, or 0.
  let base: Int
  /// The byte offset of each scalar after the BOM, or nil when the text is ASCII.
  let starts: [Int]?
  let byteCount: Int

  init(_ bytes: [UInt8]) {
    base = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    byteCount = bytes.count
    if bytes[base...].allSatisfy({ $0 < 0x80 }) {
      starts = nil
    } else {
      var starts: [Int] = []
      starts.reserveCapacity(bytes.count - base)
      for offset in base..<bytes.count where bytes[offset] & 0b1100_0000 != 0b1000_0000 {
        starts.append(offset)
      }
      self.starts = starts
    }
  }

  /// The byte offset of the scalar at `index`, clamped to the file.
  func byteOffset(_ index: Int) -> Int {
    guard let starts else { return min(base + max(0, index), byteCount) }
    if index < 0 { return base }
    return index < starts.count ? starts[index] : byteCount
  }
}
