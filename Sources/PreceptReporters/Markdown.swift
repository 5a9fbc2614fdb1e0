/// Escaping for GitHub-flavoured Markdown.
enum Markdown {
  /// Characters that start inline markup or HTML, escaped with a backslash so that text from
  /// records and rule packs is shown as written.
  private static let special: Set<Character> = [
    "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&",
  ]

  /// Inline text with markup characters escaped; line breaks are kept.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      if special.contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }

  /// Text for one table cell: escaped, with line breaks as `<br>` and control characters
  /// dropped, so that the cell stays on its row.
  static func cell(_ text: String) -> String {
    var out = ""
    for character in escape(text) {
      if character.isNewline {
        out += "<br>"
      } else if character == "\t" {
        out += " "
      } else if !character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control })
      {
        out.append(character)
      }
    }
    return out
  }

  /// Text as a block quote, one `> ` per line.
  static func blockQuote(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { "> " + escape(String($0)) }
      .joined(separator: "\n")
  }
}
