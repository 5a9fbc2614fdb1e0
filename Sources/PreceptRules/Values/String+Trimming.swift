import Foundation

extension String {
  /// The text without leading and trailing white space and line breaks: the same result as
  /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's bridging (which
  /// copies the text through UTF-16) when the ends are ASCII, as in nearly every rule file.
  var trimmedWhitespaceAndNewlines: String {
    let trimmed = utf8.withContiguousStorageIfAvailable { bytes -> String? in
      // The ASCII members of CharacterSet.whitespacesAndNewlines: tab, line feed, vertical tab,
      // form feed, carriage return and space.
      func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
      var start = 0
      var end = bytes.count
      while start < end, isSpace(bytes[start]) { start += 1 }
      while end > start, isSpace(bytes[end - 1]) { end -= 1 }
      if start == end { return "" }
      // A non-ASCII character at either end may be Unicode white space: the general path.
      guard bytes[start] < 0x80, bytes[end - 1] < 0x80 else { return nil }
      if start == 0 && end == bytes.count { return self }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
    return (trimmed ?? nil) ?? trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
