// Shared by the csv-read, json-read and jsonl-read targets (compiled into each).
import Glibc
import PreceptInput

enum FuzzReaders {
  static let path = "/dev/shm/precept-fuzz-\(getpid()).in"

  /// Every item as a comparable line, or the error that stopped reading.
  static func items(_ make: () throws(InputError) -> any RecordReader, limit: Int) -> [String] {
    var out: [String] = []
    do {
      var reader = try make()
      while let item = try reader.next() {
        switch item {
        case .record(let r): out.append("record \(r.location) \(r.index) \(r.fields.hashValue)")
        case .rejected(let p): out.append("rejected \(p)")
        }
        precondition(out.count <= limit, "more items than bytes: the reader does not advance")
      }
    } catch {
      out.append("error \(error)")
    }
    return out
  }

  static func compare(_ bytes: [UInt8], format: InputFormat) {
    let chunk = 2 + Int(bytes.first ?? 0) % 61
    let inMemory = items({ () throws(InputError) in
      try makeReader(bytes: bytes, file: path, format: format)
    }, limit: bytes.count + 2)
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    precondition(fd >= 0)
    bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
    let chunked = items({ () throws(InputError) in
      try makeReader(path: path, format: format, options: ReaderOptions(chunkSize: chunk))
    }, limit: bytes.count + 2)
    precondition(
      inMemory == chunked,
      "chunk size \(chunk) changes the result:\n\(inMemory)\n---\n\(chunked)")
  }
}
