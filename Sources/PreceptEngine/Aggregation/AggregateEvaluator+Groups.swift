import CEL
import Foundation
import PreceptRules

extension AggregateEvaluator {
  /// Pupils on a roster by a characteristic's value, with incident counts.
  struct Tally {
    var pupils: [String: Int] = [:]
    var withIncidents: [String: Int] = [:]
    var incidents: [String: Int] = [:]
    var totalPupils = 0
    var totalWithIncidents = 0
    var totalIncidents = 0
  }

  /// Evaluates a disproportionality rule: one group per value of each characteristic.
  func evaluateGroups(
    _ state: AggregateCollector.RuleState, collector: AggregateCollector,
    counts: inout CheckReport.RuleCounts, into result: inout AggregateResult
  ) {
    let rule = state.rule
    guard let aggregate = rule.aggregate else { return }
    guard let roster else {
      counts.cannotEvaluate += 1
      result.findings.append(
        finding(
          rule, kind: .cannotEvaluate, severity: .info, group: nil,
          message:
            "'\(rule.rule.title)' was not evaluated: it compares groups of pupils and needs "
            + "the roster of pupils on roll (--roster)"
        ))
      return
    }
    let onRoll = Set(roster.ids)
    let missing = collector.incidents(state, notIn: onRoll)
    if missing.pupils > 0 {
      result.notes.append(
        "\(rule.rule.id): \(missing.incidents) incident(s) of \(missing.pupils) pupil(s) not on "
          + "the roster were left out of the comparison of groups")
    }
    var minCell = 10
    if let m = aggregate.minCell, case .int(let v) = m.program.evaluate(paramsActivation(aggregate))
    {
      minCell = Int(v)
    }
    let incidents = { (id: String) in collector.incidents(state, key: id) }
    let locals = tallies(roster, aggregate, incidents)
    let widers = widerRoster.map { tallies($0, aggregate, incidents) }
    for (c, characteristic) in aggregate.characteristics.enumerated() {
      let local = locals[c]
      let wider = widers?[c]
      let values = local.pupils.keys.sorted()
      var groups = values.map {
        Self.measures(
          rule: rule.rule.id, characteristic: characteristic.name, value: $0, local: local,
          wider: wider, minCell: minCell)
      }
      for protected in Self.complementarySuppression(
        groups, pupils: values.map { local.pupils[$0] ?? 0 }, minCell: minCell)
      {
        groups[protected] = Self.suppressed(groups[protected])
        result.notes.append(
          "\(rule.rule.id): '\(characteristic.name)' \(groups[protected].value) is suppressed too, "
            + "so that a small group cannot be worked out from the totals")
      }
      for measures in groups {
        let value = measures.value
        result.groups.append(measures)
        if measures.suppressed {
          counts.notApplicable += 1
          continue
        }
        var activation = Activation(environment: aggregate.environment)
        activation[PackCompiler.paramsVariable] = .object(params)
        activation[PackCompiler.nowVariable] = .timestamp(now)
        activation["characteristic"] = .string(characteristic.name)
        activation["value"] = .string(value)
        activation["pupils"] = .int(Int64(measures.pupils ?? 0))
        activation["others"] = .int(Int64(local.totalPupils - (measures.pupils ?? 0)))
        activation["pupils_with_incidents"] = .int(Int64(measures.pupilsWithIncidents ?? 0))
        activation["incidents"] = .int(Int64(measures.incidents ?? 0))
        activation["risk"] = measures.risk.map(Value.double) ?? unavailable("risk")
        activation["risk_ratio"] =
          ratio(local.withIncidents[value] ?? 0, measures.riskRatio)
          ?? unavailable("risk_ratio (no other pupil is on the roster)")
        activation["alternate_risk_ratio"] =
          ratio(local.withIncidents[value] ?? 0, measures.alternateRiskRatio)
          ?? unavailable(
            widerRoster == nil
              ? "alternate_risk_ratio (no wider roster was given)"
              : "alternate_risk_ratio (no other pupil is on the wider roster)")
        activation["composition_difference"] =
          measures.compositionDifference.map(Value.double) ?? unavailable("composition_difference")
        let f = judge(
          rule, activation, group: measures.label,
          terms: [
            "pupils", "pupils_with_incidents", "risk", "others", "risk_ratio",
            "alternate_risk_ratio",
          ], counts: &counts)
        if let f { result.findings.append(f) }
      }
    }
  }

