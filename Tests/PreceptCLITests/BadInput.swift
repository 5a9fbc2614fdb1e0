import Foundation
import PreceptTestSupport

/// Helpers for the bad-input corpus: a scratch folder, inputs built from bytes, and runs of the
/// built `precept` against the DfE pack with paths relative to the scratch folder.
enum BadInput {
  /// The DfE pack, by absolute path (runs happen in a scratch folder).
  static let pack = CLI.repositoryRoot().appendingPathComponent("Rules/dfe-2026").path

  /// A header, and rows, that the DfE pack accepts without any finding.
  static let header = "incident_id,occurred_at,ended_at,recorded_by,recorded_at"

  /// A compliant CSV row with the given id.
  static func row(_ id: String) -> String {
    "\(id),2026-05-03T10:15:00+01:00,2026-05-03T10:20:00+01:00,S-1,2026-05-03T11:00:00+01:00"
  }

  /// A compliant JSON object with the given id (one line).
  static func object(_ id: String, extra: String = "") -> String {
    #"{"incident_id": "\#(id)", "occurred_at": "2026-05-03T10:15:00+01:00", "#
      + #""ended_at": "2026-05-03T10:20:00+01:00", "recorded_by": "S-1", "#
      + #""recorded_at": "2026-05-03T11:00:00+01:00"\#(extra)}"#
  }

  /// A new empty folder; the caller removes it.
  static func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-bad-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// Writes `bytes` as `name` in a new scratch folder and runs `precept check name` there.
  static func check(
    _ name: String, _ bytes: [UInt8], _ flags: [String] = [], rules: String = pack
  ) throws -> CLI.Result {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(bytes).write(to: dir.appendingPathComponent(name))
    return try CLI.run(["check", name, "--rules", rules] + flags, directory: dir)
  }

  /// `check` over text.
  static func check(
    _ name: String, _ text: String, _ flags: [String] = [], rules: String = pack
  ) throws -> CLI.Result {
    try check(name, Array(text.utf8), flags, rules: rules)
  }

  /// The JSON report of a run, parsed.
  static func report(_ result: CLI.Result) -> [String: Any] {
    let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return object as? [String: Any] ?? [:]
  }

  /// The `--format` names `precept check` accepts, from its own error message (so that a new
  /// format is covered by the tests that loop over formats without editing them).
  static let formats: [String] = {
    guard let result = try? CLI.run(["check", "x.csv", "--format", "no-such-format"]) else {
      return ["text", "json"]
    }
    let names = result.stderr.split(separator: "\n")
      .filter { $0.hasPrefix("  - ") }
      .map { String($0.dropFirst(4)) }
    return names.isEmpty ? ["text", "json"] : names
  }()
}
