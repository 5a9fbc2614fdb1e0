import CEL
import Foundation
import PreceptInput
import PreceptRules

/// Builds a ``ReviewReport``: watches every record of a check as it streams past (keeping
/// counts per month, per trigger and the pupil ids — nothing per record), then adds the
/// aggregate rules' results. Records are counted on the worker threads, a chunk at a time
/// (``summarise(_:)``), and the chunks' tallies merged on the thread that folds (``merge(_:)``).
public final class ReviewBuilder {
  public let pack: CompiledPack
  private let zone: TimeZone
  private let reading: ReviewTally.Reading
  private var tally: ReviewTally

  /// The record fields the review reads (those of the DfE schema).
  static let typesField = "interventions"
  static let triggersField = "triggers"
  static let schoolField = "school_id"
  static let restrictiveDefinition = "restrictive_intervention"

  /// The definitions ``summarise`` reads.
  public var definitionsUsed: [String] {
    reading.restrictiveSlot == nil ? [] : [Self.restrictiveDefinition]
  }

  public init(pack: CompiledPack) {
    self.pack = pack
    zone = pack.timeZone
    reading = ReviewTally.Reading(
      zone: pack.timeZone, restrictiveSlot: pack.definition(Self.restrictiveDefinition)?.slot)
    tally = ReviewTally(reading: reading)
  }

  /// Counts some evaluated records (any thread): give the result to ``merge(_:)``.
  public var summarise: @Sendable ([(TypedRecord, Activation)]) -> ReviewTally {
    let reading = reading
    return { records in
      var tally = ReviewTally(reading: reading)
      for (record, activation) in records { tally.observe(record, activation) }
      return tally
    }
  }

  /// Adds the counts of records counted by ``summarise``.
  public func merge(_ other: ReviewTally) {
    tally.merge(other)
  }

  /// What ``summarise`` counts of one record (any thread), for ``withdraw(_:)``.
  public var contribution: @Sendable (TypedRecord, Activation) -> ReviewTally.Contribution {
    let reading = reading
    // The record's fields found once, not by name for every record.
    let layout = ReviewTally.Layout(pack.types.root)
    return { ReviewTally.contribution(of: $0, $1, reading: reading, layout: layout) }
  }

  /// Takes back the counts of a record that repeats an incident id already counted (an
  /// incident in two overlapping exports counts once).
  public func withdraw(_ c: ReviewTally.Contribution) {
    tally.withdraw(c)
  }