  /// A ratio as CEL sees it: infinite when the comparison group had no incident but the group
  /// had (JSON shows `null` and reports say so).
  private func ratio(_ withIncidents: Int, _ r: Double?) -> Value? {
    if let r { return .double(r) }
    return nil
  }

  private func unavailable(_ what: String) -> Value {
    .error(EvalError(.unknownIdentifier, "\(what) is not available"))
  }

  /// The pupils of a roster by each characteristic's value (in one pass over the roster). A
  /// characteristic that cannot read the pupil's id is evaluated once per roster profile
  /// (pupils of one profile differ in their id alone), the others once per pupil.
  private func tallies(
    _ roster: Roster, _ aggregate: CompiledAggregate, _ incidents: (String) -> Int
  ) -> [Tally] {
    let characteristics = aggregate.characteristics
    var tallies = [Tally](repeating: Tally(), count: characteristics.count)
    guard let env = aggregate.pupilEnvironment else { return tallies }
    var activation = Activation(environment: env)
    activation[PackCompiler.paramsVariable] = .object(params)
    activation[PackCompiler.nowVariable] = .timestamp(now)
    let slot = env.slot(of: AggregateVariables.pupil)!
    // Each characteristic's values are numbered as first met; counts are kept by number.
    var numbers = [[String: Int]](repeating: [:], count: characteristics.count)
    var names = [[String]](repeating: [], count: characteristics.count)
    func number(_ c: Int, _ value: String) -> Int {
      if let n = numbers[c][value] { return n }
      numbers[c][value] = names[c].count
      names[c].append(value)
      return names[c].count - 1
    }
    // Per profile, each per-profile characteristic's value number (-1: not worked out yet).
    let perProfile = characteristics.map { !$0.readsPupilID }
    var byProfile = [Int](repeating: -1, count: roster.profileCount * characteristics.count)
    var pupils = [[Int]](repeating: [], count: characteristics.count)
    var withIncidents = pupils
    var incidentCounts = pupils
    for i in 0..<roster.count {
      let id = roster.ids[i]
      let profile = roster.profile(ofPupilAt: i)
      var made = false
      let n = incidents(id)
      for c in characteristics.indices {
        var k = perProfile[c] ? byProfile[profile * characteristics.count + c] : -1
        if k < 0 {
          if !made {
            activation.slots[slot] = .object(roster.pupil(at: i).value)
            made = true
          }
          let value: String
          switch characteristics[c].expression.program.evaluate(activation) {
          case .error: value = "not recorded"
          case let v: value = formatter.text(v)
          }
          k = number(c, value)
          if perProfile[c] { byProfile[profile * characteristics.count + c] = k }
        }
        if k == pupils[c].count {
          pupils[c].append(0)
          withIncidents[c].append(0)
          incidentCounts[c].append(0)
        }
        pupils[c][k] += 1
        if n > 0 {
          withIncidents[c][k] += 1
          incidentCounts[c][k] += n
        }
      }
    }
    for c in characteristics.indices {
      for (k, value) in names[c].enumerated() {
        tallies[c].pupils[value] = pupils[c][k]
        tallies[c].totalPupils += pupils[c][k]
        if withIncidents[c][k] > 0 {
          tallies[c].withIncidents[value] = withIncidents[c][k]
          tallies[c].incidents[value] = incidentCounts[c][k]
          tallies[c].totalWithIncidents += withIncidents[c][k]
          tallies[c].totalIncidents += incidentCounts[c][k]
        }
      }
    }
    return tallies
  }

