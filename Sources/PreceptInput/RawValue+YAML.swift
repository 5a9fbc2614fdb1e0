import PreceptYAML

extension RawValue {
  /// The raw value of a YAML node (a YAML export's record, a rule test's record), with each
  /// mapping key's position. Numbers keep their text, so the typing stage reads them exactly.
  public init(yaml node: YAMLNode) {
    switch node.kind {
    case .scalar(let s):
      switch s.resolved {
      case .null: self = .null
      case .bool(let b): self = .bool(b)
      case .int, .double: self = .number(s.value)
      case .string(let text): self = .string(text)
      }
    case .sequence(let items):
      self = .list(items.map(RawValue.init(yaml:)))
    case .mapping(let pairs):
      self = .object(
        RawObject(
          pairs.map {
            let p = $0.key.range.startPosition
            return RawField(
              key: $0.key.scalarValue ?? "", value: RawValue(yaml: $0.value),
              position: SourcePosition(line: p.line, column: p.column))
          }))
    }
  }
}
