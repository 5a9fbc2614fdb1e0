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

  /// Renders diagnostics to standard error, coloured on a terminal.
  static func report(_ diagnostics: [Diagnostic], color: ColorChoice) {
    guard !diagnostics.isEmpty else { return }
    let useColor = color.resolve(fileDescriptor: 2)
    let renderer = DiagnosticRenderer(options: RenderOptions(color: useColor))
    stderr(renderer.render(diagnostics.sorted()))
  }
}
