/// Text with position markers (`1️⃣`…`9️⃣`, swift-syntax style) instead of hand-counted columns.
///
/// The markers are removed from ``text``; each marks the line and UTF-8 byte column of the
/// character that follows it (LF and CRLF end lines).
struct Marked {
  let text: String
  private var positions: [Character: (line: Int, column: Int)] = [:]

  init(_ marked: String) {
    var text = ""
    var line = 1
    var column = 1
    for character in marked {
      if character.unicodeScalars.count == 3,
        character.unicodeScalars.dropFirst().map(\.value) == [0xFE0F, 0x20E3]
      {
        positions[character] = (line, column)
        continue
      }
      text.append(character)
      if character == "\n" || character == "\r\n" {
        line += 1
        column = 1
      } else {
        column += character.utf8.count
      }
    }
    self.text = text
  }

  /// `line:column` of a marker, as `summary` prints it.
  subscript(_ marker: Character) -> String {
    let (line, column) = positions[marker]!
    return "\(line):\(column)"
  }

  /// The position of a marker.
  func position(_ marker: Character) -> (line: Int, column: Int) {
    positions[marker]!
  }
}
