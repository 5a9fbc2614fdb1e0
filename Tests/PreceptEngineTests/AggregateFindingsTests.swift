import CEL
import Foundation
import Synchronization
import Testing

@testable import PreceptEngine

/// Held pattern findings made on several threads, a stretch each at a time, come out in the
/// order and with the contents that making them one by one gives.
@Suite struct AggregateFindingsTests {
  /// Counts the findings each maker made.
  final class Calls: Sendable {
    let counts = Mutex<[Int]>([0, 0, 0])
    func made(by maker: Int) { counts.withLock { $0[maker] += 1 } }
  }

  static func maker(_ index: Int, _ calls: Calls) -> @Sendable (PatternGroup) -> Finding {
    { p in
      calls.made(by: index)
      return Finding(
        rule: p.rule, kind: .aggregate, severity: p.severity, group: "pupil \(p.key)",
        message: "pupil \(p.key) had \(p.count)")
    }
  }

  static func groups(_ n: Int) -> [PatternGroup] {
    (0..<n).map {
      PatternGroup(
        rule: "R-2", key: String(format: "P-%05d", $0), item: "", count: $0 % 7, total: $0 % 7,
        first: Timestamp(seconds: 0), last: Timestamp(seconds: 60), fired: true)
    }
  }

  @Test(arguments: [0, 1, 255, 256, 257, 1_000, 2_049])
  func madeAlongsideInOrder(held: Int) {
    let calls = Calls()
    // Findings made already: one before every held one (rule R-1), one after (R-3).
    let made = [
      Finding(rule: "R-1", kind: .aggregate, severity: .warning, message: "first"),
      Finding(rule: "R-3", kind: .aggregate, severity: .warning, message: "last"),
    ]
    let one = AggregateFindings(
      merging: made, held: Self.groups(held), make: Self.maker(0, calls))
    let three = AggregateFindings(
      merging: made, held: Self.groups(held), make: Self.maker(0, calls),
      alongside: [Self.maker(1, calls), Self.maker(2, calls)])
    let plain = one.map { "\($0.rule) \($0.message) \($0.group ?? "")" }
    var seen: [String] = []
    var transformed: [Int] = []
    let length: @Sendable (Finding) -> Int = { $0.message.count }
    three.forEach(transform: length) { finding, count in
      seen.append("\(finding.rule) \(finding.message) \(finding.group ?? "")")
      transformed.append(count)
    }
    #expect(seen == plain)
    #expect(seen.count == held + 2)
    #expect(seen.first == "R-1 first " && seen.last == "R-3 last ")
    #expect(transformed == one.map(\.message.count))
    let counts = calls.counts.withLock { $0 }
    if held > AggregateFindings.stretch {
      #expect(counts[1] > 0 && counts[2] > 0, "the makers alongside took their share")
    } else {
      #expect(counts[1] == 0 && counts[2] == 0)
    }
  }
}
