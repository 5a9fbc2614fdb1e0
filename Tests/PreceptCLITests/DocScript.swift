import Foundation
import PreceptTestSupport
import Testing

/// A Markdown document read as a script, so that the docs stay true.
///
/// - A ```` ```yaml ```` block starting `# file: PATH` writes PATH (the whole block, that line
///   included) into the workspace when the script reaches it; `# edit: PATH` changes lines of
///   an existing file instead: each `key: value` line of the block replaces the first line of
///   the file that sets `key`, commented out (`# key: …`) or not.
/// - A ```` ```console ```` block holds commands, each starting `$ `, run with `/bin/sh` in the
///   workspace (with `precept` on the PATH), each followed by the output it must print:
///   standard error and standard output together, as on a terminal. A line holding only `...`
///   matches any number of lines.
/// - Other blocks (```` ```sh ````, ```` ```text ````) are shown, not run.
struct DocScript {
  enum Step {
    case write(path: String, text: String)
    case edit(path: String, lines: [String])
    case run(command: String, expected: [String])
  }

  /// A step and the line of the document it starts on.
  struct Located {
    var step: Step
    var line: Int
  }

  var steps: [Located] = []
  /// Problems in the document itself (a yaml block with no `# file:` line).
  var problems: [String] = []

  init(markdown: String, name: String) {
    let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var index = 0
    while index < lines.count {
      let line = lines[index].trimmingCharacters(in: .whitespaces)
      guard line.hasPrefix("```"), line.count > 3 else {
        index += 1
        continue
      }
      let language = String(line.dropFirst(3))
      let start = index + 1
      var end = start
      while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces) != "```" { end += 1 }
      let body = Array(lines[start..<min(end, lines.count)])
      index = end + 1
      switch language {
      case "yaml":
        let first = body.first ?? ""
        if first.hasPrefix("# file: ") {
          let path = String(first.dropFirst("# file: ".count)).trimmingCharacters(in: .whitespaces)
          steps.append(
            Located(
              step: .write(path: path, text: body.joined(separator: "\n") + "\n"), line: start))
        } else if first.hasPrefix("# edit: ") {
          let path = String(first.dropFirst("# edit: ".count)).trimmingCharacters(in: .whitespaces)
          let edits = body.dropFirst().filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty && !$0.hasPrefix("#")
          }
          steps.append(Located(step: .edit(path: path, lines: Array(edits)), line: start))
        } else {
          problems.append(
            "\(name):\(start): a yaml block must start with '# file: PATH' or '# edit: PATH'")
        }
      case "console":
        var command: String?
        var expected: [String] = []
        var commandLine = start
        for (offset, text) in body.enumerated() {
          if text.hasPrefix("$ ") {
            if let command {
              steps.append(
                Located(step: .run(command: command, expected: expected), line: commandLine))
            }
            command = String(text.dropFirst(2))
            expected = []
            commandLine = start + offset + 1
          } else if command != nil {
            expected.append(text)
          } else {
            problems.append("\(name):\(start + offset + 1): console output before any '$ ' command")
          }
        }
        if let command {
          steps.append(Located(step: .run(command: command, expected: expected), line: commandLine))
        }
      default:
        break
      }
    }
  }

  /// Loads a document of the repository.
  static func load(_ relativePath: String) throws -> DocScript {
    let url = CLI.repositoryRoot().appendingPathComponent(relativePath)
    return DocScript(markdown: try String(contentsOf: url, encoding: .utf8), name: relativePath)
  }

  /// Runs every step in `workspace`, recording an issue for each output that differs.
  func run(in workspace: URL, name: String) throws {
    for problem in problems { Issue.record("\(problem)") }
    for located in steps {
      let place = "\(name):\(located.line)"
      switch located.step {
      case .write(let path, let text):
        let url = workspace.appendingPathComponent(path)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
      case .edit(let path, let edits):
        let url = workspace.appendingPathComponent(path)
        var lines = try String(contentsOf: url, encoding: .utf8)
          .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for edit in edits {
          let key = edit.split(separator: ":", maxSplits: 1).first.map(String.init) ?? edit
          guard
            let at = lines.firstIndex(where: {
              $0.hasPrefix(key + ":") || $0.hasPrefix("# " + key + ":")
            })
          else {
            Issue.record("\(place): no line setting '\(key)' in \(path)")
            continue
          }
          lines[at] = edit
        }
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
      case .run(let command, let expected):
        let actual = try Self.shell(command, in: workspace)
        if !Self.matches(expected: expected, actual: actual) {
          Issue.record(
            """
            \(place): '$ \(command)' printed something else than the document shows
            --- the document:
            \(expected.joined(separator: "\n"))
            --- the command:
            \(actual.joined(separator: "\n"))
            """)
        }
      }
    }
  }

  /// Runs a command line with `/bin/sh`; standard output and error go to one pipe.
  static func shell(_ command: String, in directory: URL) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["PRECEPT_RULES"] = nil
    let binaries = CLI.executable().deletingLastPathComponent().path
    environment["PATH"] = binaries + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return normalise(String(decoding: data, as: UTF8.self))
  }

  /// Lines without trailing spaces, and without blank lines at the end.
  static func normalise(_ text: String) -> [String] {
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0.reversed().drop(while: { $0 == " " }).reversed())
      }
    while lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Whether `actual` matches `expected`, where a line `...` matches any number of lines.
  static func matches(expected rawExpected: [String], actual: [String]) -> Bool {
    let expected = normalise(rawExpected.joined(separator: "\n"))
    func match(_ e: Int, _ a: Int) -> Bool {
      if e == expected.count { return a == actual.count }
      if expected[e] == "..." {
        for skip in a...actual.count where match(e + 1, skip) { return true }
        return false
      }
      return a < actual.count && expected[e] == actual[a] && match(e + 1, a + 1)
    }
    return match(0, 0)
  }

  /// A new workspace holding a copy of the repository's `Rules/`, as in a fresh clone.
  static func workspace() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-docs-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: CLI.repositoryRoot().appendingPathComponent("Rules"),
      to: url.appendingPathComponent("Rules"))
    return url
  }
}
