import CEL
import PreceptRules

/// Collects what aggregate rules need while records stream past: for each pattern rule the
/// times of each group's counted records, for each disproportionality rule the number of
/// counted incidents of each pupil. Memory grows with groups and pupils, not with the export
/// (a pattern group keeps one `Int64` per counted record of that group).
public final class AggregateCollector {
  /// The state of one aggregate rule.
  struct RuleState {
    let rule: CompiledRule
    /// Pattern rules: the record times of each group and `split_by` item (`""` without one),
    /// in one flat table (a review of a million records has hundreds of thousands of groups).
    var times: [GroupItem: TimeSeries] = [:]
    /// Disproportionality rules: pupil id → counted incidents.
    var incidents: [String: Int] = [:]
    /// Records the rule's filter or key could not be worked out for.
    var uncounted = 0
    var firstProblem: String?
  }

  public let pack: CompiledPack
  var states: [RuleState]
  private let defaultPupilID: [String]

  public init(pack: CompiledPack) {
    self.pack = pack
    states = pack.rules.filter { $0.aggregate != nil }.map { RuleState(rule: $0) }
    defaultPupilID = ["pupil", "id"]
  }

  /// The definitions the aggregate rules' record expressions use (to evaluate per record).
  public var definitionsUsed: [String] {
    states.flatMap { state -> [String] in
      guard let a = state.rule.aggregate else { return [] }
      return [a.groupBy, a.splitBy, a.filter].compactMap { $0 }.flatMap(\.definitionsUsed)
    }
  }

  /// Whether the pack has aggregate rules at all.
  public var isEmpty: Bool { states.isEmpty }

  /// Feeds one evaluated record (with its activation from ``RecordEvaluator``).
  public func add(_ record: TypedRecord, activation: Activation) {
    guard let date = record.date else { return }
    if let from = pack.effectiveFrom, date < from { return }
    for i in states.indices {
      let rule = states[i].rule
      guard let aggregate = rule.aggregate else { continue }
      if let from = rule.effectiveFrom, date < from { continue }
      if let until = rule.effectiveUntil, !(date < until) { continue }
      if let filter = aggregate.filter {
        switch filter.program.evaluate(activation) {
        case .bool(true): break
        case .bool(false): continue
        case .error(let e):
          note(i, "'filter': \(Self.describe(e))")
          continue
        default: continue
        }
      }
      let key: String
      if let groupBy = aggregate.groupBy {
        switch groupBy.program.evaluate(activation) {
        case .string(let s) where !s.isEmpty: key = s
        case .error(let e):
          note(i, "'group_by': \(Self.describe(e))")
          continue
        default:
          note(i, "'group_by' gave no key")
          continue
        }
      } else if case .string(let s)? = pupilID(record.value) {
        key = s
      } else {
        note(i, "the record has no pupil id")
        continue
      }
      switch rule.rule.kind {
      case .record: continue
      case .disproportionality:
        states[i].incidents[key, default: 0] += 1
      case .pattern:
        var items = [""]
        if let splitBy = aggregate.splitBy {
          switch splitBy.program.evaluate(activation) {
          case .list(let values):
            var distinct: [String] = []
            for case .string(let s) in values where !distinct.contains(s) { distinct.append(s) }
            items = distinct
          case .error(let e):
            note(i, "'split_by': \(Self.describe(e))")
            continue
          default: continue
          }
        }
        let keepAll = aggregate.window != nil
        for item in items {
          states[i].times[GroupItem(group: key, item: item), default: TimeSeries()]
            .add(date.seconds, keepAll: keepAll)
        }
      }
    }
  }

  private func pupilID(_ record: ObjectValue) -> Value? {
    guard case .object(let pupil)? = record[defaultPupilID[0]] else { return nil }
    return pupil[defaultPupilID[1]]
  }

  private func note(_ i: Int, _ why: String) {
    states[i].uncounted += 1
    if states[i].firstProblem == nil { states[i].firstProblem = why }
  }

  static func describe(_ e: EvalError) -> String {
    if let path = e.fieldPath { return "\(path) is missing" }
    return e.message
  }
}

/// A group of a pattern rule and one of its `split_by` items.
struct GroupItem: Hashable, Comparable {
  var group: String
  var item: String

  static func < (a: GroupItem, b: GroupItem) -> Bool { (a.group, a.item) < (b.group, b.item) }
}

/// The times (seconds) of one group's counted records: every one when the rule has a sliding
/// window, otherwise only how many and the first and last, so that memory stays per group.
struct TimeSeries {
  var count = 0
  var first = Int64.max
  var last = Int64.min
  /// Every time, kept only when the rule has a sliding window (otherwise no allocation at all:
  /// a review of a million records keeps a series per pupil and trigger).
  var times: [Int64] = []

  mutating func add(_ t: Int64, keepAll: Bool) {
    count += 1
    first = min(first, t)
    last = max(last, t)
    if keepAll { times.append(t) }
  }
}
