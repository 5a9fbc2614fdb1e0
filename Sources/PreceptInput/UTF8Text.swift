/// Makes strings from UTF-8 bytes, validating them (ASCII takes a fast path).
enum UTF8Text {
  /// The string, or `nil` when the bytes are not valid UTF-8.
  @inline(__always)
  static func string(_ start: UnsafePointer<UInt8>, count: Int) -> String? {
    let bytes = UnsafeBufferPointer(start: start, count: count)
    var high: UInt8 = 0
    for byte in bytes {
      high |= byte
    }
    if high < 0x80 {
      return String(decoding: bytes, as: UTF8.self)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  /// Whether the bytes contain a NUL.
  @inline(__always)
  static func containsNUL(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
    UnsafeBufferPointer(start: start, count: count).contains(0)
  }
}
