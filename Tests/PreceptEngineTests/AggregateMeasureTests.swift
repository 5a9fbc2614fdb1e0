import CEL
import Testing

@testable import PreceptEngine

/// The arithmetic of aggregate rules: the sliding window and the group figures.
@Suite struct AggregateMeasureTests {
  static let day: Int64 = 86_400

  @Test(arguments: [
    // times (days), window (days), most within one window
    ([0, 9, 19, 30], 30, 3),  // [t, t + 30d): day 30 starts a new window
    ([0, 9, 19, 29], 30, 4),
    ([1, 18, 26, 33, 40], 30, 4),  // slides across a month end
    ([0, 0, 0], 1, 3),  // same instant
    ([5], 30, 1),
    ([0, 0, 5], 0, 1),  // a zero window, [t, t): one record at a time
    ([0, 1, 2], -1, 1),  // a negative window (refused before it gets here): no trap
  ])
  func busiestWindow(_ days: [Int], _ windowDays: Int, _ expected: Int) {
    let times = days.map { Int64($0) * Self.day }
    let (count, first, last) = AggregateEvaluator.busiestWindow(
      times, window: Duration(seconds: Int64(windowDays) * Self.day))
    #expect(count == expected)
    #expect(first <= last)
    #expect(last - first < Int64(windowDays) * Self.day || count == 1)
  }

  /// Groups of one characteristic by pupils; those below `minCell` (10) start suppressed.
  static func groups(_ pupils: [Int]) -> [GroupMeasures] {
    pupils.enumerated().map { i, n in
      GroupMeasures(
        rule: "R", characteristic: "c", value: "v\(i)", pupils: n < 10 ? nil : n,
        pupilsWithIncidents: nil, incidents: nil, risk: nil, riskRatio: nil,
        alternateRiskRatio: nil, compositionDifference: nil, suppressed: n < 10)
    }
  }

  @Test(arguments: [
    // pupils per group, the groups suppressed with the small ones
    ([5, 45], [1]),  // yes/no: the other gives the small one away
    ([280, 12, 8], [1]),  // one small group: the next smallest goes with it
    ([280, 40, 3, 4], [1]),  // 3 + 4 < 10 together: still a small group, so 40 goes too
    ([280, 40, 6, 7], []),  // two small groups holding 13: neither can be worked out
    ([100, 50], []),  // nothing small
    ([5], []),  // nothing else to suppress
  ])
  func complementarySuppression(_ pupils: [Int], _ expected: [Int]) {
    let added = AggregateEvaluator.complementarySuppression(
      Self.groups(pupils), pupils: pupils, minCell: 10)
    #expect(added == expected)
  }

  @Test func withoutAWindowEveryRecordCounts() {
    let (count, first, last) = AggregateEvaluator.busiestWindow([1, 50, 900], window: nil)
    #expect(count == 3 && first == 1 && last == 900)
  }

  static func tally(_ groups: [String: (pupils: Int, withIncidents: Int, incidents: Int)])
    -> AggregateEvaluator.Tally
  {
    var t = AggregateEvaluator.Tally()
    for (value, g) in groups {
      t.pupils[value] = g.pupils
      t.withIncidents[value] = g.withIncidents
      t.incidents[value] = g.incidents
      t.totalPupils += g.pupils
      t.totalWithIncidents += g.withIncidents
      t.totalIncidents += g.incidents
    }
    return t
  }

  @Test func riskRatioCompositionAndInterval() throws {
    // 10 EHCP pupils, 4 with an incident; 90 others, 4 with one.
    // RR = (4/10) / (4/90) = 9; composition = 4/8 − 10/100 = 0.4;
    // se = √(1/4 − 1/10 + 1/4 − 1/90) = 0.623610; CI = exp(ln 9 ∓ 1.959964 · se) = 2.651 … 30.553
    let local = Self.tally(["ehcp": (10, 4, 5), "none": (90, 4, 4)])
    let g = AggregateEvaluator.measures(
      rule: "R", characteristic: "sen_status", value: "ehcp", local: local, wider: nil, minCell: 10)
    #expect(!g.suppressed)
    #expect(abs(try #require(g.riskRatio) - 9) < 1e-9)
    #expect(abs(try #require(g.compositionDifference) - 0.4) < 1e-9)
    #expect(abs(try #require(g.riskRatioLow) - 2.6511) < 1e-4)
    #expect(abs(try #require(g.riskRatioHigh) - 30.5534) < 1e-4)
    #expect(g.alternateRiskRatio == nil)
  }

  @Test func alternateRatioUsesTheWiderRoster() throws {
    // Local: 12 EHCP (3 with an incident) and 8 others (1): too few others to compare locally.
    // Wider: 40 EHCP (6) and 400 others (20): alternate = (3/12) / (20/400) = 0.25 / 0.05 = 5.
    let local = Self.tally(["ehcp": (12, 3, 3), "none": (8, 1, 1)])
    let wider = Self.tally(["ehcp": (40, 6, 6), "none": (400, 20, 20)])
    let g = AggregateEvaluator.measures(
      rule: "R", characteristic: "sen_status", value: "ehcp", local: local, wider: wider,
      minCell: 10)
    #expect(abs(try #require(g.alternateRiskRatio) - 5) < 1e-9)
  }

  @Test func smallCellsAreSuppressedNotZero() {
    let local = Self.tally(["looked_after": (4, 0, 0), "rest": (96, 8, 9)])
    let g = AggregateEvaluator.measures(
      rule: "R", characteristic: "care", value: "looked_after", local: local, wider: nil,
      minCell: 10)
    #expect(g.suppressed)
    #expect(g.pupils == nil && g.pupilsWithIncidents == nil && g.incidents == nil)
    #expect(g.risk == nil && g.riskRatio == nil && g.compositionDifference == nil)
  }

  @Test func noIncidentAmongTheOthersIsAnInfiniteRatio() {
    let local = Self.tally(["a": (20, 2, 2), "b": (30, 0, 0)])
    let g = AggregateEvaluator.measures(
      rule: "R", characteristic: "c", value: "a", local: local, wider: nil, minCell: 10)
    #expect(g.riskRatio == .infinity)
    #expect(g.riskRatioLow == nil)
  }
}
