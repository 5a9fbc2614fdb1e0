import CEL
import PreceptRules

/// What one record contributes to the aggregate rules, worked out where the record was
/// evaluated (a worker thread) and folded into an ``AggregateCollector`` in input order.
struct AggregateSample: Sendable {
  enum Contribution: Sendable {
    /// A pattern rule (by index) counts the record for a group and its `split_by` items.
    case times(rule: Int, key: String, items: [String], seconds: Int64)
    /// A disproportionality rule counts an incident for a pupil.
    case incident(rule: Int, key: String)
    /// The rule's filter or key could not be worked out for the record.
    case uncounted(rule: Int, why: String)
  }

  var contributions: [Contribution] = []
}

/// Evaluates the aggregate rules' `filter`, `group_by` and `split_by` on one record. Reads only
/// the compiled rules, so any number of threads may use it at once.
struct AggregateSampler: Sendable {
  let pack: CompiledPack
  /// The aggregate rules, in the collector's order.
  let rules: [CompiledRule]

  func sample(_ record: TypedRecord, activation: Activation) -> AggregateSample {
    var sample = AggregateSample()
    guard let date = record.date else { return sample }
    if let from = pack.effectiveFrom, date < from { return sample }
    for (i, rule) in rules.enumerated() {
      guard let aggregate = rule.aggregate else { continue }
      if let from = rule.effectiveFrom, date < from { continue }
      if let until = rule.effectiveUntil, !(date < until) { continue }
      func uncounted(_ why: String) { sample.contributions.append(.uncounted(rule: i, why: why)) }
      if let filter = aggregate.filter {
        switch filter.program.evaluate(activation) {
        case .bool(true): break
        case .bool(false): continue
        case .error(let e):
          uncounted("'filter': \(AggregateCollector.describe(e))")
          continue
        default: continue
        }
      }
      let key: String
      if let groupBy = aggregate.groupBy {
        switch groupBy.program.evaluate(activation) {
        case .string(let s) where !s.isEmpty: key = s
        case .error(let e):
          uncounted("'group_by': \(AggregateCollector.describe(e))")
          continue
        default:
          uncounted("'group_by' gave no key")
          continue
        }
      } else if case .object(let pupil)? = record.value["pupil"], case .string(let s)? = pupil["id"]
      {
        key = s
      } else {
        uncounted("the record has no pupil id")
        continue
      }
      switch rule.rule.kind {
      case .record: continue
      case .disproportionality:
        sample.contributions.append(.incident(rule: i, key: key))
      case .pattern:
        var items = [""]
        if let splitBy = aggregate.splitBy {
          switch splitBy.program.evaluate(activation) {
          case .list(let values):
            var distinct: [String] = []
            for case .string(let s) in values where !distinct.contains(s) { distinct.append(s) }
            items = distinct
          case .error(let e):
            uncounted("'split_by': \(AggregateCollector.describe(e))")
            continue
          default: continue
          }
        }
        sample.contributions.append(
          .times(rule: i, key: key, items: items, seconds: date.seconds))
      }
    }
    return sample
  }
}
