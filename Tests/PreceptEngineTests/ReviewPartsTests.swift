import CEL
import Foundation
import PreceptRules
import PreceptTestSupport
import Testing

@testable import PreceptEngine

/// The review's memory-saving parts give what the plain ways gave: tallies of chunks merged in
/// any order, pattern findings held and made again, and a roster kept as shared profiles.
@Suite struct ReviewPartsTests {
  static let root = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
    .appendingPathComponent("../..").standardizedFileURL.path
  static let export = root + "/Tests/Fixtures/review/incidents.csv"
  static let roster = root + "/Tests/Fixtures/review/roster.csv"

  static func pack() throws -> CompiledPack {
    let (pack, diagnostics) = PackCompiler.load(root + "/Rules/dfe-2026")
    return try #require(pack, "\(diagnostics)")
  }

  static func options() -> CheckOptions {
    var options = CheckOptions(
      inputs: [.init(path: export, format: nil)], profile: .canonical, showPersonal: false,
      toolVersion: "test", roster: roster, widerRoster: nil, from: nil, until: nil,
      progress: nil)
    options.now = Date(timeIntervalSince1970: 1_800_000_000)
    options.recordFindings = false
    return options
  }

  static func encoded(_ review: ReviewReport) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    return String(decoding: try encoder.encode(review), as: UTF8.self)
  }

  /// The review the plain way: every record counted on its own and the counts added in the
  /// order they come, every finding made at once.
  static func plainReview(_ pack: CompiledPack) throws -> (ReviewReport, CheckReport) {
    let builder = ReviewBuilder(pack: pack)
    let summarise = builder.summarise
    var tallies: [ReviewTally] = []
    let (report, aggregates) = try CheckRunner(pack: pack, options: options())
      .runWithAggregates(
        summarise: { records in records.map { summarise([$0]) } }, merge: { tallies += $0 },
        observedDefinitions: builder.definitionsUsed)
    for tally in tallies { builder.merge(tally) }
    #expect(!aggregates.patternFindingsHeld)
    let review = builder.build(
      report: report, aggregates: aggregates, options: options(),
      pupilsOnRoll: aggregates.rosterPupils)
    return (review, report)
  }

  @Test func chunkTalliesAndHeldFindingsGiveTheSameReview() throws {
    let pack = try Self.pack()
    let (plain, plainReport) = try Self.plainReview(pack)
    #expect(plain.findings.count(of: .aggregate) > 0)
    #expect(!plain.repeatPatterns.isEmpty)

    let builder = ReviewBuilder(pack: pack)
    let (report, aggregates) = try CheckRunner(pack: pack, options: Self.options())
      .runWithAggregates(
        summarise: builder.summarise, merge: builder.merge,
        observedDefinitions: builder.definitionsUsed, holdPatternFindings: true)
    #expect(aggregates.patternFindingsHeld)
    // The report counts the held findings without holding them.
    #expect(report.summary.findings == plainReport.summary.findings)
    #expect(report.findings.count < plainReport.findings.count)
    let review = builder.build(
      report: report, aggregates: aggregates, options: Self.options(),
      pupilsOnRoll: aggregates.rosterPupils)
    #expect(try Self.encoded(review) == Self.encoded(plain))
    #expect(Array(review.findings).map(\.message) == Array(plain.findings).map(\.message))
  }

  @Test func talliesMergeInAnyOrder() throws {
    let pack = try Self.pack()
    let (plain, _) = try Self.plainReview(pack)
    // Every record's tally on its own, merged last to first.
    var tallies: [ReviewTally] = []
    let builder = ReviewBuilder(pack: pack)
    let summarise = builder.summarise
    let (report, aggregates) = try CheckRunner(pack: pack, options: Self.options())
      .runWithAggregates(
        summarise: { records in records.map { summarise([$0]) } }, merge: { tallies += $0 },
        observedDefinitions: builder.definitionsUsed)
    for tally in tallies.reversed() { builder.merge(tally) }
    let review = builder.build(
      report: report, aggregates: aggregates, options: Self.options(),
      pupilsOnRoll: aggregates.rosterPupils)
    #expect(try Self.encoded(review) == Self.encoded(plain))
  }

  @Test func pupilsTriggersPastSixtyFourAreCounted() {
    let reading = ReviewTally.Reading(zone: TimeZone(identifier: "UTC")!, restrictiveSlot: nil)
    var a = ReviewTally(reading: reading)
    var b = ReviewTally(reading: reading)
    let names = (0..<70).map { "t\($0)" }
    for name in names { a.add("P-1", trigger: a.number(of: name)) }
    // Numbered the other way round in the second tally.
    for name in names.reversed() { b.add("P-2", trigger: b.number(of: name)) }
    b.add("P-1", trigger: b.number(of: "t69"))
    a.merge(b)
    let counts = a.pupilsByTrigger()
    #expect(counts.count == 70)
    #expect(counts.values.allSatisfy { $0 == 2 })
    #expect(a.pupils.count == 2)
  }

  /// A pattern rule's groups shared among lanes (each judging with its own compilation of the
  /// pack) give the review and the counts one lane gives.
  @Test func patternGroupsSharedAmongLanesGiveTheSameReview() throws {
    let pack = try Self.pack()
    let export = try ExampleExport.repeated(70)
    defer { try? FileManager.default.removeItem(atPath: export) }
    func review(lanes: Int, groupsPerLane: Int) throws -> (String, [CheckReport.RuleCounts]) {
      var options = Self.options()
      options.inputs = [.init(path: export, format: nil)]
      options.roster = Self.root + "/Rules/dfe-2026/examples/roster.csv"
      options.lanes = lanes
      options.patternGroupsPerLane = groupsPerLane
      let builder = ReviewBuilder(pack: pack)
      let (report, aggregates) = try CheckRunner(pack: pack, options: options)
        .runWithAggregates(
          summarise: builder.summarise, merge: builder.merge,
          observedDefinitions: builder.definitionsUsed, holdPatternFindings: true)
      let review = builder.build(
        report: report, aggregates: aggregates, options: options,
        pupilsOnRoll: aggregates.rosterPupils)
      return (try Self.encoded(review), report.rules)
    }
    let one = try review(lanes: 1, groupsPerLane: AggregateEvaluator.groupsPerLane)
    let shared = try review(lanes: 3, groupsPerLane: 2)
    #expect(one.1 == shared.1)
    #expect(one.0 == shared.0)
    #expect(one.0.contains("RI-REV-003"))
  }

  @Test func rosterProfilesGiveBackEveryPupil() throws {
    let pack = try Self.pack()
    let roster = try Roster.load(path: Self.roster, pack: pack)
    #expect(roster.count >= 50)
    let again = Roster(pupils: roster.pupils)
    #expect(again.ids == roster.ids)
    for i in 0..<roster.count {
      let a = roster.pupil(at: i)
      let b = again.pupil(at: i)
      #expect(a.id == roster.ids[i])
      #expect(a.value["id"].map { "\($0)" } == "\(Value.string(a.id))")
      for field in a.value.type.fields.map(\.name) {
        #expect(a.value[field].map { "\($0)" } == b.value[field].map { "\($0)" })
      }
    }
  }
}
