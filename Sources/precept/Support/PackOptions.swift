import ArgumentParser
import Foundation
import PreceptDiagnostics
import PreceptRules

extension ColorChoice: ExpressibleByArgument {}

/// Options naming the rule pack and its params, shared by the commands.
struct PackOptions: ParsableArguments {
  @Option(name: .customLong("rules"), help: "The rule pack folder (default: the bundled DfE pack).")
  var rules: String?

  @Option(name: .customLong("params"), help: "A YAML file of param values (repeatable).")
  var paramFiles: [String] = []

  @Option(name: .customLong("set"), help: "Set a param: name=value (repeatable).")
  var setValues: [String] = []

  @Option(help: "Colour: auto (on a terminal, unless NO_COLOR is set), always or never.")
  var color: ColorChoice = .auto

  /// The pack folder to use.
  func packPath(_ positional: String? = nil) throws -> String {
    if let path = positional ?? rules { return path }
    guard let bundled = BundledPack.locate() else {
      Output.stderr(
        "error: no rule pack given and the bundled pack (Rules/dfe-2026) was not found; pass --rules PACK\n"
      )
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    return bundled
  }

  /// Loads and compiles the pack, printing every diagnostic; exits 2 when it has errors.
  func load(_ positional: String? = nil) throws -> CompiledPack {
    let path = try packPath(positional)
    let (pack, diagnostics) = PackCompiler.load(
      path,
      options: PackLoadOptions(
        paramFiles: paramFiles, setValues: setValues, packSearchPaths: BundledPack.searchPaths()))
    Output.report(diagnostics, color: color)
    guard let pack, !diagnostics.contains(where: { $0.severity == .error }) else {
      let errors = diagnostics.filter { $0.severity == .error }.count
      Output.stderr(
        "error: the rule pack '\(path)' has \(errors) error\(errors == 1 ? "" : "s"); no data was checked\n"
      )
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    return pack
  }
}
