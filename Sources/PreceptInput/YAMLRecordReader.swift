import PreceptDiagnostics
import PreceptYAML

/// Reads a YAML export: a list of records, a mapping holding one such list (`incidents:`), or
/// a single record. YAML cannot be streamed with positions kept, so the file is read whole;
/// YAML exports are small (a school's records), and CSV or JSON Lines suit large ones.
final class YAMLRecordReader: RecordReader {
  private let file: String
  private var items: [YAMLNode]
  private var index = 0

  init(buffer: ByteBuffer, options: ReaderOptions) throws(InputError) {
    file = buffer.file
    let skip = try buffer.start()
    while try buffer.fill(keeping: buffer.base) {}
    let bytes = Array(UnsafeBufferPointer(start: buffer.storage + skip, count: buffer.count - skip))
    let source = SourceFile(path: buffer.file, bytes: bytes)
    // Aliases may not expand the document beyond the size of its text: no billion laughs.
    let limits = YAMLLimits(maxNodes: max(100_000, bytes.count), maxDepth: options.maxDepth)
    let (root, diagnostics) = YAMLLoader.load(source, limits: limits)
    if root == nil, let first = diagnostics.first(where: { $0.severity == .error }) {
      throw InputError(
        kind: .invalidStructure, message: "the YAML cannot be read: \(first.message)",
        file: file, location: Self.location(first.range, file: file, fallback: source))
    }
    // Problems inside records (duplicate keys) reject the record they are in.
    problems = diagnostics.filter { $0.severity == .error }
    // An input with nothing in it (or only comments) is refused, as the other formats refuse
    // one.
    guard let root, !Self.isNull(root) else {
      throw InputError(kind: .invalidStructure, message: "the input is empty", file: file)
    }
    switch root.kind {
    case .sequence(let list):
      items = list
    case .mapping(let pairs):
      if pairs.count == 1, case .sequence(let list) = pairs[0].value.kind {
        items = list
      } else {
        items = [root]
      }
    case .scalar:
      if root.isNull {
        items = []
      } else {
        throw InputError(
          kind: .invalidStructure,
          message: "a YAML export must be a list of records, or a mapping holding one",
          file: file, location: Self.location(root.range, file: file, fallback: source))
      }
    }
  }

  private let problems: [Diagnostic]

  func next() throws(InputError) -> ReadResult? {
    guard index < items.count else { return nil }
    let node = items[index]
    defer { index += 1 }
    let start = node.range.startPosition
    let location = RecordLocation(file: file, line: start.line, column: start.column)
    if let problem = problems.first(where: {
      guard let r = $0.range else { return false }
      return r.start >= node.range.start && r.start < max(node.range.end, node.range.start + 1)
    }) {
      let p = problem.range!.startPosition
      return .rejected(
        InputProblem(
          code: InputProblem.Code.duplicateKey, message: problem.message,
          location: RecordLocation(file: file, line: p.line, column: p.column)))
    }
    guard case .mapping = node.kind else {
      return .rejected(
        InputProblem(
          code: InputProblem.Code.notAnObject,
          message: "a record must be a mapping of fields, not \(node.kindDescription)",
          location: location))
    }
    guard case .object(let fields) = RawValue(yaml: node) else { return nil }
    return .record(RawRecord(location: location, fields: fields, index: index))
  }

  private static func location(_ range: SourceRange?, file: String, fallback: SourceFile)
    -> RecordLocation
  {
    let p = range?.startPosition ?? fallback.position(at: 0)
    return RecordLocation(file: file, line: p.line, column: p.column)
  }

  /// Whether a document is only a null (`~`, `null`, or nothing after `---`).
  private static func isNull(_ node: YAMLNode) -> Bool {
    if case .scalar(let scalar) = node.kind, scalar.resolved == .null { return true }
    return false
  }
}
