import CEL
import PreceptRules

/// Which expressions read personal fields, so that values computed from them
/// (`day(incident.pupil.date_of_birth)`, `incident.injuries.map(i, i.description)`) are redacted
/// like the fields themselves.
///
/// An expression reads personal data when it selects a personal path of the record, selects a
/// field with a personal field's name from anything else (a comprehension variable, a
/// definition), or names a definition that reads personal data. Values computed from personal
/// data are shown only when they are truth values or numbers (a hold's length, an age), or text
/// made only of the pack's own string literals (`'occurred_at is in the future'`); other text,
/// dates, lists and the like are redacted.
struct PersonalTaint: Sendable {
  private let variable: String
  private let paths: Set<String>
  private let fieldNames: Set<String>
  /// Definitions whose values derive from personal data.
  let definitions: Set<String>
  /// The UTF-8 bytes of the string literals written in the pack's expressions, grouped by
  /// their first byte (for ``isPackText(_:)``).
  private let literalsByFirstByte: [[[UInt8]]]
  /// The tainted node ids of each of the pack's expressions, worked out once.
  private let taintedByExpression: [ObjectIdentifier: Set<Int>]

  init(pack: CompiledPack) {
    variable = pack.pack.record.variable
    let personal = pack.pack.record.schema.personalPaths
    paths = Set(personal.map { "\(pack.pack.record.variable).\($0)" })
    fieldNames = Set(personal.compactMap { $0.split(separator: ".").last.map(String.init) })
    var tainted: Set<String> = []
    let base = PersonalTaint(variable: variable, paths: paths, fieldNames: fieldNames)
    for d in pack.definitions {
      if base.reads(d.expression.parsed.root, definitions: tainted) {
        tainted.insert(d.definition.name)
      }
    }
    definitions = tainted
    var expressions = pack.definitions.map(\.expression)
    for rule in pack.rules {
      expressions += [rule.when, rule.require, rule.escalateWhen].compactMap { $0 }
      for case .expression(let e) in rule.message { expressions.append(e) }
    }
    var found: Set<String> = []
    for e in expressions {
      var stack = [e.parsed.root]
      while let node = stack.popLast() {
        if case .literal(.string(let text)) = node.kind, !text.isEmpty { found.insert(text) }
        stack += node.children
      }
    }
    var byFirstByte = [[[UInt8]]](repeating: [], count: 256)
    for text in found.sorted() {
      let bytes = Array(text.utf8)
      byFirstByte[Int(bytes[0])].append(bytes)
    }
    literalsByFirstByte = byFirstByte
    let withDefinitions = PersonalTaint(
      variable: variable, paths: paths, fieldNames: fieldNames, definitions: tainted)
    var byExpression: [ObjectIdentifier: Set<Int>] = [:]
    for e in expressions where byExpression[ObjectIdentifier(e)] == nil {
      byExpression[ObjectIdentifier(e)] = withDefinitions.taintedNodes(e.parsed.root)
    }
    taintedByExpression = byExpression
  }

  private init(
    variable: String, paths: Set<String>, fieldNames: Set<String>, definitions: Set<String> = []
  ) {
    self.variable = variable
    self.paths = paths
    self.fieldNames = fieldNames
    self.definitions = definitions
    literalsByFirstByte = []
    taintedByExpression = [:]
  }

  /// Whether `expression` reads personal data.
  func reads(_ expression: Expr) -> Bool { reads(expression, definitions: definitions) }

  /// Whether a compiled expression reads personal data (worked out once for the pack's own).
  func reads(_ expression: CompiledExpression) -> Bool {
    guard let nodes = taintedByExpression[ObjectIdentifier(expression)] else {
      return reads(expression.parsed.root)
    }
    return nodes.contains(expression.parsed.root.id)
  }

  /// The ids of the nodes of a compiled expression whose value is computed from personal data
  /// (worked out once for the pack's own expressions).
  func taintedNodes(_ expression: CompiledExpression) -> Set<Int> {
    taintedByExpression[ObjectIdentifier(expression)] ?? taintedNodes(expression.parsed.root)
  }

  private func reads(_ root: Expr, definitions: Set<String>) -> Bool {
    var stack = [root]
    while let e = stack.popLast() {
      if readsItself(e, definitions: definitions) { return true }
      stack += e.children
    }
    return false
  }

