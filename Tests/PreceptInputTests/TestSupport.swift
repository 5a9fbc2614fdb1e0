import Foundation
import PreceptInput

/// Reads every item of an input held in a string.
func readItems(
  _ text: String, _ format: InputFormat, file: String = "t",
  options: ReaderOptions = ReaderOptions()
) throws(InputError) -> [ReadResult] {
  try readItems(bytes: Array(text.utf8), format, file: file, options: options)
}

/// Reads every item of an input held in bytes.
func readItems(
  bytes: [UInt8], _ format: InputFormat, file: String = "t",
  options: ReaderOptions = ReaderOptions()
) throws(InputError) -> [ReadResult] {
  var reader = try makeReader(bytes: bytes, file: file, format: format, options: options)
  return try reader.readAll()
}

/// Reads every item of a file.
func readItems(
  path: String, _ format: InputFormat? = nil, options: ReaderOptions = ReaderOptions()
) throws(InputError) -> [ReadResult] {
  var reader = try makeReader(path: path, format: format, options: options)
  return try reader.readAll()
}

/// One line per item, for exact comparisons:
/// `#index line:column row N {json}` for a record, `CODE line:column row N: message` for a
/// rejection (`row` only when set).
func summary(_ items: [ReadResult]) -> [String] {
  items.map { item in
    switch item {
    case .record(let record):
      let row = record.location.row.map { " row \($0)" } ?? ""
      return "#\(record.index) \(record.location.line):\(record.location.column)\(row) "
        + record.fields.description
    case .rejected(let problem):
      let row = problem.location.row.map { " row \($0)" } ?? ""
      return "\(problem.code) \(problem.location.line):\(problem.location.column)\(row): "
        + problem.message
    }
  }
}

/// A fresh temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("precept-input-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: url) }
  return try body(url)
}

/// Writes bytes to a file in `directory`; returns its path.
func writeFile(_ directory: URL, _ name: String, _ bytes: [UInt8]) throws -> String {
  let url = directory.appendingPathComponent(name)
  try Data(bytes).write(to: url)
  return url.path
}
