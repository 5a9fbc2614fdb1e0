import PreceptDiagnostics
import PreceptTestSupport
import Testing

@Suite struct DiagnosticTests {
  @Test func sortsByFileThenOffsetThenSeverity() {
    let a = SourceFile(path: "a.yaml", text: "one\ntwo\n")
    let b = SourceFile(path: "b.yaml", text: "one\ntwo\n")
    let diagnostics: [Diagnostic] = [
      .warning("PRE9", "b later", at: .point(b, 4)),
      .error("PRE9", "b early", at: .point(b, 0)),
      .warning("PRE9", "a later, warning", at: .point(a, 4)),
      .error("PRE9", "a later, error", at: .point(a, 4)),
      .error("PRE9", "nowhere"),
    ]
    #expect(
      diagnostics.sorted().map(\.message) == [
        "nowhere", "a later, error", "a later, warning", "b early", "b later",
      ])
  }

  @Test func descriptionIsTheHeaderLine() {
    let file = SourceFile(path: "p.yaml", text: "x: 1\n")
    let diagnostic = Diagnostic.error(
      "PRE1", "bad thing", at: SourceRange(file: file, start: 3, end: 4), help: "do better")
    #expect(diagnostic.description == "p.yaml:1:4: error: bad thing [PRE1]\n  help: do better")
    #expect(diagnostic.position?.line == 1)
  }

  @Test func containsErrors() {
    #expect(![Diagnostic.warning("W", "w")].containsErrors)
    #expect([Diagnostic.warning("W", "w"), .error("E", "e")].containsErrors)
  }

  @Test(arguments: [
    ([DiagnosticSeverity](), "no errors or warnings"),
    ([.error], "1 error"),
    ([.error, .error, .warning, .note], "2 errors, 1 warning"),
    ([.warning, .warning, .remark], "2 warnings"),
  ])
  func summary(_ severities: [DiagnosticSeverity], _ expected: String) {
    let diagnostics = severities.map { Diagnostic(severity: $0, code: "X", message: "m") }
    #expect(DiagnosticRenderer.summary(diagnostics) == expected)
  }

  @Test func colorChoice() {
    #expect(ColorChoice.always.resolve(environment: ["NO_COLOR": "1"]))
    #expect(!ColorChoice.never.resolve(environment: [:]))
    #expect(!ColorChoice.auto.resolve(environment: ["NO_COLOR": "1"]))
    #expect(!ColorChoice.auto.resolve(environment: ["TERM": "dumb"]))
    // A pipe is not a terminal.
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    #expect(!ColorChoice.auto.resolve(fileDescriptor: fds[1], environment: [:]))
    close(fds[0])
    close(fds[1])
    #expect(ColorChoice(rawValue: "auto") == .auto)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
