/// Renders an expression as readable CEL source, as used in explanations.
///
/// Nodes recorded in `macroCalls` (the parser's ``ParsedExpression/macroCalls``) are printed as
/// the macro call that was written (`list.all(x, x > 0)`) rather than as their expansion.
public func unparse(_ expr: Expr, macroCalls: [Int: Expr] = [:]) -> String {
  Unparser(macroCalls: macroCalls).render(expr).text
}

/// Renders a parsed expression, printing macros as written.
public func unparse(_ parsed: ParsedExpression) -> String {
  unparse(parsed.root, macroCalls: parsed.macroCalls)
}

struct Unparser {
  let macroCalls: [Int: Expr]

  /// Precedence levels, loosest first.
  enum Level: Int, Comparable {
    case conditional = 1
    case or, and, relation, addition, multiplication, unary, member

    static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  static let binary: [String: (String, Level)] = [
    Operator.logicalOr: ("||", .or),
    Operator.logicalAnd: ("&&", .and),
    Operator.equals: ("==", .relation),
    Operator.notEquals: ("!=", .relation),
    Operator.less: ("<", .relation),
    Operator.lessEquals: ("<=", .relation),
    Operator.greater: (">", .relation),
    Operator.greaterEquals: (">=", .relation),
    Operator.in: ("in", .relation),
    Operator.add: ("+", .addition),
    Operator.subtract: ("-", .addition),
    Operator.multiply: ("*", .multiplication),
    Operator.divide: ("/", .multiplication),
    Operator.modulo: ("%", .multiplication),
  ]

  func render(_ expr: Expr) -> (text: String, level: Level) {
    if let call = macroCalls[expr.id], call.id == expr.id || call.kind != expr.kind {
      if case .call = call.kind { return render(call, asMacro: true) }
    }
    return render(expr, asMacro: false)
  }

  func text(_ expr: Expr, atLeast level: Level) -> String {
    let (text, actual) = render(expr)
    return actual < level ? "(\(text))" : text
  }

  private func render(_ expr: Expr, asMacro: Bool) -> (text: String, level: Level) {
    switch expr.kind {
    case .literal(let literal):
      let text = Self.literal(literal)
      return (text, text.hasPrefix("-") ? .unary : .member)
    case .ident(let name):
      return (name, .member)
    case .select(let operand, let field):
      return ("\(text(operand, atLeast: .member)).\(Self.fieldName(field))", .member)
    case .presenceTest(let operand, let field):
      return ("has(\(text(operand, atLeast: .member)).\(Self.fieldName(field)))", .member)
    case .call(let function, let target, let args):
      return renderCall(function, target: target, args: args)
    case .list(let elements, let optionalIndices):
      let items = elements.enumerated().map { i, element in
        (optionalIndices.contains(i) ? "?" : "") + render(element).text
      }
      return ("[\(items.joined(separator: ", "))]", .member)
    case .map(let entries):
      let items = entries.map { entry in
        "\(entry.isOptional ? "?" : "")\(render(entry.key).text): \(render(entry.value).text)"
      }
      return ("{\(items.joined(separator: ", "))}", .member)
    case .structure(let typeName, let fields):
      let items = fields.map { field in
        "\(field.isOptional ? "?" : "")\(Self.fieldName(field.name)): \(render(field.value).text)"
      }
      return ("\(typeName){\(items.joined(separator: ", "))}", .member)
    case .comprehension(let c):
      let vars = [c.iterVar] + (c.iterVar2.map { [$0] } ?? [])
      let parts =
        vars + [
          render(c.iterRange).text, c.accuVar, render(c.accuInit).text,
          render(c.loopCondition).text, render(c.loopStep).text, render(c.result).text,
        ]
      return ("__comprehension__(\(parts.joined(separator: ", ")))", .member)
    }
  }

  private func renderCall(
    _ function: String, target: Expr?, args: [Expr]
  ) -> (text: String, level: Level) {
    if let target {
      let list = args.map { render($0).text }.joined(separator: ", ")
      return ("\(text(target, atLeast: .member)).\(function)(\(list))", .member)
    }
    if args.count == 2, let (symbol, level) = Self.binary[function] {
      // Left-associative; `&&` and `||` are associative, so either side may be unbracketed.
      let rightLevel =
        level == .and || level == .or ? level : Level(rawValue: level.rawValue + 1)!
      let lhs = text(args[0], atLeast: level)
      let rhs = text(args[1], atLeast: rightLevel)
      return ("\(lhs) \(symbol) \(rhs)", level)
    }
    switch (function, args.count) {
    case (Operator.conditional, 3):
      let condition = text(args[0], atLeast: .or)
      let then = text(args[1], atLeast: .or)
      let otherwise = text(args[2], atLeast: .conditional)
      return ("\(condition) ? \(then) : \(otherwise)", .conditional)
    case (Operator.logicalNot, 1):
      return ("!" + text(args[0], atLeast: .member), .unary)
    case (Operator.negate, 1):
      return ("-" + text(args[0], atLeast: .member), .unary)
    case (Operator.index, 2):
      return ("\(text(args[0], atLeast: .member))[\(render(args[1]).text)]", .member)
    case (Operator.optionalIndex, 2):
      return ("\(text(args[0], atLeast: .member))[?\(render(args[1]).text)]", .member)
    case (Operator.optionalSelect, 2):
      if case .literal(.string(let field)) = args[1].kind {
        return ("\(text(args[0], atLeast: .member)).?\(Self.fieldName(field))", .member)
      }
    default:
      break
    }
    let list = args.map { render($0).text }.joined(separator: ", ")
    return ("\(function)(\(list))", .member)
  }

  /// A field name, backtick-quoted unless it is a plain identifier.
  static func fieldName(_ name: String) -> String {
    let bytes = Array(name.utf8)
    let plain =
      !bytes.isEmpty && Lexer.isIdentifierStart(bytes[0])
      && bytes.allSatisfy(Lexer.isIdentifierPart)
      && !["true", "false", "null", "in"].contains(name)
    return plain ? name : "`\(name)`"
  }

  static func literal(_ literal: Literal) -> String {
    switch literal {
    case .null: return "null"
    case .bool(let value): return value ? "true" : "false"
    case .int(let value): return String(value)
    case .uint(let value): return "\(value)u"
    case .double(let value):
      if value.isNaN { return "double(\"NaN\")" }
      if value.isInfinite { return value < 0 ? "double(\"-Infinity\")" : "double(\"Infinity\")" }
      let text = "\(value)"
      return text.contains(".") || text.contains("e") ? text : text + ".0"
    case .string(let value):
      var out = "\""
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
          if scalar.value < 0x20 || scalar.value == 0x7F {
            out += "\\x" + hex(UInt8(scalar.value))
          } else {
            out.unicodeScalars.append(scalar)
          }
        }
      }
      return out + "\""
    case .bytes(let value):
      var out = "b\""
      for byte in value {
        switch byte {
        case UInt8(ascii: "\\"): out += "\\\\"
        case UInt8(ascii: "\""): out += "\\\""
        case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
        default: out += "\\x" + hex(byte)
        }
      }
      return out + "\""
    }
  }

  static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
  }
}
