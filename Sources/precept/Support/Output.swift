import ArgumentParser
import Foundation
import PreceptDiagnostics

/// Writing to standard output, standard error and `--output` files.
enum Output {
  static func stdout(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func stderr(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Writes to a file, or standard output when `path` is nil or `-`.
  static func write(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
      stdout(text)
      return
    }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      stderr("error: cannot write '\(path)': \(error.localizedDescription)\n")
      throw ExitCode(ExitStatus.usage.rawValue)
    }
  }

  /// Renders diagnostics to standard error, coloured on a terminal.
  static func report(_ diagnostics: [Diagnostic], color: ColorChoice) {
    guard !diagnostics.isEmpty else { return }
    let useColor = color.resolve(fileDescriptor: 2)
    let renderer = DiagnosticRenderer(options: RenderOptions(color: useColor))
    stderr(renderer.render(diagnostics.sorted()))
  }
}
