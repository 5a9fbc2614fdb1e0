import Foundation

extension String {
  /// The text without leading and trailing spaces and tabs: the same result as
  /// `trimmingCharacters(in: .whitespaces)`, without Foundation's bridging (which copies the
  /// text through UTF-16) when the ends are ASCII, as in nearly every cell of an export.
  public var trimmedWhitespace: String {
    // The ASCII members of CharacterSet.whitespaces: tab and space.
    trimmed(asciiSpace: { $0 == 0x20 || $0 == 0x09 }, else: .whitespaces)
  }

  /// The text without leading and trailing white space and line breaks: the same result as
  /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's bridging when the
  /// ends are ASCII, as in nearly every rule file.
  public var trimmedWhitespaceAndNewlines: String {
    // The ASCII members of CharacterSet.whitespacesAndNewlines: tab, line feed, vertical tab,
    // form feed, carriage return and space.
    trimmed(asciiSpace: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }, else: .whitespacesAndNewlines)
  }

  /// Trims the bytes `asciiSpace` accepts (the ASCII members of `set`) from both ends, or
  /// trims `set` with Foundation when a non-ASCII character is left at either end (it may be
  /// Unicode white space).
  private func trimmed(asciiSpace: (UInt8) -> Bool, else set: CharacterSet) -> String {
    let trimmed = utf8.withContiguousStorageIfAvailable { bytes -> String? in
      var start = 0
      var end = bytes.count
      while start < end, asciiSpace(bytes[start]) { start += 1 }
      while end > start, asciiSpace(bytes[end - 1]) { end -= 1 }
      if start == end { return "" }
      guard bytes[start] < 0x80, bytes[end - 1] < 0x80 else { return nil }
      if start == 0 && end == bytes.count { return self }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
    return (trimmed ?? nil) ?? trimmingCharacters(in: set)
  }
}
