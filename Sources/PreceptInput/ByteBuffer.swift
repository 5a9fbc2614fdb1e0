#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A window onto an input read in large chunks with `read(2)`: the readers scan its bytes in
/// place, and keep only the unconsumed tail (the record being parsed) when refilling.
///
/// Offsets given to and returned from the buffer are absolute (from the start of the input).
final class ByteBuffer {
  /// The bytes; `storage[0]` is at absolute offset ``base``.
  private(set) var storage: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  /// How many bytes of `storage` are valid.
  private(set) var count: Int = 0
  /// The absolute offset of `storage[0]`.
  private(set) var base: Int = 0
  /// Whether the input has been read to its end.
  private(set) var atEOF: Bool
  /// The input's display name.
  let file: String

  private let fd: Int32
  private let ownsFD: Bool
  private let chunkSize: Int

  /// A buffer reading from a file descriptor.
  init(fd: Int32, ownsFD: Bool, file: String, chunkSize: Int) {
    self.fd = fd
    self.ownsFD = ownsFD
    self.file = file
    self.chunkSize = max(chunkSize, 1)
    self.capacity = self.chunkSize
    self.storage = .allocate(capacity: self.capacity)
    self.atEOF = false
  }

  /// A buffer over bytes already in memory.
  init(bytes: [UInt8], file: String) {
    self.fd = -1
    self.ownsFD = false
    self.file = file
    self.chunkSize = max(bytes.count, 1)
    self.capacity = self.chunkSize
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    bytes.withUnsafeBufferPointer { source in
      if let address = source.baseAddress {
        storage.update(from: address, count: source.count)
      }
    }
    self.storage = storage
    self.count = bytes.count
    self.atEOF = true
  }

  deinit {
    storage.deallocate()
    if ownsFD { _ = close(fd) }
  }

  /// Opens a path (`-` is standard input).
  static func open(path: String, chunkSize: Int) throws(InputError) -> ByteBuffer {
    if path == "-" {
      return ByteBuffer(
        fd: 0, ownsFD: false, file: RecordLocation.fileName(forPath: path), chunkSize: chunkSize)
    }
    let fd = path.withCString { systemOpen($0, O_RDONLY | O_CLOEXEC) }
    if fd < 0 {
      let code = errno
      switch code {
      case ENOENT, ENOTDIR:
        throw InputError(kind: .notFound, message: "no such file", file: path)
      case EACCES, EPERM:
        throw InputError(kind: .permissionDenied, message: "permission denied", file: path)
      case EISDIR:
        throw InputError(kind: .notAFile, message: "is a directory, not a file", file: path)
      default:
        throw InputError(
          kind: .readFailed, message: "cannot open: \(errorText(code))", file: path)
      }
    }
    var info = stat()
    if fstat(fd, &info) == 0 {
      let type = info.st_mode & S_IFMT
      if type == S_IFDIR {
        _ = close(fd)
        throw InputError(kind: .notAFile, message: "is a directory, not a file", file: path)
      }
      if type != S_IFREG && type != S_IFIFO && type != S_IFCHR {
        _ = close(fd)
        throw InputError(kind: .notAFile, message: "is not a regular file", file: path)
      }
    }
    return ByteBuffer(fd: fd, ownsFD: true, file: path, chunkSize: chunkSize)
  }

  /// Like ``fill(keeping:)``, but reads until at least `minimum` more bytes are buffered (or
  /// the input ends). A reader that re-parses an incomplete record from its start after each
  /// fill asks for as much again as it already holds, so a record of n bytes is parsed
  /// O(log n) times rather than once per chunk.
  func fill(keeping keep: Int, atLeast minimum: Int) throws(InputError) -> Bool {
    guard try fill(keeping: keep) else { return false }
    let target = count + minimum
    var before = count
    while !atEOF && count < target {
      guard try fill(keeping: base) else { break }
      if count == before && !atEOF { break }
      before = count
    }
    return true
  }

  /// Reads more of the input, keeping the bytes from absolute offset `keep` onwards (earlier
  /// bytes may be dropped).
  ///
  /// - Returns: `false` when the input was already at its end, so nothing can change.
  func fill(keeping keep: Int) throws(InputError) -> Bool {
    if atEOF { return false }
    let drop = min(max(keep - base, 0), count)
    if drop > 0 {
      let kept = count - drop
      if kept > 0 {
        (storage).update(from: storage + drop, count: kept)
      }
      count = kept
      base += drop
    }
    if capacity - count < max(chunkSize / 2, 1) {
      let newCapacity = max(capacity * 2, count + chunkSize)
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      grown.update(from: storage, count: count)
      storage.deallocate()
      storage = grown
      capacity = newCapacity
    }
    while true {
      let got = read(fd, storage + count, min(capacity - count, chunkSize))
      if got > 0 {
        count += got
        return true
      }
      if got == 0 {
        atEOF = true
        return true
      }
      let code = errno
      if code == EINTR { continue }
      if code == EISDIR {
        throw InputError(kind: .notAFile, message: "is a directory, not a file", file: file)
      }
      throw InputError(kind: .readFailed, message: "read failed: \(errorText(code))", file: file)
    }
  }

  /// Reads the first chunk and checks the input is UTF-8.
  ///
  /// - Returns: the number of bytes to skip at the start (3 for a UTF-8 byte-order mark).
  func start() throws(InputError) -> Int {
    while !atEOF && count < 4 {
      _ = try fill(keeping: 0)
    }
    let b = UnsafeBufferPointer(start: storage, count: count)
    if b.count >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF
      || b.count >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0
    {
      throw InputError(
        kind: .notUTF8, message: "input is UTF-32; convert it to UTF-8", file: file)
    }
    if b.count >= 2 && (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE) {
      throw InputError(
        kind: .notUTF8, message: "input is UTF-16; convert it to UTF-8", file: file)
    }
    if b.count >= 2 && (b[0] == 0 || b[1] == 0) {
      throw InputError(
        kind: .notUTF8, message: "input is not UTF-8 text (it starts with a NUL byte)",
        file: file)
    }
    if b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
      return 3
    }
    return 0
  }
}

private func systemOpen(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
  open(path, flags)
}

private func errorText(_ code: Int32) -> String {
  guard let text = strerror(code) else { return "error \(code)" }
  return String(cString: text).lowercased()
}
