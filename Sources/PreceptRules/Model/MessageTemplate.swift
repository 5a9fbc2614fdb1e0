/// A rule's message with `{{ expr }}` CEL interpolations.
public struct MessageTemplate: Sendable {
  /// A piece of the template.
  public enum Part: Sendable {
    case text(String)
    case expression(ExpressionText)
  }

  public var parts: [Part]
  /// The template as written.
  public var source: ExpressionText

  public init(parts: [Part], source: ExpressionText) {
    self.parts = parts
    self.source = source
  }

  /// Splits a template into text and expressions. An unclosed `{{` yields the offset of the
  /// opening braces as the error.
  public static func parse(_ source: ExpressionText) -> Result<MessageTemplate, TemplateError> {
    let bytes = Array(source.text.utf8)
    var parts: [Part] = []
    var text: [UInt8] = []
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "{"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") {
        var j = i + 2
        var close: Int?
        while j + 1 < bytes.count {
          if bytes[j] == UInt8(ascii: "}") && bytes[j + 1] == UInt8(ascii: "}") {
            close = j
            break
          }
          j += 1
        }
        guard let close else { return .failure(TemplateError(offset: i, message: "unclosed '{{'")) }
        if !text.isEmpty {
          parts.append(.text(String(decoding: text, as: UTF8.self)))
          text.removeAll()
        }
        let inner = String(decoding: bytes[(i + 2)..<close], as: UTF8.self)
        if inner.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) {
          return .failure(TemplateError(offset: i, message: "empty '{{ }}' in message"))
        }
        var expression = source
        expression.text = inner
        expression.valueOffset = source.valueOffset + i + 2
        parts.append(.expression(expression))
        i = close + 2
      } else {
        text.append(bytes[i])
        i += 1
      }
    }
    if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
    return .success(MessageTemplate(parts: parts, source: source))
  }
}

/// A malformed message template.
public struct TemplateError: Error, Sendable {
  /// UTF-8 offset in the template text.
  public var offset: Int
  public var message: String
}
