import PreceptDiagnostics

/// A value read from a rule file, with where it was written.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  /// The range of the YAML node the value came from; `nil` for values given on the command line.
  public var range: SourceRange?

  public init(_ value: Value, at range: SourceRange?) {
    self.value = value
    self.range = range
  }
}

extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}
