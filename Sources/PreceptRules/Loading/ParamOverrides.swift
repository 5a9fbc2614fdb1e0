import CEL
import Foundation
import PreceptDiagnostics
import PreceptYAML

/// Sets param values from an overlay's `set:`, params files and `--set`, type-checked.
struct ParamOverrides {
  let sink: DiagnosticSink
  let timeZone: TimeZone

  func apply(_ options: PackLoadOptions, to pack: inout RulePack) {
    for path in options.paramFiles {
      guard let file = PackLoader.readFile(path, sink: sink, what: "params file", at: nil) else {
        continue
      }
      let (root, diagnostics) = YAMLLoader.load(file)
      sink.append(contentsOf: diagnostics)
      if let root { applySet(root, to: &pack, origin: path) }
    }
    for assignment in options.setValues {
      guard let eq = assignment.firstIndex(of: "=") else {
        sink.error(
          .invalidValue, "--set expects name=value, not '\(assignment)'", at: nil,
          help: "for example --set parent_report_within=12h")
        continue
      }
      let name = String(assignment[..<eq]).trimmingCharacters(in: .whitespaces)
      let text = String(assignment[assignment.index(after: eq)...])
      guard let index = pack.params.firstIndex(where: { $0.name == name }) else {
        sink.error(
          .unknownParam, "--set names unknown param '\(name)'", at: nil,
          help: Suggestion.help(Suggestion.closest(to: name, in: pack.params.map(\.name))))
        continue
      }
      switch pack.params[index].type.parse(text, timeZone: timeZone) {
      case .success(let value):
        pack.params[index].value = value
        pack.params[index].origin = "--set"
        pack.params[index].setAt = nil
      case .failure(let error):
        sink.error(
          .typeMismatch,
          "--set \(name): \(error.message) (the param is a \(pack.params[index].type.name))",
          at: nil)
      }
    }
  }

  /// Applies a mapping of param names to values.
  func applySet(_ node: YAMLNode, to pack: inout RulePack, origin: String) {
    guard let reader = MappingReader(node, what: "param values", sink: sink) else { return }
    for (name, keyNode, valueNode) in reader.entries {
      guard let index = pack.params.firstIndex(where: { $0.name == name }) else {
        sink.error(
          .unknownParam, "unknown param '\(name)'", at: keyNode.range,
          help: Suggestion.help(Suggestion.closest(to: name, in: pack.params.map(\.name))))
        continue
      }
      guard let value = value(of: valueNode, type: pack.params[index].type, name: name) else {
        continue
      }
      pack.params[index].value = value
      pack.params[index].origin = origin
      pack.params[index].setAt = valueNode.range
    }
  }

  /// The value of a YAML node as a param of the given type.
  func value(of node: YAMLNode, type: FieldType, name: String) -> Value? {
    switch node.kind {
    case .scalar(let scalar):
      switch type.parse(scalar.value, timeZone: timeZone) {
      case .success(let v): return v
      case .failure(let error):
        sink.error(
          .typeMismatch, "param '\(name)' is a \(type.name): \(error.message)", at: node.range)
        return nil
      }
    case .sequence(let items):
      guard case .list(let element) = type else {
        sink.error(
          .typeMismatch, "param '\(name)' is a \(type.name), not a list", at: node.range)
        return nil
      }
      var out: [Value] = []
      for item in items {
        guard let v = value(of: item, type: element, name: name) else { return nil }
        out.append(v)
      }
      return .list(out)
    case .mapping:
      sink.error(.typeMismatch, "param '\(name)' is a \(type.name), not a mapping", at: node.range)
      return nil
    }
  }
}
