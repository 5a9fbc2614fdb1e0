import ArgumentParser
import PreceptDiagnostics
import PreceptRules

/// `precept validate [PACK]`: parse and type-check a pack without data.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Parse and type-check a rule pack without data.",
    discussion: """
      Exits 0 when the pack is clean (warnings allowed), 2 when it has errors.

      Examples:
        precept validate Rules/dfe-2026
        precept validate my-trust-overlay --set parent_report_within=8h
      """)

  @Argument(help: "The rule pack folder (default: the bundled DfE pack).")
  var pack: String?

  @OptionGroup var packOptions: PackOptions

  func run() throws {
    let compiled = try packOptions.load(pack)
    let p = compiled.pack
    Output.stdout(
      "\(p.id) \(p.version): \(p.rules.count) rules (\(compiled.rules.count) enabled), "
        + "\(p.definitions.count) definitions, \(p.params.count) params, "
        + "\(p.sources.count) sources: valid\n")
  }
}
