// The `precept` command-line tool. All logic lives in the libraries; this target only parses
// arguments, calls them, and maps outcomes to exit codes.
#if os(Linux)
  /// glibc's `mallopt` (declared in malloc.h, which the Glibc module does not export).
  @_silgen_name("mallopt")
  func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

  // glibc gives each thread that allocates its own malloc arena and rarely returns their
  // memory; over a long check the freed blocks of the worker threads' arenas add up. One
  // arena keeps peak memory flat as exports grow (measured: bench/RESULTS.md).
  _ = glibcMallopt(-8, 1)  // M_ARENA_MAX
#endif
PreceptCommand.runMain()
