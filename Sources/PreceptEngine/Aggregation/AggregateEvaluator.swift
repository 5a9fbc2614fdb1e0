import CEL
import Foundation
import PreceptRules

/// Evaluates the aggregate rules once every record has been collected.
public struct AggregateEvaluator: Sendable {
  public let pack: CompiledPack
  public let params: ObjectValue
  public let now: Timestamp
  /// The pupils on roll; `nil` makes disproportionality rules not evaluable.
  public let roster: Roster?
  /// A wider roster (the trust's) for the alternate risk ratio.
  public let widerRoster: Roster?
  let formatter: ValueFormatter
  /// What naming and remaking a pattern rule's findings needs, by rule id.
  private var patternRules: [String: PatternRule] = [:]

  /// A pattern rule, how its findings name a group, and its window.
  struct PatternRule: Sendable {
    let rule: CompiledRule
    let aggregate: CompiledAggregate
    let groupNoun: String
    let itemNoun: String
    let window: (window: Duration?, usable: Bool, problem: EvalError?)
    /// The slots of `params`, `now` and the group's figures in the rule's environment, in the
    /// order ``AggregateEvaluator/patternActivation(_:key:item:count:total:first:last:window:)``
    /// sets them (`nil` for a name the environment lacks).
    let slots: [Int?]

    init(
      rule: CompiledRule, aggregate: CompiledAggregate, groupNoun: String, itemNoun: String,
      window: (window: Duration?, usable: Bool, problem: EvalError?)
    ) {
      self.rule = rule
      self.aggregate = aggregate
      self.groupNoun = groupNoun
      self.itemNoun = itemNoun
      self.window = window
      slots = [
        PackCompiler.paramsVariable, PackCompiler.nowVariable, "count", "total", "window", "first",
        "last", "group", "item",
      ].map(aggregate.environment.slot(of:))
    }

    /// How a finding names a group: `pupil P-1042, trigger change_of_staff`.
    func label(key: String, item: String) -> String {
      var group = "\(groupNoun) \(key)"
      if !item.isEmpty { group += ", \(itemNoun) \(item)" }
      return group
    }
  }

  public init(
    pack: CompiledPack, params: ObjectValue? = nil, now: Timestamp, roster: Roster?,
    widerRoster: Roster? = nil, showPersonal: Bool = false
  ) {
    self.pack = pack
    self.params = params ?? pack.params
    self.now = now
    self.roster = roster
    self.widerRoster = widerRoster
    formatter = ValueFormatter(pack: pack, showPersonal: showPersonal)
    for rule in pack.rules where rule.rule.kind == .pattern {
      guard let aggregate = rule.aggregate, patternRules[rule.rule.id] == nil else { continue }
      patternRules[rule.rule.id] = PatternRule(
        rule: rule, aggregate: aggregate,
        groupNoun: Self.noun(aggregate.groupBy, fallback: "pupil"),
        itemNoun: Self.noun(aggregate.splitBy, fallback: "item"),
        window: patternWindow(aggregate))
    }
  }

  /// Evaluates every aggregate rule over what `collector` gathered.
  /// - Parameter holdPatternFindings: leave the findings of pattern rules' groups out of
  ///   `findings`: they are kept as their figures in `patterns` (in report order) and made one at
  ///   a time by ``patternFinding(_:)``. A large export has hundreds of thousands of them.
  /// - Parameter emptying: empty each rule's groups in `collector` once the rule is evaluated
  ///   (when the collector is not needed afterwards: its memory is freed rule by rule).
  /// - Parameter alongside: evaluators of other compilations of the same pack, which evaluate
  ///   stretches of a pattern rule's groups on threads of their own (traced programs cannot be
  ///   shared between threads); the result is the same without them.
  public func evaluate(
    _ collector: AggregateCollector, holdPatternFindings: Bool = false, emptying: Bool = false,
    alongside: [AggregateEvaluator] = [], groupsPerLane: Int = AggregateEvaluator.groupsPerLane
  ) -> AggregateResult {
    var result = AggregateResult(findings: [], counts: [], groups: [], patterns: [])
    result.rosterPupils = roster?.count
    result.patternFindingsHeld = holdPatternFindings
    for i in collector.states.indices {
      defer { if emptying { collector.empty(i) } }
      let state = collector.states[i]
      let rule = state.rule
      var counts = CheckReport.RuleCounts(
        rule: rule.rule.id, title: rule.rule.title, severity: rule.rule.severity,
        cite: rule.rule.cite.map(\.description), applied: 0, passed: 0, failed: 0,
        cannotEvaluate: 0, notApplicable: 0, outsidePeriod: 0, waived: 0)
      switch rule.rule.kind {
      case .record: continue
      case .pattern:
        evaluatePattern(
          state, collector: collector, counts: &counts, into: &result, hold: holdPatternFindings,
          alongside: alongside, groupsPerLane: groupsPerLane)
      case .disproportionality:
        evaluateGroups(state, collector: collector, counts: &counts, into: &result)
      }
      if state.uncounted > 0 {
        result.findings.append(
          finding(
            rule, kind: .cannotEvaluate, severity: .info, group: nil,
            message:
              "\(state.uncounted) record(s) could not be counted for '\(rule.rule.title)': "
              + (state.firstProblem ?? "evaluation failed")
          ))
      }
      result.counts.append(counts)
    }
    if holdPatternFindings {
      // Report order: by rule, then group (each rule's groups are already in order).
      let inOrder = zip(result.patterns, result.patterns.dropFirst()).allSatisfy {
        $0.rule <= $1.rule
      }
      if !inOrder { result.patterns.sort { $0.rule < $1.rule } }
    }
    return result
  }

