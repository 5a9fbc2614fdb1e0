import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A buffered writer to an `--output` file or standard output, for reports written while the
/// check runs.
final class OutputFile {
  private let file: UnsafeMutablePointer<FILE>
  private let path: String?
  private var failed = false

  /// Opens `path` for writing (standard output when `nil` or `-`).
  /// - Throws: `ExitCode` (usage) after saying why, when the file cannot be created.
  init(path: String?) throws {
    if let path, path != "-" {
      guard let opened = fopen(path, "w") else {
        let reason = String(cString: strerror(errno))
        Output.stderr("error: cannot write '\(path)': \(reason)\n")
        throw ExitCode(ExitStatus.usage.rawValue)
      }
      file = opened
      self.path = path
      setvbuf(file, nil, _IOFBF, 1 << 20)
    } else {
      // A stream of its own on descriptor 1, flushed (never closed) at the end.
      guard let opened = fdopen(1, "w") else {
        Output.stderr("error: cannot write to standard output\n")
        throw ExitCode(ExitStatus.usage.rawValue)
      }
      file = opened
      self.path = nil
      // A person watching a terminal sees each line as it is written.
      setvbuf(file, nil, isatty(1) == 1 ? _IOLBF : _IOFBF, 1 << 16)
    }
  }

  /// Appends `text`.
  func write(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      if let base = bytes.baseAddress, fwrite(base, 1, bytes.count, file) != bytes.count {
        failed = true
      }
    }
  }

  /// Flushes and closes the file.
  /// - Throws: `ExitCode` (usage) after saying why, when not everything could be written.
  func close() throws {
    let flushed = fflush(file) == 0
    if path != nil { fclose(file) }
    if failed || !flushed {
      Output.stderr(
        "error: cannot write '\(path ?? "standard output")': \(String(cString: strerror(errno)))\n")
      throw ExitCode(ExitStatus.usage.rawValue)
    }
  }

  /// Closes the file and removes it: the run failed, and half a report would mislead.
  func discard() {
    guard let path else {
      fflush(file)
      return
    }
    fclose(file)
    unlink(path)
  }
}
