import ArgumentParser
import PreceptRules

/// `precept schema rulepack|record`: print JSON Schemas.
struct Schema: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print a JSON Schema: 'rulepack' (for editors) or 'record' (the pack's records).",
    discussion: """
      Examples:
        precept schema rulepack > Grammar/rulepack.schema.json
        precept schema record --rules Rules/dfe-2026
      """)

  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case rulepack, record
  }

  @Argument(help: "Which schema: rulepack or record.")
  var kind: Kind

  @OptionGroup var packOptions: PackOptions

  func run() throws {
    switch kind {
    case .rulepack:
      Output.stdout(RulePackSchema.json())
    case .record:
      let pack = try packOptions.load()
      Output.stdout(RecordJSONSchema.json(for: pack.pack))
    }
  }
}
