/// libyaml's problem and context texts, reworded for people who write rule packs.
struct YAMLSyntaxProblem: Equatable {
  var message: String
  var help: String?
  /// A note for the context mark, e.g. `the quoted string starts here`.
  var contextNote: String?

  /// Rewords a libyaml scanner or parser error.
  /// - Parameters:
  ///   - problem: libyaml's `problem`.
  ///   - context: libyaml's `context`, if any.
  ///   - character: The character at the problem mark, if any.
  init(problem: String, context: String?, character: Unicode.Scalar?) {
    (message, help) = Self.reword(problem, character: character)
    // For a tab the context ("while scanning a plain scalar") points somewhere unhelpful.
    contextNote = message.hasPrefix("tab ") ? nil : context.flatMap(Self.note(forContext:))
  }

  private static func reword(_ problem: String, character: Unicode.Scalar?) -> (String, String?) {
    switch problem {
    case "found character that cannot start any token":
      switch character {
      case "\t": return ("tab character used for indentation", "indent with spaces")
      case "`", "@":
        return ("'\(character!)' cannot start a plain value", "put the value in quotes")
      case let character?:
        return ("unexpected character '\(character.escaped(asASCII: false))'", nil)
      case nil:
        return ("unexpected character", nil)
      }
    case "mapping values are not allowed in this context":
      return (
        "unexpected ':'",
        "check the indentation, and quote a value that contains ': '"
      )
    case "did not find expected key":
      return ("expected a key", "check the indentation of this line")
    case "did not find expected node content":
      return ("expected a value", nil)
    case "did not find expected ',' or ']'":
      return ("expected ',' or ']'", nil)
    case "did not find expected ',' or '}'":
      return ("expected ',' or '}'", nil)
    case "could not find expected ':'":
      return ("expected ':' after the key", nil)
    case "found unexpected end of stream":
      return ("unexpected end of file", nil)
    case "found a tab character that violates indentation",
      "found a tab character where an indentation space is expected":
      return ("tab character used for indentation", "indent with spaces")
    case "found unknown escape character":
      return (
        "unknown escape sequence in a double-quoted string",
        "write '\\\\' for a backslash, or use single quotes"
      )
    case "found unexpected document indicator":
      return ("unexpected document marker inside a value", "quote the value")
    case "block sequence entries are not allowed in this context":
      return ("a list entry ('- ') is not allowed here", "check the indentation of this line")
    case "did not find expected '-' indicator":
      return ("expected a list entry ('- ')", "check the indentation of this line")
    case "did not find expected <document start>":
      return ("expected the start of a document ('---')", nil)
    case "did not find expected alphabetic or numeric character":
      return ("expected a letter or digit in an anchor, alias or tag name", nil)
    case "found extra tokens":
      return ("unexpected text after the value", nil)
    default:
      return (lowercasedSentence(problem), nil)
    }
  }

  private static func note(forContext context: String) -> String? {
    let prefixes = [
      "while parsing an ", "while parsing a ", "while scanning an ", "while scanning a ",
    ]
    guard let prefix = prefixes.first(where: context.hasPrefix) else { return nil }
    let subject = String(context.dropFirst(prefix.count))
    let nouns: [String: String] = [
      "quoted scalar": "quoted string",
      "plain scalar": "value",
      "block scalar": "block scalar",
      "simple key": "key",
      "block mapping": "mapping",
      "flow mapping": "mapping",
      "block collection": "collection",
      "flow sequence": "sequence",
      "block sequence": "sequence",
      "flow node": "value",
      "block node": "value",
      "node": "value",
      "anchor": "anchor",
      "alias": "alias",
      "tag": "tag",
      "directive": "directive",
      "%YAML directive": "directive",
      "%TAG directive": "directive",
    ]
    guard let noun = nouns[subject] else { return nil }
    return "the \(noun) starts here"
  }

  /// libyaml's texts are lower-case already; make sure, and drop any trailing period.
  private static func lowercasedSentence(_ text: String) -> String {
    var text = text
    if text.hasSuffix(".") { text.removeLast() }
    guard let first = text.first else { return "invalid YAML" }
    return first.lowercased() + text.dropFirst()
  }
}
