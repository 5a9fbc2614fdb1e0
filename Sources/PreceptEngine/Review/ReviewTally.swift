import CEL
import Foundation
import PreceptRules

/// What the review counts of some records: incidents per month and type, triggers, schools,
/// and each pupil's triggers. Worked out for a chunk of records on a worker thread and merged
/// (in any order: merging is commutative) into ``ReviewBuilder``; nothing is kept per record.
public struct ReviewTally: Sendable {
  /// How records are read (the same for every tally of a run).
  struct Reading: Sendable {
    let zone: TimeZone
    let restrictiveSlot: Int?
  }

  /// Where the fields a tally reads are in a record (found once per tally, not by name for
  /// every record).
  struct Layout: Sendable {
    let record: ObjectType
    let pupil: Int?
    let school: Int?
    let types: Int?
    let triggers: Int?
    var pupilType: ObjectType?
    var pupilID: Int?

    init(_ record: ObjectType) {
      self.record = record
      pupil = record.index(of: "pupil")
      school = record.index(of: ReviewBuilder.schoolField)
      types = record.index(of: ReviewBuilder.typesField)
      triggers = record.index(of: ReviewBuilder.triggersField)
    }

    mutating func pupilID(in pupil: ObjectValue) -> Value? {
      if pupilType !== pupil.type {
        pupilType = pupil.type
        pupilID = pupil.type.index(of: "id")
      }
      return pupilID.flatMap { pupil.slots[$0] }
    }
  }

  let reading: Reading
  private var layout: Layout?
  /// Months by `year * 12 + month - 1`.
  var months: [Int: ReviewReport.Month] = [:]
  /// The intervention types seen (the keys of every month's counts).
  var types: Set<String> {
    Set(months.values.flatMap { $0.byType.filter { $0.value > 0 }.keys })
  }
  var schools: Set<String> = []
  private var lastSchool: String?
  var triggerIncidents: [String: Int] = [:]
  var incidents = 0
  var restrictive = 0
  var firstDay: LocalDate?
  var lastDay: LocalDate?
  /// Triggers by number (for ``pupils``' masks).
  var triggers: [String] = []
  var triggerNumbers: [String: Int] = [:]
  /// Each pupil seen, with its triggers numbered below 64 as bits.
  var pupils: [String: UInt64] = [:]
  /// Pupils' triggers numbered 64 or more.
  var morePairs: Set<PupilTrigger> = []

  /// A pupil and a trigger (by number) recorded for them.
  struct PupilTrigger: Hashable, Sendable {
    var pupil: String
    var trigger: Int
  }

  init(reading: Reading) { self.reading = reading }

  /// Counts one evaluated record.
  mutating func observe(_ record: TypedRecord, _ activation: Activation) {
    let value = record.value
    if layout?.record !== value.type { layout = Layout(value.type) }
    let c = Self.contribution(of: record, activation, reading: reading, layout: layout!)
    if let day = apply(c, 1) {
      if firstDay.map({ day < $0 }) ?? true { firstDay = day }
      if lastDay.map({ $0 < day }) ?? true { lastDay = day }
    }
    if let slot = layout!.school, case .string(let s)? = value.slots[slot], s != lastSchool {
      schools.insert(s)
      lastSchool = s
    }
    guard let slot = layout!.pupil, case .object(let p)? = value.slots[slot],
      case .string(let pupil)? = layout!.pupilID(in: p)
    else { return }
    var mask: UInt64 = 0
    Self.forEachDistinct(c.triggers) { t in
      let n = number(of: t)
      if n < 64 { mask |= 1 << UInt64(n) } else { add(pupil, trigger: n) }
    }
    pupils[pupil, default: 0] |= mask
  }

  /// What one record added to a tally, kept (cheaply: slot values, no strings made) so that it
  /// can be taken back when the record turns out to repeat an incident already counted.
  public struct Contribution: Sendable {
    var date: Timestamp?
    var restrictive: Bool
    var types: [Value]?
    var triggers: [Value]?
  }

  /// The counts a record adds (on the worker thread); `layout` is used when it is the
  /// record's type's.
  static func contribution(
    of record: TypedRecord, _ activation: Activation, reading: Reading, layout: Layout
  ) -> Contribution {
    let value = record.value
    let l = layout.record === value.type ? layout : Layout(value.type)
    var c = Contribution(date: record.date, restrictive: false, types: nil, triggers: nil)
    if let slot = reading.restrictiveSlot, case .bool(true) = activation.slots[slot] {
      c.restrictive = true
    }
    if let i = l.types, case .list(let list)? = value.slots[i] { c.types = list }
    if let i = l.triggers, case .list(let list)? = value.slots[i] { c.triggers = list }
    return c
  }

