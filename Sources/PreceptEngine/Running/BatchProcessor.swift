import CEL
import Dispatch
import Foundation
import PreceptInput
import PreceptRules

/// The parallel half of a check: types and evaluates a batch of records on all cores, makes
/// each record's own findings (waived where a waiver covers them, in report order) and, when
/// streaming, renders them. Records are independent, so any split of a batch gives the same
/// results; they are returned in input order.
///
/// The work is shared among ``Lane``s, one per core, each with its own compilation of the pack:
/// a lane's typer, programs and constants are touched by its own thread only, so the cores do
/// not contend for the reference counts of shared objects.
struct BatchProcessor: Sendable {
  /// One core's share of the work: a typer and an evaluator of its own, and a serial queue.
  struct Lane: Sendable {
    let typer: RecordTyper
    let evaluator: RecordEvaluator
    /// Works out each record's contribution to the aggregate rules, when the pack has some.
    let sampler: AggregateSampler?
    let queue: DispatchQueue

    init(typer: RecordTyper, evaluator: RecordEvaluator, sampler: AggregateSampler?, index: Int) {
      self.typer = typer
      self.evaluator = evaluator
      self.sampler = sampler
      queue = DispatchQueue(label: "precept.lane.\(index)")
    }
  }

  var lanes: [Lane]
  let waivers: WaiverBook
  let render: (@Sendable (Finding) -> String)?
  /// Definitions (indices) evaluated for every record, for aggregate rules and summaries.
  let definitions: [Int]
  let wantFindings: Bool
  /// Summarises the evaluated records of each chunk on the worker thread, for a caller
  /// that merges the summaries when the batch is folded.
  var summarise: (@Sendable ([(TypedRecord, Activation)]) -> any Sendable)? = nil
  let from: Timestamp?
  let until: Timestamp?
  /// What a summary counts of one record, kept with its item (on the worker thread) so that
  /// folding can take it back if the record repeats an incident id.
  var contribution: (@Sendable (TypedRecord, Activation) -> ReviewTally.Contribution)? = nil

  /// Records per batch: large enough to keep both cores busy, small enough that the batch's
  /// records and activations stay a few megabytes.
  static let batchSize = 1024
  /// Records per task handed to a worker thread.
  static let chunkSize = 128

  /// What the parallel phase makes of one item read.
  struct Item: Sendable {
    enum Status: Sendable {
      /// The reader could not make a record of it.
      case unreadable
      /// Its values do not fit the schema: rejected whole.
      case rejected
      /// Dated outside `--from`/`--to`.
      case outsideReview
      case evaluated
    }
    var status: Status
    /// The record's id, location and undeclared fields (all folding needs of most records).
    var id: String? = nil
    var location: RecordLocation? = nil
    var unknownFields: [String] = []
    /// The record and its activation, until the chunk is summarised: they are freed on the
    /// worker thread, not on the thread that folds.
    var record: TypedRecord?
    var outcomes: [RuleOutcome] = []
    var activation: Activation?
    /// The record's contribution to the aggregate rules.
    var aggregate: AggregateSample?
    /// What the summary counted of the record (see ``BatchProcessor/contribution``).
    var contribution: ReviewTally.Contribution?
    /// The record's findings (all but a duplicate id, found when folding), in report order.
    var findings: [Finding] = []
    /// Each finding's rendering, when streaming.
    var rendered: [String] = []
  }

  /// A batch being processed.
  final class Job: @unchecked Sendable {
    fileprivate let slots: ResultSlots<Item>
    fileprivate let summaries: ResultSlots<any Sendable>
    fileprivate let group = DispatchGroup()

    fileprivate init(count: Int, chunks: Int) {
      slots = ResultSlots(count: count)
      summaries = ResultSlots(count: chunks)
    }

    /// Waits for the batch and returns its items in input order.
    func wait() -> [Item] {
      group.wait()
      return slots.values()
    }

    /// The summaries of the batch's chunks (see ``BatchProcessor/summarise``), after
    /// ``wait()``.
    func summariesMade() -> [any Sendable] { summaries.values() }
  }

