import PreceptDiagnostics
import PreceptTestSupport
import Testing

@testable import PreceptYAML

/// Loads marked YAML text; returns the root, diagnostics and the marked text.
func load(_ marked: String, limits: YAMLLimits = YAMLLimits()) -> (
  root: YAMLNode?, diagnostics: [Diagnostic], marked: MarkedText, file: SourceFile
) {
  let text = MarkedText(marked)
  let file = text.sourceFile(path: "test.yaml")
  let (root, diagnostics) = YAMLLoader.load(file, limits: limits)
  return (root, diagnostics, text, file)
}

/// Every scalar node in a tree, depth first (keys before values).
func allScalars(_ node: YAMLNode) -> [YAMLNode] {
  switch node.kind {
  case .scalar: return [node]
  case .sequence(let items): return items.flatMap(allScalars)
  case .mapping(let pairs): return pairs.flatMap { allScalars($0.key) + allScalars($0.value) }
  }
}

/// Checks that every byte of a scalar's value maps to a plausible source byte: the same byte
/// (verbatim copies), a line break (folding), a backslash (escapes) or a quote (`''`), and that
/// the mapping never goes backwards.
func expectConsistentOffsets(
  _ node: YAMLNode, sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let scalar = node.scalar else { return }
  #expect(scalar.hasExactOffsets, "\(node) at \(node.range)", sourceLocation: sourceLocation)
  let bytes = node.range.file.bytes
  let value = Array(scalar.value.utf8)
  var previous = -1
  for index in value.indices {
    let source = scalar.sourceOffset(forValueOffset: index)
    #expect(source >= previous, "offsets go backwards in \(node)", sourceLocation: sourceLocation)
    previous = source
    guard source < bytes.count else {
      Issue.record(
        "value byte \(index) of \(node) maps past the end", sourceLocation: sourceLocation)
      return
    }
    let sourceByte = bytes[source]
    let plausible =
      sourceByte == value[index] || sourceByte == UInt8(ascii: "\\")
      || sourceByte == UInt8(ascii: "\r") || sourceByte == UInt8(ascii: "\n")
      || sourceByte == 0xC2 || sourceByte == 0xE2
    #expect(
      plausible, "value byte \(index) of \(node) maps to '\(UnicodeScalar(sourceByte))'",
      sourceLocation: sourceLocation)
  }
}

/// The value offset of the `occurrence`-th appearance of `needle` in a scalar's value.
func valueOffset(of needle: String, in scalar: YAMLScalar, occurrence: Int = 1) -> Int? {
  let value = Array(scalar.value.utf8)
  let pattern = Array(needle.utf8)
  var seen = 0
  guard pattern.count <= value.count else { return nil }
  for start in 0...(value.count - pattern.count)
  where Array(value[start..<start + pattern.count]) == pattern {
    seen += 1
    if seen == occurrence { return start }
  }
  return nil
}