  // MARK: - Shared

  func paramsActivation(_ aggregate: CompiledAggregate) -> Activation {
    var a = Activation(environment: aggregate.paramsEnvironment)
    a[PackCompiler.paramsVariable] = .object(params)
    a[PackCompiler.nowVariable] = .timestamp(now)
    return a
  }

  /// Evaluates `when` and `require` of a rule for one group, and makes its finding.
  /// With `detail` false, a failed rule's finding has no message nor explanation (its kind
  /// and severity are right).
  func judge(
    _ rule: CompiledRule, _ activation: Activation, group: String, terms: [String],
    counts: inout CheckReport.RuleCounts, detail: Bool = true
  ) -> Finding? {
    if let when = rule.when {
      switch when.program.evaluate(activation) {
      case .bool(true): break
      case .bool(false):
        counts.notApplicable += 1
        return nil
      case .error(let e):
        counts.applied += 1
        counts.cannotEvaluate += 1
        return cannotEvaluate(
          rule, activation, group: group, why: AggregateCollector.describe(e), terms: terms)
      default: return nil
      }
    }
    counts.applied += 1
    switch rule.require.program.evaluate(activation) {
    case .bool(true):
      counts.passed += 1
      return nil
    case .bool(false):
      counts.failed += 1
      var f = finding(
        rule, kind: .aggregate, severity: rule.rule.severity, group: group,
        message: detail ? render(rule, activation) ?? "\(rule.rule.title) (\(group))" : "")
      if let escalation = rule.rule.escalation, let condition = rule.escalateWhen,
        case .bool(true) = condition.program.evaluate(activation)
      {
        f.severity = escalation.severity
      }
      if detail {
        if !rule.fix.isEmpty { f.fix = render(rule.fix, activation) }
        f.explanation = explain(rule, activation, terms: terms)
      }
      return f
    case .error(let e):
      counts.cannotEvaluate += 1
      return cannotEvaluate(
        rule, activation, group: group, why: AggregateCollector.describe(e), terms: terms)
    default:
      counts.cannotEvaluate += 1
      return cannotEvaluate(
        rule, activation, group: group, why: "'require' did not give true or false", terms: terms)
    }
  }

  private func cannotEvaluate(
    _ rule: CompiledRule, _ activation: Activation, group: String, why: String, terms: [String]
  ) -> Finding {
    var f = finding(
      rule, kind: .cannotEvaluate, severity: rule.rule.severity, group: group,
      message: "cannot evaluate '\(rule.rule.title)' for \(group): \(why)")
    if !rule.fix.isEmpty { f.fix = render(rule.fix, activation) }
    var e = explain(rule, activation, terms: terms)
    e.missing = why
    f.explanation = e
    return f
  }

  func finding(
    _ rule: CompiledRule, kind: Finding.Kind, severity: Severity, group: String?, message: String
  ) -> Finding {
    Finding(
      rule: rule.rule.id, kind: kind, severity: severity, record: nil, group: group,
      message: message, title: rule.rule.title, cite: rule.rule.cite.map(\.description),
      quote: rule.rule.quote, fix: rule.plainFix)
  }

