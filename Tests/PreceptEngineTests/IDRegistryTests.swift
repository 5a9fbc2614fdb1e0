import PreceptTestSupport
import Testing

@testable import PreceptEngine

@Suite struct IDRegistryTests {
  /// Every id is new the first time and points back to its first place after, through many
  /// resizes of the table and many arena chunks, for short, empty, Unicode and very long ids.
  @Test func remembersWhereEachIDWasFirstSeen() {
    var registry = IDRegistry()
    let ids =
      (0..<200_000).map { "INC-\($0)" } + ["", "é-ü-😀", String(repeating: "x", count: 5000)]
    for (n, id) in ids.enumerated() {
      #expect(registry.firstPlace(of: id, seenAt: .init(file: n % 3, line: n + 2)) == nil)
    }
    for (n, id) in ids.enumerated().reversed() where n % 997 == 0 || n >= ids.count - 3 {
      #expect(
        registry.firstPlace(of: id, seenAt: .init(file: 9, line: 1))
          == .init(file: n % 3, line: n + 2))
    }
    // Near misses are not duplicates.
    #expect(registry.firstPlace(of: "INC-1 ", seenAt: .init(file: 0, line: 1)) == nil)
    #expect(registry.firstPlace(of: "inc-1", seenAt: .init(file: 0, line: 1)) == nil)
  }

  /// Ids of a prefix and digits are packed; the packing keeps leading zeros, tells prefixes
  /// apart, and gives way to the plain form for ten digits, long prefixes and the 256th prefix.
  @Test func packedIDsAreExact() {
    var registry = IDRegistry()
    let ids = [
      "INC-1", "INC-01", "INC-001", "INC1", "1", "01", "INC-999999999", "INC-1000000000",
      "INC-0000000001", "A-VERY-LONG-PREFIX-1", "A-VERY-LONG-PREFIX-01", "é1", "e1", "1-1",
    ]
    let prefixed = (0..<300).flatMap { p in (0..<3).map { "S\(p)/\($0)" } }
    let all = ids + prefixed
    #expect(Set(all).count == all.count)
    for (n, id) in all.enumerated() {
      #expect(registry.firstPlace(of: id, seenAt: .init(file: 1, line: n)) == nil, "\(id)")
    }
    for (n, id) in all.enumerated() {
      #expect(
        registry.firstPlace(of: id, seenAt: .init(file: 2, line: 0)) == .init(file: 1, line: n))
    }
  }

  /// Ids are the same only when their bytes are: canonically equivalent text is two ids, for
  /// packed prefixes and for long ids alike.
  @Test func idsAreComparedByTheirBytes() {
    var registry = IDRegistry()
    let long = String(repeating: "x", count: 300)
    for (n, id) in ["\u{E9}1", "e\u{301}1", long + "\u{E9}", long + "e\u{301}"].enumerated() {
      #expect(registry.firstPlace(of: id, seenAt: .init(file: 0, line: n)) == nil, "\(id)")
    }
    #expect(
      registry.firstPlace(of: "e\u{301}1", seenAt: .init(file: 1, line: 9))
        == .init(file: 0, line: 1))
  }

  /// Where an id is kept does not depend on where it is seen: a place past the 255th file or
  /// past 2³² − 1 lines is kept aside, and duplicates across such places are found.
  @Test func placesThatDoNotFitAreKeptAside() {
    var registry = IDRegistry()
    let far = IDRegistry.Place(file: 300, line: 5_000_000_000)
    #expect(registry.firstPlace(of: "INC-1", seenAt: .init(file: 0, line: 2)) == nil)
    #expect(registry.firstPlace(of: "INC-1", seenAt: far) == .init(file: 0, line: 2))
    #expect(registry.firstPlace(of: "INC-2", seenAt: far) == nil)
    #expect(registry.firstPlace(of: "INC-2", seenAt: .init(file: 0, line: 3)) == far)
    #expect(registry.firstPlace(of: "odd id", seenAt: .init(file: 256, line: 1)) == nil)
    #expect(
      registry.firstPlace(of: "odd id", seenAt: .init(file: 1, line: 1))
        == .init(file: 256, line: 1))
  }
}

