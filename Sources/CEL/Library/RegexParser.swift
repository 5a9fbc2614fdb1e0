/// A parser of RE2 pattern syntax into ``RegexNode``s.
struct RegexParser {
  typealias CharClass = RegexProgram.CharClass

  struct Flags {
    var fold = false
    var dotNewline = false
    var multiline = false
  }

  let text: [UInt32]
  var i = 0
  var flags = Flags()

  init(_ text: [UInt32]) { self.text = text }

  static let maxRepeat = 1000

  func invalid(_ message: String) -> RegexProgram.Invalid { .init(message: message) }

  func peek(_ offset: Int = 0) -> UInt32? {
    i + offset < text.count ? text[i + offset] : nil
  }

  mutating func parseAll() throws -> RegexNode {
    let node = try parseAlternation()
    if i < text.count { throw invalid("unexpected )") }
    return node
  }

  mutating func parseAlternation() throws -> RegexNode {
    var node = try parseConcat()
    while peek() == 0x7C {  // |
      i += 1
      node = .alternate(node, try parseConcat())
    }
    return node
  }

  mutating func parseConcat() throws -> RegexNode {
    var parts: [RegexNode] = []
    while let c = peek(), c != 0x7C, c != 0x29 {  // | )
      if let atom = try parseAtom() {
        parts.append(try parseQuantifiers(atom))
      }
    }
    return parts.count == 1 ? parts[0] : .concat(parts)
  }

  mutating func parseQuantifiers(_ atom: RegexNode) throws -> RegexNode {
    var node = atom
    var quantified = false
    while let c = peek() {
      var range: (Int, Int?)
      switch c {
      case 0x2A: range = (0, nil)  // *
      case 0x2B: range = (1, nil)  // +
      case 0x3F: range = (0, 1)  // ?
      case 0x7B:  // {
        guard let r = try parseBraces() else { return node }
        range = r
        i -= 1
      default: return node
      }
      i += 1
      if peek() == 0x3F { i += 1 }  // lazy: same language
      if quantified { throw invalid("bad repetition operator") }
      quantified = true
      node = .repeat(node, min: range.0, max: range.1)
    }
    return node
  }

  /// `{n}`, `{n,}`, `{n,m}`; `nil` (and no input consumed) when the brace is a literal.
  mutating func parseBraces() throws -> (Int, Int?)? {
    var j = i + 1
    func number() -> Int? {
      var v = 0
      var digits = 0
      while j < text.count, text[j] >= 48, text[j] <= 57 {
        v = min(v * 10 + Int(text[j] - 48), 100_000)
        j += 1
        digits += 1
      }
      return digits > 0 ? v : nil
    }
    guard let lo = number() else { return nil }
    var hi: Int? = lo
    if j < text.count, text[j] == 0x2C {
      j += 1
      hi = number()
    }
    guard j < text.count, text[j] == 0x7D else { return nil }
    if lo > Self.maxRepeat || (hi ?? 0) > Self.maxRepeat || (hi.map { $0 < lo } ?? false) {
      throw invalid("bad repetition count")
    }
    i = j + 1
    return (lo, hi)
  }

  /// One atom, or `nil` for a flag group that only changes flags.
  mutating func parseAtom() throws -> RegexNode? {
    let c = text[i]
    i += 1
    switch c {
    case 0x28: return try parseGroup()  // (
    case 0x5B: return .charClass(try parseClass(), fold: flags.fold)  // [
    case 0x2E: return .any(newline: flags.dotNewline)  // .
    case 0x5E: return .assert(flags.multiline ? .lineBegin : .textBegin)  // ^
    case 0x24: return .assert(flags.multiline ? .lineEnd : .textEnd)  // $
    case 0x5C: return try parseEscape()  // \
    case 0x2A, 0x2B, 0x3F: throw invalid("missing argument to repetition operator")
    default: return .char(c, fold: flags.fold)
    }
  }

  mutating func parseGroup() throws -> RegexNode? {
    let saved = flags
    if peek() == 0x3F {  // (?
      i += 1
      if peek() == 0x50 || peek() == 0x3C {  // (?P<name> or (?<name>
        if peek() == 0x50 { i += 1 }
        guard peek() == 0x3C else { throw invalid("bad named group") }
        while let c = peek(), c != 0x3E { i += 1 }
        guard peek() == 0x3E else { throw invalid("bad named group") }
        i += 1
      } else {
        var on = true
        var newFlags = flags
        while let c = peek(), c != 0x29, c != 0x3A {
          switch c {
          case 0x2D: on = false
          case 0x69: newFlags.fold = on  // i
          case 0x73: newFlags.dotNewline = on  // s
          case 0x6D: newFlags.multiline = on  // m
          case 0x55: break  // U: greediness does not change whether there is a match
          default: throw invalid("bad flag")
          }
          i += 1
        }
        guard let end = peek() else { throw invalid("missing )") }
        i += 1
        if end == 0x29 {  // (?i): applies to the rest of the enclosing group
          flags = newFlags
          return nil
        }
        flags = newFlags
      }
    }
    let node = try parseAlternation()
    guard peek() == 0x29 else { throw invalid("missing )") }
    i += 1
    flags = saved
    return node
  }