  /// The condition and the group's figures it was judged on.
  private func explain(_ rule: CompiledRule, _ activation: Activation, terms: [String])
    -> Explanation
  {
    let values = terms.compactMap { name -> Explanation.Term? in
      guard let v = activation[name] else { return nil }
      if case .error = v { return Explanation.Term(expr: name, value: "not available") }
      return Explanation.Term(expr: name, value: formatter.literal(v))
    }
    let used = rule.require.paramsUsed.compactMap { name -> Explanation.ParamUse? in
      guard let v = self.params[name] else { return nil }
      return Explanation.ParamUse(
        name: name, value: formatter.text(v),
        origin: pack.pack.param(name)?.origin ?? "pack")
    }
    return Explanation(
      when: rule.rule.when?.text, condition: rule.rule.require.text, values: values,
      params: used)
  }

  private func render(_ rule: CompiledRule, _ activation: Activation) -> String? {
    guard !rule.message.isEmpty else { return nil }
    return render(rule.message, activation)
  }

  private func render(_ parts: [CompiledTemplatePart], _ activation: Activation) -> String {
    var out = ""
    for part in parts {
      switch part {
      case .text(let t): out += t
      case .expression(let e):
        let value = e.program.evaluate(activation)
        if case .error = value { out += "(not available)" } else { out += formatter.text(value) }
      }
    }
    return out
  }

  // MARK: - Pattern rules

  private func evaluatePattern(
    _ state: AggregateCollector.RuleState, collector: AggregateCollector,
    counts: inout CheckReport.RuleCounts, into result: inout AggregateResult, hold: Bool,
    alongside: [AggregateEvaluator], groupsPerLane: Int
  ) {
    let rule = state.rule
    guard let aggregate = rule.aggregate else { return }
    let shape = PatternRule(
      rule: rule, aggregate: aggregate,
      groupNoun: Self.noun(aggregate.groupBy, fallback: "pupil"),
      itemNoun: Self.noun(aggregate.splitBy, fallback: "item"), window: patternWindow(aggregate))
    let (window, usable, problem) = shape.window
    guard usable else {
      if let e = problem {
        result.findings.append(
          finding(
            rule, kind: .cannotEvaluate, severity: rule.rule.severity, group: nil,
            message:
              "cannot evaluate '\(rule.rule.title)': 'window': \(AggregateCollector.describe(e))"))
        counts.cannotEvaluate += 1
      }
      return
    }
    let personal = aggregate.groupBy?.parsed.root.selectPath.map(formatter.isPersonal) ?? false
    let firstHeld = result.patterns.endIndex
    let codes = collector.sortedCodes(state)
    let figures = PatternFigures(
      keys: collector.keys, items: collector.items, state: state, window: window,
      redact: personal && !formatter.showPersonal, rule: rule.rule.id,
      severity: rule.rule.severity)
    // Each lane's evaluator and its compilation of the rule; one lane for a few groups.
    var lanes = [(evaluator: self, shape: shape)]
    if codes.count >= groupsPerLane * 2, let index = pack.rules.firstIndex(where: { $0 === rule }) {
      for other in alongside {
        guard other.pack.rules.count == pack.rules.count else { continue }
        let copy = other.pack.rules[index]
        guard copy.rule.id == rule.rule.id, let copyAggregate = copy.aggregate else { continue }
        lanes.append(
          (
            other,
            PatternRule(
              rule: copy, aggregate: copyAggregate, groupNoun: shape.groupNoun,
              itemNoun: shape.itemNoun, window: other.patternWindow(copyAggregate))
          ))
      }
    }
    let zero: CheckReport.RuleCounts = {
      var zero = counts
      (zero.applied, zero.passed, zero.failed, zero.cannotEvaluate, zero.notApplicable) =
        (0, 0, 0, 0, 0)
      return zero
    }()
    let stretches: [Stretch]
    if lanes.count == 1 {
      stretches = [
        evaluateGroups(
          0..<codes.count, of: codes, shape: shape, figures: figures, counts: zero, hold: hold)
      ]
    } else {
      let slots = ResultSlots<Stretch>(count: lanes.count)
      let shared = SharedInput(codes: codes, figures: figures, lanes: lanes)
      DispatchQueue.concurrentPerform(iterations: lanes.count) { l in
        let n = shared.codes.count
        let range = (n * l / shared.lanes.count)..<(n * (l + 1) / shared.lanes.count)
        let lane = shared.lanes[l]
        slots.set(
          l,
          lane.evaluator.evaluateGroups(
            range, of: shared.codes, shape: lane.shape, figures: shared.figures, counts: zero,
            hold: hold))
      }
      stretches = slots.values()
    }
    // Joined in order, as one pass over the groups gives them.
    var held: [(code: Int32, severity: Severity)] = []
    var previousLabel: String?
    var inOrder = true
    for stretch in stretches {
      counts.applied += stretch.counts.applied
      counts.passed += stretch.counts.passed
      counts.failed += stretch.counts.failed
      counts.cannotEvaluate += stretch.counts.cannotEvaluate
      counts.notApplicable += stretch.counts.notApplicable
      result.findings += stretch.findings
      result.patterns += stretch.patterns
      held += stretch.held
      if !stretch.inOrder { inOrder = false }
      if let first = stretch.firstLabel {
        if let previousLabel, !(previousLabel < first) { inOrder = false }
        previousLabel = stretch.lastLabel
      }
    }
    guard hold else { return }
    result.patterns.reserveCapacity(result.patterns.count + held.count)
    for (n, severity) in held {
      var p = figures.group(codes[Int(n)])
      p.severity = severity
      result.patterns.append(p)
    }
    if !inOrder {
      // Groups whose labels do not sort as their keys (or that share a label): sorted as
      // the findings themselves are.
      result.patterns[firstHeld...].sort {
        FindingOrder.precedes(patternFinding($0), patternFinding($1))
      }
    }
  }

