import Dispatch

/// Findings in report order, some held as their figures (``PatternGroup``) and made one at a
/// time when read: a review of a large export has hundreds of thousands of pattern findings,
/// each a kilobyte of text once made, and only the one being written need exist.
///
/// Reading an element makes it again each time; iterate once rather than index repeatedly.
public struct AggregateFindings: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
  /// Findings made already, in report order.
  private var made: [Finding]
  /// Held findings, in report order.
  private var held: [PatternGroup]
  /// The position of each of `made` in the whole (ascending).
  private var madeAt: [Int]
  private var make: (@Sendable (PatternGroup) -> Finding)?
  /// Makers that may run beside `make` and one another (see ``forEach(transform:_:)``).
  private var alongside: [@Sendable (PatternGroup) -> Finding] = []

  /// Findings made already (in report order).
  public init(_ findings: [Finding]) {
    made = findings
    held = []
    madeAt = Array(findings.indices)
    make = nil
  }

  public init(arrayLiteral elements: Finding...) { self.init(elements) }

  /// `findings` and `held` (each in report order) merged in report order; `make` makes the
  /// finding of a held group.
  ///
  /// `alongside` are makers that give what `make` gives and may run at the same time as it and
  /// as one another (each with a compilation of the pack of its own).
  public init(
    merging findings: [Finding], held: [PatternGroup],
    make: @escaping @Sendable (PatternGroup) -> Finding,
    alongside: [@Sendable (PatternGroup) -> Finding] = []
  ) {
    made = findings
    self.held = held
    self.make = make
    self.alongside = alongside
    madeAt = []
    madeAt.reserveCapacity(findings.count)
    var lower = 0
    for (k, finding) in findings.enumerated() {
      // The first held finding not before this one (found by halving: `held` is in order).
      var upper = held.count
      while lower < upper {
        let middle = (lower + upper) / 2
        if FindingOrder.precedes(make(held[middle]), finding) {
          lower = middle + 1
        } else {
          upper = middle
        }
      }
      madeAt.append(lower + k)
    }
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { made.count + held.count }

  public subscript(position: Int) -> Finding {
    element(position, make: make)
  }

  /// The finding at `position`, a held one made by `make`.
  private func element(
    _ position: Int, make: (@Sendable (PatternGroup) -> Finding)?
  ) -> Finding {
    // How many made findings come before `position`.
    var lower = 0
    var upper = madeAt.count
    while lower < upper {
      let middle = (lower + upper) / 2
      if madeAt[middle] < position { lower = middle + 1 } else { upper = middle }
    }
    if lower < madeAt.count, madeAt[lower] == position { return made[lower] }
    return make!(held[position - lower])
  }

  /// How many findings each thread makes in turn in ``forEach(transform:_:)``.
  static let stretch = 256

  /// Calls `body` with every finding, in order, and `transform` of it. When there are makers
  /// to run alongside the first, the findings are made and transformed on as many threads, a
  /// stretch of ``stretch`` each at a time, so that only a few thousand exist at once.
  public func forEach<R>(
    transform: @escaping @Sendable (Finding) -> R, _ body: (Finding, R) -> Void
  ) {
    let makers = [make] + alongside.map { Optional($0) }
    guard makers.count > 1, held.count > Self.stretch else {
      for finding in self { body(finding, transform(finding)) }
      return
    }
    let parts = ResultSlots<[(Finding, R)]>(count: makers.count)
    var base = 0
    while base < endIndex {
      // The last stretches are shared evenly.
      let left = endIndex - base
      let stretch = Swift.min(Self.stretch, (left + makers.count - 1) / makers.count)
      let (start, end) = (base, Swift.min(base + stretch * makers.count, endIndex))
      DispatchQueue.concurrentPerform(iterations: makers.count) { lane in
        let lower = Swift.min(start + lane * stretch, end)
        let upper = Swift.min(lower + stretch, end)
        var out: [(Finding, R)] = []
        out.reserveCapacity(upper - lower)
        for position in lower..<upper {
          let finding = element(position, make: makers[lane])
          out.append((finding, transform(finding)))
        }
        parts.set(lane, out)
      }
      for part in parts.values() {
        for (finding, result) in part { body(finding, result) }
      }
      base = end
    }
  }

  /// How many findings are of `kind` (held findings are all of kind `aggregate`), without
  /// making the held ones.
  public func count(of kind: Finding.Kind) -> Int {
    made.count { $0.kind == kind } + (kind == .aggregate ? held.count : 0)
  }

  /// The first `limit` findings of `kind`, in order.
  public func first(_ limit: Int, of kind: Finding.Kind) -> [Finding] {
    var out: [Finding] = []
    var i = startIndex
    while out.count < limit, i < endIndex {
      let finding = self[i]
      if finding.kind == kind { out.append(finding) }
      i += 1
    }
    return out
  }

  /// Whether a finding of `rule` satisfies `predicate` (only findings of `rule` are made).
  public func contains(rule: String, where predicate: (Finding) -> Bool) -> Bool {
    if made.contains(where: { $0.rule == rule && predicate($0) }) { return true }
    guard let make else { return false }
    // Held findings are in report order, so by rule: those of `rule` are one run.
    var lower = 0
    var upper = held.count
    while lower < upper {
      let middle = (lower + upper) / 2
      if held[middle].rule < rule { lower = middle + 1 } else { upper = middle }
    }
    return held[lower...].prefix { $0.rule == rule }.contains { predicate(make($0)) }
  }
}

extension AggregateFindings: Codable {
  public init(from decoder: any Decoder) throws {
    self.init(try [Finding](from: decoder))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    for finding in self { try container.encode(finding) }
  }
}
