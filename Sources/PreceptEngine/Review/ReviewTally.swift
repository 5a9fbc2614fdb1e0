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

  let reading: Reading
  var months: [String: ReviewReport.Month] = [:]
  var types: Set<String> = []
  var schools: Set<String> = []
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
    incidents += 1
    let value = record.value
    var pupil: String?
    if case .object(let p)? = value["pupil"], case .string(let id)? = p["id"] {
      pupil = id
      if pupils[id] == nil { pupils[id] = 0 }
    }
    if case .string(let s)? = value[ReviewBuilder.schoolField] { schools.insert(s) }
    if let slot = reading.restrictiveSlot, case .bool(true) = activation.slots[slot] {
      restrictive += 1
    }
    if let date = record.date {
      let day = Temporal.localDate(of: date, in: reading.zone)
      if firstDay.map({ day < $0 }) ?? true { firstDay = day }
      if lastDay.map({ $0 < day }) ?? true { lastDay = day }
      let month = String(day.description.prefix(7))
      var m = months[month] ?? ReviewReport.Month(month: month, incidents: 0, byType: [:])
      m.incidents += 1
      if case .list(let list)? = value[ReviewBuilder.typesField] {
        var seen: Set<String> = []
        for case .string(let t) in list where seen.insert(t).inserted {
          m.byType[t, default: 0] += 1
          types.insert(t)
        }
      }
      months[month] = m
    }
    if case .list(let list)? = value[ReviewBuilder.triggersField] {
      var seen: Set<String> = []
      for case .string(let t) in list where seen.insert(t).inserted {
        triggerIncidents[t, default: 0] += 1
        if let pupil { add(pupil, trigger: number(of: t)) }
      }
    }
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
    types.formUnion(other.types)
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
