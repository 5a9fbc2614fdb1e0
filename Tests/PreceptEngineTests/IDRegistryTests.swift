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
