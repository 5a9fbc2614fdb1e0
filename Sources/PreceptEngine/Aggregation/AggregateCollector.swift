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
  /// Works out each record's contribution; safe to use from any thread.
  let sampler: AggregateSampler

  public init(pack: CompiledPack) {
    self.pack = pack
    states = pack.rules.filter { $0.aggregate != nil }.map { RuleState(rule: $0) }
    sampler = AggregateSampler(pack: pack, rules: states.map(\.rule))
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
    add(sampler.sample(record, activation: activation))
  }

  /// Feeds what ``AggregateSampler`` worked out for one record (on a worker thread).
  func add(_ sample: AggregateSample) {
    for contribution in sample.contributions {
      switch contribution {
      case .times(let i, let key, let items, let seconds):
        let keepAll = states[i].rule.aggregate?.window != nil
        for item in items {
          states[i].times[GroupItem(group: key, item: item), default: TimeSeries()]
            .add(seconds, keepAll: keepAll)
        }
      case .incident(let i, let key):
        states[i].incidents[key, default: 0] += 1
      case .uncounted(let i, let why):
        note(i, why)
      }
    }
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
