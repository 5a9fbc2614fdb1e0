/// A scalar's text after YAML processing, how it was written, and what it means.
public struct YAMLScalar: Sendable {
  /// How a scalar was written.
  public enum Style: String, Sendable, Hashable, CaseIterable {
    /// `value`
    case plain
    /// `'value'`
    case singleQuoted
    /// `"value"`
    case doubleQuoted
    /// `|` block
    case literal
    /// `>` block
    case folded
  }

  /// A scalar's meaning under Precept's strict resolution rules.
  ///
  /// Only plain scalars are resolved: plain `true` and `false` are booleans (not `yes`, `no`,
  /// `on`, `off`, `True`); plain `null`, `~` and the empty scalar are null; plain decimal
  /// integers are `int` and decimal floats (`1.5`, `-2e3`, `.5`) are `double`. Everything else is
  /// a string: quoted and block scalars, numbers with leading zeros (`007`), hexadecimal and
  /// octal forms, `.inf`, `.nan`, dates (`2026-04-01`), durations (`24h`). A scalar tagged `!!str`
  /// or `!` is a string whatever its style.
  public enum Resolved: Sendable, Hashable {
    /// `null`, `~` or empty.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A decimal integer that fits in 64 bits.
    case int(Int64)
    /// A decimal floating-point number.
    case double(Double)
    /// Any other text.
    case string(String)
  }

  /// The text after YAML processing (quotes removed, escapes decoded, lines folded).
  public var value: String
  /// How the scalar was written.
  public var style: Style
  /// The scalar's meaning.
  public var resolved: Resolved
  /// Where each byte of `value` came from.
  let offsets: ScalarOffsetMap

  /// Creates a scalar resolving `value` by the strict rules.
  /// - Parameters:
  ///   - value: The processed text.
  ///   - style: How it was written.
  ///   - tag: The explicit tag, if any.
  ///   - sourceStart: The file offset of the scalar's first value byte, for a scalar whose
  ///     value is copied verbatim from the file; offsets into the value map to this plus the
  ///     offset.
  public init(value: String, style: Style, tag: String? = nil, sourceStart: Int = 0) {
    self.init(
      value: value, style: style, tag: tag,
      offsets: .verbatim(at: sourceStart, count: value.utf8.count))
  }

  init(value: String, style: Style, tag: String?, offsets: ScalarOffsetMap) {
    self.value = value
    self.style = style
    self.resolved = YAMLScalar.resolve(value, style: style, tag: tag)
    self.offsets = offsets
  }

  /// The byte offset in the file of the character that produced a byte of `value`.
  ///
  /// Exact for every style: an escape sequence maps to its backslash, a line break folded to a
  /// space maps to the line break, and indentation removed from block and multi-line scalars is
  /// skipped. An offset at or past the end of `value` maps to just after the last character.
  /// - Parameter valueOffset: A UTF-8 offset into `value`.
  /// - Returns: A UTF-8 offset into the file.
  public func sourceOffset(forValueOffset valueOffset: Int) -> Int {
    offsets.sourceOffset(forValueOffset: valueOffset)
  }

  /// Whether `sourceOffset(forValueOffset:)` is exact for this scalar (it is unless the loader
  /// could not reproduce libyaml's processing, when it maps offsets approximately).
  public var hasExactOffsets: Bool { offsets.isExact }

  /// Whether this is a plain scalar that resolves to null.
  public var isNull: Bool {
    if case .null = resolved { return true }
    return false
  }
}

extension YAMLScalar: Equatable {
  /// Scalars are equal when their value and style are; positions are ignored.
  public static func == (lhs: YAMLScalar, rhs: YAMLScalar) -> Bool {
    lhs.value == rhs.value && lhs.style == rhs.style
  }
}
