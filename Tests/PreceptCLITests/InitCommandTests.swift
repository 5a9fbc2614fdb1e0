import Foundation
import PreceptTestSupport
import Testing

/// `precept init`: the scaffolded overlay validates and passes its tests as generated, from
/// wherever it is created.
@Suite struct InitCommandTests {
  private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-init-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func generatedOverlayValidatesAndItsTestsPass() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // Outside the repository: `extends: dfe-2026` finds the pack beside the executable.
    let initRun = try CLI.run(["init", "My Trust"], directory: dir)
    #expect(initRun.status == 0, "\(initRun.stderr)")
    #expect(initRun.stdout.contains("created the overlay 'my-trust'"))
    for file in ["pack.yaml", "params.yaml", "rules/trust.yaml", "tests/trust.yaml"] {
      #expect(FileManager.default.fileExists(atPath: dir.path + "/My Trust/" + file), "\(file)")
    }
    let validate = try CLI.run(["validate", "My Trust"], directory: dir)
    #expect(validate.status == 0, "\(validate.stderr)")
    #expect(validate.stderr.isEmpty, "no warnings either: \(validate.stderr)")
    #expect(validate.stdout.hasPrefix("my-trust 0.1.0: "))
    let test = try CLI.run(["test", "My Trust"], directory: dir)
    #expect(test.status == 0, "\(test.stdout)\(test.stderr)")
    #expect(test.stdout == "3 passed, 0 failed\n")
  }

  @Test func generatedOverlayChecksTheExampleExport() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let overlay = dir.appendingPathComponent("trust").path
    #expect(try CLI.run(["init", overlay]).status == 0)
    let check = try CLI.run([
      "check", "Rules/dfe-2026/examples/incidents.csv", "--rules", overlay, "--format", "json",
    ])
    #expect(check.status == 1, "\(check.stderr)")
    #expect(check.stdout.contains("\"lineage\""))
    #expect(check.stdout.contains("TRUST-REC-001"))
  }

  @Test func paramsFileChangesALimit() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try CLI.run(["init", "t"], directory: dir).status == 0)
    let params = dir.appendingPathComponent("t/params.yaml")
    var text = try String(contentsOf: params, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "# parent_report_within: 24h", with: "parent_report_within: 8h")
    try text.write(to: params, atomically: true, encoding: .utf8)
    let explain = try CLI.run(["explain", "RI-PAR-003", "--rules", "t"], directory: dir)
    #expect(explain.stdout.contains("parent_report_within = 8h (params.yaml; default 24h)"))
  }

  @Test func refusesAFolderThatIsNotEmpty() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try CLI.run(["init", "t"], directory: dir).status == 0)
    let again = try CLI.run(["init", "t"], directory: dir)
    #expect(again.status == 2)
    #expect(again.stderr.contains("already exists"))
  }
}
