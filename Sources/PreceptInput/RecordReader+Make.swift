/// Opens an input for streaming.
///
/// - Parameters:
///   - path: A file path, or `-` for standard input.
///   - format: The format; `nil` detects it from the extension (`.csv`, `.json`,
///     `.jsonl`/`.ndjson`, `.yaml`/`.yml`), and for standard input or an unknown extension from
///     the first byte (`[` JSON, `{` JSON Lines, anything else CSV).
///   - options: Reader options.
/// - Returns: A reader positioned at the first record (the CSV header, or the JSON array's
///   opening, has been read).
/// - Throws: ``InputError`` when the input cannot be read at all.
public func makeReader(
  path: String, format: InputFormat?, options: ReaderOptions = ReaderOptions()
) throws(InputError) -> any RecordReader {
  let buffer = try ByteBuffer.open(path: path, chunkSize: options.chunkSize)
  let resolved: InputFormat
  if let format {
    resolved = format
  } else if path != "-", let byExtension = InputFormat(pathExtensionOf: path) {
    resolved = byExtension
  } else {
    resolved = try sniffFormat(buffer)
  }
  switch resolved {
  case .csv: return try CSVReader(buffer: buffer, options: options)
  case .json: return try JSONReader(buffer: buffer, options: options)
  case .jsonl: return try JSONLinesReader(buffer: buffer, options: options)
  case .yaml: return try YAMLRecordReader(buffer: buffer, options: options)
  }
}

/// Guesses the format from the first non-blank byte.
private func sniffFormat(_ buffer: ByteBuffer) throws(InputError) -> InputFormat {
  var offset = try buffer.start()
  while true {
    let index = offset - buffer.base
    if index < buffer.count {
      switch buffer.storage[index] {
      case 0x20, 0x09, 0x0D, 0x0A: offset += 1
      case UInt8(ascii: "["): return .json
      case UInt8(ascii: "{"): return .jsonl
      default: return .csv
      }
    } else if buffer.atEOF {
      return .csv
    } else {
      _ = try buffer.fill(keeping: buffer.base)
    }
  }
}

/// Opens an input in memory for streaming (tests, embedding).
///
/// - Parameters:
///   - bytes: The input's bytes.
///   - file: The name used in locations.
///   - format: The format.
///   - options: Reader options.
/// - Throws: ``InputError`` when the input cannot be read at all.
public func makeReader(
  bytes: [UInt8], file: String, format: InputFormat, options: ReaderOptions = ReaderOptions()
) throws(InputError) -> any RecordReader {
  let buffer = ByteBuffer(bytes: bytes, file: file)
  switch format {
  case .csv: return try CSVReader(buffer: buffer, options: options)
  case .json: return try JSONReader(buffer: buffer, options: options)
  case .jsonl: return try JSONLinesReader(buffer: buffer, options: options)
  case .yaml: return try YAMLRecordReader(buffer: buffer, options: options)
  }
}
