import CEL
import Foundation
import PreceptInput
import PreceptRules

/// Runs a check: reads every input record by record, types and evaluates each, and builds the
/// report. Every record read is either evaluated or rejected, and the summary says so.
///
/// Records are read in batches; typing, evaluation and (when streaming) the rendering of
/// findings run on all cores while the next batch is read, and results are folded in input
/// order, so the report is the same as a one-by-one run. Inputs are read in the order of their
/// names, so findings come out in report order (by file, line, column) as they are produced:
/// with a ``FindingStream`` they are handed on at once and never held.
public struct CheckRunner {
  public let pack: CompiledPack
  public let options: CheckOptions

  public init(pack: CompiledPack, options: CheckOptions) {
    self.pack = pack
    self.options = options
  }

  /// Runs the check.
  /// - Parameter stream: where to send findings as they are produced; the report then holds
  ///   none (its counts are complete). Without it the report holds them all.
  /// - Throws: ``InputError`` when an input cannot be read at all (exit code 3).
  public func run(stream: FindingStream? = nil) throws(InputError) -> CheckReport {
    try runWithAggregates(stream: stream).report
  }

  /// Runs the check, also returning the aggregate rules' groups.
  /// - Parameter stream: see ``run(stream:)``.
  /// - Parameter holdPatternFindings: without a stream, leave the pattern rules' findings out of
  ///   the report (its counts include them): the aggregates hold them
  ///   (``AggregateResult/patternFindingsHeld``), to be made one at a time.
  public func runWithAggregates(
    stream: FindingStream? = nil, holdPatternFindings: Bool = false
  ) throws(InputError) -> (report: CheckReport, aggregates: AggregateResult) {
    try run(
      summarise: nil, merge: nil, observedDefinitions: [], stream: stream,
      holdPatternFindings: holdPatternFindings)
  }

  /// Runs the check, also returning the aggregate rules' groups, and summarises the evaluated
  /// records in the period on the worker threads.
  /// - Parameter summarise: called on a worker thread with the evaluated records of a chunk of
  ///   a batch (and their activations); its summaries are handed to `merge`, on the calling
  ///   thread, in no particular order.
  /// - Parameter observedDefinitions: definitions `summarise` reads from the activation.
  /// - Parameter stream: see ``run(stream:)``.
  /// - Parameter holdPatternFindings: as for ``runWithAggregates(stream:holdPatternFindings:)``.
  /// - Parameter contribution: what `summarise` counts of one record (worker thread), kept
  ///   with it; `withdraw` takes it back, on the calling thread, for a record that repeats an
  ///   incident id already read, so that the summaries count each incident once.
  public func runWithAggregates<Summary: Sendable>(
    summarise: @escaping @Sendable ([(TypedRecord, Activation)]) -> Summary,
    merge: @escaping (Summary) -> Void, observedDefinitions: [String] = [],
    contribution: (@Sendable (TypedRecord, Activation) -> ReviewTally.Contribution)? = nil,
    withdraw: ((ReviewTally.Contribution) -> Void)? = nil,
    stream: FindingStream? = nil, holdPatternFindings: Bool = false
  ) throws(InputError) -> (report: CheckReport, aggregates: AggregateResult) {
    try run(
      summarise: { summarise($0) }, merge: { merge($0 as! Summary) },
      observedDefinitions: observedDefinitions, contribution: contribution, withdraw: withdraw,
      stream: stream, holdPatternFindings: holdPatternFindings)
  }

  /// Two columns that give the same field (a column named for it, and another the profile maps
  /// to it) would leave one silently unread, as a repeated column name would: refused alike.
  static func checkColumns(_ csv: CSVReader, profile: Profile) throws(InputError) {
    guard !profile.columns.isEmpty else { return }
    var first: [String: Int] = [:]
    for (i, name) in csv.columns.enumerated() {
      let target = profile.columns[name] ?? name
      if let earlier = first[target] {
        throw InputError(
          kind: .invalidHeader,
          message:
            "column \(i + 1) '\(name)' and column \(earlier + 1) '\(csv.columns[earlier])' both "
            + "give '\(target)' (through the profile); keep one",
          file: csv.file, location: RecordLocation(file: csv.file, line: 1, column: i + 1))
      }
      first[target] = i
    }
  }

