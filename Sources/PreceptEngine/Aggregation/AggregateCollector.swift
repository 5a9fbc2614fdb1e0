import CEL
import PreceptRules

/// Collects what aggregate rules need while records stream past: for each pattern rule the
/// times of each group's counted records, for each disproportionality rule the number of
/// counted incidents of each pupil. Memory grows with groups and pupils, not with the export
/// (a pattern group with a sliding window keeps one `Int64` per counted record of that group).
/// Group keys and `split_by` items are stored once and named by number, so that a group costs
/// a few dozen bytes (a review of a million records has hundreds of thousands of groups).
public final class AggregateCollector {
  /// The state of one aggregate rule.
  struct RuleState {
    let rule: CompiledRule
    /// Pattern rules with a sliding window: every record time of each group (see ``GroupCode``).
    var times: [GroupCode: [Int64]] = [:]
    /// Pattern rules without one: how many records each group has, and the first and last.
    var spans: [GroupCode: Span] = [:]
    /// Disproportionality rules: counted incidents by key number.
    var incidents: [Int32] = []
    /// Records the rule's filter or key could not be worked out for.
    var uncounted = 0
    var firstProblem: String?

    /// The times of a group (all of them with a window, else only the count, first and last).
    func series(_ code: GroupCode) -> TimeSeries {
      if let all = times[code] {
        return TimeSeries(
          count: all.count, first: all.min() ?? .max, last: all.max() ?? .min, times: all)
      }
      let span = spans[code] ?? Span()
      return TimeSeries(count: Int(span.count), first: span.first, last: span.last)
    }
  }

  public let pack: CompiledPack
  var states: [RuleState]
  /// Works out each record's contribution; safe to use from any thread.
  let sampler: AggregateSampler
  /// Group keys (pupil ids) and `split_by` items by number.
  private(set) var keys: [String] = []
  private var keyNumbers: [String: Int32] = [:]
  private(set) var items: [String] = [""]
  private var itemNumbers: [String: Int32] = ["": 0]

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
        let k = number(ofKey: key)
        let keepAll = states[i].rule.aggregate?.window != nil
        for item in items {
          let code = GroupCode(key: k, item: number(ofItem: item))
          if keepAll {
            states[i].times[code, default: []].append(seconds)
          } else {
            states[i].spans[code, default: Span()].add(seconds)
          }
        }
      case .incident(let i, let key):
        let k = Int(number(ofKey: key))
        if states[i].incidents.count <= k {
          states[i].incidents.append(
            contentsOf: repeatElement(0, count: k + 1 - states[i].incidents.count))
        }
        states[i].incidents[k] += 1
      case .uncounted(let i, let why):
        note(i, why)
      }
    }
  }

  /// Forgets the groups of the `i`th rule (evaluated already).
  func empty(_ i: Int) {
    states[i].times = [:]
    states[i].spans = [:]
    states[i].incidents = []
  }

  private func number(ofKey key: String) -> Int32 {
    Self.number(of: key, in: &keys, &keyNumbers)
  }

  private func number(ofItem item: String) -> Int32 {
    Self.number(of: item, in: &items, &itemNumbers)
  }

  /// The number of `text` in `list`, which it joins if new.
  private static func number(
    of text: String, in list: inout [String], _ numbers: inout [String: Int32]
  ) -> Int32 {
    if let n = numbers[text] { return n }
    let n = Int32(list.count)
    list.append(text)
    numbers[text] = n
    return n
  }

  /// A rule's groups in the order of their keys, then items (as strings).
  func sortedCodes(_ state: RuleState) -> [GroupCode] {
    let keyRank = Self.ranks(keys)
    let itemRank = Self.ranks(items)
    var codes: [GroupCode] = []
    codes.reserveCapacity(state.times.count + state.spans.count)
    codes.append(contentsOf: state.times.keys)
    codes.append(contentsOf: state.spans.keys)
    codes.sort {
      (keyRank[Int($0.key)], itemRank[Int($0.item)])
        < (keyRank[Int($1.key)], itemRank[Int($1.item)])
    }
    return codes
  }

  /// Each string's place in the sorted strings (all are distinct).
  private static func ranks(_ strings: [String]) -> [Int32] {
    var rank = [Int32](repeating: 0, count: strings.count)
    for (place, i) in strings.indices.sorted(by: { strings[$0] < strings[$1] }).enumerated() {
      rank[i] = Int32(place)
    }
    return rank
  }

  /// The counted incidents of a disproportionality rule of pupils not in `onRoll`, and how
  /// many pupils they are.
  func incidents(_ state: RuleState, notIn onRoll: Set<String>) -> (incidents: Int, pupils: Int) {
    var out = (incidents: 0, pupils: 0)
    for (k, n) in state.incidents.enumerated() where n > 0 && !onRoll.contains(keys[k]) {
      out.incidents += Int(n)
      out.pupils += 1
    }
    return out
  }

  /// The counted incidents of `key` for a disproportionality rule.
  func incidents(_ state: RuleState, key: String) -> Int {
    guard let k = keyNumbers[key], Int(k) < state.incidents.count else { return 0 }
    return Int(state.incidents[Int(k)])
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

/// A group of a pattern rule (its key's number) and one of its `split_by` items (the item's
/// number; 0 is `""`, no item).
struct GroupCode: Hashable {
  var key: Int32
  var item: Int32
}

/// How many records a group has, and the first and last time (seconds).
struct Span {
  var first = Int64.max
  var last = Int64.min
  var count: Int32 = 0

  mutating func add(_ t: Int64) {
    count += 1
    first = min(first, t)
    last = max(last, t)
  }
}

/// The times (seconds) of one group's counted records: every one when the rule has a sliding
/// window, otherwise only how many and the first and last.
struct TimeSeries {
  var count = 0
  var first = Int64.max
  var last = Int64.min
  var times: [Int64] = []
}
