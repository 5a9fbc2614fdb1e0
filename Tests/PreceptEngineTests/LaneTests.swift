import Foundation
import PreceptInput
import PreceptRules
import PreceptTestSupport
import Testing

@testable import PreceptEngine

/// The records of an input are shared among lanes, each with its own compilation of the pack;
/// however many lanes there are, the report is the same.
@Suite struct LaneTests {
  @Test func theReportIsTheSameWhateverTheNumberOfLanes() throws {
    // 3,290 records: more than three batches, with ids repeated across lanes.
    let path = try ExampleExport.repeated(70)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let packPath = CLI.repositoryRoot().appendingPathComponent("Rules/dfe-2026").path
    let pack = try #require(PackCompiler.load(packPath).pack)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var reports: [Data] = []
    for lanes in [1, 2, 3] {
      var options = CheckOptions(
        inputs: [.init(path: path)], now: Date(timeIntervalSince1970: 1_790_000_000))
      options.lanes = lanes
      let report = try CheckRunner(pack: pack, options: options).run()
      #expect(report.summary.read > BatchProcessor.batchSize * 3)
      #expect(report.summary.read == report.summary.evaluated + report.summary.rejected)
      #expect(!report.findings.isEmpty)
      reports.append(try encoder.encode(report))
    }
    #expect(reports[0] == reports[1])
    #expect(reports[0] == reports[2])
  }
}
