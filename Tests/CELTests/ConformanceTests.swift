import CELConformance
import Foundation
import Testing

/// The CEL conformance suite, one test per file; each fails on any failing conformance test.
@Suite("CEL conformance")
struct ConformanceTests {
  static let directory = ConformanceRunner.defaultDirectory
  static let present = FileManager.default.fileExists(atPath: directory.path)

  static let fileNames = [
    "basic", "comparisons", "conversions", "fields", "fp_math", "integer_math", "lists", "logic",
    "macros", "namespace", "parse", "plumbing", "string", "timestamps", "string_ext", "math_ext",
    "macros2", "optionals", "bindings_ext",
  ]

  @Test(
    "conformance file passes", .enabled(if: present, "conformance suite folder absent"),
    arguments: fileNames)
  func file(_ name: String) throws {
    let url = Self.directory.appendingPathComponent(name + ".json")
    let result = try ConformanceRunner().run(fileAt: url)
    for failure in result.failures {
      Issue.record("\(failure)")
    }
    #expect(result.failures.isEmpty, "\(name): \(result.summary)")
    #expect(result.passed > 0)
  }
}
