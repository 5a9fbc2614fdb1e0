import PreceptDiagnostics

/// A document that rules cite: a law, statutory guidance, a trust policy.
public struct PackSource: Sendable, Hashable {
  /// The id rules cite it by (`dfe-2026`).
  public var id: String
  public var title: String
  public var publisher: String?
  public var published: String?
  public var url: String?
  /// `law`, `statutory-guidance`, `guidance`, `policy` or `reference`.
  public var authority: String?
  public var declaredAt: SourceRange?

  public init(
    id: String, title: String, publisher: String? = nil, published: String? = nil,
    url: String? = nil, authority: String? = nil, declaredAt: SourceRange? = nil
  ) {
    self.id = id
    self.title = title
    self.publisher = publisher
    self.published = published
    self.url = url
    self.authority = authority
    self.declaredAt = declaredAt
  }
}

/// One entry of a rule's `cite:` list: a source id and where in it (`addendum §7`).
public struct Citation: Sendable, Hashable, CustomStringConvertible {
  public var sourceID: String
  public var locator: String
  public var range: SourceRange?

  public init(sourceID: String, locator: String, range: SourceRange? = nil) {
    self.sourceID = sourceID
    self.locator = locator
    self.range = range
  }

  /// Parses `source-id locator…`.
  public init(parsing text: String, range: SourceRange?) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let space = trimmed.firstIndex(of: " ") {
      sourceID = String(trimmed[..<space])
      locator = String(trimmed[space...]).trimmingCharacters(in: .whitespaces)
    } else {
      sourceID = trimmed
      locator = ""
    }
    self.range = range
  }

  public var description: String { locator.isEmpty ? sourceID : "\(sourceID) \(locator)" }
}
