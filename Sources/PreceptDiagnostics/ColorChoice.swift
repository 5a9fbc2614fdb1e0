import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether to colour output: the value of a `--color` option.
public enum ColorChoice: String, Sendable, Hashable, CaseIterable {
  /// Colour when writing to a terminal and `NO_COLOR` is not set.
  case auto
  /// Always colour.
  case always
  /// Never colour.
  case never

  /// Decides whether to colour output written to a file descriptor.
  ///
  /// `auto` colours only when the descriptor is a terminal, `NO_COLOR` is unset or empty
  /// (see no-color.org) and `TERM` is not `dumb`.
  /// - Parameters:
  ///   - fileDescriptor: Where the output goes; standard error by default.
  ///   - environment: The environment to consult; the process's by default.
  /// - Returns: Whether to use ANSI colour.
  public func resolve(
    fileDescriptor: Int32 = 2,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Bool {
    switch self {
    case .always:
      return true
    case .never:
      return false
    case .auto:
      if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
      if environment["TERM"] == "dumb" { return false }
      return isatty(fileDescriptor) != 0
    }
  }
}