  /// The shown groups of a characteristic to suppress as well, so that the suppressed ones
  /// cannot be worked out: one suppressed group is the totals less the others (and, with two
  /// groups, the other's risk ratio gives its risk), and several whose pupils together are
  /// fewer than `minCell` are a small group together. The smallest shown groups are added until
  /// at least two groups are suppressed and they hold at least `minCell` pupils between them.
  /// `pupils` are every group's pupils, suppressed or not. Suppression is per characteristic:
  /// characteristics defined from one another (`ehcp` from `sen_status`) are not compared.
  static func complementarySuppression(
    _ groups: [GroupMeasures], pupils: [Int], minCell: Int
  ) -> [Int] {
    var suppressed = Set(groups.indices.filter { groups[$0].suppressed })
    guard !suppressed.isEmpty else { return [] }
    var added: [Int] = []
    while suppressed.count == 1 || suppressed.reduce(0, { $0 + pupils[$1] }) < minCell {
      guard
        let next = groups.indices.filter({ !suppressed.contains($0) })
          .min(by: { (pupils[$0], groups[$0].value) < (pupils[$1], groups[$1].value) })
      else { break }
      suppressed.insert(next)
      added.append(next)
    }
    return added
  }

  /// A group's figures withheld, as a small group's are.
  static func suppressed(_ g: GroupMeasures) -> GroupMeasures {
    GroupMeasures(
      rule: g.rule, characteristic: g.characteristic, value: g.value, pupils: nil,
      pupilsWithIncidents: nil, incidents: nil, risk: nil, riskRatio: nil,
      alternateRiskRatio: nil, compositionDifference: nil, suppressed: true)
  }

  /// The figures of one group (formulas in docs/rules-dsl.md).
  static func measures(
    rule: String, characteristic: String, value: String, local: Tally, wider: Tally?,
    minCell: Int
  ) -> GroupMeasures {
    let n = local.pupils[value] ?? 0
    guard n >= minCell else {
      return GroupMeasures(
        rule: rule, characteristic: characteristic, value: value, pupils: nil,
        pupilsWithIncidents: nil, incidents: nil, risk: nil, riskRatio: nil,
        alternateRiskRatio: nil, compositionDifference: nil, suppressed: true)
    }
    let a = local.withIncidents[value] ?? 0
    let risk = Double(a) / Double(n)
    let othersN = local.totalPupils - n
    let othersA = local.totalWithIncidents - a
    var riskRatio: Double?
    var low: Double?
    var high: Double?
    if othersN > 0 {
      let othersRisk = Double(othersA) / Double(othersN)
      if othersRisk > 0 {
        riskRatio = risk / othersRisk
        if a > 0 {
          let se = (1 / Double(a) - 1 / Double(n) + 1 / Double(othersA) - 1 / Double(othersN))
            .squareRoot()
          low = exp(log(riskRatio!) - 1.959964 * se)
          high = exp(log(riskRatio!) + 1.959964 * se)
        }
      } else if a == 0 {
        riskRatio = nil
      } else {
        riskRatio = .infinity
      }
    }
    var alternate: Double?
    if let wider {
      let wn = wider.totalPupils - (wider.pupils[value] ?? 0)
      let wa = wider.totalWithIncidents - (wider.withIncidents[value] ?? 0)
      if wn > 0, wa > 0 { alternate = risk / (Double(wa) / Double(wn)) }
      if wn > 0, wa == 0, a > 0 { alternate = .infinity }
    }
    let composition: Double? =
      local.totalWithIncidents > 0
      ? Double(a) / Double(local.totalWithIncidents) - Double(n) / Double(local.totalPupils)
      : nil
    return GroupMeasures(
      rule: rule, characteristic: characteristic, value: value, pupils: n,
      pupilsWithIncidents: a, incidents: local.incidents[value] ?? 0, risk: risk,
      riskRatio: riskRatio, alternateRiskRatio: alternate, compositionDifference: composition,
      riskRatioLow: low, riskRatioHigh: high, suppressed: false)
  }
}
