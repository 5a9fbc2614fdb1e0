import CEL
import PreceptDiagnostics

extension CompiledPack {
  /// Parses, checks and compiles an ad-hoc expression in the pack's scope (record, params,
  /// `now`, definitions), as `precept eval` does.
  public func compileExpression(_ text: ExpressionText) -> (
    expression: CompiledExpression?, diagnostics: [Diagnostic]
  ) {
    let sink = DiagnosticSink()
    var compiler = Compiler(pack: pack, sink: sink)
    compiler.environment = environment
    let parsed = CELParser.parse(text.text)
    for issue in parsed.issues {
      sink.error(.celSyntax, issue.message, at: text.range(of: issue.span), help: issue.help)
    }
    guard let expression = parsed.expression, parsed.issues.isEmpty else {
      return (nil, sink.diagnostics)
    }
    let compiled = compiler.check(expression, text: text, what: "expression")
    return (compiled, sink.diagnostics)
  }
}
