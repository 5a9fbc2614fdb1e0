import ArgumentParser
import Foundation
import PreceptDiagnostics
import PreceptEngine
import PreceptInput
import PreceptReporters
import PreceptRules

extension InputFormat: ExpressibleByArgument {}

/// `precept check`: the main job.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check incident exports against a rule pack.",
    discussion: """
      Reads CSV, JSON, JSON Lines or YAML exports (or '-' for standard input), evaluates every \
      record against the pack and reports each finding with the rule, its citation and a fix.

      Exit codes: 0 nothing at or above --fail-on; 1 findings; 2 bad invocation or rule pack; \
      3 an input could not be read at all.

      Examples:
        precept check Rules/dfe-2026/examples/incidents.csv
        precept check export.csv --explain
        precept check export.json --format sarif --output precept.sarif
        precept check export.csv --set parent_report_within=8h --fail-on warning
        precept check export.csv --roster roster.csv
        cat export.jsonl | precept check - --input-format jsonl --format json
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit, github, markdown
  }

  enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, never
  }

  @Argument(help: "Export files to check ('-' for standard input).")
  var inputs: [String] = []

  @OptionGroup var packOptions: PackOptions

  @Option(help: "The input format, when the file extension does not tell (csv, json, jsonl, yaml).")
  var inputFormat: InputFormat?

  @Option(
    help: "Output format: text, json, sarif, junit, github (workflow annotations) or markdown.")
  var format: Format = .text

  @Option(help: "Write the report to a file instead of standard output.")
  var output: String?

  @Option(help: "Exit 1 when a finding is at or above this severity: error, warning or never.")
  var failOn: FailOn = .error

  @Flag(help: "Show each failing condition with the value of every sub-expression.")
  var explain = false

  @Flag(help: "Show personal fields (names, free text) instead of ‹redacted›.")
  var showPersonal = false

  @Option(help: "A waivers file (YAML: rule, record, reason, approver, expires).")
  var waivers: String?

  @Option(
    help:
      "How the export maps onto the canonical record: a profile name (Rules/profiles/NAME.yaml) or a file."
  )
  var profile: String?

  @Option(
    help: ArgumentHelp(
      "The roster of pupils on roll (CSV: pupil.id or id, sex, sen_status…), for disproportionality rules.",
      discussion: "Without it, disproportionality rules are reported as not evaluated."))
  var roster: String?

  @Option(help: "A wider roster (the trust's) for the alternate risk ratio.")
  var widerRoster: String?

  @OptionGroup var jobs: JobsOption

  func validate() throws {
    if inputs.isEmpty {
      throw ValidationError("give at least one export to check, or '-' for standard input")
    }
  }

  func run() throws {
    let pack = try packOptions.load()
    var waiverList: [Waiver] = []
    if let waivers {
      let (loaded, diagnostics) = WaiverLoader.load(waivers, pack: pack.pack)
      Output.report(diagnostics, color: packOptions.color)
      if diagnostics.contains(where: { $0.severity == .error }) {
        throw ExitCode(ExitStatus.usage.rawValue)
      }
      waiverList = loaded
    }
    var chosenProfile = Profile.canonical
    if let profile {
      chosenProfile = try Profiles.load(profile, pack: pack, color: packOptions.color)
    }
    // Text written to the terminal shows the run's progress itself (findings appear as they
    // are found); a progress line on the same terminal would be cut into by them.
    let textToTerminal = format == .text && (output == nil || output == "-") && isatty(1) == 1
    let progress = ProgressReporter.make(
      humanFormat: (format == .text && !textToTerminal) || format == .markdown)
    var options = CheckOptions(
      inputs: inputs.map { CheckOptions.Input(path: $0, format: inputFormat) },
      profile: chosenProfile, showPersonal: showPersonal, waivers: waiverList,
      toolVersion: PreceptCommand.version, roster: roster, widerRoster: widerRoster,
      progress: progress?.callback)
    options.lanes = jobs.jobs
    let color = output == nil && packOptions.color.resolve(fileDescriptor: 1)
    let reportOptions = ReportOptions(explain: explain, color: color)
    guard let reporter = Reporters.reporter(for: format.rawValue, options: reportOptions) else {
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    let runner = CheckRunner(pack: pack, options: options)
    // The output is opened before the run, so that an unwritable path stops it at once.
    let file = try OutputFile(
      path: output,
      inputs: inputs + [roster, widerRoster, waivers, profile].compactMap { $0 }
        + packOptions.paramFiles + OutputFile.files(under: pack.pack.directory))
    // Formats that can are written as findings are found, SARIF and JUnit are spooled and
    // Markdown keeps what it lists: memory does not grow with the export.
    let streaming = reporter as? any StreamingReporter
    var stream: FindingStream?
    var written: () -> Int = { 0 }
    // The prologue goes out with the first finding (or the epilogue), so that a run that stops
    // before any (an input that cannot be opened) leaves nothing on standard output, not half
    // a JSON document. (A read error after findings have been written to standard output still
    // leaves them there: they cannot be taken back; with --output the file is removed.)
    let output = PrologueFirst(streaming?.prologue() ?? "", file: file)
    if let streaming {
      (stream, written) = streaming.stream(to: output.write)
    }
    // SARIF is spooled to a temporary file and put together at the end.
    let sarif = (reporter as? SARIFReporter).flatMap {
      SARIFStream(reporter: $0, inputs: options.inputs.map(\.path))
    }
    if let sarif { stream = sarif.stream }
    // Markdown keeps only the findings it lists.
    let markdown = (reporter as? MarkdownReporter).map { MarkdownStream(reporter: $0) }
    if let markdown { stream = markdown.stream }
    // JUnit spools its test cases and writes them suite by suite.
    let junit = (reporter as? JUnitReporter).flatMap { JUnitStream(reporter: $0) }
    if let junit { stream = junit.stream }
    let report: CheckReport
    do {
      report = try runner.run(stream: stream)
      progress?.finish()
    } catch {
      progress?.finish()
      file.discard()
      Output.stderr("\(error.description)\n")
      throw ExitCode(ExitStatus.unreadableInput.rawValue)
    }
    if let streaming {
      output.write(streaming.epilogue(report, findingCount: written()))
    } else if let sarif {
      sarif.finish(report, write: file.write)
    } else if let markdown {
      file.write(markdown.finish(report))
    } else if let junit {
      junit.finish(report, write: file.write)
    } else {
      file.write(reporter.render(report))
    }
    try file.close()
    let threshold: Severity? =
      switch failOn {
      case .error: .error
      case .warning: .warning
      case .never: nil
      }
    if let threshold, let worst = report.worstSeverity, worst >= threshold {
      throw ExitCode(ExitStatus.findings.rawValue)
    }
  }
}
