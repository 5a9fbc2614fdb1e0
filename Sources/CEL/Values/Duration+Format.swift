extension Duration {
  /// The largest magnitude CEL allows, in seconds (about 10,000 years).
  public static let maxSeconds: Int64 = 315_576_000_000

  /// Whether the duration lies in CEL's range.
  public var isValid: Bool { seconds >= -Self.maxSeconds && seconds <= Self.maxSeconds }

  /// The duration in whole nanoseconds, or `nil` on overflow.
  var totalNanos: Int64? {
    let (m, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    let (s, o2) = m.addingReportingOverflow(Int64(nanos))
    return o1 || o2 ? nil : s
  }

  /// A normalized duration from seconds and nanoseconds of any signs; `nil` out of range.
  static func normalized(seconds: Int64, nanos: Int64) -> Duration? {
    var s = seconds
    var n = nanos
    let (q, ov) = s.addingReportingOverflow(n / 1_000_000_000)
    if ov { return nil }
    s = q
    n %= 1_000_000_000
    if s > 0 && n < 0 {
      s -= 1
      n += 1_000_000_000
    } else if s < 0 && n > 0 {
      s += 1
      n -= 1_000_000_000
    }
    let d = Duration(seconds: s, nanos: Int32(n))
    return d.isValid ? d : nil
  }

  /// Parses a duration in the Go syntax CEL uses: an optional sign and a sequence of decimal
  /// numbers with units `h`, `m`, `s`, `ms`, `us` (`µs`), `ns`: `"1h30m"`, `"1.5s"`, `"-2m"`.
  public init?(parsing text: String) {
    var scalars = Array(text.unicodeScalars)
    var negative = false
    if let f = scalars.first, f == "-" || f == "+" {
      negative = f == "-"
      scalars.removeFirst()
    }
    if scalars.count == 1 && scalars[0] == "0" {
      self.init(seconds: 0)
      return
    }
    guard !scalars.isEmpty else { return nil }
    var seconds: Int64 = 0
    var nanos: Int64 = 0
    var i = 0
    while i < scalars.count {
      var intPart = ""
      var fracPart = ""
      while i < scalars.count, ("0"..."9").contains(scalars[i]) {
        intPart.unicodeScalars.append(scalars[i])
        i += 1
      }
      if i < scalars.count, scalars[i] == "." {
        i += 1
        while i < scalars.count, ("0"..."9").contains(scalars[i]) {
          fracPart.unicodeScalars.append(scalars[i])
          i += 1
        }
      }
      guard !(intPart.isEmpty && fracPart.isEmpty) else { return nil }
      var unit = ""
      while i < scalars.count, !("0"..."9").contains(scalars[i]), scalars[i] != "." {
        unit.unicodeScalars.append(scalars[i])
        i += 1
      }
      // The unit in nanoseconds.
      let scale: Int64
      switch unit {
      case "h": scale = 3_600_000_000_000
      case "m": scale = 60_000_000_000
      case "s": scale = 1_000_000_000
      case "ms": scale = 1_000_000
      case "us", "µs", "μs": scale = 1000
      case "ns": scale = 1
      default: return nil
      }
      guard let whole = intPart.isEmpty ? 0 : Int64(intPart) else { return nil }
      if scale >= 1_000_000_000 {
        let (s, o1) = whole.multipliedReportingOverflow(by: scale / 1_000_000_000)
        let (t, o2) = seconds.addingReportingOverflow(s)
        guard !o1, !o2 else { return nil }
        seconds = t
      } else {
        let (n, o1) = whole.multipliedReportingOverflow(by: scale)
        guard !o1 else { return nil }
        let (s, o2) = seconds.addingReportingOverflow(n / 1_000_000_000)
        guard !o2 else { return nil }
        seconds = s
        nanos += n % 1_000_000_000
      }
      if !fracPart.isEmpty {
        var f: Int64 = 0
        var div: Int64 = 1
        for c in fracPart.unicodeScalars.prefix(15) {
          f = f * 10 + Int64(c.value - 48)
          div *= 10
        }
        let part = Int64((Double(f) / Double(div) * Double(scale)).rounded(.towardZero))
        let (t, o) = seconds.addingReportingOverflow(part / 1_000_000_000)
        guard !o else { return nil }
        seconds = t
        nanos += part % 1_000_000_000
      }
    }
    if negative {
      seconds = -seconds
      nanos = -nanos
    }
    guard let d = Duration.normalized(seconds: seconds, nanos: nanos) else { return nil }
    self = d
  }

  /// Fractional digits of a nanosecond count: 3, 6 or 9 digits, trailing zero groups dropped.
  static func fraction(_ nanos: Int32) -> String {
    var n = Int(nanos.magnitude)
    var digits = 9
    while digits > 3 && n % 1000 == 0 {
      n /= 1000
      digits -= 3
    }
    let s = String(n)
    return String(repeating: "0", count: digits - s.count) + s
  }

  /// The form CEL's `string(duration)` prints: seconds with a fraction as needed, `"1.5s"`.
  public var formatted: String {
    let negative = seconds < 0 || nanos < 0
    var out = negative ? "-" : ""
    out += String(seconds.magnitude)
    if nanos != 0 {
      var frac = Duration.fraction(nanos)
      while frac.hasSuffix("0") { frac.removeLast() }
      out += "." + frac
    }
    return out + "s"
  }
}
