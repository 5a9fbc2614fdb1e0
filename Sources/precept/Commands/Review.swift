import ArgumentParser
import Foundation
import PreceptEngine
import PreceptInput
import PreceptReporters
import PreceptRules

/// `precept review`: the trust board's data review of a period.
struct Review: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract:
      "Review a period's incidents for the trust board: patterns, triggers, disproportionality.",
    discussion: """
      Checks the exports like 'precept check' (aggregate rules included), then writes a review: \
      incidents per month by type, pupils with repeat patterns (pseudonymous ids only), \
      triggers, risk ratios per group of pupils on roll (with --roster; small groups suppressed) \
      and the findings by rule. HTML is a single self-contained file that prints well; Markdown \
      suits a CI job summary; JSON carries the figures for tools. Pupil names and other personal \
      fields never appear.

      Exit codes: 0 the review was written; 2 bad invocation or rule pack; 3 an input could not \
      be read at all.

      Examples:
        precept review export.csv --roster roster.csv --output review.html
        precept review export.csv --roster roster.csv --from 2026-04-01 --to 2026-07-31
        precept review export.csv --roster roster.csv --format markdown >> "$GITHUB_STEP_SUMMARY"
        precept review export.csv --roster roster.csv --format json --output review.json
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case html, markdown, json
  }

  @Argument(help: "Export files to review ('-' for standard input).")
  var inputs: [String] = []

  @OptionGroup var packOptions: PackOptions

  @Option(
    help: ArgumentHelp(
      "How the export maps onto the canonical record.",
      discussion: "A profile name (Rules/profiles/NAME.yaml) or a file."))
  var profile: String?

  @Option(help: "The roster of pupils on roll (CSV: pupil.id or id, sex, sen_status…).")
  var roster: String?

  @Option(help: "A wider roster (the trust's) for the alternate risk ratio.")
  var widerRoster: String?

  @OptionGroup var jobs: JobsOption

  @Option(help: "The first day reviewed (YYYY-MM-DD, in the pack's time zone).")
  var from: String?

  @Option(help: "The last day reviewed (YYYY-MM-DD, inclusive).")
  var to: String?

  @Option(help: "The input format, when the file extension does not tell (csv, json, jsonl, yaml).")
  var inputFormat: InputFormat?

  @Option(help: "Output format: html, markdown or json.")
  var format: Format = .html

  @Option(help: "Write the review to a file instead of standard output.")
  var output: String?

  func validate() throws {
    if inputs.isEmpty {
      throw ValidationError("give at least one export to review, or '-' for standard input")
    }
    for (name, value) in [("--from", from), ("--to", to)] {
      if let value, LocalDate(value) == nil {
        throw ValidationError("\(name) must be a real date written YYYY-MM-DD, not '\(value)'")
      }
    }
    if let from, let to, let f = LocalDate(from), let t = LocalDate(to), t < f {
      throw ValidationError("--to (\(to)) is before --from (\(from))")
    }
  }

  func run() throws {
    let pack = try packOptions.load()
    func instant(_ day: LocalDate) -> Date {
      Date(timeIntervalSince1970: Double(Temporal.startOfDay(day, in: pack.timeZone).seconds))
    }
    var chosenProfile = Profile.canonical
    if let profile {
      chosenProfile = try Profiles.load(profile, pack: pack, color: packOptions.color)
    }
    let progress = ProgressReporter.make(humanFormat: format != .json)
    let checkOptions = CheckOptions(
      inputs: inputs.map { CheckOptions.Input(path: $0, format: inputFormat) },
      profile: chosenProfile, showPersonal: false, toolVersion: PreceptCommand.version,
      roster: roster,
      widerRoster: widerRoster,
      from: from.flatMap { LocalDate($0) }.map(instant),
      until: to.flatMap { LocalDate($0) }.map {
        instant(LocalDate(daysSinceEpoch: $0.daysSinceEpoch + 1))
      }, progress: progress?.callback)
    var options = checkOptions
    options.recordFindings = false
    options.lanes = jobs.jobs
    // Opened before the run, as `check` does, so that an unwritable path stops it at once.
    let file = try OutputFile(
      path: output,
      inputs: inputs + [roster, widerRoster, profile].compactMap { $0 } + packOptions.paramFiles
        + OutputFile.files(under: pack.pack.directory))
    let review: ReviewReport
    do {
      let builder = ReviewBuilder(pack: pack)
      // A record that repeats an incident id (an incident in two overlapping exports) is
      // taken back out of the review's counts as it is found, so each incident counts once.
      let (report, aggregates) = try CheckRunner(pack: pack, options: options)
        .runWithAggregates(
          summarise: builder.summarise, merge: builder.merge,
          observedDefinitions: builder.definitionsUsed, contribution: builder.contribution,
          withdraw: builder.withdraw, holdPatternFindings: true)
      review = builder.build(
        report: report, aggregates: aggregates, options: options,
        pupilsOnRoll: aggregates.rosterPupils)
      progress?.finish()
      Self.sayUnusable(report.findings)
    } catch {
      progress?.finish()
      file.discard()
      Output.stderr("\(error.description)\n")
      throw ExitCode(ExitStatus.unreadableInput.rawValue)
    }
    switch format {
    case .html: file.write(ReviewHTMLRenderer().render(review))
    case .markdown: file.write(ReviewMarkdownRenderer().render(review))
    case .json: ReviewJSONRenderer().write(review, to: file.write)
    }
    try file.close()
  }

  /// The most findings about rows of the export or the rosters that are listed one by one on
  /// standard error.
  static let unusableListed = 100

  /// Says on standard error which rows of the export or the rosters could not be used, with
  /// where they are, as `check` does (the review itself counts them). Text from the rows is
  /// escaped, as the text report escapes it.
  static func sayUnusable(_ findings: [Finding]) {
    let unusable = findings.filter { $0.kind == .inputError || $0.kind == .duplicateID }
    for f in unusable.prefix(unusableListed) {
      let place = f.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
      Output.stderr(
        ("\(place)\(f.severity.rawValue): \(f.message) [\(f.rule)]").escapingControlCharacters
          + "\n")
    }
    if unusable.count > unusableListed {
      Output.stderr(
        "... and \(unusable.count - unusableListed) more; "
          + "`precept check` with the same inputs lists them all\n")
    }
  }
}
