import PreceptInput

/// Parses small JSON texts found inside CSV cells (a list of staff objects).
enum JSONText {
  static func parse(_ text: String) -> RawValue? {
    RawValue.parseJSON(text)
  }
}
