import Foundation
import PreceptTestSupport
import Testing

/// `--jobs` bounds the cores used; the output does not depend on it.
@Suite struct JobsOptionTests {
  @Test func theOutputIsTheSameWhateverTheNumberOfJobs() throws {
    let path = try ExampleExport.repeated(70)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let one = try CLI.run(["check", path, "--format", "json", "--jobs", "1"])
    let three = try CLI.run(["check", path, "--format", "json", "--jobs", "3"])
    #expect(one.status == 1 && three.status == 1)
    #expect(one.stdout.contains("\"read\" : 3290"))
    #expect(one.stdout == three.stdout)
    let roster = "Rules/dfe-2026/examples/roster.csv"
    let reviewOne = try CLI.run(
      ["review", path, "--roster", roster, "--format", "json", "--jobs", "1"])
    let reviewTwo = try CLI.run(
      ["review", path, "--roster", roster, "--format", "json", "--jobs", "2"])
    #expect(reviewOne.status == 0)
    #expect(reviewOne.stdout == reviewTwo.stdout)
  }

  @Test(arguments: ["check", "review"])
  func jobsMustBeOneOrMore(_ command: String) throws {
    let result = try CLI.run(
      [command, "Rules/dfe-2026/examples/incidents.csv", "--jobs", "0"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--jobs must be 1 or more, not 0"))
  }
}
