import Foundation
import PreceptTestSupport
import Testing

/// `precept check` writes findings while it reads (JSON, text, GitHub formats): they must come
/// out in report order, whatever order the inputs were given in, and say the same as the formats
/// that render the finished report.
@Suite struct StreamingOrderTests {
  /// The example export split in two files, the second also repeating an id of the first.
  func splitExport() throws -> (directory: URL, first: String, second: String) {
    let root = CLI.repositoryRoot()
    let text = try String(
      contentsOf: root.appendingPathComponent("Rules/dfe-2026/examples/incidents.csv"),
      encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let header = lines[0]
    let rows = Array(lines.dropFirst())
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-stream-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let first = directory.appendingPathComponent("a-first.csv").path
    let second = directory.appendingPathComponent("b-second.csv").path
    let half = rows.count / 2
    try ([header] + rows[..<half]).joined(separator: "\n").appending("\n")
      .write(toFile: first, atomically: true, encoding: .utf8)
    // The first data row of the first file again: a duplicate id in another file.
    try ([header] + rows[half...] + [rows[0]]).joined(separator: "\n").appending("\n")
      .write(toFile: second, atomically: true, encoding: .utf8)
    return (directory, first, second)
  }

  @Test func findingsComeOutInReportOrderWhateverTheInputOrder() throws {
    let (directory, first, second) = try splitExport()
    defer { try? FileManager.default.removeItem(at: directory) }
    // Given second-named file first.
    let result = try CLI.run(["check", second, first, "--format", "json"])
    #expect(result.status == 1)
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let findings = try #require(report["findings"] as? [[String: Any]])
    let keys = findings.map { f -> (String, Int, Int, String) in
      let l = f["location"] as? [String: Any] ?? [:]
      return (
        l["file"] as? String ?? "\u{10FFFF}", l["line"] as? Int ?? 0, l["column"] as? Int ?? 0,
        f["rule"] as? String ?? ""
      )
    }
    #expect(keys.count > 20)
    #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(keys.first?.0 == first)
    // The repeated row is the duplicate, reported where it was seen second.
    let duplicates = findings.filter { $0["kind"] as? String == "duplicate_id" }
    #expect(duplicates.count == 1)
    let place = duplicates.first?["location"] as? [String: Any]
    #expect(place?["file"] as? String == second)
    #expect((duplicates.first?["message"] as? String)?.contains("\(first):2") == true)
    let summary = report["summary"] as? [String: Any] ?? [:]
    #expect(summary["inputs"] as? [String] == [second, first])
    #expect(summary["read"] as? Int == 48)
    #expect(
      (summary["evaluated"] as? Int ?? 0) + (summary["rejected"] as? Int ?? 0) == 48)
  }

  @Test func streamedAndCollectedFormatsListTheSameFindings() throws {
    let (directory, first, second) = try splitExport()
    defer { try? FileManager.default.removeItem(at: directory) }
    let json = try CLI.run(["check", second, first, "--format", "json"])
    let sarif = try CLI.run(["check", second, first, "--format", "sarif"])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let log = try #require(
      try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
    let fromJSON = (report["findings"] as? [[String: Any]] ?? []).map {
      "\($0["rule"] ?? "")@\(($0["location"] as? [String: Any])?["line"] ?? "-")"
    }
    let results = ((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
    let fromSARIF = results.map { r -> String in
      let region =
        ((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
          "region"] as? [String: Any]
      return "\(r["ruleId"] ?? "")@\(region?["startLine"] ?? "-")"
    }
    #expect(fromJSON.count == fromSARIF.count)
    #expect(fromJSON == fromSARIF)
  }

  @Test func anUnwritableOutputFailsBeforeTheRun() throws {
    let result = try CLI.run([
      "check", "Rules/dfe-2026/examples/incidents.csv", "--format", "json", "--output",
      "/nonexistent-dir/report.json",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("cannot write '/nonexistent-dir/report.json'"))
  }
}
