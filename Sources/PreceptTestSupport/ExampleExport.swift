import Foundation

/// The DfE pack's example export, made larger for tests that need many records.
public enum ExampleExport {
  /// Writes a temporary CSV of the example export's rows repeated `times` times (the ids repeat
  /// too, so duplicate ids are found) and returns its path; remove it after use.
  public static func repeated(_ times: Int, filePath: StaticString = #filePath) throws -> String {
    let text = try String(
      contentsOf: CLI.repositoryRoot(filePath: filePath)
        .appendingPathComponent("Rules/dfe-2026/examples/incidents.csv"),
      encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    let header = lines.removeFirst()
    var out = header + "\n"
    for _ in 0..<times { out += lines.joined(separator: "\n") + "\n" }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-example-\(UUID().uuidString).csv").path
    try out.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }
}