  mutating func parseEscape() throws -> RegexNode {
    guard let c = peek() else { throw invalid("trailing backslash") }
    i += 1
    switch c {
    case 0x64: return .charClass(CharClass(predicates: [.digit]), fold: false)  // d
    case 0x44: return .charClass(CharClass(predicates: [.digit], negated: true), fold: false)
    case 0x77: return .charClass(CharClass(predicates: [.word]), fold: false)  // w
    case 0x57: return .charClass(CharClass(predicates: [.word], negated: true), fold: false)
    case 0x73: return .charClass(CharClass(predicates: [.space]), fold: false)  // s
    case 0x53: return .charClass(CharClass(predicates: [.space], negated: true), fold: false)
    case 0x62: return .assert(.wordBoundary)  // b
    case 0x42: return .assert(.notWordBoundary)  // B
    case 0x41: return .assert(.textBegin)  // A
    case 0x7A: return .assert(.textEnd)  // z
    case 0x70, 0x50:  // p, P
      return .charClass(try parseProperty(negated: c == 0x50), fold: false)
    default:
      return .char(try escapedChar(c), fold: flags.fold)
    }
  }

  /// `\pL`, `\p{Lu}`: general categories. Scripts are not supported here.
  mutating func parseProperty(negated: Bool) throws -> CharClass {
    var name = ""
    if peek() == 0x7B {
      i += 1
      while let c = peek(), c != 0x7D {
        name.unicodeScalars.append(Unicode.Scalar(c) ?? "?")
        i += 1
      }
      guard peek() == 0x7D else { throw invalid("bad \\p") }
      i += 1
    } else if let c = peek() {
      name.unicodeScalars.append(Unicode.Scalar(c) ?? "?")
      i += 1
    }
    var neg = negated
    if name.hasPrefix("^") {
      neg.toggle()
      name.removeFirst()
    }
    let categories = [
      "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
      "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C",
      "Cc", "Cf", "Cs", "Co",
    ]
    guard categories.contains(name) else { throw RegexProgram.Unsupported() }
    return CharClass(predicates: [.category(name)], negated: neg)
  }

  /// The code point of a single-character escape (`\n`, `\x41`, `\.`).
  mutating func escapedChar(_ c: UInt32) throws -> UInt32 {
    switch c {
    case 0x6E: return 10  // n
    case 0x74: return 9  // t
    case 0x72: return 13  // r
    case 0x66: return 12  // f
    case 0x76: return 11  // v
    case 0x61: return 7  // a
    case 0x78:  // x
      var digits = ""
      if peek() == 0x7B {
        i += 1
        while let d = peek(), d != 0x7D {
          digits.unicodeScalars.append(Unicode.Scalar(d) ?? "?")
          i += 1
        }
        guard peek() == 0x7D else { throw invalid("bad \\x") }
        i += 1
      } else {
        for _ in 0..<2 {
          guard let d = peek() else { throw invalid("bad \\x") }
          digits.unicodeScalars.append(Unicode.Scalar(d) ?? "?")
          i += 1
        }
      }
      guard let v = UInt32(digits, radix: 16), v <= 0x10FFFF else { throw invalid("bad \\x") }
      return v
    case 0x30...0x37:  // octal \0, \012 …
      if c != 0x30 && !(peek().map { $0 >= 0x30 && $0 <= 0x37 } ?? false) {
        throw invalid("backreferences are not supported")
      }
      var v = c - 0x30
      var n = 1
      while n < 3, let d = peek(), d >= 0x30, d <= 0x37 {
        v = v * 8 + (d - 0x30)
        i += 1
        n += 1
      }
      return v
    default:
      // Punctuation escapes itself; unknown letter and digit escapes are errors, as in RE2.
      if c < 0x80, let s = Unicode.Scalar(c), s.properties.isAlphabetic || (c >= 0x38 && c <= 0x39)
      {
        throw invalid("invalid escape")
      }
      return c
    }
  }

  mutating func parseClass() throws -> CharClass {
    var cls = CharClass()
    if peek() == 0x5E {  // ^
      cls.negated = true
      i += 1
    }
    var first = true
    while true {
      guard let c = peek() else { throw invalid("missing ]") }
      if c == 0x5D && !first {  // ]
        i += 1
        break
      }
      first = false
      // [:alpha:]
      if c == 0x5B, peek(1) == 0x3A {
        var j = i + 2
        var name = ""
        while j < text.count, text[j] != 0x3A {
          name.unicodeScalars.append(Unicode.Scalar(text[j]) ?? "?")
          j += 1
        }
        if j + 1 < text.count, text[j + 1] == 0x5D {
          var negatedClass = false
          if name.hasPrefix("^") {
            negatedClass = true
            name.removeFirst()
          }
          if negatedClass { throw RegexProgram.Unsupported() }
          cls.predicates.append(.posix(name))
          i = j + 2
          continue
        }
      }
      var lo: UInt32
      i += 1
      if c == 0x5C {  // \
        guard let e = peek() else { throw invalid("trailing backslash") }
        i += 1
        switch e {
        case 0x64:
          cls.predicates.append(.digit)
          continue
        case 0x77:
          cls.predicates.append(.word)
          continue
        case 0x73:
          cls.predicates.append(.space)
          continue
        case 0x44, 0x57, 0x53, 0x50: throw RegexProgram.Unsupported()
        case 0x70:
          let p = try parseProperty(negated: false)
          if p.negated { throw RegexProgram.Unsupported() }
          cls.predicates += p.predicates
          continue
        default: lo = try escapedChar(e)
        }
      } else {
        lo = c
      }
      var hi = lo
      if peek() == 0x2D, let after = peek(1), after != 0x5D {  // a-z
        i += 1
        var h = after
        i += 1
        if h == 0x5C {
          guard let e = peek() else { throw invalid("trailing backslash") }
          i += 1
          h = try escapedChar(e)
        }
        hi = h
        if hi < lo { throw invalid("bad character class range") }
      }
      cls.ranges.append(lo...hi)
    }
    return cls
  }
}