  /// Groups a lane takes at least, when a pattern rule's groups are shared among lanes.
  public static let groupsPerLane = 2_048

  /// A group's figures from what the collector gathered: its busiest window (or all its
  /// records). Read-only, so lanes share it.
  struct PatternFigures: @unchecked Sendable {
    let keys: [String]
    let items: [String]
    let state: AggregateCollector.RuleState
    let window: Duration?
    let redact: Bool
    let rule: String
    let severity: Severity

    func group(_ code: GroupCode) -> PatternGroup {
      let series = state.series(code)
      let (count, first, last) =
        window == nil
        ? (series.count, series.first, series.last)
        : AggregateEvaluator.busiestWindow(series.times.sorted(), window: window)
      return PatternGroup(
        rule: rule, key: redact ? ValueFormatter.redacted : keys[Int(code.key)],
        item: items[Int(code.item)], count: count, total: series.count,
        first: Timestamp(seconds: first), last: Timestamp(seconds: last), fired: true,
        severity: severity)
    }
  }

  /// What the lanes read, each evaluating with its own compilation.
  private struct SharedInput: @unchecked Sendable {
    let codes: [GroupCode]
    let figures: PatternFigures
    let lanes: [(evaluator: AggregateEvaluator, shape: PatternRule)]
  }

  /// What one stretch of a pattern rule's groups gave, to be joined to the others in order.
  private struct Stretch {
    var counts: CheckReport.RuleCounts
    var held: [(code: Int32, severity: Severity)] = []
    /// Findings in group order (with `hold`, only those not of kind `aggregate`).
    var findings: [Finding] = []
    var patterns: [PatternGroup] = []
    /// The labels of the first and last held group, and whether the held labels ascend.
    var firstLabel: String?
    var lastLabel: String?
    var inOrder = true
  }

  /// Judges the groups `codes[range]` of a pattern rule (`shape`, of this evaluator's
  /// compilation).
  private func evaluateGroups(
    _ range: Range<Int>, of codes: [GroupCode], shape: PatternRule, figures: PatternFigures,
    counts: CheckReport.RuleCounts, hold: Bool
  ) -> Stretch {
    var stretch = Stretch(counts: counts)
    let window = shape.window.window
    for n in range {
      var p = figures.group(codes[n])
      let group = shape.label(key: p.key, item: p.item)
      // Without a window the figures are the whole series.
      let activation = patternActivation(
        shape, key: p.key, item: p.item, count: p.count, total: p.total,
        first: p.first.seconds, last: p.last.seconds,
        window: window ?? Duration(seconds: p.last.seconds - p.first.seconds))
      let f = judge(
        shape.rule, activation, group: group, terms: Self.patternTerms,
        counts: &stretch.counts, detail: !hold)
      guard let f, f.kind == .aggregate else {
        if let f { stretch.findings.append(f) }
        continue
      }
      p.severity = f.severity
      if hold {
        if let last = stretch.lastLabel, !(last < group) { stretch.inOrder = false }
        if stretch.firstLabel == nil { stretch.firstLabel = group }
        stretch.lastLabel = group
        stretch.held.append((Int32(n), f.severity))
      } else {
        stretch.findings.append(f)
        stretch.patterns.append(p)
      }
    }
    return stretch
  }

