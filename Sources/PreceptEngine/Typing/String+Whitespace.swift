import Foundation

extension String {
  /// The text without leading and trailing spaces and tabs: the same result as
  /// `trimmingCharacters(in: .whitespaces)`, without Foundation's bridging when there is nothing to
  /// trim (the common case for cells of an export).
  var trimmedWhitespace: String {
    // The ASCII members of CharacterSet.whitespaces are space and tab; other bytes below 0x80 are
    // never trimmed. A non-ASCII byte at either end takes the general path.
    let untouched = utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      guard let first = bytes.first, let last = bytes.last else { return false }
      return first < 0x80 && last < 0x80 && first != 0x20 && first != 0x09 && last != 0x20
        && last != 0x09
    }
    if untouched == true { return self }
    if isEmpty { return "" }
    return trimmingCharacters(in: .whitespaces)
  }
}
