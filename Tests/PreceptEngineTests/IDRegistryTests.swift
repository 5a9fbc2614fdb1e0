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
}
