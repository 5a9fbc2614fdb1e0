import ArgumentParser
import PreceptEngine
import PreceptRules

/// `precept test [PACK]`: run a pack's rule tests.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run a rule pack's tests (tests/*.yaml).",
    discussion: """
      Each test gives a record and the rules expected to fire and not to fire. Prints each \
      failure with the rule's explanation and ends with 'N passed, N failed'. Exits 1 on any \
      failure, 2 when the pack or a test file has errors.

      Examples:
        precept test Rules/dfe-2026
        precept test my-trust-overlay --coverage
      """)

  @Argument(help: "The rule pack folder (default: the bundled DfE pack).")
  var pack: String?

  @OptionGroup var packOptions: PackOptions

  @Flag(help: "List rules not covered on both sides (firing and not firing).")
  var coverage = false

  func run() throws {
    let compiled = try packOptions.load(pack)
    let report = RuleTestRunner(pack: compiled).run()
    Output.report(report.diagnostics, color: packOptions.color)
    for result in report.results where !result.passed {
      Output.stdout("FAIL \(result.name) (\(result.location))\n")
      for failure in result.failures { Output.stdout("    \(failure)\n") }
    }
    if coverage {
      // The pack's own rules, of every kind; a base pack's rules are covered by its own tests.
      let own = compiled.rules.filter { $0.rule.packID == compiled.pack.id }
      let inherited = compiled.rules.count - own.count
      if inherited > 0 {
        Output.stdout(
          "coverage of the \(own.count) rules of \(compiled.pack.id) (\(inherited) from the "
            + "packs it extends are covered by their own tests)\n")
      }
      for rule in own {
        let id = rule.rule.id
        var missing: [String] = []
        if !report.firedRules.contains(id) { missing.append("no test makes it fire") }
        if !report.notFiredRules.contains(id) { missing.append("no test expects it not to fire") }
        if !missing.isEmpty {
          Output.stdout("uncovered \(id): \(missing.joined(separator: "; "))\n")
        }
      }
    }
    Output.stdout("\(report.passed) passed, \(report.failed) failed\n")
    // A test file that could not be read is a fault in the pack, not a failing test.
    if report.diagnostics.contains(where: { $0.severity == .error }) {
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    if report.failed > 0 { throw ExitCode(ExitStatus.findings.rawValue) }
  }
}
