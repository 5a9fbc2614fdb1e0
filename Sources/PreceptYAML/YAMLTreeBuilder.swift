internal import CYaml
import PreceptDiagnostics

/// Drives libyaml's event parser and builds the node tree with an explicit stack, so that deep
/// nesting cannot overflow the call stack.
struct YAMLTreeBuilder {
  let file: SourceFile
  let limits: YAMLLimits
  let offsets: CharacterOffsets
  var diagnostics: [Diagnostic] = []
  var root: YAMLNode?

  private var stack: [Frame] = []
  private var anchors: [String: Anchored] = [:]
  private var nodeCount = 0
  private var documentCount = 0
  private var documentStart = SourceRange(file: SourceFile(path: "", text: ""), start: 0, end: 0)
  /// Set when loading stopped at an error: the tree is then incomplete and not returned.
  private var stopped = false

  private struct Anchored {
    var node: YAMLNode
    var size: Int
  }

  private struct Frame {
    var isMapping: Bool
    var isFlow: Bool
    var start: Int
    var tag: String?
    var anchor: String?
    var countAtStart: Int
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var pendingKey: YAMLNode?
    var seenKeys: [YAMLKeyIdentity: SourceRange] = [:]
  }

  init(file: SourceFile, limits: YAMLLimits) {
    self.file = file
    self.limits = limits
    self.offsets = CharacterOffsets(file.bytes)
  }

  // MARK: - Driving libyaml

  mutating func run() {
    guard !file.bytes.isEmpty else { return }
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) != 0 else {
      diagnostics.append(
        .error(YAMLDiagnosticCode.syntax.code, "out of memory while reading YAML"))
      return
    }
    defer { yaml_parser_delete(parser) }

