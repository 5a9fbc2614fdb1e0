import Foundation
import PreceptTestSupport
import Testing

/// The same inputs give the same bytes, in every output format, bad records included.
@Suite struct DeterminismTests {
  @Test(arguments: BadInput.formats)
  func sameInputsSameBytes(_ format: String) throws {
    let dir = try BadInput.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let root = CLI.repositoryRoot().appendingPathComponent("Rules/dfe-2026/examples")
    try FileManager.default.copyItem(
      at: root.appendingPathComponent("incidents.csv"), to: dir.appendingPathComponent("a.csv"))
    // Bad records of every kind, and the same incident ids again (duplicates across inputs).
    let bad = [
      BadInput.object("INC-2026-0001"),
      #"{"incident_id": "X-1", "occurred_at": "2026-05-03T10:15:00"}"#,
      #"{"incident_id": "X-2", "occurred_at": "2026-05-03T10:15:00+01:00", "pupil": {"sen_status": "k"}}"#,
      "{broken", "[1]",
      #"{"incident_id": "X-3", "occurred_at": "2096-05-03T10:15:00+01:00"}"#,
    ].joined(separator: "\n")
    try Data(bad.utf8).write(to: dir.appendingPathComponent("b.jsonl"))
    let args = [
      "check", "a.csv", "b.jsonl", "--rules", BadInput.pack, "--format", format, "--explain",
    ]
    let first = try CLI.run(args, directory: dir)
    let second = try CLI.run(args, directory: dir)
    #expect(first.status == 1, "\(first.stderr)")
    #expect(!first.stdout.isEmpty)
    #expect(first.stdout == second.stdout)
    #expect(first.stderr == second.stderr)
  }
}
