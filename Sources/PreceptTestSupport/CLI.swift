import Foundation

/// Runs the built `precept` executable, for end-to-end tests.
public enum CLI {
  /// The result of one run.
  public struct Result: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// The repository root (the folder holding Package.swift), from a test file's path.
  public static func repositoryRoot(filePath: StaticString = #filePath) -> URL {
    var url = URL(fileURLWithPath: "\(filePath)").deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
      url = url.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }

  /// The `precept` binary built beside the test bundle (or in `.build/debug`).
  public static func executable(filePath: StaticString = #filePath) -> URL {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
    var candidates = [
      testBinary.deletingLastPathComponent().appendingPathComponent("precept"),
      testBinary.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("precept"),
    ]
    candidates.append(
      repositoryRoot(filePath: filePath).appendingPathComponent(".build/debug/precept"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates.last!
  }

  /// Runs `precept` with arguments in the repository root (or `directory`), feeding `stdin`.
  public static func run(
    _ arguments: [String], stdin: String? = nil, directory: URL? = nil,
    environment: [String: String] = [:], filePath: StaticString = #filePath
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable(filePath: filePath)
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? repositoryRoot(filePath: filePath)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // Feed standard input and read both pipes at the same time: `precept check` writes its
    // report while it reads, so a large input and a large output must not block each other.
    let errBox = DataBox()
    let group = DispatchGroup()
    let writer = input.fileHandleForWriting
    let inputData = stdin.map { Data($0.utf8) }
    group.enter()
    DispatchQueue.global().async {
      if let inputData { writer.write(inputData) }
      try? writer.close()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errBox.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.get()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// A lock-protected buffer for reading a pipe on another thread.
private final class DataBox: @unchecked Sendable {
  private var data = Data()
  private let lock = NSLock()
  func set(_ d: Data) { lock.withLock { data = d } }
  func get() -> Data { lock.withLock { data } }
}
