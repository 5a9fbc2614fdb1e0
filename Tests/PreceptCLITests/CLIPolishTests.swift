import Foundation
import PreceptTestSupport
import Testing

/// Help with examples on every command, `--version`, completion scripts, the manual page,
/// `NO_COLOR`, and progress that never reaches a pipe.
@Suite struct CLIPolishTests {
  static let commands = [
    "check", "review", "validate", "test", "rules", "explain", "init", "schema", "eval",
  ]

  @Test(arguments: commands)
  func helpHasExamples(_ command: String) throws {
    let result = try CLI.run([command, "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Examples:"), "\(command) --help has no examples")
    #expect(result.stdout.contains("precept \(command)"))
  }

  @Test func rootHelpListsEveryCommand() throws {
    let result = try CLI.run(["--help"])
    #expect(result.status == 0)
    for command in Self.commands { #expect(result.stdout.contains("  \(command) ")) }
    #expect(result.stdout.contains("--generate-completion-script"))
  }

  @Test func versionIsPrinted() throws {
    let result = try CLI.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScripts(_ shell: String) throws {
    let result = try CLI.run(["--generate-completion-script", shell])
    #expect(result.status == 0)
    #expect(result.stdout.contains("precept"))
    #expect(result.stdout.contains("validate"))
  }

  @Test func manualPageCoversEveryCommand() throws {
    let page = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent("docs/man/precept.1"),
      encoding: .utf8)
    #expect(page.contains(".Dt PRECEPT 1"))
    for command in Self.commands { #expect(page.contains(command), "\(command)") }
  }

  @Test func noColorAndColorChoice() throws {
    let csv = "Rules/dfe-2026/examples/incidents.csv"
    let plain = try CLI.run(["check", csv])  // CLI.run sets NO_COLOR=1
    #expect(!plain.stdout.contains("\u{1B}["))
    let forced = try CLI.run(["check", csv, "--color", "always"])
    #expect(forced.stdout.contains("\u{1B}["))
    let never = try CLI.run(["check", csv, "--color", "never"], environment: ["NO_COLOR": ""])
    #expect(!never.stdout.contains("\u{1B}["))
  }

  @Test func noProgressWhenStandardErrorIsAPipe() throws {
    // 4,500 records: enough for progress callbacks, but standard error is not a terminal.
    let text = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(
        "Rules/dfe-2026/examples/incidents.csv"), encoding: .utf8)
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
    let body = lines.dropFirst().joined(separator: "\n")
    let big = ([String(lines[0])] + Array(repeating: body, count: 100)).joined(separator: "\n")
    let result = try CLI.run(
      ["check", "-", "--input-format", "csv", "--fail-on", "never"], stdin: big + "\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("records/s"))
    #expect(result.stdout.contains("summary: 4700 records read"))
  }
}
