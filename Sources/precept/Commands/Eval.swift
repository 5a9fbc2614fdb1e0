import ArgumentParser
import CEL
import Foundation
import PreceptEngine
import PreceptInput
import PreceptRules

/// `precept eval EXPR [--record FILE]`: evaluate one CEL expression.
struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Evaluate one CEL expression, optionally against a record.",
    discussion: """
      The expression sees what rules see: the record (as 'incident'), 'params', 'now' and the \
      pack's definitions. Without --record, the record is empty.

      Examples:
        precept eval "duration('24h') < duration('25h')"
        precept eval "seclusion && incident.seclusion.supervision == 'continuous'" --record incident.json
        precept eval "params.parent_report_within"
      """)

  @Argument(help: "A CEL expression.")
  var expression: String

  @Option(help: "A file holding one record (the first record of a CSV, JSON or YAML export).")
  var record: String?

  @OptionGroup var packOptions: PackOptions

  @Flag(help: "Show personal fields instead of ‹redacted›.")
  var showPersonal = false

  func run() throws {
    let pack = try packOptions.load()
    let (compiled, diagnostics) = pack.compileExpression(ExpressionText(commandLine: expression))
    Output.report(diagnostics, color: packOptions.color)
    // An expression `validate` would refuse is not evaluated either.
    guard let compiled, !diagnostics.contains(where: { $0.severity == .error }) else {
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    var typed = RecordTyper(pack: pack).type(
      RawRecord(
        location: RecordLocation(file: "<none>", line: 0, column: 0), fields: RawObject(),
        index: 0))
    if let record {
      do {
        // A JSON file holding one object is that record (a draft may not have its id yet),
        // unless it wraps a list of records: then the first is read.
        var options = ReaderOptions(recordKeys: [pack.pack.record.idField])
        options.recordFields = Set(pack.pack.record.schema.fields.map(\.name))
        options.objectIsOneRecord = true
        var reader = try makeReader(path: record, format: nil, options: options)
        switch try reader.next() {
        case .record(let raw)?:
          typed = RecordTyper(pack: pack).type(raw)
          for p in typed.problems {
            Output.stderr("\(p.location): warning: \(p.message) [\(p.code.rawValue)]\n")
          }
        case .rejected(let problem)?:
          Output.stderr("\(problem.location): error: \(problem.message) [\(problem.code)]\n")
          throw ExitCode(ExitStatus.unreadableInput.rawValue)
        case nil:
          Output.stderr("error: '\(record)' holds no record\n")
          throw ExitCode(ExitStatus.unreadableInput.rawValue)
        }
      } catch let error as InputError {
        Output.stderr("\(error.description)\n")
        throw ExitCode(ExitStatus.unreadableInput.rawValue)
      }
    }
    let evaluator = RecordEvaluator(
      pack: pack, now: Timestamp(seconds: Int64(Date().timeIntervalSince1970)),
      showPersonal: showPersonal)
    let value = compiled.program.evaluate(evaluator.activation(for: typed))
    Output.stdout(evaluator.display(value, of: compiled) + "\n")
    if case .error = value { throw ExitCode(ExitStatus.findings.rawValue) }
  }
}
