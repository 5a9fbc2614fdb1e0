/// Makes strings from UTF-8 bytes, validating them (ASCII takes a fast path).
enum UTF8Text {
  /// The string, or `nil` when the bytes are not valid UTF-8.
  @inline(__always)
  static func string(_ start: UnsafePointer<UInt8>, count: Int) -> String? {
    let bytes = UnsafeBufferPointer(start: start, count: count)
    if isASCII(start, count: count) {
      return String(decoding: bytes, as: UTF8.self)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  /// Whether the bytes are valid UTF-8.
  @inline(__always)
  static func isValid(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
    isASCII(start, count: count)
      || String(validating: UnsafeBufferPointer(start: start, count: count), as: UTF8.self) != nil
  }

  /// Whether every byte is below 0x80, eight bytes at a time.
  @inline(__always)
  static func isASCII(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
    let raw = UnsafeRawPointer(start)
    var i = 0
    var high: UInt64 = 0
    while i &+ 8 <= count {
      high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      i &+= 8
    }
    while i < count {
      high |= UInt64(start[i])
      i &+= 1
    }
    return high & 0x8080_8080_8080_8080 == 0
  }

  /// Whether the bytes contain a NUL.
  @inline(__always)
  static func containsNUL(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
    UnsafeBufferPointer(start: start, count: count).contains(0)
  }
}
