import ArgumentParser
import Foundation

/// `precept`: checks restrictive-intervention incident records against a rule pack.
struct PreceptCommand: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "precept",
    abstract: "Check schools' restrictive-intervention records against the DfE guidance.",
    discussion: """
      Rule packs are YAML files whose conditions are CEL expressions. Without --rules, the \
      bundled DfE pack (Rules/dfe-2026) is used.

      Examples:
        precept check Rules/dfe-2026/examples/incidents.csv
        precept check export.csv --format sarif --output precept.sarif
        precept validate Rules/dfe-2026
        precept test Rules/dfe-2026
        precept explain RI-SEC-006
        precept init my-trust
        precept review export.csv --roster roster.csv --output review.html

      Shell completion: precept --generate-completion-script bash (or zsh, fish). Colour is \
      off when NO_COLOR is set or with --color never. Documentation: docs/tutorial.md, \
      docs/rules-dsl.md, docs/ci.md and docs/install.md in the repository.
      """,
    version: version,
    subcommands: [
      Check.self, Review.self, Validate.self, TestCommand.self, RulesCommand.self, Explain.self,
      Init.self, Schema.self, Eval.self,
    ],
    defaultSubcommand: nil
  )

  /// Parses the arguments, runs the command and exits with ``ExitStatus`` codes: argument
  /// errors exit 2 (not ArgumentParser's 64) so CI can tell them from findings.
  static func runMain() {
    do {
      var command = try parseAsRoot()
      try command.run()
      Foundation.exit(ExitStatus.success.rawValue)
    } catch let code as ExitCode {
      Foundation.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(ExitStatus.usage.rawValue)
    }
  }
}
