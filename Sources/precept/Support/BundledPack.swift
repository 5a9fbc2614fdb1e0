import Foundation

/// Finds the bundled DfE pack when `--rules` is not given.
enum BundledPack {
  static let relativePath = "Rules/dfe-2026"

  /// `$PRECEPT_RULES`, then `Rules/dfe-2026` in the current folder, then next to (or above)
  /// the executable, then `share/precept/` beside its `bin/`.
  static func locate() -> String? {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["PRECEPT_RULES"], !env.isEmpty { return env }
    if fm.fileExists(atPath: relativePath + "/pack.yaml") { return relativePath }
    var dir = executableURL().deletingLastPathComponent()
    for _ in 0..<6 {
      for candidate in [relativePath, "share/precept/" + relativePath] {
        let path = dir.appendingPathComponent(candidate).path
        if fm.fileExists(atPath: path + "/pack.yaml") { return path }
      }
      dir = dir.deletingLastPathComponent()
    }
    return nil
  }

  /// The running executable, symlinks resolved. `CommandLine.arguments[0]` is only a name when
  /// the program was found through `PATH`, so ask the system first.
  static func executableURL() -> URL {
    let fm = FileManager.default
    if let path = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return URL(fileURLWithPath: path)
    }
    if let url = Bundle.main.executableURL { return url.resolvingSymlinksInPath() }
    let name = CommandLine.arguments[0]
    if !name.contains("/") {
      let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
      for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if fm.isExecutableFile(atPath: candidate) {
          return URL(fileURLWithPath: candidate).resolvingSymlinksInPath()
        }
      }
    }
    return URL(fileURLWithPath: name).resolvingSymlinksInPath()
  }

  /// The folders holding bundled packs, for `extends: dfe-2026`: the folder of the bundled pack.
  static func searchPaths() -> [String] {
    guard let pack = locate() else { return [] }
    let parent = (pack as NSString).deletingLastPathComponent
    return [parent.isEmpty ? "." : parent]
  }
}
