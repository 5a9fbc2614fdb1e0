import Foundation

/// One test of the CEL conformance suite, as far as the parser and checker tests need it.
/// JSON values are immutable once loaded, hence `@unchecked Sendable`.
struct ConformanceCase: @unchecked Sendable, CustomStringConvertible {
  var file: String
  var id: String
  var expr: String
  var disableMacros: Bool
  var disableCheck: Bool
  var container: String
  var expectedKind: String
  var typeEnv: [[String: Any]]
  var raw: [String: Any]

  var description: String { id }
}

/// The conformance suite directory: `$PRECEPT_CEL_CONFORMANCE`, else the shared copy.
let conformanceDirectory: String? = {
  let path =
    ProcessInfo.processInfo.environment["PRECEPT_CEL_CONFORMANCE"]
    ?? "/work/shared/cel-conformance"
  var isDirectory: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
    isDirectory.boolValue
  else { return nil }
  return path
}()

/// Every test of every JSON file of the suite (empty when the suite is absent).
let conformanceCases: [ConformanceCase] = {
  guard let directory = conformanceDirectory,
    let files = try? FileManager.default.contentsOfDirectory(atPath: directory)
  else { return [] }
  var cases: [ConformanceCase] = []
  for file in files.sorted() where file.hasSuffix(".json") {
    let url = URL(fileURLWithPath: directory).appendingPathComponent(file)
    guard let data = try? Data(contentsOf: url),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let sections = object["sections"] as? [[String: Any]]
    else { continue }
    for section in sections {
      for test in section["tests"] as? [[String: Any]] ?? [] {
        guard let expr = test["expr"] as? String else { continue }
        let expected = test["expected"] as? [String: Any]
        cases.append(
          ConformanceCase(
            file: file, id: test["id"] as? String ?? "?", expr: expr,
            disableMacros: test["disableMacros"] as? Bool ?? false,
            disableCheck: test["disableCheck"] as? Bool ?? false,
            container: test["container"] as? String ?? "",
            expectedKind: expected?["kind"] as? String ?? "value",
            typeEnv: test["typeEnv"] as? [[String: Any]] ?? [],
            raw: test))
      }
    }
  }
  return cases
}()
