import Foundation
import PreceptDiagnostics

/// A rule pack written to a temporary folder from fixture strings with position markers
/// (`1️⃣`), so tests can assert the exact line and column of each diagnostic.
public struct TemporaryPack: Sendable {
  /// Where a marker is: the file (relative to the pack) and its 1-based line and column.
  public struct Position: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var description: String { "\(file):\(line):\(column)" }
  }

  /// The pack's folder.
  public let directory: String
  /// Every marker's position, by marker.
  public let markers: [String: Position]

  /// Writes `files` (relative path → marked text) into a new temporary folder.
  public init(_ files: [String: String]) throws {
    let base = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-pack-\(UUID().uuidString)")
    var markers: [String: Position] = [:]
    for (relative, marked) in files {
      let parsed = MarkedText(marked)
      let url = base.appendingPathComponent(relative)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(parsed.text.utf8).write(to: url)
      let file = SourceFile(path: url.path, text: parsed.text)
      for (name, offset) in parsed.markers {
        let p = file.position(at: offset)
        markers[name] = Position(file: relative, line: p.line, column: p.column)
      }
    }
    directory = base.path
    self.markers = markers
  }

  /// The position of a diagnostic's range, relative to the pack folder.
  public func position(of diagnostic: Diagnostic) -> Position? {
    guard let range = diagnostic.range else { return nil }
    let p = range.file.position(at: range.start)
    var path = range.file.path
    if path.hasPrefix(directory + "/") { path.removeFirst(directory.count + 1) }
    return Position(file: path, line: p.line, column: p.column)
  }

  /// Removes the folder.
  public func remove() { try? FileManager.default.removeItem(atPath: directory) }

  /// A minimal valid pack: `pack.yaml`, `incident.yaml` and one rule file, each replaceable.
  public static func minimal(overriding files: [String: String] = [:]) throws -> TemporaryPack {
    var all: [String: String] = [
      "pack.yaml": """
      precept: 1
      pack: test-pack
      version: 1.0.0
      title: Test pack
      effective: 2026-04-01
      record: {schema: incident.yaml, id: incident_id, date: occurred_at}
      sources:
        addendum: {title: The addendum}
      params:
        parent_report_within: {type: duration, default: 24h, doc: limit}
      definitions:
        secluded: has(incident.seclusion)
      """,
      "incident.yaml": """
      fields:
        incident_id: {type: string, required: true}
        occurred_at: {type: timestamp, required: true}
        ended_at: timestamp
        pupil:
          type: object
          fields:
            name: {type: string, personal: true}
            sen_status: {type: enum, values: [none, sen_support, ehcp]}
            age_at_incident: int
        seclusion:
          type: object
          fields:
            supervision: {type: enum, values: [continuous, intermittent, none]}
        parent_report:
          type: object
          fields:
            sent_at: timestamp
      """,
      "rules/r.yaml": """
      rules:
        - id: T-001
          title: Supervised
          severity: error
          cite: [addendum §7]
          when: secluded
          require: incident.seclusion.supervision == 'continuous'
          message: "supervision was {{ incident.seclusion.supervision }}"
      """,
    ]
    for (k, v) in files { all[k] = v }
    return try TemporaryPack(all)
  }
}