  private func run(
    summarise: (@Sendable ([(TypedRecord, Activation)]) -> any Sendable)?,
    merge: ((any Sendable) -> Void)?, observedDefinitions: [String],
    contribution: (@Sendable (TypedRecord, Activation) -> ReviewTally.Contribution)? = nil,
    withdraw: ((ReviewTally.Contribution) -> Void)? = nil, stream: FindingStream?,
    holdPatternFindings: Bool
  ) throws(InputError) -> (report: CheckReport, aggregates: AggregateResult) {
    let now = Temporal.timestamp(options.now)
    let today = Temporal.localDate(of: now, in: pack.timeZone)
    let collector = AggregateCollector(pack: pack)
    let evaluator = RecordEvaluator(pack: pack, now: now, showPersonal: options.showPersonal)
    var state = RunState(
      pack: pack, waivers: WaiverBook(options.waivers, today: today), stream: stream)

    var roster: Roster?
    var widerRoster: Roster?
    if let path = options.roster {
      roster = try Roster.load(path: path, pack: pack, profile: options.profile)
      state.addExtras(roster?.problems ?? [])
    }
    if let path = options.widerRoster {
      widerRoster = try Roster.load(path: path, pack: pack, profile: options.profile)
      state.addExtras(widerRoster?.problems ?? [])
    }

    var batches = BatchProcessor(
      lanes: [
        BatchProcessor.Lane(
          typer: RecordTyper(pack: pack, profile: options.profile), evaluator: evaluator,
          sampler: collector.isEmpty ? nil : collector.sampler, index: 0)
      ],
      waivers: state.waivers, render: stream?.render,
      // Definitions the aggregate rules and the summaries read (rules evaluate theirs lazily).
      definitions: evaluator.definitionIndices(
        collector.definitionsUsed + observedDefinitions),
      wantFindings: options.recordFindings,
      from: options.from.map(Temporal.timestamp), until: options.until.map(Temporal.timestamp))
    batches.summarise = summarise
    batches.contribution = contribution
    state.withdraw = withdraw

    // Open every input before the first finding is written, so that a missing file stops the
    // run cleanly; read them in the order of their names (the report's order).
    let inputs = options.inputs.sorted {
      RecordLocation.fileName(forPath: $0.path) < RecordLocation.fileName(forPath: $1.path)
    }
    // A JSON object that has the record's id is one record, not a wrapper of a records array.
    let idField = pack.pack.record.idField
    var readerOptions = ReaderOptions()
    readerOptions.recordKeys = Set(
      [idField] + options.profile.columns.filter { $0.value == idField }.map(\.key))
    readerOptions.recordFields = Set(
      pack.pack.record.schema.fields.map(\.name)
        + options.profile.columns.keys.map { String($0.prefix { $0 != "." }) })
    var readers: [any RecordReader] = []
    for input in inputs {
      let reader = try makeReader(path: input.path, format: input.format, options: readerOptions)
      if let csv = reader as? CSVReader { try Self.checkColumns(csv, profile: options.profile) }
      readers.append(reader)
    }
    var batch: [ReadResult] = []
    batch.reserveCapacity(BatchProcessor.batchSize)
    var inFlight: BatchProcessor.Job?
    var dispatched = 0
    func dispatch() {
      // An input of more than one batch gets a lane per core from its second batch on (each
      // lane compiles the pack again, which a small input need not wait for).
      if dispatched == 1 { batches.lanes += extraLanes(now: now, aggregates: !collector.isEmpty) }
      dispatched += 1
      let job = batches.start(batch)
      batch = []
      batch.reserveCapacity(BatchProcessor.batchSize)
      if let previous = inFlight {
        let items = previous.wait()
        state.fold(items, collector: collector)
        if let merge { previous.summariesMade().forEach(merge) }
        Self.freeElsewhere(items)
      }
      inFlight = job
    }
    for i in readers.indices {
      while let item = try readers[i].next() {
        state.read += 1
        if state.read % CheckOptions.progressInterval == 0 { options.progress?(state.read) }
        batch.append(item)
        if batch.count == BatchProcessor.batchSize { dispatch() }
      }
    }
    dispatch()
    if let last = inFlight {
      state.fold(last.wait(), collector: collector)
      if let merge { last.summariesMade().forEach(merge) }
    }

    // The other lanes' compilations, idle now, share the pattern rules' groups.
    let idle = batches.lanes.dropFirst().map {
      AggregateEvaluator(
        pack: $0.evaluator.pack, now: now, roster: nil, showPersonal: options.showPersonal)
    }
    var aggregates = AggregateEvaluator(
      pack: pack, now: now, roster: roster, widerRoster: widerRoster,
      showPersonal: options.showPersonal
    ).evaluate(
      collector, holdPatternFindings: holdPatternFindings || stream != nil, emptying: true,
      alongside: idle, groupsPerLane: options.patternGroupsPerLane)
    if aggregates.patternFindingsHeld {
      // Made again from the figures alone (the rosters are not needed, nor kept).
      let maker = AggregateEvaluator(
        pack: pack, now: now, roster: nil, showPersonal: options.showPersonal)
      let waivers = state.waivers
      func make(with maker: AggregateEvaluator) -> @Sendable (PatternGroup) -> Finding {
        { p in
          var f = maker.patternFinding(p)
          f.waiver = waivers.note(for: f)
          return f
        }
      }
      aggregates.patternFinding = make(with: maker)
      // The other lanes' compilations make findings beside the first.
      let others = idle.map(make(with:))
      if !others.isEmpty { aggregates.concurrentPatternFindings = others }
    }
    state.counts += aggregates.counts
    state.finish(
      extras: aggregates.findings + state.waivers.expiredFindings(), aggregates: aggregates)

    var notes = state.unknownFields.sorted().map {
      "column '\($0)' is not in the record schema and was ignored"
    }
    notes += aggregates.notes
    if state.outsideReview > 0 {
      notes.append(
        "\(state.outsideReview) record(s) dated outside the period reviewed were left out")
    }
    if state.repeated > 0, withdraw != nil {
      notes.append(
        "\(state.repeated) record(s) repeat an incident id already read; each incident is "
          + "counted once")
    }
    var report = CheckReport(
      tool: .init(name: "precept", version: options.toolVersion),
      pack: .init(
        id: pack.pack.id, version: pack.pack.version, title: pack.pack.title,
        lineage: pack.pack.lineage),
      summary: .init(
        read: state.read, evaluated: state.read - state.rejected, rejected: state.rejected,
        findings: state.bySeverity, waived: state.waived, inputs: options.inputs.map(\.path)),
      findings: state.findings, rules: state.counts, notes: notes)
    if roster != nil { report.groups = aggregates.groups }
    return (report, aggregates)
  }

