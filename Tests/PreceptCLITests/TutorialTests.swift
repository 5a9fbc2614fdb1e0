import Foundation
import PreceptTestSupport
import Testing

/// `docs/tutorial.md`, followed word for word in a fresh copy of the repository's rules: every
/// file it has the reader write or edit is written, every command it shows is run, and each must
/// print what the tutorial shows (see ``DocScript`` for the conventions).
@Suite struct TutorialTests {
  static let document = "docs/tutorial.md"

  @Test func tutorialRunsAsWritten() throws {
    let script = try DocScript.load(Self.document)
    #expect(script.problems.isEmpty, "\(script.problems)")
    let commands = script.steps.compactMap { step -> String? in
      if case .run(let command, _) = step.step { return command }
      return nil
    }
    #expect(commands.contains("precept init my-trust"))
    #expect(commands.contains("precept test my-trust"))
    #expect(commands.contains { $0.hasPrefix("precept check ") && $0.contains("--rules my-trust") })

    let workspace = try DocScript.workspace()
    defer { try? FileManager.default.removeItem(at: workspace) }
    try script.run(in: workspace, name: Self.document)

    // Where the reader ends up: an overlay that validates and passes its tests, and a report.
    let validate = try CLI.run(["validate", "my-trust"], directory: workspace)
    #expect(validate.status == 0, "\(validate.stderr)")
    let test = try CLI.run(["test", "my-trust"], directory: workspace)
    #expect(test.stdout == "7 passed, 0 failed\n", "\(test.stdout)\(test.stderr)")
    let report = try String(
      contentsOf: workspace.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("TRUST-PAR-001"))
  }
}
