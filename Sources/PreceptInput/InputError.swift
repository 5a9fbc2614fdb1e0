/// An input that cannot be read at all: missing, unreadable, not text, or with an unusable
/// header or top-level shape. The command-line tool exits with code 3.
///
/// Problems in single records are never errors: they are ``ReadResult/rejected(_:)`` items.
public struct InputError: Error, Sendable, Hashable {
  /// What kind of failure this is.
  public enum Kind: Sendable, Hashable {
    /// The file does not exist.
    case notFound
    /// The file cannot be opened for reading.
    case permissionDenied
    /// The path names a directory or another non-file.
    case notAFile
    /// Reading failed part-way (an I/O error).
    case readFailed
    /// The input is not UTF-8 (a UTF-16/32 byte-order mark, or invalid bytes in the header).
    case notUTF8
    /// CSV: the header is missing, or has an empty, duplicate or conflicting column name.
    case invalidHeader
    /// JSON: the document is not an array of objects, nor an object holding one such array.
    case invalidStructure
    /// The format is not supported (yet), or cannot be detected.
    case unsupportedFormat
  }

  /// What kind of failure this is.
  public var kind: Kind
  /// What is wrong: lower-case, no trailing period, names in 'single quotes'.
  public var message: String
  /// The input's name.
  public var file: String
  /// Where in the input, when the failure has a place (e.g. a header column).
  public var location: RecordLocation?

  /// Creates an error.
  public init(kind: Kind, message: String, file: String, location: RecordLocation? = nil) {
    self.kind = kind
    self.message = message
    self.file = file
    self.location = location
  }

  /// The stable code of the kind, `PRE3100`…`PRE3107`.
  public var code: String {
    switch kind {
    case .notFound: "PRE3100"
    case .permissionDenied: "PRE3101"
    case .notAFile: "PRE3102"
    case .readFailed: "PRE3103"
    case .notUTF8: "PRE3104"
    case .invalidHeader: "PRE3105"
    case .invalidStructure: "PRE3106"
    case .unsupportedFormat: "PRE3107"
    }
  }
}

extension InputError: CustomStringConvertible {
  /// `file[:line:column]: error: message [CODE]`.
  public var description: String {
    let place = location.map(\.description) ?? file
    return "\(place): error: \(message) [\(code)]"
  }
}
