#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Text put aside on disk while a check runs, to be copied into the output at the end: an
/// unnamed temporary file (it has no name from the moment it is made, so no other process can
/// open it, and it is gone when closed), written in order and read back by byte ranges.
final class Spool {
  private let file: UnsafeMutablePointer<FILE>
  /// Bytes written so far: the offset of the next byte.
  private(set) var size = 0

  /// A new spool; `nil` when no temporary file can be made.
  init?() {
    guard let file = tmpfile() else { return nil }
    self.file = file
  }

  deinit { fclose(file) }

  /// Appends bytes.
  func append(_ bytes: UnsafeRawBufferPointer) {
    if bytes.count > 0 { _ = fwrite(bytes.baseAddress, 1, bytes.count, file) }
    size += bytes.count
  }

  /// Appends a string's UTF-8 bytes.
  func append(_ text: String) {
    var text = text
    text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
  }

  /// Hands the UTF-8 text of bytes `range` to `write` in pieces of at most about a megabyte,
  /// each ending between characters.
  func copy(_ range: Range<Int>, to write: (String) -> Void) {
    fflush(file)
    let chunk = 1 << 20
    var buffer = [UInt8](repeating: 0, count: min(chunk, range.count))
    var position = range.lowerBound
    while position < range.upperBound {
      let n = buffer.withUnsafeMutableBytes {
        pread(
          fileno(file), $0.baseAddress, min(chunk, range.upperBound - position),
          off_t(position))
      }
      guard n > 0 else { return }
      // A character cut by the piece's end is read again with the next piece.
      var cut = n
      if position + n < range.upperBound {
        var lead = n - 1
        while lead > 0, buffer[lead] & 0xC0 == 0x80 { lead -= 1 }
        let b = buffer[lead]
        let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        if lead > 0, lead + length > n { cut = lead }
      }
      write(String(decoding: buffer[..<cut], as: UTF8.self))
      position += cut
    }
  }
}
