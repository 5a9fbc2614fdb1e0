import Foundation
import PreceptTestSupport
import Testing

/// The installed layout (`scripts/install.sh`): `PREFIX/bin/precept` finds the bundled pack in
/// `PREFIX/share/precept/Rules` from any folder, and overlays made with `precept init` there
/// extend it by name.
@Suite struct InstallLayoutTests {
  @Test func installedBinaryFindsItsRulesFromAnyFolder() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("precept-install-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: root) }
    let prefix = root.appendingPathComponent("prefix")
    let bin = prefix.appendingPathComponent("bin")
    let share = prefix.appendingPathComponent("share/precept/Rules")
    let elsewhere = root.appendingPathComponent("work")
    for dir in [bin, share, elsewhere] {
      try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    try fm.copyItem(at: CLI.executable(), to: bin.appendingPathComponent("precept"))
    let rules = CLI.repositoryRoot().appendingPathComponent("Rules")
    for name in ["dfe-2026", "profiles", "examples"] {
      try fm.copyItem(
        at: rules.appendingPathComponent(name), to: share.appendingPathComponent(name))
    }
    try fm.copyItem(
      at: rules.appendingPathComponent("dfe-2026/examples/incidents.csv"),
      to: elsewhere.appendingPathComponent("export.csv"))

    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
      // Found through PATH, as a shell would: argv[0] is then only 'precept'.
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["precept"] + arguments
      process.currentDirectoryURL = elsewhere
      var environment = ProcessInfo.processInfo.environment
      environment["PRECEPT_RULES"] = nil
      environment["NO_COLOR"] = "1"
      environment["PATH"] = bin.path + ":/usr/bin:/bin"
      process.environment = environment
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = pipe
      try process.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    let validate = try run(["validate"])
    #expect(validate.status == 0, "\(validate.output)")
    #expect(validate.output.contains("dfe-restrictive-interventions 2026.4.0"))
    let check = try run(["check", "export.csv"])
    #expect(check.status == 1, "\(check.output)")
    #expect(check.output.contains("summary: 47 records read"))
    let profile = try run(["check", "export.csv", "--profile", "generic", "--fail-on", "never"])
    #expect(profile.status == 0, "\(profile.output)")
    #expect(try run(["init", "my-trust"]).status == 0)
    let test = try run(["test", "my-trust"])
    #expect(test.status == 0, "\(test.output)")
    let example = try run(["test", share.appendingPathComponent("examples/same-day-overlay").path])
    #expect(example.status == 0, "\(example.output)")
  }
}
