import Testing

@testable import CEL

@Suite("Parser: conformance suite expressions")
struct ParserConformanceTests {
  @Test(
    "every conformance expression parses (except some expected errors)",
    .enabled(
      if: conformanceDirectory != nil,
      "conformance suite not found; set PRECEPT_CEL_CONFORMANCE"))
  func allParse() {
    #expect(conformanceCases.count > 100)
    var failures: [String] = []
    for test in conformanceCases {
      let options = ParserOptions(enableMacros: !test.disableMacros)
      let (expression, issues) = CELParser.parse(test.expr, options: options)
      if expression == nil && test.expectedKind != "error" && test.expectedKind != "anyError" {
        failures.append("\(test.id): \(test.expr): \(issues.first?.message ?? "?")")
      }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}
