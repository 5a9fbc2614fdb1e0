import Foundation

/// An RE2-syntax regular expression, run by `NSRegularExpression` after translating the few
/// constructs whose spelling differs. Compiled patterns are cached.
final class Regex2: @unchecked Sendable {
  private let regex: NSRegularExpression

  private init(_ regex: NSRegularExpression) { self.regex = regex }

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
    let translated = translate(pattern)
    guard let re = try? NSRegularExpression(pattern: translated, options: []) else {
      return .failure(EvalError(.invalidArgument, "invalid regular expression '\(pattern)'"))
    }
    let r = Regex2(re)
    lock.lock()
    if cache.count > 256 { cache.removeAll() }
    cache[pattern] = r
    lock.unlock()
    return .success(r)
  }

  /// RE2 to ICU: `(?P<name>` becomes `(?<name>`; `\z` is the same; `\C` is unsupported.
  private static func translate(_ p: String) -> String {
    p.isEmpty ? "(?:)" : p.replacingOccurrences(of: "(?P<", with: "(?<")
  }

  /// Whether the pattern matches anywhere in the string (RE2 partial match).
  func matches(_ s: String) -> Bool {
    let ns = s as NSString
    return regex.firstMatch(in: s, options: [], range: NSRange(location: 0, length: ns.length))
      != nil
  }
}
