import ArgumentParser
import Foundation
import PreceptRules

/// `precept init [DIR]`: scaffolds a trust overlay on the bundled DfE pack.
struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create a trust overlay: a pack that extends the bundled DfE pack.",
    discussion: """
      Writes pack.yaml (extends: dfe-2026), params.yaml (the trust's values for the pack's \
      params, all at their defaults), one example rule in rules/ and its tests in tests/. The \
      overlay validates and its tests pass as generated; edit it from there. The folder must \
      not exist yet, or be empty.

      Examples:
        precept init my-trust
        precept validate my-trust
        precept test my-trust
        precept check export.csv --rules my-trust
      """)

  @Argument(help: "The folder to create.")
  var directory: String = "trust-overlay"

  @Option(help: "The overlay's pack id (lower-kebab-case; default: from the folder name).")
  var id: String?

  func validate() throws {
    if let id, !RulePack.isValidID(id) {
      throw ValidationError(
        "--id '\(id)' must be lower-kebab-case: letters a-z, digits and '-', such as 'my-trust'")
    }
  }

  func run() throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
      let contents = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
      if !isDirectory.boolValue || !contents.isEmpty {
        Output.stderr(
          "error: '\(directory)' already exists and is not an empty folder; choose a new name\n")
        throw ExitCode(ExitStatus.usage.rawValue)
      }
    }
    guard let bundled = BundledPack.locate() else {
      Output.stderr(
        "error: the bundled pack (Rules/dfe-2026) was not found; set PRECEPT_RULES to its folder\n")
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    let (base, _) = PackLoader.load(bundled)
    let packID = id ?? Init.packID(from: directory)
    let files: [(path: String, text: String, what: String)] = [
      (
        "pack.yaml", OverlayTemplate.pack(id: packID),
        "the overlay: what it extends, its sources and overrides"
      ),
      (
        "params.yaml", OverlayTemplate.params(base?.params ?? []),
        "the trust's values for the pack's params"
      ),
      ("rules/trust.yaml", OverlayTemplate.rule, "an example trust rule (TRUST-REC-001)"),
      ("tests/trust.yaml", OverlayTemplate.tests, "its tests"),
    ]
    for file in files {
      let url = URL(fileURLWithPath: directory).appendingPathComponent(file.path)
      do {
        try fm.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(file.text.utf8).write(to: url)
      } catch {
        Output.stderr("error: cannot write '\(url.path)': \(error.localizedDescription)\n")
        throw ExitCode(ExitStatus.usage.rawValue)
      }
    }
    let width = files.map { directory.count + 1 + $0.path.count }.max() ?? 0
    var out = "created the overlay '\(packID)' in \(directory)/\n"
    for file in files {
      let name = "\(directory)/\(file.path)"
      out += "  \(name)\(String(repeating: " ", count: width - name.count))  \(file.what)\n"
    }
    let quoted = Init.shellQuoted(directory)
    out += """
      next:
        precept validate \(quoted)
        precept test \(quoted)
        precept check Rules/dfe-2026/examples/incidents.csv --rules \(quoted)

      """
    Output.stdout(out)
  }

  /// A path as it can be pasted into a POSIX shell: as it is when it holds only safe
  /// characters, otherwise in single quotes.
  static func shellQuoted(_ path: String) -> String {
    let safe = path.unicodeScalars.allSatisfy {
      ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9")
        || "_-./+:@%,".unicodeScalars.contains($0)
    }
    if safe && !path.isEmpty { return path }
    return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// A lower-kebab-case pack id from a folder name: `My Trust` → `my-trust`.
  static func packID(from directory: String) -> String {
    let name = (directory as NSString).standardizingPath
    let last = (name as NSString).lastPathComponent.lowercased()
    var id = ""
    for scalar in last.unicodeScalars {
      if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
        id.unicodeScalars.append(scalar)
      } else if !id.isEmpty && !id.hasSuffix("-") {
        id += "-"
      }
    }
    while id.hasSuffix("-") { id.removeLast() }
    return id.isEmpty ? "trust-overlay" : id
  }
}