  /// Starts processing `items` on the lanes (chunks dealt in turn) and returns at once.
  func start(_ items: [ReadResult]) -> Job {
    let chunks = (items.count + Self.chunkSize - 1) / Self.chunkSize
    let job = Job(count: items.count, chunks: summarise == nil ? 0 : chunks)
    for chunk in 0..<chunks {
      let range = chunk * Self.chunkSize..<min(items.count, (chunk + 1) * Self.chunkSize)
      let lane = lanes[chunk % lanes.count]
      lane.queue.async(group: job.group) {
        var evaluated: [(TypedRecord, Activation)] = []
        for i in range {
          var item = process(items[i], in: lane)
          if summarise != nil, item.status == .evaluated, let record = item.record,
            let activation = item.activation
          {
            evaluated.append((record, activation))
            item.contribution = contribution?(record, activation)
          }
          item.record = nil
          item.activation = nil
          job.slots.set(i, item)
        }
        if let summarise { job.summaries.set(chunk, summarise(evaluated)) }
      }
    }
    return job
  }

  func process(_ item: ReadResult, in lane: Lane) -> Item {
    let evaluator = lane.evaluator
    switch item {
    case .rejected(let problem):
      return finish(
        Item(
          status: .unreadable,
          findings: [
            Finding(
              rule: problem.code, kind: .inputError, severity: .error,
              location: Finding.Location(problem.location),
              message: "record could not be read: \(problem.message)")
          ]))
    case .record(let raw):
      let record = lane.typer.type(raw)
      // A record whose values do not fit the schema is rejected whole: evaluating it with
      // holes would bury the real problem under "cannot evaluate" findings.
      guard record.problems.isEmpty else {
        return finish(
          Item(
            status: .rejected, record: record,
            findings: record.problems.map { problem in
              Finding(
                rule: problem.code.rawValue, kind: .inputError, severity: .error,
                record: record.id, location: Finding.Location(problem.location),
                message: "record rejected: \(problem.message)",
                fix: "correct the value in the export (or the profile that maps it) and run again")
            }))
      }
      if let date = record.date,
        (from.map { date < $0 } ?? false) || (until.map { !(date < $0) } ?? false)
      {
        return finish(Item(status: .outsideReview, record: record))
      }
      let (outcomes, ruleFindings, activation) = evaluator.evaluate(
        record, findings: wantFindings, definitions: definitions)
      var findings = ruleFindings
      if let date = record.date, let from = evaluator.pack.effectiveFrom, date < from {
        findings.append(
          Finding(
            rule: "PRE3202", kind: .outsidePeriod, severity: .info, record: record.id,
            location: Finding.Location(record.location),
            message:
              "incident is dated before the pack takes effect (\(evaluator.pack.pack.effective.map { "\($0)" } ?? "")); its rules were not applied"
          ))
      }
      return finish(
        Item(
          status: .evaluated, record: record, outcomes: outcomes, activation: activation,
          aggregate: lane.sampler?.sample(record, activation: activation), findings: findings))
    }
  }

  /// Waives, orders and (when streaming) renders an item's findings.
  private func finish(_ item: consuming Item) -> Item {
    var item = item
    if let record = item.record {
      item.id = record.id
      item.location = record.location
      item.unknownFields = record.unknownFields
    }
    if !waivers.isEmpty {
      for i in item.findings.indices {
        item.findings[i].waiver = waivers.note(for: item.findings[i])
      }
    }
    if item.findings.count > 1 { item.findings.sort(by: FindingOrder.precedes) }
    if let render { item.rendered = item.findings.map(render) }
    return item
  }
}

/// Per-index result storage written by parallel workers, each index by exactly one worker.
/// Raw memory, so that concurrent writes to distinct indices need no exclusive access to an
/// array.
final class ResultSlots<R>: @unchecked Sendable {
  private let storage: UnsafeMutableBufferPointer<R?>

  init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }

  deinit {
    storage.deinitialize()
    storage.deallocate()
  }

  func set(_ i: Int, _ value: consuming R) { storage[i] = value }

  /// The values set, moved out (each index is left empty).
  func values() -> [R] {
    let base = storage.baseAddress!
    return (0..<storage.count).map { i in
      let value = (base + i).move()
      (base + i).initialize(to: nil)
      return value!
    }
  }
}
