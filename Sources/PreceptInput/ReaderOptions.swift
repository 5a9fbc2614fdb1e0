/// Options for the readers.
public struct ReaderOptions: Sendable, Hashable {
  /// The CSV field delimiter: `,` (default), `;` or tab.
  public var csvDelimiter: UInt8
  /// When `true`, an empty CSV field is kept as ``RawValue/null``; by default it is absent (left
  /// out of the record, and a nested object whose cells are all empty is left out too).
  public var keepEmptyFields: Bool
  /// The deepest JSON nesting accepted inside one record (at most 1000).
  public var maxDepth: Int
  /// The size of each read from the input.
  public var chunkSize: Int
  /// The largest record accepted; a larger one (usually an unclosed quote or bracket) is
  /// rejected, so memory stays bounded whatever the input.
  public var maxRecordBytes: Int
  /// Top-level keys that only a record has (its id field, as the export names it): a JSON
  /// document whose top-level object has one of them is one record, not an object wrapping a
  /// records array.
  public var recordKeys: Set<String>
  /// The record's top-level field names as the export writes them: a list of objects under
  /// one of these keys is part of a record (its staff), not the records array of a wrapper.
  public var recordFields: Set<String> = []
  /// Whether a JSON document that is one object is that one record even without one of
  /// ``recordKeys`` (for reading a single record, perhaps a draft without its id, as
  /// `precept eval --record` does), unless it wraps a list of records.
  public var objectIsOneRecord = false

  /// Creates options; the defaults suit incident exports.
  public init(
    csvDelimiter: UInt8 = UInt8(ascii: ","), keepEmptyFields: Bool = false, maxDepth: Int = 64,
    chunkSize: Int = 1 << 20, maxRecordBytes: Int = 64 << 20, recordKeys: Set<String> = []
  ) {
    self.recordKeys = recordKeys
    self.csvDelimiter = csvDelimiter
    self.keepEmptyFields = keepEmptyFields
    self.maxDepth = maxDepth
    self.chunkSize = chunkSize
    self.maxRecordBytes = maxRecordBytes
  }
}
