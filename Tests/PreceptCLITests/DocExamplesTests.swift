import Foundation
import PreceptTestSupport
import Testing

/// Every example in `docs/*.md` is real: its YAML files are written and loaded by `precept`,
/// and every command shown prints what the document says it prints (see ``DocScript``).
@Suite struct DocExamplesTests {
  /// The Markdown files under `docs/` (the tutorial has its own test, ``TutorialTests``).
  static func documents() -> [String] {
    let docs = CLI.repositoryRoot().appendingPathComponent("docs")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
    return names.filter { $0.hasSuffix(".md") && $0 != "tutorial.md" }.sorted().map {
      "docs/" + $0
    }
  }

  @Test(arguments: documents())
  func documentRunsAsWritten(_ document: String) throws {
    let script = try DocScript.load(document)
    let workspace = try DocScript.workspace()
    defer { try? FileManager.default.removeItem(at: workspace) }
    try script.run(in: workspace, name: document)
    try checkFiles(script, in: workspace, document: document)
  }

  /// After the script: every pack it wrote validates and passes its tests (except the
  /// deliberately broken ones, under `mistakes*/`), and every waivers file, profile and params
  /// file loads.
  private func checkFiles(_ script: DocScript, in workspace: URL, document: String) throws {
    var packs: Set<String> = []
    var others: Set<String> = []
    for case .write(let path, _) in script.steps.map(\.step) {
      let parts = path.split(separator: "/").map(String.init)
      if parts.first?.hasPrefix("mistakes") == true || parts.first == "Rules" { continue }
      if let at = parts.firstIndex(where: { $0 == "rules" || $0 == "tests" }), at > 0 {
        packs.insert(parts[..<at].joined(separator: "/"))
      } else if parts.last == "pack.yaml" || parts.last == "incident.yaml" {
        packs.insert(parts.dropLast().joined(separator: "/"))
      } else {
        others.insert(path)
      }
    }
    for pack in packs.sorted() {
      let validate = try CLI.run(["validate", pack], directory: workspace)
      #expect(validate.status == 0, "\(document): pack '\(pack)': \(validate.stderr)")
      let hasTests = FileManager.default.fileExists(
        atPath: workspace.appendingPathComponent(pack + "/tests").path)
      if hasTests {
        let test = try CLI.run(["test", pack], directory: workspace)
        #expect(test.status == 0, "\(document): tests of '\(pack)': \(test.stdout)\(test.stderr)")
      }
    }
    for path in others.sorted() {
      let text = try String(
        contentsOf: workspace.appendingPathComponent(path), encoding: .utf8)
      let keys = text.split(separator: "\n").filter { $0.first?.isLetter == true }.map {
        String($0.split(separator: ":").first ?? "")
      }
      let directory = (path as NSString).deletingLastPathComponent
      let ownPack =
        !directory.isEmpty
        && FileManager.default.fileExists(
          atPath: workspace.appendingPathComponent(directory + "/pack.yaml").path)
      let pack = ownPack ? directory : "Rules/dfe-2026"
      let arguments: [String]
      if keys.contains("waivers") {
        arguments = [
          "check", "Rules/dfe-2026/examples/incidents.csv", "--rules", pack, "--waivers", path,
        ]
      } else if keys.contains("profile") {
        arguments = ["check", "Rules/profiles/example-mis.csv", "--profile", path]
      } else if keys.contains("fields") {
        continue  // a record schema, loaded with its pack
      } else if ownPack && path.hasSuffix("params.yaml") {
        continue  // loaded by its pack's `set:`
      } else {
        arguments = ["validate", pack, "--params", path]
      }
      let result = try CLI.run(arguments, directory: workspace)
      #expect(
        result.status == 0 || result.status == 1,
        "\(document): \(path) (precept \(arguments.joined(separator: " "))): \(result.stderr)")
    }
  }

  @Test func everyYAMLBlockIsAFile() throws {
    for document in Self.documents() + [TutorialTests.document] {
      let script = try DocScript.load(document)
      #expect(script.problems.isEmpty, "\(script.problems)")
    }
  }

  @Test func matcherSkipsLinesAtEllipsis() {
    #expect(DocScript.matches(expected: ["a", "...", "d"], actual: ["a", "b", "c", "d"]))
    #expect(DocScript.matches(expected: ["a", "...", "b"], actual: ["a", "b"]))
    #expect(!DocScript.matches(expected: ["a", "c"], actual: ["a", "b"]))
    #expect(!DocScript.matches(expected: ["a"], actual: ["a", "b"]))
  }
}
