import CEL
import Foundation
import PreceptInput
import PreceptRules

/// Runs a check: reads every input record by record, types and evaluates each, and builds the
/// report. Every record read is either evaluated or rejected, and the summary says so.
public struct CheckRunner {
  public let pack: CompiledPack
  public let options: CheckOptions

  public init(pack: CompiledPack, options: CheckOptions) {
    self.pack = pack
    self.options = options
  }

  /// Runs the check.
  /// - Throws: ``InputError`` when an input cannot be read at all (exit code 3).
  public func run() throws(InputError) -> CheckReport {
    try runWithAggregates().report
  }

  /// Runs the check, also returning the aggregate rules' groups.
  /// - Parameter observe: called with every evaluated record in the period (and its
  ///   activation), for reports that summarise the records themselves.
  /// - Parameter observedDefinitions: definitions `observe` reads from the activation.
  public func runWithAggregates(
    observe: ((TypedRecord, Activation) -> Void)? = nil, observedDefinitions: [String] = []
  ) throws(InputError) -> (report: CheckReport, aggregates: AggregateResult) {
    let now = Timestamp(seconds: Int64(options.now.timeIntervalSince1970.rounded(.down)))
    let typer = RecordTyper(pack: pack, profile: options.profile)
    let evaluator = RecordEvaluator(pack: pack, now: now, showPersonal: options.showPersonal)
    let recordRules = pack.rules.filter { $0.rule.kind == .record }
    var counts = recordRules.map {
      CheckReport.RuleCounts(
        rule: $0.rule.id, title: $0.rule.title, severity: $0.rule.severity,
        cite: $0.rule.cite.map(\.description), applied: 0, passed: 0, failed: 0,
        cannotEvaluate: 0, notApplicable: 0, outsidePeriod: 0, waived: 0)
    }
    var findings: [Finding] = []
    var read = 0
    var rejected = 0
    var firstSeen: [String: Finding.Location] = [:]
    var unknownFields: [String] = []
    let collector = AggregateCollector(pack: pack)
    // Definitions the aggregate rules and the observer read (the rules evaluate theirs lazily).
    let needed = evaluator.definitionIndices(collector.definitionsUsed + observedDefinitions)
    var roster: Roster?
    var widerRoster: Roster?
    if let path = options.roster {
      roster = try Roster.load(path: path, pack: pack, profile: options.profile)
      findings += roster?.problems ?? []
    }
    if let path = options.widerRoster {
      widerRoster = try Roster.load(path: path, pack: pack, profile: options.profile)
      findings += widerRoster?.problems ?? []
    }
    let from = options.from.map {
      Timestamp(seconds: Int64($0.timeIntervalSince1970.rounded(.down)))
    }
    let until = options.until.map {
      Timestamp(seconds: Int64($0.timeIntervalSince1970.rounded(.down)))
    }
    var outsideReview = 0

    // Records are read in batches; typing and evaluation, which dominate, run on all cores
    // (records are independent), and the results are folded in input order, so the report
    // is the same as a one-by-one run.
    let reviewFrom = from
    let reviewUntil = until
    let wantFindings = options.recordFindings
    let process: @Sendable (ReadResult) -> ProcessedItem = { item in
      switch item {
      case .rejected(let problem): return .rejected(problem)
      case .record(let raw):
        let record = typer.type(raw)
        guard record.problems.isEmpty else { return .typed(record, nil) }
        if let date = record.date,
          (reviewFrom.map { date < $0 } ?? false) || (reviewUntil.map { !(date < $0) } ?? false)
        {
          return .outsideReview(record)
        }
        return .typed(
          record, evaluator.evaluate(record, findings: wantFindings, definitions: needed))
      }
    }
    var batch: [ReadResult] = []
    batch.reserveCapacity(Self.batchSize)
    func fold(_ processed: [ProcessedItem]) {
      for item in processed {
        switch item {
        case .rejected(let problem):
          rejected += 1
          findings.append(
            Finding(
              rule: problem.code, kind: .inputError, severity: .error,
              location: location(problem.location),
              message: "record could not be read: \(problem.message)"))
        case .outsideReview(let record):
          for field in record.unknownFields where !unknownFields.contains(field) {
            unknownFields.append(field)
          }
          outsideReview += 1
        case .typed(let record, let evaluation):
          for field in record.unknownFields where !unknownFields.contains(field) {
            unknownFields.append(field)
          }
          // A record whose values do not fit the schema is rejected whole: evaluating it
          // with holes would bury the real problem under "cannot evaluate" findings.
          guard let (outcomes, recordFindings, activation) = evaluation else {
            rejected += 1
            for problem in record.problems {
              findings.append(
                Finding(
                  rule: problem.code.rawValue, kind: .inputError, severity: .error,
                  record: record.id, location: location(problem.location),
                  message: "record rejected: \(problem.message)",
                  fix: "correct the value in the export (or the profile that maps it) and run again"
                ))
            }
            continue
          }
          if let id = record.id {
            let here = location(record.location)
            if let first = firstSeen[id] {
              findings.append(duplicate(id: id, at: here, first: first))
            } else {
              firstSeen[id] = here
            }
          }
          if let date = record.date, let from = pack.effectiveFrom, date < from {
            findings.append(
              Finding(
                rule: "PRE3202", kind: .outsidePeriod, severity: .info, record: record.id,
                location: location(record.location),
                message:
                  "incident is dated before the pack takes effect (\(pack.pack.effective.map { "\($0)" } ?? "")); its rules were not applied"
              ))
          }
          if !collector.isEmpty { collector.add(record, activation: activation) }
          observe?(record, activation)
          for (i, outcome) in outcomes.enumerated() {
            switch outcome {
            case .passed:
              counts[i].applied += 1
              counts[i].passed += 1
            case .failed:
              counts[i].applied += 1
              counts[i].failed += 1
            case .cannotEvaluate:
              counts[i].applied += 1
              counts[i].cannotEvaluate += 1
            case .notApplicable: counts[i].notApplicable += 1
            case .outsidePeriod: counts[i].outsidePeriod += 1
            }
          }
          findings += recordFindings
        }
      }
    }

    for input in options.inputs {
      var reader = try makeReader(path: input.path, format: input.format)
      while let item = try reader.next() {
        read += 1
        if read % CheckOptions.progressInterval == 0 { options.progress?(read) }
        batch.append(item)
        if batch.count == Self.batchSize {
          fold(Self.parallelMap(batch, process))
          batch.removeAll(keepingCapacity: true)
        }
      }
    }
    fold(Self.parallelMap(batch, process))

    let aggregates = AggregateEvaluator(
      pack: pack, now: now, roster: roster, widerRoster: widerRoster,
      showPersonal: options.showPersonal
    ).evaluate(collector)
    findings += aggregates.findings
    counts += aggregates.counts

    // Waivers.
    let today = Temporal.localDate(of: now, in: pack.timeZone)
    var waivedCount = 0
    for waiver in options.waivers {
      if waiver.expires < today {
        findings.append(
          Finding(
            rule: waiver.rule, kind: .expiredWaiver, severity: .warning,
            record: waiver.record == "*" ? nil : waiver.record,
            message:
              "waiver for \(waiver.rule) on \(waiver.record) expired on \(waiver.expires) (approved by \(waiver.approver)); renew or remove it"
          ))
        continue
      }
      for i in findings.indices
      where findings[i].rule == waiver.rule && findings[i].waiver == nil
        && (findings[i].kind == .violation || findings[i].kind == .cannotEvaluate
          || findings[i].kind == .aggregate)
        && (waiver.record == "*" || findings[i].record == waiver.record
          || findings[i].group == waiver.record)
      {
        findings[i].waiver = Finding.WaiverNote(
          reason: waiver.reason, approver: waiver.approver, expires: waiver.expires.description)
        waivedCount += 1
        if let c = counts.firstIndex(where: { $0.rule == waiver.rule }) { counts[c].waived += 1 }
      }
    }

    findings.sort(by: FindingOrder.precedes)
    var bySeverity: [String: Int] = ["error": 0, "warning": 0, "info": 0]
    for f in findings where f.waiver == nil { bySeverity[f.severity.rawValue, default: 0] += 1 }
    var notes = unknownFields.sorted().map {
      "column '\($0)' is not in the record schema and was ignored"
    }
    notes += aggregates.notes
    if outsideReview > 0 {
      notes.append("\(outsideReview) record(s) dated outside the period reviewed were left out")
    }
    var report = CheckReport(
      tool: .init(name: "precept", version: options.toolVersion),
      pack: .init(
        id: pack.pack.id, version: pack.pack.version, title: pack.pack.title,
        lineage: pack.pack.lineage),
      summary: .init(
        read: read, evaluated: read - rejected, rejected: rejected, findings: bySeverity,
        waived: waivedCount, inputs: options.inputs.map(\.path)),
      findings: findings, rules: counts, notes: notes)
    if roster != nil { report.groups = aggregates.groups }
    return (report, aggregates)
  }

