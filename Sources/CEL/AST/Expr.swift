/// A node of a parsed CEL expression.
///
/// Operators are calls of functions with the reserved names in ``Operator``; macros (`has`,
/// `all`, `exists`, `exists_one`, `map`, `filter`, the two-variable forms, `cel.bind`,
/// `optMap`, `optFlatMap`) are expanded by the parser into ``ExprKind/presenceTest(operand:field:)``
/// and ``ExprKind/comprehension(_:)`` nodes whose span covers the original call, and the
/// original call is kept in ``ParsedExpression/macroCalls`` for display.
public struct Expr: Hashable, Sendable {
  /// Unique within one ``ParsedExpression``; checker results and traces are keyed by it.
  public var id: Int
  /// The source text this node was parsed from.
  public var span: SourceSpan
  /// What the node is.
  public var kind: ExprKind

  public init(id: Int, span: SourceSpan, kind: ExprKind) {
    self.id = id
    self.span = span
    self.kind = kind
  }
}

/// The kinds of CEL expression node.
public indirect enum ExprKind: Hashable, Sendable {
  /// A constant.
  case literal(Literal)
  /// A (possibly qualified, by the container) identifier: `incident`, `x`.
  case ident(String)
  /// Field selection `operand.field`.
  case select(operand: Expr, field: String)
  /// `has(operand.field)`: whether the field is present.
  case presenceTest(operand: Expr, field: String)
  /// A function, method or operator call. `target` is the receiver of a method call (`s.size()`).
  case call(function: String, target: Expr?, args: [Expr])
  /// A list literal; `optionalIndices` are elements written `?e`.
  case list(elements: [Expr], optionalIndices: [Int])
  /// A map literal.
  case map(entries: [MapEntry])
  /// A message construction `TypeName{field: value}`.
  case structure(typeName: String, fields: [StructField])
  /// A fold over a list or map, produced by macro expansion.
  case comprehension(Comprehension)
}

/// A CEL literal value as written in source.
public enum Literal: Hashable, Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case uint(UInt64)
  case double(Double)
  case string(String)
  case bytes([UInt8])
}

/// One `key: value` entry of a map literal; `isOptional` for `?key: value`.
public struct MapEntry: Hashable, Sendable {
  public var id: Int
  public var span: SourceSpan
  public var key: Expr
  public var value: Expr
  public var isOptional: Bool

  public init(id: Int, span: SourceSpan, key: Expr, value: Expr, isOptional: Bool = false) {
    self.id = id
    self.span = span
    self.key = key
    self.value = value
    self.isOptional = isOptional
  }
}

/// One `field: value` initializer of a message construction; `isOptional` for `?field: value`.
public struct StructField: Hashable, Sendable {
  public var id: Int
  public var span: SourceSpan
  public var name: String
  public var value: Expr
  public var isOptional: Bool

  public init(id: Int, span: SourceSpan, name: String, value: Expr, isOptional: Bool = false) {
    self.id = id
    self.span = span
    self.name = name
    self.value = value
    self.isOptional = isOptional
  }
}

/// A comprehension, CEL's single looping construct (see the language definition, "Macros").
///
/// Evaluation: `accuVar = accuInit`; for each element of `iterRange` (for a map, each key; with
/// `iterVar2`, index/key and value), while `loopCondition` holds, `accuVar = loopStep`; the
/// value is `result`.
public struct Comprehension: Hashable, Sendable {
  public var iterVar: String
  /// The second variable of the two-variable macros (`all(i, v, …)`), bound to the value.
  public var iterVar2: String?
  public var iterRange: Expr
  public var accuVar: String
  public var accuInit: Expr
  public var loopCondition: Expr
  public var loopStep: Expr
  public var result: Expr

  public init(
    iterVar: String, iterVar2: String? = nil, iterRange: Expr, accuVar: String, accuInit: Expr,
    loopCondition: Expr, loopStep: Expr, result: Expr
  ) {
    self.iterVar = iterVar
    self.iterVar2 = iterVar2
    self.iterRange = iterRange
    self.accuVar = accuVar
    self.accuInit = accuInit
    self.loopCondition = loopCondition
    self.loopStep = loopStep
    self.result = result
  }
}

/// The reserved function names that CEL operators are parsed into (as in cel-go and cel-cpp).
public enum Operator {
  public static let conditional = "_?_:_"
  public static let logicalAnd = "_&&_"
  public static let logicalOr = "_||_"
  public static let logicalNot = "!_"
  public static let negate = "-_"
  public static let equals = "_==_"
  public static let notEquals = "_!=_"
  public static let less = "_<_"
  public static let lessEquals = "_<=_"
  public static let greater = "_>_"
  public static let greaterEquals = "_>=_"
  public static let add = "_+_"
  public static let subtract = "_-_"
  public static let multiply = "_*_"
  public static let divide = "_/_"
  public static let modulo = "_%_"
  public static let index = "_[_]"
  public static let `in` = "@in"
  /// `a.?b`: args are the operand and a string literal naming the field.
  public static let optionalSelect = "_?._"
  /// `a[?b]`.
  public static let optionalIndex = "_[?_]"
  /// Internal: used in the loop condition of `all`/`exists` so that errors do not stop the loop.
  public static let notStrictlyFalse = "@not_strictly_false"
}
