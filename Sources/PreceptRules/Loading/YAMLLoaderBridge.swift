import PreceptDiagnostics
import PreceptYAML

/// The one place the rules layer calls the YAML loader.
enum YAMLLoaderBridge {
  static func load(_ file: SourceFile) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
    YAMLLoader.load(file)
  }
}
