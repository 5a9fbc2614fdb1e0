import Foundation

/// Validates SARIF against the OASIS 2.1.0 JSON Schema with Python's `jsonschema` package, when
/// the machine has python3, the package and the schema file.
enum SARIFSchemaValidator {
  /// The schema file: `PRECEPT_SARIF_SCHEMA`, else the copy in the project's shared reference.
  static let schemaPath =
    ProcessInfo.processInfo.environment["PRECEPT_SARIF_SCHEMA"]
    ?? "/work/shared/reference/sarif-schema-2.1.0.json"

  static let script = """
    import json, sys
    import jsonschema
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        document = json.load(f)
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        print("/".join(map(str, error.absolute_path)) + ": " + error.message)
    sys.exit(1 if errors else 0)
    """

  /// Why validation cannot run here, or `nil` when it can.
  static let unavailableReason: String? = {
    guard FileManager.default.fileExists(atPath: schemaPath) else {
      return "no SARIF schema at \(schemaPath) (set PRECEPT_SARIF_SCHEMA)"
    }
    guard let probe = try? run(["-c", "import jsonschema"]) else { return "python3 not found" }
    guard probe.status == 0 else { return "python3 has no jsonschema package" }
    return nil
  }()

  static var isAvailable: Bool {
    if let reason = unavailableReason {
      print("skipping SARIF schema validation: \(reason)")
      return false
    }
    return true
  }

  /// Validates a document; returns the validation errors, one a line (empty when valid).
  static func errors(in sarif: String) throws -> (status: Int32, output: String) {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-sarif-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("report.sarif")
    try sarif.write(to: file, atomically: true, encoding: .utf8)
    return try run(["-c", script, schemaPath, file.path])
  }

  private static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
