import CELConformance
import Foundation

// Runs the CEL conformance suite: `cel-conformance [DIRECTORY] [-v]`; `-v` also lists the
// error each error-expecting test produced. `cel-conformance --bench [N] [EXPR…]` times
// compiled programs over an incident-like record instead.
// The folder defaults to $PRECEPT_CEL_CONFORMANCE, else ../shared/cel-conformance.
// Exits 0 only when no test fails.

let arguments = Array(CommandLine.arguments.dropFirst())

// `cel-conformance --bench [ITERATIONS] [EXPRESSION…]`: time compiled programs instead.
if arguments.first == "--bench" {
  var rest = Array(arguments.dropFirst())
  var iterations = 1_000_000
  if let first = rest.first, let n = Int(first) {
    iterations = n
    rest.removeFirst()
  }
  let sources = rest.isEmpty ? CELBenchmark.expressions : rest
  for measurement in CELBenchmark.run(sources, iterations: iterations) { print(measurement) }
  exit(0)
}
let verbose = arguments.contains("-v") || arguments.contains("--verbose")
let paths = arguments.filter { !$0.hasPrefix("-") }
let directory = paths.first.map { URL(fileURLWithPath: $0) } ?? ConformanceRunner.defaultDirectory
let files = ConformanceRunner.files(in: directory)
if files.isEmpty {
  FileHandle.standardError.write(
    "cel-conformance: no test files in \(directory.path)\n".data(using: .utf8)!)
  exit(2)
}

let runner = ConformanceRunner()
var passed = 0
var failed = 0
var skipped = 0
for file in files {
  do {
    let result = try runner.run(fileAt: file)
    print("\(result.name): \(result.summary)")
    for failure in result.failures { print("  \(failure)") }
    for skip in result.skips { print("  \(skip)") }
    if verbose {
      for (id, error) in result.expectedErrors { print("  ERROR (as expected) \(id): \(error)") }
    }
    passed += result.passed
    failed += result.failures.count
    skipped += result.skips.count
  } catch {
    print("\(file.lastPathComponent): cannot read: \(error)")
    failed += 1
  }
}
print("total: \(passed) passed, \(failed) failed, \(skipped) skipped")
exit(failed == 0 ? 0 : 1)
