import Foundation

/// An RE2-syntax regular expression. Patterns are run by ``RegexProgram``, a linear-time
/// matcher; the few constructs it does not implement (Unicode scripts such as `\p{Greek}`,
/// negated classes inside classes) fall back to `NSRegularExpression`. Compiled patterns are
/// cached.
final class Regex2: @unchecked Sendable {
  private let program: RegexProgram?
  private let fallback: NSRegularExpression?

  private init(program: RegexProgram?, fallback: NSRegularExpression?) {
    self.program = program
    self.fallback = fallback
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var cache: [String: Regex2] = [:]

  /// Compiles (or fetches from the cache) a pattern; an invalid pattern is an error value.
  static func compile(_ pattern: String) -> Result<Regex2, EvalError> {
    lock.lock()
    if let r = cache[pattern] {
      lock.unlock()
      return .success(r)
    }
    lock.unlock()
    let compiled: Regex2
    do {
      compiled = Regex2(program: try RegexProgram(pattern), fallback: nil)
    } catch let error as RegexProgram.Invalid {
      return .failure(
        EvalError(.invalidArgument, "invalid regular expression '\(pattern)': \(error.message)"))
    } catch {
      guard let re = try? NSRegularExpression(pattern: translate(pattern), options: []) else {
        return .failure(EvalError(.invalidArgument, "invalid regular expression '\(pattern)'"))
      }
      compiled = Regex2(program: nil, fallback: re)
    }
    lock.lock()
    if cache.count > 256 { cache.removeAll() }
    cache[pattern] = compiled
    lock.unlock()
    return .success(compiled)
  }

  /// RE2 to ICU: `(?P<name>` becomes `(?<name>`.
  private static func translate(_ p: String) -> String {
    p.isEmpty ? "(?:)" : p.replacingOccurrences(of: "(?P<", with: "(?<")
  }

  /// Whether the pattern matches anywhere in the string (RE2 partial match).
  func matches(_ s: String) -> Bool {
    if let program { return program.matches(s) }
    guard let fallback else { return false }
    let ns = s as NSString
    return fallback.firstMatch(in: s, options: [], range: NSRange(location: 0, length: ns.length))
      != nil
  }
}
