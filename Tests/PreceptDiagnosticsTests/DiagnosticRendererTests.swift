import PreceptDiagnostics
import PreceptTestSupport
import Testing

@Suite struct DiagnosticRendererTests {
  static let rule = MarkedText(
    """
    rules:
      - 3️⃣id: RI-SEC-006
        title: A secluded pupil is supervised
        when: seclusion
        require: 1️⃣incidnt2️⃣.seclusion.supervision == 'continuous'

    """)

  func range(_ marked: MarkedText, _ file: SourceFile, _ from: String, _ to: String)
    -> SourceRange
  {
    SourceRange(file: file, start: marked[from], end: marked[to])
  }

  @Test func errorWithHelpAndNote() {
    let marked = Self.rule
    let file = marked.sourceFile(path: "Rules/dfe-2026/rules/seclusion.yaml")
    let diagnostic = Diagnostic.error(
      "PRE2001", "undeclared reference to 'incidnt'", at: range(marked, file, "1️⃣", "2️⃣"),
      notes: [.init("first defined here", at: .point(file, marked["3️⃣"]))],
      help: "did you mean 'incident'?")
    assertSnapshot(DiagnosticRenderer().render(diagnostic), named: "error-help-note")
    assertSnapshot(
      DiagnosticRenderer(options: RenderOptions(contextLines: 2)).render(diagnostic),
      named: "error-context-2")
    assertSnapshot(
      DiagnosticRenderer(options: RenderOptions(color: true)).render(diagnostic),
      named: "error-color")
    assertSnapshot(
      DiagnosticRenderer(options: RenderOptions(snippets: false)).render(diagnostic),
      named: "error-no-snippets")
  }

  @Test func fixItAndHelpBranch() {
    let marked = Self.rule
    let file = marked.sourceFile(path: "seclusion.yaml")
    let typo = range(marked, file, "1️⃣", "2️⃣")
    let diagnostic = Diagnostic.error(
      "PRE2001", "undeclared reference to 'incidnt'", at: typo,
      help: "did you mean 'incident'?", fixIt: .init(replacing: typo, with: "incident"))
    assertSnapshot(DiagnosticRenderer().render(diagnostic), named: "fix-it")
  }

  @Test func warningWithoutLocationAndNoteWithout() {
    let diagnostics: [Diagnostic] = [
      .warning("PRE9001", "no rules in pack 'empty'", notes: [.init("add a file under 'rules/'")]),
      .error("PRE9002", "cannot read 'x.csv'", help: "check the path"),
    ]
    assertSnapshot(DiagnosticRenderer().render(diagnostics), named: "no-location")
  }

  @Test func nonASCIIAndTabsLineUp() {
    let marked = MarkedText("cite: [addendum §7, §8]\n\tquote: «x» 1️⃣bad2️⃣ \n")
    let file = marked.sourceFile(path: "tabs.yaml")
    let diagnostic = Diagnostic.warning(
      "PRE9003", "suspicious value 'bad'", at: range(marked, file, "1️⃣", "2️⃣"))
    assertSnapshot(DiagnosticRenderer().render(diagnostic), named: "tabs-and-unicode")
  }

  @Test func multiLineRangeIsUnderlinedToEndOfFirstLine() {
    let marked = MarkedText(
      """
      rules:
        - id: 1️⃣RI-1
          when: x
      2️⃣
      """)
    let file = marked.sourceFile(path: "m.yaml")
    let diagnostic = Diagnostic.error(
      "PRE9004", "rule has no 'require'", at: range(marked, file, "1️⃣", "2️⃣"))
    assertSnapshot(DiagnosticRenderer().render(diagnostic), named: "multi-line-range")
  }

  @Test func emptyRangeAtEndOfFileAndWideLineNumbers() {
    var text = ""
    for index in 1...99 { text += "k\(index): \(index)\n" }
    text += "k100: ["
    let file = SourceFile(path: "long.yaml", text: text)
    let diagnostic = Diagnostic.error(
      "PRE1001", "did not find expected ',' or ']'", at: .point(file, file.bytes.count),
      notes: [.init("the flow sequence starts here", at: .point(file, file.bytes.count - 1))])
    assertSnapshot(
      DiagnosticRenderer(options: RenderOptions(contextLines: 2)).render(diagnostic),
      named: "end-of-file")
  }

  @Test func severitiesAndSortedList() {
    let file = SourceFile(path: "s.yaml", text: "a: 1\nb: 2\n")
    let diagnostics: [Diagnostic] = [
      .remark("PRE9", "loaded 2 keys", at: .point(file, 0)),
      .note("PRE9", "a note", at: SourceRange(file: file, start: 5, end: 6)),
      .warning("PRE9", "a warning", at: SourceRange(file: file, start: 8, end: 9)),
      .error("PRE9", "an error", at: SourceRange(file: file, start: 3, end: 4)),
    ]
    let renderer = DiagnosticRenderer(options: RenderOptions(color: true, contextLines: 0))
    assertSnapshot(renderer.render(diagnostics.sorted()), named: "severities-color")
  }
}
