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
  /// - Parameter inputs: files the run reads (exports, rosters); `path` must not be one of
  ///   them, since opening it for writing would empty it before it is read.
  /// - Throws: `ExitCode` (usage) after saying why, when the file cannot be created or is
  ///   one of `inputs`.
  init(path: String?, inputs: [String] = []) throws {
    if let path, path != "-" {
      if let input = inputs.first(where: { Self.sameFile(path, $0) }) {
        Output.stderr(
          "error: --output '\(path)' is '\(input)', which this run reads: writing the report "
            + "there would destroy it; choose another file\n")
        throw ExitCode(ExitStatus.usage.rawValue)
      }
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

  /// The YAML files of a rule pack's folder (pack.yaml, rules, tests, schema, params), which an
  /// output must not overwrite either. A report written into the folder before (`report.sarif`)
  /// may be written again.
  static func files(under directory: String) -> [String] {
    guard let walk = FileManager.default.enumerator(atPath: directory) else { return [] }
    var out: [String] = []
    while let name = walk.nextObject() as? String {
      guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
      out.append((directory as NSString).appendingPathComponent(name))
    }
    return out
  }

  /// Whether two paths name one existing file (the same device and inode), however written.
  static func sameFile(_ a: String, _ b: String) -> Bool {
    guard b != "-" else { return false }
    var sa = stat()
    var sb = stat()
    guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
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

/// Writes a report's prologue just before its first other text.
final class PrologueFirst {
  private var prologue: String?
  private let file: OutputFile

  init(_ prologue: String, file: OutputFile) {
    self.prologue = prologue
    self.file = file
  }

  func write(_ text: String) {
    if let p = prologue {
      prologue = nil
      file.write(p)
    }
    file.write(text)
  }
}
