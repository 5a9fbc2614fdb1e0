import ArgumentParser

/// `--jobs N`, shared by the commands that check records.
struct JobsOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "How many cores may type and evaluate records at once (default: all, up to 8).",
      discussion:
        "The output is the same whatever the number; --jobs 1 leaves the other cores free."))
  var jobs: Int?

  func validate() throws {
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more, not \(jobs)") }
  }
}
