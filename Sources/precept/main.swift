// The `precept` command-line tool. All logic lives in the libraries; this target only parses
// arguments, calls them, and maps outcomes to exit codes.
PreceptCommand.runMain()