  /// Lanes beyond the first, one per further core (at most 8 in all, or
  /// ``CheckOptions/lanes``), each with a compilation of the pack of its own.
  private func extraLanes(now: Timestamp, aggregates hasAggregates: Bool)
    -> [BatchProcessor.Lane]
  {
    let count = max(options.lanes ?? min(ProcessInfo.processInfo.activeProcessorCount, 8), 1) - 1
    guard count > 0 else { return [] }
    // The compilations run side by side.
    let lanes = ResultSlots<BatchProcessor.Lane?>(count: count)
    let (rules, options) = (pack.pack, options)
    DispatchQueue.concurrentPerform(iterations: count) { k in
      guard let copy = PackCompiler.compile(rules, now: options.now).pack else {
        lanes.set(k, nil)
        return
      }
      lanes.set(
        k,
        BatchProcessor.Lane(
          typer: RecordTyper(pack: copy, profile: options.profile),
          evaluator: RecordEvaluator(pack: copy, now: now, showPersonal: options.showPersonal),
          sampler: hasAggregates ? AggregateCollector(pack: copy).sampler : nil, index: k + 1))
    }
    return lanes.values().compactMap { $0 }
  }

  /// Drops the last reference to a folded batch on a worker thread: freeing a thousand typed
  /// records and activations is work the reading thread need not do.
  static func freeElsewhere(_ items: [BatchProcessor.Item]) {
    DispatchQueue.global().async { withExtendedLifetime(items) {} }
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
