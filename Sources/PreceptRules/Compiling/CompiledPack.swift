import CEL
import Foundation
import PreceptDiagnostics

/// A CEL expression of a pack, parsed, checked and compiled. A class: rules are evaluated
/// per record, and copying their expressions would cost reference counting on the hot path.
public final class CompiledExpression: Sendable {
  /// Where it was written.
  public let text: ExpressionText
  public let parsed: ParsedExpression
  public let program: Program
  /// Its checked type.
  public let type: CELType
  /// Definitions it names directly.
  public let definitionsUsed: [String]
  /// Params it names (`params.x`).
  public let paramsUsed: [String]
  /// The sub-expressions an explanation shows, outermost first (computed once here so that
  /// explaining a finding only formats values).
  public let displayTerms: [DisplayTerm]
  /// The expression's text with whitespace collapsed, as explanations print it.
  public let displayText: String

  init(
    text: ExpressionText, parsed: ParsedExpression, program: Program, type: CELType,
    definitionsUsed: [String], paramsUsed: [String]
  ) {
    self.text = text
    self.parsed = parsed
    self.program = program
    self.type = type
    self.definitionsUsed = definitionsUsed
    self.paramsUsed = paramsUsed
    self.displayTerms = DisplayTerm.plan(parsed)
    self.displayText = DisplayTerm.normalized(text.text)
  }
}

/// A definition in evaluation order, with the slot its value is stored in.
public struct CompiledDefinition: Sendable {
  public let definition: Definition
  public let expression: CompiledExpression
  /// Its slot in the pack's ``Activation``.
  public let slot: Int
}

/// One part of a compiled message template.
public enum CompiledTemplatePart: Sendable {
  case text(String)
  case expression(CompiledExpression)
}

/// A rule ready to evaluate.
public final class CompiledRule: Sendable {
  public let rule: Rule
  public let when: CompiledExpression?
  public let require: CompiledExpression
  public let message: [CompiledTemplatePart]
  /// The fix, when it interpolates values (empty: the rule's `fix` text as it is).
  public let fix: [CompiledTemplatePart]
  /// The fix for a finding made without the record's values (a rule that could not be
  /// evaluated, a group that could not be counted): each placeholder written as its
  /// expression, in brackets.
  public let plainFix: String?
  /// The rule's period as instants in the pack's time zone (`until` is exclusive: the day after).
  public let effectiveFrom: Timestamp?
  public let effectiveUntil: Timestamp?
  /// Aggregate settings, compiled (`nil` for record rules).
  public let aggregate: CompiledAggregate?
  /// The condition under which a failure takes the escalated severity.
  public let escalateWhen: CompiledExpression?

  init(
    rule: Rule, when: CompiledExpression?, require: CompiledExpression,
    message: [CompiledTemplatePart], fix: [CompiledTemplatePart] = [],
    effectiveFrom: Timestamp?, effectiveUntil: Timestamp?,
    aggregate: CompiledAggregate?, escalateWhen: CompiledExpression?
  ) {
    self.rule = rule
    self.when = when
    self.require = require
    self.message = message
    self.fix = fix
    plainFix =
      fix.isEmpty
      ? rule.fix
      : fix.map {
        switch $0 {
        case .text(let t): t
        case .expression(let e): "(\(e.displayText))"
        }
      }.joined()
    self.effectiveFrom = effectiveFrom
    self.effectiveUntil = effectiveUntil
    self.aggregate = aggregate
    self.escalateWhen = escalateWhen
  }
}

/// A pack that passed its static checks: everything needed to evaluate records.
public final class CompiledPack: Sendable {
  public let pack: RulePack
  public let environment: Environment
  public let types: SchemaTypes
  /// The `params` value, one field per param.
  public let params: ObjectValue
  /// Definitions in dependency order.
  public let definitions: [CompiledDefinition]
  /// Enabled rules, by id.
  public let rules: [CompiledRule]
  /// Slots of the fixed variables.
  public let recordSlot: Int
  public let paramsSlot: Int
  public let nowSlot: Int
  /// The pack's effective date as an instant.
  public let effectiveFrom: Timestamp?
  public let timeZone: TimeZone

  init(
    pack: RulePack, environment: Environment, types: SchemaTypes, params: ObjectValue,
    definitions: [CompiledDefinition], rules: [CompiledRule], recordSlot: Int, paramsSlot: Int,
    nowSlot: Int, effectiveFrom: Timestamp?, timeZone: TimeZone
  ) {
    self.pack = pack
    self.environment = environment
    self.types = types
    self.params = params
    self.definitions = definitions
    self.rules = rules
    self.recordSlot = recordSlot
    self.paramsSlot = paramsSlot
    self.nowSlot = nowSlot
    self.effectiveFrom = effectiveFrom
    self.timeZone = timeZone
  }

  /// The compiled rule with this id.
  public func rule(_ id: String) -> CompiledRule? { rules.first { $0.rule.id == id } }

  /// The compiled definition with this name.
  public func definition(_ name: String) -> CompiledDefinition? {
    definitions.first { $0.definition.name == name }
  }

  /// The named definitions and every definition they use, directly or through others: each
  /// once, breadth first from `names` (the order explanations list them in). Names that are not
  /// definitions are skipped.
  public func definitionsUsed(by names: [String]) -> [CompiledDefinition] {
    var found: [CompiledDefinition] = []
    var seen: Set<String> = []
    var pending = names[...]
    while let name = pending.popFirst() {
      guard seen.insert(name).inserted, let d = definition(name) else { continue }
      found.append(d)
      pending += d.expression.definitionsUsed
    }
    return found
  }

  /// ``definitionsUsed(by:)`` as indices into ``definitions``, in dependency order (the order
  /// they can be evaluated in).
  public func definitionIndices(usedBy names: [String]) -> [Int] {
    let wanted = Set(definitionsUsed(by: names).map { ObjectIdentifier($0.expression) })
    return definitions.indices.filter {
      wanted.contains(ObjectIdentifier(definitions[$0].expression))
    }
  }
}