  /// The review, from the check's report and aggregate results.
  public func build(
    report: CheckReport, aggregates: AggregateResult, options: CheckOptions,
    pupilsOnRoll: Int?
  ) -> ReviewReport {
    let aggregateRules = Set(pack.rules.filter { $0.aggregate != nil }.map(\.rule.id))
    let patternRules = pack.rules.filter { $0.rule.kind == .pattern }
    var recurring: [String: [(String, Int)]] = [:]
    for p in aggregates.patterns where p.fired && !p.item.isEmpty {
      recurring[p.key, default: []].append((p.item, p.count))
    }
    let repeatRule = patternRules.first { $0.aggregate?.splitBy == nil }?.rule.id
    let repeats = aggregates.patterns
      .filter { $0.fired && $0.item.isEmpty && $0.rule == repeatRule }
      .sorted { ($0.count, $1.key) > ($1.count, $0.key) }
      .map { p in
        ReviewReport.RepeatPupil(
          rule: p.rule, pupil: p.key, count: p.count, total: p.total,
          first: Temporal.localDate(of: p.first, in: zone).description,
          last: Temporal.localDate(of: p.last, in: zone).description,
          triggers: (recurring[p.key] ?? []).sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map(\.0))
      }
    let triggerPupils = tally.pupilsByTrigger()
    let triggers = tally.triggerIncidents.filter { $0.value > 0 }.map { t, n in
      ReviewReport.Trigger(trigger: t, incidents: n, pupils: triggerPupils[t] ?? 0)
    }.sorted { ($0.incidents, $1.trigger) > ($1.incidents, $0.trigger) }
    let typeOrder = schemaTypeOrder()
    let orderedTypes = tally.types.sorted {
      (typeOrder[$0] ?? Int.max, $0) < (typeOrder[$1] ?? Int.max, $1)
    }
    let kinds = Dictionary(pack.rules.map { ($0.rule.id, $0.rule.kind.rawValue) }) { a, _ in a }
    let rules = report.rules.map { c in
      ReviewReport.RuleSummary(
        rule: c.rule, title: c.title, severity: c.severity, kind: kinds[c.rule] ?? "record",
        applied: c.applied, passed: c.passed, failed: c.failed, cannotEvaluate: c.cannotEvaluate,
        waived: c.waived)
    }
    var threshold: Double?
    if case .double(let d)? = pack.params["disproportion_ratio"] { threshold = d }
    var minCell: Int?
    if case .int(let n)? = pack.params["min_cell"] { minCell = Int(n) }
    func day(_ date: Date?) -> String? {
      date.map { Temporal.localDate(of: Temporal.timestamp($0), in: zone).description }
    }
    // `until` is the day after `--to`.
    let to = options.until.map { $0.addingTimeInterval(-1) }
    return ReviewReport(
      tool: report.tool, pack: report.pack,
      period: .init(
        from: day(options.from) ?? tally.firstDay?.description,
        to: day(to) ?? tally.lastDay?.description),
      totals: .init(
        incidents: tally.incidents, restrictiveInterventions: tally.restrictive,
        pupils: tally.pupils.count, schools: tally.schools.count, pupilsOnRoll: pupilsOnRoll,
        rejected: report.summary.rejected),
      interventionTypes: orderedTypes, months: allMonths(),
      repeatPatterns: repeats, triggers: triggers, rosterGiven: pupilsOnRoll != nil,
      groups: aggregates.groups, threshold: threshold, minCell: minCell, rules: rules,
      findings: findings(report: report, aggregates: aggregates, rules: aggregateRules),
      notes: report.notes + rosterNotes(report: report, options: options))
  }

  /// What could not be used of each roster given, said in the review itself (the rows are
  /// listed on standard error by the command).
  private func rosterNotes(report: CheckReport, options: CheckOptions) -> [String] {
    [("roster", options.roster), ("wider roster", options.widerRoster)].compactMap { name, path in
      guard let path else { return nil }
      let file = RecordLocation.fileName(forPath: path)
      // Rows, not findings: a row with two bad values has two findings.
      let rows = Set(
        report.findings.compactMap { f -> Int? in
          guard f.kind == .inputError || f.kind == .duplicateID, let l = f.location,
            l.file == file
          else { return nil }
          return l.line
        }
      ).count
      guard rows > 0 else { return nil }
      return "\(rows) row\(rows == 1 ? "" : "s") of the \(name) (\(file)) could not be used "
        + "(unreadable, not valid, or a pupil already listed); precept review lists them on "
        + "standard error"
    }
  }

  /// The aggregate rules' findings: those of the report, and those the aggregates hold.
  private func findings(report: CheckReport, aggregates: AggregateResult, rules: Set<String>)
    -> AggregateFindings
  {
    let made = report.findings.filter { rules.contains($0.rule) }
    guard aggregates.patternFindingsHeld, let make = aggregates.patternFinding else {
      return AggregateFindings(made)
    }
    return AggregateFindings(
      merging: made, held: aggregates.patterns, make: make,
      alongside: aggregates.concurrentPatternFindings)
  }

  /// Every month from the first to the last incident, months without incidents included (a
  /// quiet month is news too).
  private func allMonths() -> [ReviewReport.Month] {
    let months = tally.months
    guard let first = months.keys.min(), let last = months.keys.max() else { return [] }
    return (first...min(last, first + 1200)).map {
      guard var m = months[$0] else {
        return ReviewReport.Month(month: ReviewTally.monthName($0), incidents: 0, byType: [:])
      }
      // Types whose only incidents were repeats taken back.
      m.byType = m.byType.filter { $0.value > 0 }
      return m
    }
  }

  /// The intervention types in the order the schema's enum lists them.
  private func schemaTypeOrder() -> [String: Int] {
    guard let field = pack.pack.record.schema.field(atPath: Self.typesField),
      case .list(.enumeration(let values)) = field.type
    else { return [:] }
    return Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
  }
}
