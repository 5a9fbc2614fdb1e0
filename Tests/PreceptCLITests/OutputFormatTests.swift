import Foundation
import PreceptTestSupport
import Testing

/// Every output format, end to end on the example export.
@Suite struct OutputFormatTests {
  static let csv = "Rules/dfe-2026/examples/incidents.csv"
  static let formats = ["text", "json", "sarif", "junit", "github", "markdown"]

  @Test(arguments: formats)
  func everyFormatRendersDeterministically(_ format: String) throws {
    let a = try CLI.run(["check", Self.csv, "--format", format])
    let b = try CLI.run(["check", Self.csv, "--format", format])
    #expect(a.status == 1, "\(a.stderr)")
    #expect(!a.stdout.isEmpty)
    #expect(a.stdout == b.stdout)
  }

  @Test(arguments: formats)
  func outputFileHoldsTheSameBytes(_ format: String) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precept-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("report.out")
    let written = try CLI.run(["check", Self.csv, "--format", format, "--output", file.path])
    let printed = try CLI.run(["check", Self.csv, "--format", format])
    #expect(written.status == 1)
    #expect(written.stdout.isEmpty)
    #expect(try String(contentsOf: file, encoding: .utf8) == printed.stdout)
  }

  @Test func sarifFromTheExampleValidatesAgainstTheSchema() throws {
    let schema =
      ProcessInfo.processInfo.environment["PRECEPT_SARIF_SCHEMA"]
      ?? CLI.repositoryRoot().deletingLastPathComponent()
      .appendingPathComponent("shared/reference/sarif-schema-2.1.0.json").path
    guard FileManager.default.fileExists(atPath: schema) else {
      Issue.record("SARIF schema not found at \(schema); set PRECEPT_SARIF_SCHEMA")
      return
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("precept-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let sarif = dir.appendingPathComponent("out.sarif")
    let run = try CLI.run(["check", Self.csv, "--format", "sarif", "--output", sarif.path])
    #expect(run.status == 1)
    let script = """
      import json, sys
      try:
          import jsonschema
      except ImportError:
          print("SKIP: python jsonschema not installed"); sys.exit(0)
      schema = json.load(open(sys.argv[1]))
      doc = json.load(open(sys.argv[2]))
      errors = list(jsonschema.Draft7Validator(schema).iter_errors(doc))
      for e in errors[:10]:
          print(list(e.path), e.message)
      sys.exit(1 if errors else 0)
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schema, sarif.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "SARIF does not validate:\n\(output)")
    // Every rule finding of the run is a SARIF result with a location.
    let doc = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any])
    let runs = try #require(doc["runs"] as? [[String: Any]])
    let results = try #require(runs.first?["results"] as? [[String: Any]])
    #expect(results.contains { $0["ruleId"] as? String == "RI-PAR-003" })
    #expect(results.allSatisfy { ($0["locations"] as? [Any])?.isEmpty == false })
  }
}
