/// The formats of incident exports.
public enum InputFormat: String, Sendable, CaseIterable {
  /// Comma-separated values (RFC 4180) with a header row.
  case csv
  /// A JSON array of objects, or an object holding one such array.
  case json
  /// JSON Lines: one object per line.
  case jsonl
  /// YAML: a sequence of mappings (not supported yet).
  case yaml

  /// The format named by a path's extension (`.csv`, `.json`, `.jsonl`/`.ndjson`,
  /// `.yaml`/`.yml`, any case), or `nil`.
  public init?(pathExtensionOf path: String) {
    guard let dot = path.lastIndex(of: "."),
      !path[dot...].contains("/")
    else { return nil }
    switch path[path.index(after: dot)...].lowercased() {
    case "csv": self = .csv
    case "json": self = .json
    case "jsonl", "ndjson": self = .jsonl
    case "yaml", "yml": self = .yaml
    default: return nil
    }
  }
}
