import CEL
import PreceptInput
import PreceptRules

/// The sequential half of a check: folds processed batches in input order into the counts,
/// finds duplicate incident ids, and delivers findings in report order, to a
/// ``FindingStream`` or into the report.
struct RunState {
  let pack: CompiledPack
  let waivers: WaiverBook
  let stream: FindingStream?

  var read = 0
  var rejected = 0
  var outsideReview = 0
  /// Takes back what a summary counted of a record that repeats an incident id.
  var withdraw: ((ReviewTally.Contribution) -> Void)?
  /// Records that repeat an incident id already read.
  var repeated = 0
  var counts: [CheckReport.RuleCounts]
  var bySeverity: [String: Int] = ["error": 0, "warning": 0, "info": 0]
  var waived = 0
  var unknownFields: [String] = []
  /// The findings, when not streamed.
  var findings: [Finding] = []
  /// Findings from outside the records (roster problems) waiting for their place in the order.
  private var extras: [Finding] = []
  /// Every incident id seen, and where it was first seen.
  private var ids = IDRegistry()
  private var files: [String] = []
  private let duplicateRule: Rule?
  private var ruleIndex: [String: Int] = [:]

  init(pack: CompiledPack, waivers: WaiverBook, stream: FindingStream?) {
    self.pack = pack
    self.waivers = waivers
    self.stream = stream
    counts = pack.rules.filter { $0.rule.kind == .record }.map {
      CheckReport.RuleCounts(
        rule: $0.rule.id, title: $0.rule.title, severity: $0.rule.severity,
        cite: $0.rule.cite.map(\.description), applied: 0, passed: 0, failed: 0,
        cannotEvaluate: 0, notApplicable: 0, outsidePeriod: 0, waived: 0)
    }
    for (i, c) in counts.enumerated() where ruleIndex[c.rule] == nil { ruleIndex[c.rule] = i }
    duplicateRule = pack.rules.first { $0.rule.tags.contains("unique-ids") }?.rule
  }

  /// Findings made outside the records, delivered at their place in the order.
  mutating func addExtras(_ found: [Finding]) {
    extras += found
    extras.sort(by: FindingOrder.precedes)
  }

  mutating func fold(_ items: [BatchProcessor.Item], collector: AggregateCollector) {
    for k in items.indices {
      fold(items[k], collector: collector)
    }
  }

  /// Folds one item (read in place: copying an item costs more than most of its folding).
  private mutating func fold(_ item: borrowing BatchProcessor.Item, collector: AggregateCollector) {
    for field in item.unknownFields where !unknownFields.contains(field) {
      unknownFields.append(field)
    }
    switch item.status {
    case .unreadable, .rejected:
      rejected += 1
    case .outsideReview:
      outsideReview += 1
      return
    case .evaluated:
      count(item.outcomes)
      var repeated: Finding?
      if let id = item.id, let location = item.location {
        repeated = duplicate(id: id, at: location)
      }
      // A record whose id was already seen is checked, but not counted again by the
      // aggregate rules (an incident exported twice is not a repeat pattern).
      if repeated == nil, let sample = item.aggregate { collector.add(sample) }
      if let duplicate = repeated {
        self.repeated += 1
        if let c = item.contribution { withdraw?(c) }
        var findings = item.findings
        var rendered = item.rendered
        let place =
          findings.firstIndex { FindingOrder.precedes(duplicate, $0) } ?? findings.endIndex
        findings.insert(duplicate, at: place)
        if let render = stream?.render { rendered.insert(render(duplicate), at: place) }
        deliver(findings, rendered: rendered)
        return
      }
    }
    deliver(item.findings, rendered: item.rendered)
  }

  /// Delivers an item's findings, with their renderings when streaming.
  private mutating func deliver(_ findings: [Finding], rendered: [String]) {
    for (i, finding) in findings.enumerated() {
      deliver(finding, rendered: stream == nil ? nil : rendered[i])
    }
  }

  /// Delivers what is left: the extras not yet delivered and `last` (aggregate findings, expired
  /// waivers), in order, with the findings `aggregates` holds (see
  /// ``AggregateResult/patternFindingsHeld``). Without a stream, held findings are only counted:
  /// the caller has them.
  mutating func finish(extras last: [Finding], aggregates: AggregateResult? = nil) {
    var rest =
      extras
      + last.map { f in
        var f = f
        f.waiver = waivers.note(for: f)
        return f
      }
    extras = []
    rest.sort(by: FindingOrder.precedes)
    guard let aggregates, aggregates.patternFindingsHeld, let make = aggregates.patternFinding
    else {
      for finding in rest { deliver(finding, rendered: stream.map { $0.render(finding) }) }
      return
    }
    if let stream {
      let findings = AggregateFindings(
        merging: rest, held: aggregates.patterns, make: make,
        alongside: aggregates.concurrentPatternFindings)
      findings.forEach(transform: stream.render) { finding, rendered in
        deliver(finding, rendered: rendered)
      }
      return
    }
    for finding in rest { deliver(finding, rendered: nil) }
    for p in aggregates.patterns {
      if waivers.isEmpty {
        bySeverity[p.severity.rawValue, default: 0] += 1
      } else {
        tally(make(p))
      }
    }
  }

  private mutating func count(_ outcomes: [RuleOutcome]) {
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
  }

  private mutating func deliver(_ finding: Finding, rendered: String?) {
    while let first = extras.first, FindingOrder.precedes(first, finding) {
      extras.removeFirst()
      deliver(first, rendered: stream.map { $0.render(first) })
    }
    tally(finding)
    if let stream {
      stream.emit(finding, rendered ?? stream.render(finding))
    } else {
      findings.append(finding)
    }
  }

  /// Counts a finding delivered (or held by the caller) by severity, or as waived.
  private mutating func tally(_ finding: Finding) {
    if finding.waiver == nil {
      bySeverity[finding.severity.rawValue, default: 0] += 1
    } else {
      waived += 1
      if let i = ruleIndex[finding.rule] ?? counts.firstIndex(where: { $0.rule == finding.rule }) {
        counts[i].waived += 1
      }
    }
  }

  /// The duplicate-id finding when `id` was seen before, else `nil` (and `id` is remembered).
  private mutating func duplicate(id: String, at here: RecordLocation) -> Finding? {
    let file: Int
    if let i = files.lastIndex(of: here.file) {
      file = i
    } else {
      file = files.count
      files.append(here.file)
    }
    guard let first = ids.firstPlace(of: id, seenAt: .init(file: file, line: here.line)) else {
      return nil
    }
    let firstFile = files[first.file]
    let firstLine = first.line
    let rule = duplicateRule
    return Finding(
      rule: rule?.id ?? "PRE3201", kind: .duplicateID, severity: rule?.severity ?? .error,
      record: id, location: Finding.Location(here),
      message: "incident id '\(id)' was already used by the record at \(firstFile):\(firstLine)",
      title: rule?.title ?? "Incident ids are unique", cite: rule?.cite.map(\.description) ?? [],
      quote: rule?.quote,
      fix: rule?.fix
        ?? "give each incident its own id; if this is the same incident, remove the copy")
  }
}
