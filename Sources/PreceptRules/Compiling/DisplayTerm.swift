import CEL

/// A sub-expression an explanation shows with its value: `incident.seclusion.supervision`.
public struct DisplayTerm: Sendable, Hashable {
  /// The node whose traced value is shown.
  public let id: Int
  /// Its source text, whitespace collapsed and parentheses balanced.
  public let text: String
  /// The dotted path when the node is a field path (`incident.pupil.name`), for redaction.
  public let path: String?
  /// Whether the node is a bare identifier (shown only when its value is not a whole object).
  public let isIdentifier: Bool

  /// The terms of an expression, outermost first: not the root (the condition itself, shown
  /// above its terms), not literals, not the inner nodes of `&&`/`||` chains (the parser
  /// balances them), not the insides of macros, and a field path whole rather than each prefix.
  static func plan(_ parsed: ParsedExpression) -> [DisplayTerm] {
    var out: [DisplayTerm] = []
    var seen: Set<String> = []
    func visit(_ e: Expr, parentFunction: String?) {
      switch e.kind {
      case .literal: return
      case .list(let elements, _)
      where elements.allSatisfy({ if case .literal = $0.kind { return true } else { return false } }
      ):
        return
      default: break
      }
      var isInnerChain = false
      if case .call(let f, nil, _) = e.kind, f == parentFunction,
        f == Operator.logicalAnd || f == Operator.logicalOr
      {
        isInnerChain = true
      }
      if e.id != parsed.root.id && !isInnerChain {
        let text = balanced(normalized(parsed.text(of: e.span)))
        if !seen.contains(text) {
          seen.insert(text)
          var isIdentifier = false
          if case .ident = e.kind { isIdentifier = true }
          out.append(
            DisplayTerm(id: e.id, text: text, path: e.selectPath, isIdentifier: isIdentifier))
        }
      }
      switch e.kind {
      case .comprehension: return
      case .select(let operand, _), .presenceTest(let operand, _):
        if operand.selectPath == nil { visit(operand, parentFunction: nil) }
      case .call(let function, let target, let args):
        if let target { visit(target, parentFunction: nil) }
        for a in args { visit(a, parentFunction: function) }
      case .list(let elements, _):
        for x in elements { visit(x, parentFunction: nil) }
      case .map(let entries):
        for x in entries { visit(x.value, parentFunction: nil) }
      default: break
      }
    }
    visit(parsed.root, parentFunction: nil)
    return out
  }

  /// Collapses runs of whitespace (multi-line `>` expressions) to single spaces.
  public static func normalized(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
      .joined(separator: " ")
  }

  /// Spans exclude the parentheses around an operand, so a sub-expression's text can open or
  /// close more than it should (`a || b) && c`); restore the balance for display.
  static func balanced(_ text: String) -> String {
    var depth = 0
    var missingOpen = 0
    var inString: Character?
    for c in text {
      if let q = inString {
        if c == q { inString = nil }
        continue
      }
      switch c {
      case "'", "\"": inString = c
      case "(": depth += 1
      case ")":
        if depth == 0 { missingOpen += 1 } else { depth -= 1 }
      default: break
      }
    }
    return String(repeating: "(", count: missingOpen) + text + String(repeating: ")", count: depth)
  }
}
