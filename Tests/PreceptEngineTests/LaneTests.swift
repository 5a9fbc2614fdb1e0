import Foundation
import PreceptInput
import PreceptRules
import PreceptTestSupport
import Testing

@testable import PreceptEngine

/// The records of an input are shared among lanes, each with its own compilation of the pack;
/// however many lanes there are, the report is the same.
@Suite struct LaneTests {
  /// The example export's rows, repeated until the input spans several batches (the ids repeat
  /// too, so duplicate-id findings come from several lanes).
  static func largeExport() throws -> String {
    let root = CLI.repositoryRoot()
    let text = try String(
      contentsOf: root.appendingPathComponent("Rules/dfe-2026/examples/incidents.csv"),
      encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    let header = lines.removeFirst()
    var out = header + "\n"
    var written = 0
    while written < BatchProcessor.batchSize * 3 + 17 {
      for line in lines {
        out += line + "\n"
        written += 1
      }
    }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-lanes-\(UUID().uuidString).csv").path
    try out.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func theReportIsTheSameWhateverTheNumberOfLanes() throws {
    let path = try Self.largeExport()
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
