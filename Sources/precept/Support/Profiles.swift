import ArgumentParser
import Foundation
import PreceptDiagnostics
import PreceptRules

/// Finds and loads `--profile NAME|FILE`.
enum Profiles {
  /// A file path as given, else `profiles/NAME.yaml` beside the pack's folder, else in the
  /// bundled `Rules/profiles`.
  static func locate(_ name: String, pack: CompiledPack) -> String? {
    let fm = FileManager.default
    if fm.fileExists(atPath: name) { return name }
    var candidates: [String] = []
    let packParent = (pack.pack.directory as NSString).deletingLastPathComponent
    candidates.append((packParent as NSString).appendingPathComponent("profiles/\(name).yaml"))
    if let bundled = BundledPack.locate() {
      let rules = (bundled as NSString).deletingLastPathComponent
      candidates.append((rules as NSString).appendingPathComponent("profiles/\(name).yaml"))
    }
    return candidates.first { fm.fileExists(atPath: $0) }
  }

  static func load(_ name: String, pack: CompiledPack, color: ColorChoice) throws -> Profile {
    guard let path = locate(name, pack: pack) else {
      Output.stderr(
        "error: no profile '\(name)': not a file, and no profiles/\(name).yaml beside the rule pack\n"
      )
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    let (profile, diagnostics) = ProfileLoader.load(path, schema: pack.pack.record.schema)
    Output.report(diagnostics, color: color)
    guard let profile else { throw ExitCode(ExitStatus.usage.rawValue) }
    return profile
  }
}
