import Foundation
import Testing

@testable import CEL

/// The checker must accept every checked conformance test that expects a value.
@Suite("Checker: conformance suite")
struct CheckerConformanceTests {
  /// A CEL type from the suite's JSON rendering of a protobuf type declaration, or `nil` for a
  /// type that needs protobuf messages.
  static func type(fromJSON json: Any?) -> CELType? {
    if json is NSNull { return .null }
    guard let object = json as? [String: Any] else {
      if let name = json as? String, name == "dyn" { return .dyn }
      return nil
    }
    if let primitive = object["primitive"] as? String {
      switch primitive {
      case "BOOL": return .bool
      case "INT64": return .int
      case "UINT64": return .uint
      case "DOUBLE": return .double
      case "STRING": return .string
      case "BYTES": return .bytes
      default: return nil
      }
    }
    if let list = object["list_type"] as? [String: Any] {
      return type(fromJSON: list["elem_type"]).map { .list($0) }
    }
    if let map = object["map_type"] as? [String: Any] {
      guard let key = type(fromJSON: map["key_type"]), let value = type(fromJSON: map["value_type"])
      else { return nil }
      return .map(key: key, value: value)
    }
    if let message = object["message_type"] as? String {
      switch message {
      case "google.protobuf.Duration": return .duration
      case "google.protobuf.Timestamp": return .timestamp
      default: return nil
      }
    }
    if let wellKnown = object["well_known"] as? String {
      switch wellKnown {
      case "DURATION": return .duration
      case "TIMESTAMP": return .timestamp
      case "ANY": return .dyn
      default: return nil
      }
    }
    if object.keys.contains("null") { return .null }
    if object.keys.contains("dyn") { return .dyn }
    return nil
  }

  /// An environment declaring the test's variables, or a reason to skip it.
  static func environment(for test: ConformanceCase) -> Result<Environment, SkipReason> {
    var environment = Environment(container: test.container)
    for declaration in test.typeEnv {
      guard declaration["kind"] as? String == "ident", let name = declaration["name"] as? String
      else { return .failure(SkipReason(text: "declares functions")) }
      let decl = (declaration["decl"] as? [String: Any])?["ident"] as? [String: Any]
      guard let type = type(fromJSON: decl?["type"]) else {
        return .failure(SkipReason(text: "needs a protobuf type"))
      }
      environment.declareVariable(name, type: type)
    }
    return .success(environment)
  }

  struct SkipReason: Error {
    var text: String
  }

  @Test(
    "every checked conformance test that expects a value type-checks",
    .enabled(
      if: conformanceDirectory != nil,
      "conformance suite not found; set PRECEPT_CEL_CONFORMANCE"))
  func acceptsValueTests() {
    var failures: [String] = []
    var checked = 0
    for test in conformanceCases
    where !test.disableCheck && test.expectedKind == "value"
      && test.raw["requiresProto"] as? Bool != true
    {
      guard case .success(let environment) = Self.environment(for: test) else { continue }
      let (parsed, issues) = CELParser.parse(
        test.expr, options: ParserOptions(enableMacros: !test.disableMacros))
      guard let parsed else {
        failures.append("\(test.id): does not parse: \(issues.first?.message ?? "")")
        continue
      }
      let result = Checker.check(parsed, environment: environment)
      checked += 1
      if let issue = result.issues.first {
        failures.append("\(test.id): \(test.expr): \(issue.message)")
      }
    }
    #expect(checked > 500)
    #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
  }
}