    file.bytes.withUnsafeBufferPointer { buffer in
      yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(parser, &event) != 0 else {
          reportParserError(parser.pointee)
          stopped = true
          return
        }
        let proceed = handle(&event)
        yaml_event_delete(&event)
        if !proceed { return }
      }
    }
    if stopped { root = nil }
  }

  /// Handles one event; false stops the parse.
  private mutating func handle(_ event: inout yaml_event_t) -> Bool {
    let start = offsets.byteOffset(Int(event.start_mark.index))
    let end = offsets.byteOffset(Int(event.end_mark.index))
    switch event.type {
    case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT, YAML_NO_EVENT:
      return true
    case YAML_STREAM_END_EVENT:
      return false
    case YAML_DOCUMENT_START_EVENT:
      documentCount += 1
      if documentCount > 1 {
        diagnostics.append(
          .error(
            YAMLDiagnosticCode.multipleDocuments.code,
            "a file must contain a single YAML document",
            at: SourceRange(file: file, start: start, end: end),
            notes: [.init("the first document starts here", at: documentStart)],
            help: "remove the '---' line, or split the file"))
        stopped = true
        return false
      }
      documentStart = SourceRange(file: file, start: start, end: end)
      return true
    case YAML_ALIAS_EVENT:
      return handleAlias(name: string(event.data.alias.anchor), start: start, end: end)
    case YAML_SCALAR_EVENT:
      return handleScalar(event.data.scalar, start: start, end: end)
    case YAML_SEQUENCE_START_EVENT:
      let data = event.data.sequence_start
      return push(
        isMapping: false, isFlow: data.style == YAML_FLOW_SEQUENCE_STYLE, start: start,
        tag: string(data.tag), anchor: string(data.anchor))
    case YAML_MAPPING_START_EVENT:
      let data = event.data.mapping_start
      return push(
        isMapping: true, isFlow: data.style == YAML_FLOW_MAPPING_STYLE, start: start,
        tag: string(data.tag), anchor: string(data.anchor))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      return pop(end: end)
    default:
      return true
    }
  }

  private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
  }

  // MARK: - Nodes

  private mutating func count(_ added: Int, at range: SourceRange) -> Bool {
    nodeCount += added
    guard nodeCount > limits.maxNodes else { return true }
    diagnostics.append(
      .error(
        YAMLDiagnosticCode.tooManyNodes.code,
        "the document has more than \(limits.maxNodes) nodes after expanding aliases",
        at: range, help: "use fewer aliases, or split the file"))
    stopped = true
    return false
  }

  private mutating func handleScalar(
    _ data: yaml_event_t.__Unnamed_union_data.__Unnamed_struct_scalar, start: Int, end: Int
  ) -> Bool {
    let tag = string(data.tag)
    let anchor = string(data.anchor)
    let contentStart =
      tag != nil || anchor != nil
      ? ScalarSourceScanner.skipProperties(file.bytes, from: start, limit: end) : start
    let valueBytes = Array(UnsafeBufferPointer(start: data.value, count: Int(data.length)))
    let style: YAMLScalar.Style
    switch data.style {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
    case YAML_LITERAL_SCALAR_STYLE: style = .literal
    case YAML_FOLDED_SCALAR_STYLE: style = .folded
    default: style = .plain
    }
    let located = ScalarLocator.locate(
      file.bytes, style: style, start: contentStart, end: end, value: valueBytes)
    let scalar = YAMLScalar(
      value: String(decoding: valueBytes, as: UTF8.self), style: style, tag: tag,
      offsets: located.offsets)
    let range = SourceRange(file: file, start: contentStart, end: located.end)
    let node = YAMLNode(kind: .scalar(scalar), range: range, tag: tag)
    guard count(1, at: range) else { return false }
    if let anchor {
      anchors[anchor] = Anchored(node: node, size: 1)
    }
    attach(node)
    return true
  }

  private mutating func handleAlias(name: String?, start: Int, end: Int) -> Bool {
    let range = SourceRange(file: file, start: start, end: end)
    let name = name ?? ""
    guard let anchored = anchors[name] else {
      let inside = stack.contains { $0.anchor == name }
      diagnostics.append(
        .error(
          YAMLDiagnosticCode.undefinedAlias.code,
          inside
            ? "alias '\(name)' refers to a node that contains it" : "undefined alias '\(name)'",
          at: range,
          help: inside ? nil : "define the anchor with '&\(name)' before using it"))
      let null = YAMLScalar(
        value: "", style: .plain, tag: nil, offsets: .verbatim(at: start, count: 0))
      attach(YAMLNode(kind: .scalar(null), range: range))
      return true
    }
    guard count(anchored.size, at: range) else { return false }
    var node = anchored.node
    node.range = range
    attach(node)
    return true
  }

  private mutating func push(
    isMapping: Bool, isFlow: Bool, start: Int, tag: String?, anchor: String?
  ) -> Bool {
    let contentStart =
      tag != nil || anchor != nil
      ? ScalarSourceScanner.skipProperties(file.bytes, from: start, limit: file.bytes.count)
      : start
    let range = SourceRange(file: file, start: contentStart, end: contentStart + 1)
    guard stack.count < limits.maxDepth else {
      diagnostics.append(
        .error(
          YAMLDiagnosticCode.tooDeep.code,
          "nesting is deeper than \(limits.maxDepth) levels", at: range))
      stopped = true
      return false
    }
    guard count(1, at: range) else { return false }
    stack.append(
      Frame(
        isMapping: isMapping, isFlow: isFlow, start: contentStart, tag: tag, anchor: anchor,
        countAtStart: nodeCount))
    return true
  }

  private mutating func pop(end: Int) -> Bool {
    guard let frame = stack.popLast() else { return true }
    let lastEnd: Int
    if frame.isFlow {
      lastEnd = end
    } else if frame.isMapping {
      lastEnd = frame.pairs.last.map { max($0.key.range.end, $0.value.range.end) } ?? frame.start
    } else {
      lastEnd = frame.items.last?.range.end ?? frame.start
    }
    let range = SourceRange(file: file, start: frame.start, end: max(frame.start, lastEnd))
    let node = YAMLNode(
      kind: frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items), range: range,
      tag: frame.tag)
    if let anchor = frame.anchor {
      anchors[anchor] = Anchored(node: node, size: nodeCount - frame.countAtStart + 1)
    }
    attach(node)
    return true
  }

  private mutating func attach(_ node: YAMLNode) {
    guard !stack.isEmpty else {
      root = node
      return
    }
    let top = stack.count - 1
    if !stack[top].isMapping {
      stack[top].items.append(node)
      return
    }
    guard let key = stack[top].pendingKey else {
      if case .scalar(let scalar) = node.kind, scalar.style == .plain, scalar.value == "<<",
        node.tag == nil
      {
        diagnostics.append(
          .error(
            YAMLDiagnosticCode.mergeKey.code, "merge keys ('<<') are not supported",
            at: node.range, help: "write the keys out in full"))
      }
      stack[top].pendingKey = node
      return
    }
    stack[top].pendingKey = nil
    let identity = YAMLKeyIdentity(key)
    if let first = stack[top].seenKeys[identity] {
      let name = key.scalarValue.map { " '\($0)'" } ?? ""
      diagnostics.append(
        .error(
          YAMLDiagnosticCode.duplicateKey.code, "duplicate key\(name)", at: key.range,
          notes: [.init("first defined here", at: first)]))
    } else {
      stack[top].seenKeys[identity] = key.range
    }
    stack[top].pairs.append(YAMLPair(key: key, value: node))
  }

  // MARK: - Errors

  private mutating func reportParserError(_ parser: yaml_parser_t) {
    let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
    switch parser.error {
    case YAML_MEMORY_ERROR:
      diagnostics.append(.error(YAMLDiagnosticCode.syntax.code, "out of memory while reading YAML"))
    case YAML_READER_ERROR:
      let offset = min(Int(parser.problem_offset), file.bytes.count)
      var message = problem
      if problem == "control characters are not allowed", parser.problem_value >= 0,
        let scalar = Unicode.Scalar(UInt32(parser.problem_value))
      {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        message =
          "control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) "
          + "is not allowed"
      }
      diagnostics.append(
        .error(
          YAMLDiagnosticCode.invalidCharacter.code, message,
          at: SourceRange(file: file, start: offset, end: min(offset + 1, file.bytes.count))))
    default:
      let offset = offsets.byteOffset(Int(parser.problem_mark.index))
      let character = file.slice(offset, offset + 4).unicodeScalars.first
      let context = parser.context.map { String(cString: $0) }
      let reworded = YAMLSyntaxProblem(problem: problem, context: context, character: character)
      var notes: [Diagnostic.Note] = []
      let contextOffset = offsets.byteOffset(Int(parser.context_mark.index))
      if let note = reworded.contextNote, context != nil, contextOffset != offset {
        notes.append(.init(note, at: .point(file, contextOffset)))
      }
      let length = character.map { $0 == "\n" || $0 == "\r" ? 0 : String($0).utf8.count } ?? 0
      diagnostics.append(
        .error(
          YAMLDiagnosticCode.syntax.code, reworded.message,
          at: SourceRange(file: file, start: offset, end: offset + length), notes: notes,
          help: reworded.help))
    }
  }
}
