import Foundation
import Testing

/// Compares text with a snapshot file stored next to the calling test file, in
/// `Snapshots/<name>.txt`, and records the snapshot instead when the environment variable
/// `PRECEPT_RECORD_SNAPSHOTS` is `1` (or the file does not exist yet, which is also a failure).
///
/// Snapshots are read from the source tree (located through `#filePath`) so that re-recording
/// writes the files that are checked in.
/// - Parameters:
///   - text: The actual output.
///   - name: The snapshot's name, without extension.
///   - filePath: The calling test file; leave the default.
///   - sourceLocation: Where to report a mismatch; leave the default.
public func assertSnapshot(
  _ text: String,
  named name: String,
  filePath: StaticString = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let testDirectory = URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent()
  let directory = testDirectory.appendingPathComponent("Snapshots")
  let url = directory.appendingPathComponent("\(name).txt")
  let recording = ProcessInfo.processInfo.environment["PRECEPT_RECORD_SNAPSHOTS"] == "1"

  let existing = try? String(contentsOf: url, encoding: .utf8)
  if recording || existing == nil {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    } catch {
      Issue.record("could not record snapshot '\(name)': \(error)", sourceLocation: sourceLocation)
      return
    }
    if existing == nil {
      Issue.record(
        "recorded a new snapshot '\(name)'; check it and run again", sourceLocation: sourceLocation)
    }
    return
  }
  guard let existing, existing != text else { return }
  Issue.record(
    """
    snapshot '\(name)' does not match (re-record with PRECEPT_RECORD_SNAPSHOTS=1)
    \(lineDiff(expected: existing, actual: text))
    """,
    sourceLocation: sourceLocation)
}

/// A minimal line-by-line difference for failure messages: `-` expected, `+` actual.
func lineDiff(expected: String, actual: String) -> String {
  let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
  var output: [String] = []
  for index in 0..<max(old.count, new.count) {
    let lhs = index < old.count ? String(old[index]) : nil
    let rhs = index < new.count ? String(new[index]) : nil
    if lhs == rhs {
      output.append("  " + (lhs ?? ""))
    } else {
      if let lhs { output.append("- " + lhs) }
      if let rhs { output.append("+ " + rhs) }
    }
  }
  return output.joined(separator: "\n")
}
