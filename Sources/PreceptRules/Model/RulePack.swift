import PreceptDiagnostics

/// A loaded rule pack: the DfE pack, or an overlay merged onto the pack it extends.
public struct RulePack: Sendable {
  /// `precept:` version of the DSL.
  public var dslVersion: Int
  public var id: String
  public var version: String
  public var title: String
  /// Rules apply to records dated on or after this.
  public var effective: LocalDate?
  /// IANA time zone for dates without offsets and day boundaries.
  public var timeZone: String
  /// The folder the pack was loaded from.
  public var directory: String
  /// The chain of packs merged into this one, base first (`[dfe-…, acme-overlay]`).
  public var lineage: [String]
  public var record: RecordConfig
  public var sources: [PackSource]
  public var params: [Param]
  public var definitions: [Definition]
  /// Rules in a deterministic order: by id.
  public var rules: [Rule]
  /// Test files found in the pack (and its bases).
  public var testFiles: [String]

  public init(
    dslVersion: Int = 1, id: String, version: String, title: String, effective: LocalDate?,
    timeZone: String = "Europe/London", directory: String, lineage: [String] = [],
    record: RecordConfig, sources: [PackSource] = [], params: [Param] = [],
    definitions: [Definition] = [], rules: [Rule] = [], testFiles: [String] = []
  ) {
    self.dslVersion = dslVersion
    self.id = id
    self.version = version
    self.title = title
    self.effective = effective
    self.timeZone = timeZone
    self.directory = directory
    self.lineage = lineage.isEmpty ? [id] : lineage
    self.record = record
    self.sources = sources
    self.params = params
    self.definitions = definitions
    self.rules = rules
    self.testFiles = testFiles
  }

  /// The rule with this id.
  public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }
  /// The source with this id.
  public func source(_ id: String) -> PackSource? { sources.first { $0.id == id } }
  /// The param with this name.
  public func param(_ name: String) -> Param? { params.first { $0.name == name } }
}

/// How a pack's records are shaped and named.
public struct RecordConfig: Sendable {
  public var schema: RecordSchema
  /// The CEL variable rules use for the record.
  public var variable: String
  /// The field holding the record's unique id.
  public var idField: String
  /// The field holding the record's date, for effective dating.
  public var dateField: String
  public var schemaFile: String?

  public init(
    schema: RecordSchema, variable: String = "incident", idField: String, dateField: String,
    schemaFile: String? = nil
  ) {
    self.schema = schema
    self.variable = variable
    self.idField = idField
    self.dateField = dateField
    self.schemaFile = schemaFile
  }
}

extension RulePack {
  /// Whether `id` can be a pack id: lower-kebab-case (`a`–`z`, `0`–`9` and `-`), not empty.
  public static func isValidID(_ id: String) -> Bool {
    !id.isEmpty
      && id.unicodeScalars.allSatisfy {
        ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-"
      }
  }
}
