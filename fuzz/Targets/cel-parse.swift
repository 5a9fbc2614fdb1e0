// Fuzz target: the CEL parser, unparser and checker on arbitrary text.
import CEL

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let (parsed, issues) = CELParser.parse(source)
  if let parsed {
    precondition(issues.isEmpty, "an expression was returned with issues")
    // The unparsed text parses again.
    let text = unparse(parsed)
    let (again, _) = CELParser.parse(text)
    precondition(again != nil, "unparse gave text that does not parse: \(text)")
    var environment = Environment(strictIdentifiers: false)
    environment.declareVariable("x", type: .dyn)
    environment.declareVariable("n", type: .int)
    environment.declareVariable("s", type: .string)
    environment.declareVariable("l", type: .list(.int))
    _ = Checker.check(parsed, environment: environment)
  } else {
    precondition(!issues.isEmpty, "no expression and no issue")
    for issue in issues {
      precondition(issue.span.lowerBound <= issue.span.upperBound)
      precondition(issue.span.upperBound <= source.utf8.count + 1, "span past the end")
    }
  }
  return 0
}
