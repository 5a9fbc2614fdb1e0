import PreceptDiagnostics

/// Text with position markers removed, and where each marker was.
///
/// Markers are the keycap emoji `0️⃣` … `9️⃣` (a digit, U+FE0F, U+20E3) and `🔟`, as in
/// swift-syntax's tests: `"require: 1️⃣incidnt"` marks the offset of `incidnt`. Offsets are
/// UTF-8 byte offsets into the text without markers.
public struct MarkedText: Sendable {
  /// The text without markers.
  public let text: String
  /// The UTF-8 offset of each marker, by name (`"1️⃣"`).
  public let markers: [String: Int]

  /// Strips markers from `marked`.
  public init(_ marked: String) {
    var text = ""
    var markers: [String: Int] = [:]
    var scalars = Array(marked.unicodeScalars)[...]
    while let scalar = scalars.first {
      if scalar == "\u{1F51F}" {
        markers["🔟"] = text.utf8.count
        scalars = scalars.dropFirst()
        continue
      }
      if ("0"..."9").contains(scalar), scalars.count >= 3,
        scalars[scalars.startIndex + 1] == "\u{FE0F}", scalars[scalars.startIndex + 2] == "\u{20E3}"
      {
        markers[String(String.UnicodeScalarView(scalars.prefix(3)))] = text.utf8.count
        scalars = scalars.dropFirst(3)
        continue
      }
      text.unicodeScalars.append(scalar)
      scalars = scalars.dropFirst()
    }
    self.text = text
    self.markers = markers
  }

  /// The offset of a marker; traps when the fixture has no such marker.
  public subscript(marker: String) -> Int {
    guard let offset = markers[marker] else {
      preconditionFailure("no marker \(marker) in fixture")
    }
    return offset
  }

  /// A source file holding the unmarked text.
  public func sourceFile(path: String = "test.yaml") -> SourceFile {
    SourceFile(path: path, text: text)
  }
}

/// Strips position markers from fixture text. See ``MarkedText``.
/// - Returns: The unmarked text and the UTF-8 offset of each marker.
public func extractMarkers(_ marked: String) -> (text: String, markers: [String: Int]) {
  let result = MarkedText(marked)
  return (result.text, result.markers)
}