  /// Records per batch: large enough to keep both cores busy, small enough that the batch's
  /// records and activations stay a few megabytes.
  static let batchSize = 1024

  /// What the parallel phase produces for one item read.
  enum ProcessedItem: Sendable {
    case rejected(InputProblem)
    /// Typed; evaluated unless its values did not fit the schema (`nil`).
    case typed(TypedRecord, (outcomes: [RuleOutcome], findings: [Finding], activation: Activation)?)
    /// Dated outside `--from`/`--to`.
    case outsideReview(TypedRecord)
  }

  /// `transform` applied to every element, on all cores for large inputs, results in order.
  static func parallelMap<T: Sendable, R: Sendable>(
    _ items: [T], _ transform: @escaping @Sendable (T) -> R
  ) -> [R] {
    let workers = min(ProcessInfo.processInfo.activeProcessorCount, 8)
    guard workers > 1, items.count >= 64 else { return items.map(transform) }
    let results = ResultSlots<R>(count: items.count)
    let chunk = (items.count + workers - 1) / workers
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      let lower = w * chunk
      let upper = min(items.count, lower + chunk)
      guard lower < upper else { return }
      for i in lower..<upper { results.set(i, transform(items[i])) }
    }
    return results.values()
  }

  private func location(_ l: RecordLocation) -> Finding.Location {
    Finding.Location(file: l.file, line: l.line, column: l.column, row: l.row)
  }

  private func duplicate(id: String, at here: Finding.Location, first: Finding.Location) -> Finding
  {
    let rule = pack.rules.first { $0.rule.tags.contains("unique-ids") }?.rule
    return Finding(
      rule: rule?.id ?? "PRE3201", kind: .duplicateID, severity: rule?.severity ?? .error,
      record: id, location: here,
      message: "incident id '\(id)' was already used by the record at \(first.file):\(first.line)",
      title: rule?.title ?? "Incident ids are unique", cite: rule?.cite.map(\.description) ?? [],
      quote: rule?.quote,
      fix: rule?.fix
        ?? "give each incident its own id; if this is the same incident, remove the copy")
  }
}

/// The deterministic order of findings: by file, line, column, rule, record, message.
enum FindingOrder {
  static func precedes(_ a: Finding, _ b: Finding) -> Bool {
    switch (a.location, b.location) {
    case (nil, nil): break
    case (nil, _): return false
    case (_, nil): return true
    case (let x?, let y?): if x != y { return x < y }
    }
    if a.rule != b.rule { return a.rule < b.rule }
    if (a.record ?? "") != (b.record ?? "") { return (a.record ?? "") < (b.record ?? "") }
    if (a.group ?? "") != (b.group ?? "") { return (a.group ?? "") < (b.group ?? "") }
    return a.message < b.message
  }
}

/// Per-index result storage written by parallel workers, each index by exactly one worker.
/// Raw memory, so that concurrent writes to distinct indices need no exclusive access to an
/// array.
private final class ResultSlots<R>: @unchecked Sendable {
  private let storage: UnsafeMutableBufferPointer<R?>

  init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }

  deinit {
    storage.deinitialize()
    storage.deallocate()
  }

  func set(_ i: Int, _ value: R) { storage[i] = value }

  func values() -> [R] { storage.map { $0! } }
}
