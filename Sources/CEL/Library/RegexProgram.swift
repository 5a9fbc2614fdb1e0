/// A linear-time regular-expression matcher for RE2 syntax: the pattern is compiled to an NFA
/// program and run as a Thompson simulation, so that no pattern can make matching take
/// exponential time (as backtracking engines can, e.g. `(a+)+$`). Patterns using syntax this
/// matcher does not implement (Unicode scripts such as `\p{Greek}`) are rejected with
/// ``RegexProgram/Unsupported`` and left to `NSRegularExpression`.
struct RegexProgram: Sendable {
  struct Unsupported: Error {}
  struct Invalid: Error { var message: String }

  /// A set of code points: ranges, and classes defined by predicates.
  struct CharClass: Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var predicates: [Predicate] = []
    var negated = false

    enum Predicate: Sendable {
      case digit, word, space
      case category(String)
      case posix(String)
      func test(_ c: UInt32) -> Bool {
        switch self {
        case .digit: return c >= 48 && c <= 57
        case .word:
          return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
        case .space: return c == 32 || (c >= 9 && c <= 13)
        case .category(let name):
          guard let s = Unicode.Scalar(c) else { return false }
          return RegexProgram.category(s.properties.generalCategory).hasPrefix(name)
        case .posix(let name):
          switch name {
          case "alpha": return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
          case "digit": return c >= 48 && c <= 57
          case "alnum": return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
          case "upper": return c >= 65 && c <= 90
          case "lower": return c >= 97 && c <= 122
          case "space": return c == 32 || (c >= 9 && c <= 13)
          case "punct":
            return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96)
              || (c >= 123 && c <= 126)
          case "xdigit":
            return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
          case "word": return Predicate.word.test(c)
          case "blank": return c == 32 || c == 9
          case "cntrl": return c < 32 || c == 127
          case "print": return c >= 32 && c < 127
          case "graph": return c > 32 && c < 127
          case "ascii": return c < 128
          default: return false
          }
        }
      }
    }

    func contains(_ c: UInt32, foldCase: Bool) -> Bool {
      var hit = test(c)
      if !hit && foldCase {
        for alt in RegexProgram.caseVariants(c) where alt != c && test(alt) {
          hit = true
          break
        }
      }
      return hit != negated
    }

    private func test(_ c: UInt32) -> Bool {
      for r in ranges where r.contains(c) { return true }
      for p in predicates where p.test(c) { return true }
      return false
    }
  }

  enum Assertion: Sendable {
    case textBegin, textEnd, lineBegin, lineEnd, wordBoundary, notWordBoundary
  }

  enum Inst: Sendable {
    case char(UInt32, fold: Bool)
    case charClass(CharClass, fold: Bool)
    case any(newline: Bool)
    case split(Int, Int)
    case jump(Int)
    case assert(Assertion)
    case match
  }

  let program: [Inst]

  /// The greatest number of instructions a pattern may compile to.
  static let maxInstructions = 20_000

  init(_ pattern: String) throws {
    var parser = RegexParser(Array(pattern.unicodeScalars.map(\.value)))
    let node = try parser.parseAll()
    var insts: [Inst] = []
    try RegexProgram.emit(node, into: &insts)
    insts.append(.match)
    program = insts
  }

  // MARK: - Matching

  /// Whether the pattern matches anywhere in `text`.
  func matches(_ text: String) -> Bool {
    let input = Array(text.unicodeScalars.lazy.map(\.value))
    let n = program.count
    var current: [Int] = []
    var next: [Int] = []
    current.reserveCapacity(n)
    next.reserveCapacity(n)
    var mark = [Int](repeating: -1, count: n)
    var generation = 0
    var stack: [Int] = []

    func isWord(_ i: Int) -> Bool {
      guard i >= 0 && i < input.count else { return false }
      return CharClass.Predicate.word.test(input[i])
    }

    func holds(_ a: Assertion, at i: Int) -> Bool {
      switch a {
      case .textBegin: return i == 0
      case .textEnd: return i == input.count
      case .lineBegin: return i == 0 || input[i - 1] == 10
      case .lineEnd: return i == input.count || input[i] == 10
      case .wordBoundary: return isWord(i - 1) != isWord(i)
      case .notWordBoundary: return isWord(i - 1) == isWord(i)
      }
    }

    /// Adds `pc` and everything reachable from it without consuming input.
    func add(_ pc: Int, at i: Int, to list: inout [Int]) -> Bool {
      stack.append(pc)
      while let p = stack.popLast() {
        if mark[p] == generation { continue }
        mark[p] = generation
        switch program[p] {
        case .jump(let t): stack.append(t)
        case .split(let a, let b):
          stack.append(b)
          stack.append(a)
        case .assert(let a): if holds(a, at: i) { stack.append(p + 1) }
        case .match:
          stack.removeAll()
          return true
        default: list.append(p)
        }
      }
      return false
    }

    // Each list is deduplicated by `generation`; the starting thread of each position joins
    // the list built for that position.
    generation = 1
    for i in 0...input.count {
      if add(0, at: i, to: &current) { return true }
      if i == input.count { break }
      let c = input[i]
      generation += 1
      next.removeAll(keepingCapacity: true)
      for pc in current {
        let advance: Bool
        switch program[pc] {
        case .char(let k, let fold):
          advance = k == c || (fold && RegexProgram.caseVariants(c).contains(k))
        case .charClass(let cls, let fold): advance = cls.contains(c, foldCase: fold)
        case .any(let newline): advance = newline || c != 10
        default: advance = false
        }
        if advance && add(pc + 1, at: i + 1, to: &next) { return true }
      }
      swap(&current, &next)
    }
    return false
  }

  /// Simple case variants of a code point (itself, lower and upper case).
  static func caseVariants(_ c: UInt32) -> [UInt32] {
    guard let s = Unicode.Scalar(c) else { return [c] }
    var out: [UInt32] = [c]
    for m in [s.properties.lowercaseMapping, s.properties.uppercaseMapping] {
      let scalars = Array(m.unicodeScalars)
      if scalars.count == 1, !out.contains(scalars[0].value) { out.append(scalars[0].value) }
    }
    return out
  }

  static func category(_ c: Unicode.GeneralCategory) -> String {
    switch c {
    case .uppercaseLetter: return "Lu"
    case .lowercaseLetter: return "Ll"
    case .titlecaseLetter: return "Lt"
    case .modifierLetter: return "Lm"
    case .otherLetter: return "Lo"
    case .nonspacingMark: return "Mn"
    case .spacingMark: return "Mc"
    case .enclosingMark: return "Me"
    case .decimalNumber: return "Nd"
    case .letterNumber: return "Nl"
    case .otherNumber: return "No"
    case .connectorPunctuation: return "Pc"
    case .dashPunctuation: return "Pd"
    case .openPunctuation: return "Ps"
    case .closePunctuation: return "Pe"
    case .initialPunctuation: return "Pi"
    case .finalPunctuation: return "Pf"
    case .otherPunctuation: return "Po"
    case .mathSymbol: return "Sm"
    case .currencySymbol: return "Sc"
    case .modifierSymbol: return "Sk"
    case .otherSymbol: return "So"
    case .spaceSeparator: return "Zs"
    case .lineSeparator: return "Zl"
    case .paragraphSeparator: return "Zp"
    case .control: return "Cc"
    case .format: return "Cf"
    case .surrogate: return "Cs"
    case .privateUse: return "Co"
    case .unassigned: return "Cn"
    @unknown default: return "Cn"
    }
  }

  // MARK: - Compilation

  static func emit(_ node: RegexNode, into p: inout [Inst]) throws {
    guard p.count < maxInstructions else { throw Invalid(message: "pattern too large") }
    switch node {
    case .empty: break
    case .char(let c, let fold): p.append(.char(c, fold: fold))
    case .charClass(let cls, let fold): p.append(.charClass(cls, fold: fold))
    case .any(let nl): p.append(.any(newline: nl))
    case .assert(let a): p.append(.assert(a))
    case .concat(let parts): for part in parts { try emit(part, into: &p) }
    case .alternate(let a, let b):
      let split = p.count
      p.append(.split(split + 1, 0))
      try emit(a, into: &p)
      let jump = p.count
      p.append(.jump(0))
      p[split] = .split(split + 1, p.count)
      try emit(b, into: &p)
      p[jump] = .jump(p.count)
    case .repeat(let e, let min, let max):
      for _ in 0..<min { try emit(e, into: &p) }
      if let max {
        // (e(e(e)?)?)? for the optional copies.
        var pending: [Int] = []
        for _ in min..<max {
          pending.append(p.count)
          p.append(.split(p.count + 1, 0))
          try emit(e, into: &p)
        }
        for s in pending { p[s] = .split(s + 1, p.count) }
      } else {
        let split = p.count
        p.append(.split(split + 1, 0))
        try emit(e, into: &p)
        p.append(.jump(split))
        p[split] = .split(split + 1, p.count)
      }
    }
  }
}

/// The parsed form of an RE2 pattern.
indirect enum RegexNode: Sendable {
  case empty
  case char(UInt32, fold: Bool)
  case charClass(RegexProgram.CharClass, fold: Bool)
  case any(newline: Bool)
  case assert(RegexProgram.Assertion)
  case concat([RegexNode])
  case alternate(RegexNode, RegexNode)
  case `repeat`(RegexNode, min: Int, max: Int?)
}