  /// The ids of the nodes of `root` whose value is computed from personal data.
  func taintedNodes(_ root: Expr) -> Set<Int> {
    // Pre-order, then children before parents by walking it backwards.
    var order: [Expr] = []
    var stack = [root]
    while let e = stack.popLast() {
      order.append(e)
      stack += e.children
    }
    var tainted: Set<Int> = []
    for e in order.reversed()
    where readsItself(e, definitions: definitions)
      || e.children.contains(where: { tainted.contains($0.id) })
    {
      tainted.insert(e.id)
    }
    return tainted
  }

  /// Functions that take one component out of a value: a year out of a date, a number out of
  /// text. Applied to personal data, even their numbers say too much (a pupil's birth year).
  static let extractions: Set<String> = [
    "int", "uint", "double", "getFullYear", "getMonth", "getDate", "getDayOfMonth",
    "getDayOfWeek", "getDayOfYear", "getHours", "getMinutes", "getSeconds", "getMilliseconds",
  ]

  /// The ids of the nodes of `root` that extract a component (``extractions``) from personal
  /// data: shown redacted whatever their type. Arithmetic over them (an age worked out from a
  /// date of birth) is not an extraction and follows the usual rule.
  func extractionNodes(_ root: Expr, tainted: Set<Int>) -> Set<Int> {
    var found: Set<Int> = []
    var stack = [root]
    while let e = stack.popLast() {
      if case .call(let function, let target, let args) = e.kind,
        Self.extractions.contains(function),
        (target.map { tainted.contains($0.id) } ?? false)
          || args.contains(where: { tainted.contains($0.id) })
      {
        found.insert(e.id)
      }
      stack += e.children
    }
    return found
  }

  /// Whether the node itself (not its operands) reads personal data.
  private func readsItself(_ e: Expr, definitions: Set<String>) -> Bool {
    switch e.kind {
    case .ident(let name):
      return definitions.contains(Expr.globalName(name))
    case .select(_, let field), .presenceTest(_, let field):
      if let path = e.selectPath, path.hasPrefix(variable + ".") {
        return paths.contains(path) || paths.contains(where: { path.hasPrefix($0 + ".") })
      }
      return fieldNames.contains(field)
    default:
      return false
    }
  }

  /// Whether a value computed from personal data may still be shown: truth values, numbers,
  /// durations and null say nothing a reader could recognise a child by.
  func isShowable(_ value: Value) -> Bool {
    switch value {
    case .bool, .int, .uint, .double, .duration, .null: return true
    case .string(let text): return isPackText(text)
    case .list(let items): return items.allSatisfy(isShowable)
    default: return false
    }
  }

  /// Whether `text` is made of the pack's string literals, joined by spaces or punctuation.
  /// A scan over its UTF-8 bytes: a position is reachable from the start through separators
  /// and whole literals; the text qualifies when its end is.
  private func isPackText(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      let count = bytes.count
      if count == 0 { return true }
      var reachable = [Bool](repeating: false, count: count + 1)
      reachable[0] = true
      for i in 0..<count where reachable[i] {
        let byte = bytes[i]
        if Self.isSeparator(byte) {
          reachable[i + 1] = true
          continue
        }
        for literal in literalsByFirstByte[Int(byte)]
        where literal.count <= count - i && !reachable[i + literal.count] {
          var j = 1
          while j < literal.count && bytes[i + j] == literal[j] { j += 1 }
          if j == literal.count { reachable[i + j] = true }
        }
      }
      return reachable[count]
    }
  }

  /// The bytes that may join literals: ` ;,.:/()-`.
  private static func isSeparator(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x20, 0x3B, 0x2C, 0x2E, 0x3A, 0x2F, 0x28, 0x29, 0x2D: return true
    default: return false
    }
  }

  /// An evaluation error's message with quoted values (`cannot convert 'Sam' to int`) removed.
  static func withoutQuotedValues(_ message: String) -> String {
    var out = ""
    var inQuote = false
    for c in message {
      if c == "'" {
        if !inQuote { out += ValueFormatter.redacted }
        inQuote.toggle()
      } else if !inQuote {
        out.append(c)
      }
    }
    return out
  }
}
