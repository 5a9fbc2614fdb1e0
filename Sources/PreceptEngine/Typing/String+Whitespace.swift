import Foundation

extension String {
  /// The text without leading and trailing spaces and tabs: the same result as
  /// `trimmingCharacters(in: .whitespaces)`, without Foundation's bridging when there is nothing to
  /// trim (the common case for cells of an export).
  var trimmedWhitespace: String {
    let bytes = utf8
    guard let first = bytes.first, let last = bytes.last else { return "" }
    // The ASCII members of CharacterSet.whitespaces are space and tab; other bytes below 0x80 are
    // never trimmed. A non-ASCII byte at either end takes the general path.
    if first < 0x80, last < 0x80, first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
      return self
    }
    return trimmingCharacters(in: .whitespaces)
  }
}
