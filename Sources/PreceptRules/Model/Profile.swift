import Foundation

/// How an export from a school system maps onto the canonical record: column renames, value
/// maps and the format of its dates. Profiles live in `Rules/profiles/*.yaml`.
public struct Profile: Sendable {
  /// The profile's name (`generic`).
  public var name: String
  public var description: String?
  /// Export column (dotted path) → canonical field path.
  public var columns: [String: String]
  /// Canonical field path → (export value → canonical value).
  public var values: [String: [String: String]]
  /// Timestamp formats accepted besides ISO 8601 with an offset: `iso` (ISO 8601 with an
  /// offset), `iso-local` (no offset, read in `timeZone`), `dd/mm/yyyy HH:MM` (UK style).
  public var timestampFormats: [String]
  /// The zone of timestamps written without an offset.
  public var timeZone: TimeZone?
  /// The separator of lists in text cells.
  public var listSeparator: Character
  /// Words the export uses for true and false (`Yes`, `N`), besides `true`/`false`.
  public var booleans: [String: Bool]
  /// Where the profile was read from, if from a file.
  public var path: String?

  public init(
    name: String, description: String? = nil, columns: [String: String] = [:],
    values: [String: [String: String]] = [:], timestampFormats: [String] = ["iso"],
    timeZone: TimeZone? = nil, listSeparator: Character = ";", booleans: [String: Bool] = [:],
    path: String? = nil
  ) {
    self.name = name
    self.description = description
    self.columns = columns
    self.values = values
    self.timestampFormats = timestampFormats
    self.timeZone = timeZone
    self.listSeparator = listSeparator
    self.booleans = booleans
    self.path = path
  }

  /// The canonical export: ISO 8601 timestamps with offsets, canonical column names.
  public static let canonical = Profile(name: "canonical")
}
