import PreceptDiagnostics
import PreceptYAML

/// Reads the keys of one YAML mapping of a rule file, reporting wrong types, missing keys and
/// (on ``finish()``) unknown keys with a did-you-mean.
struct MappingReader {
  let node: YAMLNode
  /// What the mapping is, for messages ("rule", "param 'x'").
  let what: String
  let sink: DiagnosticSink
  private let pairs: [YAMLPair]
  private var known: [String] = []

  /// Returns `nil` (after reporting) when the node is not a mapping.
  init?(_ node: YAMLNode, what: String, sink: DiagnosticSink) {
    guard case .mapping(let pairs) = node.kind else {
      sink.error(
        .wrongType, "\(what) must be a mapping of keys to values, not \(node.kindName)",
        at: node.range)
      return nil
    }
    self.node = node
    self.what = what
    self.sink = sink
    self.pairs = pairs
  }

  /// All keys, in order, with their value nodes (for free-form mappings: params, sources).
  var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
    pairs.map { ($0.key.scalarText ?? "", $0.key, $0.value) }
  }

  /// The value node of a key, marking the key as known.
  mutating func value(_ key: String, required: Bool = false) -> YAMLNode? {
    known.append(key)
    if let pair = pairs.first(where: { $0.key.scalarText == key }) { return pair.value }
    if required {
      sink.error(.missingKey, "\(what) is missing required key '\(key)'", at: headRange)
    }
    return nil
  }

  /// Whether the key is present (marking it known).
  mutating func has(_ key: String) -> Bool {
    known.append(key)
    return pairs.contains { $0.key.scalarText == key }
  }

  /// The range of the key itself.
  func keyRange(_ key: String) -> SourceRange? {
    pairs.first(where: { $0.key.scalarText == key })?.key.range
  }

  /// A string scalar (numbers and other plain scalars are taken as written).
  mutating func string(_ key: String, required: Bool = false) -> Located<String>? {
    guard let v = value(key, required: required) else { return nil }
    guard case .scalar(let scalar) = v.kind, scalar.resolved != .null else {
      sink.error(.wrongType, "'\(key)' must be a string, not \(v.kindName)", at: v.range)
      return nil
    }
    // Block scalars (`>`, `|`) end with a line break that no reader wants.
    return Located(scalar.value.trimmedWhitespaceAndNewlines, at: v.range)
  }

  /// A `true`/`false` scalar.
  mutating func bool(_ key: String) -> Located<Bool>? {
    guard let v = value(key) else { return nil }
    if case .scalar(let scalar) = v.kind, case .bool(let b) = scalar.resolved {
      return Located(b, at: v.range)
    }
    sink.error(
      .wrongType, "'\(key)' must be true or false", at: v.range,
      help: "only the plain words 'true' and 'false' are booleans")
    return nil
  }

  /// An integer scalar.
  mutating func int(_ key: String, required: Bool = false) -> Located<Int>? {
    guard let v = value(key, required: required) else { return nil }
    if case .scalar(let scalar) = v.kind, case .int(let i) = scalar.resolved {
      return Located(Int(i), at: v.range)
    }
    sink.error(.wrongType, "'\(key)' must be a whole number", at: v.range)
    return nil
  }

  /// A list of strings; a single string is accepted as a list of one.
  mutating func strings(_ key: String) -> [Located<String>]? {
    guard let v = value(key) else { return nil }
    switch v.kind {
    case .scalar(let scalar) where scalar.resolved != .null:
      return [Located(scalar.value, at: v.range)]
    case .sequence(let items):
      var out: [Located<String>] = []
      for item in items {
        if case .scalar(let scalar) = item.kind, scalar.resolved != .null {
          out.append(Located(scalar.value, at: item.range))
        } else {
          sink.error(
            .wrongType, "each entry of '\(key)' must be a string, not \(item.kindName)",
            at: item.range)
        }
      }
      return out
    default:
      sink.error(.wrongType, "'\(key)' must be a list of strings", at: v.range)
      return nil
    }
  }

  /// Reports every key not asked for, with the closest known key as a suggestion.
  func finish() {
    for pair in pairs {
      guard let key = pair.key.scalarText else {
        sink.error(.wrongType, "keys of \(what) must be plain names", at: pair.key.range)
        continue
      }
      if !known.contains(key) {
        sink.error(
          .unknownKey, "unknown key '\(key)' in \(what)", at: pair.key.range,
          help: Suggestion.help(Suggestion.closest(to: key, in: known)))
      }
    }
  }

  private var headRange: SourceRange {
    // Point at the mapping's first key rather than the whole (possibly long) mapping.
    if let first = pairs.first { return first.key.range }
    return node.range
  }
}

extension YAMLNode {
  /// The scalar's text, or `nil` for collections.
  var scalarText: String? {
    if case .scalar(let s) = kind { return s.value }
    return nil
  }

  /// "a list", "a mapping", "a string", for messages.
  var kindName: String {
    switch kind {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let s):
      switch s.resolved {
      case .null: return "null"
      case .bool: return "a boolean"
      case .int: return "a number"
      case .double: return "a number"
      case .string: return "a string"
      }
    }
  }
}