/// Ids numbered in order are kept as runs; whatever the order, the registry answers as a
/// dictionary of first places does.
@Suite struct IDRegistryRunTests {
  /// An export numbered in order, one record a line: one run, nothing in the table.
  @Test func idsInOrderAreOneRun() {
    var registry = IDRegistry()
    for n in 1...200_000 {
      let id = "INC-" + String(repeating: "0", count: 8 - String(n).count) + String(n)
      #expect(registry.firstPlace(of: id, seenAt: .init(file: 0, line: n + 1)) == nil)
    }
    #expect(
      registry.firstPlace(of: "INC-00000001", seenAt: .init(file: 1, line: 9))
        == .init(file: 0, line: 2))
    #expect(
      registry.firstPlace(of: "INC-00123456", seenAt: .init(file: 3, line: 1))
        == .init(file: 0, line: 123_457))
    #expect(registry.runs.isEmpty && registry.tableCount == 0)
    #expect(registry.open?.first == 1 && registry.open?.last == 200_000)
    #expect(registry.open?.step == 1)
    // An id that does not follow ends the run, which is kept whole.
    #expect(registry.firstPlace(of: "INC-00300000", seenAt: .init(file: 0, line: 1)) == nil)
    #expect(registry.runs.count == 1 && registry.tableCount == 0)
  }

  /// Random exports: runs with steps, gaps, repeats, prefix and digit-count changes, files,
  /// shuffled stretches and far places, against a dictionary.
  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
  func randomExportsAgreeWithADictionary(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    var registry = IDRegistry()
    var reference: [String: IDRegistry.Place] = [:]
    var line = 1
    var file = 0
    var next = Int.random(in: 0...999_990, using: &random)
    var prefix = "INC-"
    var width = 6
    var seen: [String] = []
    var step = 1
    for _ in 0..<20_000 {
      switch Int.random(in: 0..<100, using: &random) {
      case 0: file = Int.random(in: 0...3, using: &random)
      case 1: prefix = random.pick(["INC-", "X", "INC-", "S1/"])
      case 2: width = random.pick([6, 7, 9])
      case 3..<6: next = Int.random(in: 0...999_990, using: &random)
      case 6..<9: line += Int.random(in: 2...5, using: &random)
      case 9: file = 300
      case 10: step = random.pick([1, 2, 3, 70])
      default: break
      }
      let id: String
      if !seen.isEmpty, Int.random(in: 0..<20, using: &random) == 0 {
        id = random.pick(seen)
      } else {
        let digits = String(next)
        id = prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
        next +=
          Int.random(in: 0..<30, using: &random) == 0 ? Int.random(in: -50...50, using: &random) : 1
        next = max(next, 0)
      }
      let place = IDRegistry.Place(file: file, line: line)
      let expected = reference[id]
      if expected == nil {
        reference[id] = place
        seen.append(id)
      }
      #expect(registry.firstPlace(of: id, seenAt: place) == expected, "\(id)")
      line += step
    }
    // Both ways of keeping ids were used.
    #expect(registry.runs.count > 3 && registry.tableCount > 100)
    for id in seen.shuffled(using: &random).prefix(2_000) {
      #expect(registry.firstPlace(of: id, seenAt: .init(file: 9, line: 9)) == reference[id])
    }
  }

  /// Runs that end out of order are inserted in order, and found.
  @Test func runsOutOfOrderAreFound() {
    var registry = IDRegistry()
    var line = 1
    for start in [5_000, 1_000, 9_000, 3_000, 7_000] {
      for n in start..<(start + 100) {
        #expect(registry.firstPlace(of: "R-\(n)", seenAt: .init(file: 0, line: line)) == nil)
        line += 1
      }
    }
    _ = registry.firstPlace(of: "Z-1", seenAt: .init(file: 0, line: line))
    #expect(registry.runs.map(\.first) == [1_000, 3_000, 5_000, 7_000, 9_000])
    #expect(
      registry.firstPlace(of: "R-1050", seenAt: .init(file: 1, line: 1))
        == .init(file: 0, line: 151))
    #expect(
      registry.firstPlace(of: "R-9099", seenAt: .init(file: 1, line: 1))
        == .init(file: 0, line: 300))
    #expect(registry.firstPlace(of: "R-4000", seenAt: .init(file: 1, line: 1)) == nil)
  }
}