  static let patternTerms = ["count", "window", "first", "last"]

  /// A pattern rule's window (`nil` without one); not `usable` when it is not a duration
  /// (`problem` says why, when its evaluation failed).
  private func patternWindow(_ aggregate: CompiledAggregate) -> (
    window: Duration?, usable: Bool, problem: EvalError?
  ) {
    guard let w = aggregate.window else { return (nil, true, nil) }
    switch w.program.evaluate(paramsActivation(aggregate)) {
    case .duration(let d) where d.seconds < 0 || d.nanos < 0:
      // The compiler rejects a negative window it can work out from params; one that reads
      // `now` is caught here.
      return (
        nil, false,
        EvalError(.invalidArgument, "the window is \(Temporal.format(d)); it cannot be negative")
      )
    case .duration(let d): return (d, true, nil)
    case .error(let e): return (nil, false, e)
    default: return (nil, false, nil)
    }
  }

  private func patternActivation(
    _ shape: PatternRule, key: String, item: String, count: Int, total: Int,
    first: Int64, last: Int64, window: Duration
  ) -> Activation {
    var activation = Activation(environment: shape.aggregate.environment)
    let values: [Value] = [
      .object(params), .timestamp(now), .int(Int64(count)), .int(Int64(total)),
      .duration(window), .timestamp(Timestamp(seconds: first)),
      .timestamp(Timestamp(seconds: last)), .string(key), .string(item),
    ]
    for (slot, value) in zip(shape.slots, values) {
      if let slot { activation.slots[slot] = value }
    }
    return activation
  }

  /// The finding of a pattern rule's group kept in ``AggregateResult/patterns`` (made again from
  /// its figures: the same finding the rule made when evaluated).
  public func patternFinding(_ p: PatternGroup) -> Finding {
    guard let shape = patternRules[p.rule], case (let window, true, _) = shape.window else {
      return Finding(rule: p.rule, kind: .aggregate, severity: p.severity, message: p.key)
    }
    // Without a window the figures are the whole series (its first and last record).
    let activation = patternActivation(
      shape, key: p.key, item: p.item, count: p.count, total: p.total,
      first: p.first.seconds, last: p.last.seconds,
      window: window ?? Duration(seconds: p.last.seconds - p.first.seconds))
    var counts = CheckReport.RuleCounts(
      rule: p.rule, title: "", severity: p.severity, cite: [], applied: 0, passed: 0, failed: 0,
      cannotEvaluate: 0, notApplicable: 0, outsidePeriod: 0, waived: 0)
    return judge(
      shape.rule, activation, group: shape.label(key: p.key, item: p.item),
      terms: Self.patternTerms, counts: &counts)
      ?? Finding(rule: p.rule, kind: .aggregate, severity: p.severity, message: p.key)
  }

  /// The most times within one window `[t, t + window)`, and the first and last of them;
  /// without a window, all of them.
  static func busiestWindow(_ times: [Int64], window: Duration?) -> (Int, Int64, Int64) {
    guard let window, !times.isEmpty else {
      return (times.count, times.first ?? 0, times.last ?? 0)
    }
    var best = (1, times[0], times[0])
    var start = 0
    for end in times.indices {
      while start < end, times[end] - times[start] >= window.seconds {
        start += 1
      }
      let n = end - start + 1
      if n > best.0 { best = (n, times[start], times[end]) }
    }
    return best
  }

  /// How a group is named in findings: the field its key is (`pupil` for
  /// `incident.pupil.id`, `trigger` for `incident.triggers`).
  static func noun(_ e: CompiledExpression?, fallback: String) -> String {
    guard let path = e?.parsed.root.selectPath else { return fallback }
    var parts = path.split(separator: ".").map(String.init)
    if parts.count > 2, parts.last == "id" { parts.removeLast() }
    guard parts.count > 1, var noun = parts.last else { return fallback }
    if noun.hasSuffix("s"), noun.count > 3 { noun.removeLast() }
    return noun
  }
}