  /// Takes back a record's contribution: its incident, month, types and triggers. (The sets
  /// of pupils and schools keep it: a repeated incident is the same pupil's, at the same
  /// school.) Counts may go below zero until the chunk that counted the record is merged.
  mutating func withdraw(_ c: Contribution) {
    apply(c, -1)
  }

  /// Adds (`sign` 1) or takes back (-1) a contribution's incident, month, types and triggers;
  /// the record's day, when it has a date.
  @discardableResult
  private mutating func apply(_ c: Contribution, _ sign: Int) -> LocalDate? {
    incidents += sign
    if c.restrictive { restrictive += sign }
    Self.forEachDistinct(c.triggers) { triggerIncidents[$0, default: 0] += sign }
    guard let date = c.date else { return nil }
    let day = Temporal.localDate(of: date, in: reading.zone)
    let key = day.year * 12 + day.month - 1
    var month =
      months[key] ?? ReviewReport.Month(month: Self.monthName(key), incidents: 0, byType: [:])
    month.incidents += sign
    Self.forEachDistinct(c.types) { month.byType[$0, default: 0] += sign }
    months[key] = month
    return day
  }

  /// Calls `body` with each text of a list once, in order (a list may repeat a value).
  private static func forEachDistinct(_ list: [Value]?, _ body: (String) -> Void) {
    guard let list else { return }
    for (i, item) in list.enumerated() {
      guard case .string(let t) = item, !seenBefore(t, in: list, before: i) else { continue }
      body(t)
    }
  }

  /// The month of a key, `2026-06`.
  static func monthName(_ key: Int) -> String {
    // As `LocalDate.description` writes the start of a date.
    String(LocalDate(year: key / 12, month: key % 12 + 1, day: 1).description.prefix(7))
  }

  /// Whether `text` is among the first `before` strings of `list` (lists are short).
  private static func seenBefore(_ text: String, in list: [Value], before end: Int) -> Bool {
    for k in 0..<end {
      if case .string(let other) = list[k], other == text { return true }
    }
    return false
  }

  mutating func number(of trigger: String) -> Int {
    if let n = triggerNumbers[trigger] { return n }
    let n = triggers.count
    triggers.append(trigger)
    triggerNumbers[trigger] = n
    return n
  }

  mutating func add(_ pupil: String, trigger n: Int) {
    if n < 64 {
      pupils[pupil, default: 0] |= 1 << UInt64(n)
    } else {
      pupils[pupil] = pupils[pupil] ?? 0
      morePairs.insert(PupilTrigger(pupil: pupil, trigger: n))
    }
  }

  /// Adds the counts of `other`.
  mutating func merge(_ other: ReviewTally) {
    incidents += other.incidents
    restrictive += other.restrictive
    if let d = other.firstDay, firstDay.map({ d < $0 }) ?? true { firstDay = d }
    if let d = other.lastDay, lastDay.map({ $0 < d }) ?? true { lastDay = d }
    for (key, m) in other.months {
      guard var mine = months[key] else {
        months[key] = m
        continue
      }
      mine.incidents += m.incidents
      mine.byType.merge(m.byType, uniquingKeysWith: +)
      months[key] = mine
    }
    schools.formUnion(other.schools)
    triggerIncidents.merge(other.triggerIncidents, uniquingKeysWith: +)
    // The other's trigger numbers in this tally's numbering.
    let renumbered = other.triggers.map { number(of: $0) }
    for (pupil, mask) in other.pupils {
      if pupils[pupil] == nil { pupils[pupil] = 0 }
      var bits = mask
      while bits != 0 {
        let n = bits.trailingZeroBitCount
        bits &= bits - 1
        add(pupil, trigger: renumbered[n])
      }
    }
    for pair in other.morePairs { add(pair.pupil, trigger: renumbered[pair.trigger]) }
  }

  /// How many distinct pupils had each trigger recorded.
  func pupilsByTrigger() -> [String: Int] {
    var counts = [Int](repeating: 0, count: triggers.count)
    for mask in pupils.values {
      var bits = mask
      while bits != 0 {
        counts[bits.trailingZeroBitCount] += 1
        bits &= bits - 1
      }
    }
    for pair in morePairs { counts[pair.trigger] += 1 }
    var out: [String: Int] = [:]
    for (n, t) in triggers.enumerated() { out[t] = counts[n] }
    return out
  }
}
