import CEL
import Foundation
import PreceptRules

/// Evaluates the aggregate rules once every record has been collected.
public struct AggregateEvaluator {
  public let pack: CompiledPack
  public let params: ObjectValue
  public let now: Timestamp
  /// The pupils on roll; `nil` makes disproportionality rules not evaluable.
  public let roster: Roster?
  /// A wider roster (the trust's) for the alternate risk ratio.
  public let widerRoster: Roster?
  let formatter: ValueFormatter

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
  }

  /// Evaluates every aggregate rule over what `collector` gathered.
  public func evaluate(_ collector: AggregateCollector) -> AggregateResult {
    var result = AggregateResult(findings: [], counts: [], groups: [], patterns: [])
    result.rosterPupils = roster?.pupils.count
    for state in collector.states {
      let rule = state.rule
      var counts = CheckReport.RuleCounts(
        rule: rule.rule.id, title: rule.rule.title, severity: rule.rule.severity,
        cite: rule.rule.cite.map(\.description), applied: 0, passed: 0, failed: 0,
        cannotEvaluate: 0, notApplicable: 0, outsidePeriod: 0, waived: 0)
      switch rule.rule.kind {
      case .record: continue
      case .pattern: evaluatePattern(state, counts: &counts, into: &result)
      case .disproportionality: evaluateGroups(state, counts: &counts, into: &result)
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
  func judge(
    _ rule: CompiledRule, _ activation: Activation, group: String, terms: [String],
    counts: inout CheckReport.RuleCounts
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
        message: render(rule, activation) ?? "\(rule.rule.title) (\(group))")
      if let escalation = rule.rule.escalation, let condition = rule.escalateWhen,
        case .bool(true) = condition.program.evaluate(activation)
      {
        f.severity = escalation.severity
      }
      f.explanation = explain(rule, activation, terms: terms)
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
      quote: rule.rule.quote, fix: rule.rule.fix)
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
    var out = ""
    for part in rule.message {
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
    _ state: AggregateCollector.RuleState, counts: inout CheckReport.RuleCounts,
    into result: inout AggregateResult
  ) {
    let rule = state.rule
    guard let aggregate = rule.aggregate else { return }
    var window: Duration?
    if let w = aggregate.window {
      switch w.program.evaluate(paramsActivation(aggregate)) {
      case .duration(let d): window = d
      case .error(let e):
        result.findings.append(
          finding(
            rule, kind: .cannotEvaluate, severity: rule.rule.severity, group: nil,
            message:
              "cannot evaluate '\(rule.rule.title)': 'window': \(AggregateCollector.describe(e))"))
        counts.cannotEvaluate += 1
        return
      default: return
      }
    }
    let groupNoun = Self.noun(aggregate.groupBy, fallback: "pupil")
    let itemNoun = Self.noun(aggregate.splitBy, fallback: "item")
    let personal = aggregate.groupBy?.parsed.root.selectPath.map(formatter.isPersonal) ?? false
    for entry in state.times.keys.sorted() {
      let key = entry.group
      let item = entry.item
      let series = state.times[entry]!
      let (count, first, last) =
        window == nil
        ? (series.count, series.first, series.last)
        : Self.busiestWindow(series.times.sorted(), window: window)
      let shownKey = personal && !formatter.showPersonal ? ValueFormatter.redacted : key
      var group = "\(groupNoun) \(shownKey)"
      if !item.isEmpty { group += ", \(itemNoun) \(item)" }
      var activation = Activation(environment: aggregate.environment)
      activation[PackCompiler.paramsVariable] = .object(params)
      activation[PackCompiler.nowVariable] = .timestamp(now)
      activation["count"] = .int(Int64(count))
      activation["total"] = .int(Int64(series.count))
      activation["window"] = .duration(
        window ?? Duration(seconds: series.last - series.first))
      activation["first"] = .timestamp(Timestamp(seconds: first))
      activation["last"] = .timestamp(Timestamp(seconds: last))
      activation["group"] = .string(shownKey)
      activation["item"] = .string(item)
      let f = judge(
        rule, activation, group: group, terms: ["count", "window", "first", "last"],
        counts: &counts)
      if let f { result.findings.append(f) }
      guard f?.kind == .aggregate else { continue }
      result.patterns.append(
        PatternGroup(
          rule: rule.rule.id, key: shownKey, item: item, count: count, total: series.count,
          first: Timestamp(seconds: first), last: Timestamp(seconds: last),
          fired: true))
    }
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
      while times[end] - times[start] >= window.seconds
        && !(window.seconds == 0 && start == end)
      {
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
