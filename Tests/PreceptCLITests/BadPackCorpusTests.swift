import Foundation
import PreceptTestSupport
import Testing

/// Hostile and mistaken rule files, end to end: `precept validate` reports each with its
/// position and exits 2, quickly and without crashing; runaway rules stop at the cost limit.
@Suite struct BadPackCorpusTests {
  /// Validates a minimal pack with `rules/r.yaml` replaced; expects exit 2 and the line at
  /// the marker `1️⃣`.
  func expectInvalid(_ rules: String, _ message: String) throws {
    let pack = try TemporaryPack.minimal(overriding: ["rules/r.yaml": rules])
    defer { pack.remove() }
    let result = try CLI.run(["validate", pack.directory])
    #expect(result.status == 2, "\(result.stdout)\(result.stderr.prefix(2000))")
    let at = try #require(pack.markers["1️⃣"])
    let expected = "rules/r.yaml:\(at.line):\(at.column): error: \(message)"
    #expect(result.stderr.contains(expected), "missing: \(expected)\n\(result.stderr.prefix(2000))")
    #expect(!result.stderr.contains("Fatal error"))
    // Snippets of very long lines are cut to a window around the caret.
    let longest = result.stderr.split(separator: "\n").map(\.count).max() ?? 0
    #expect(longest <= 200, "a snippet line of \(longest) characters")
  }

  @Test func aliasBombIsStoppedAtTheNodeLimit() throws {
    // "Billion laughs": ten levels of ten aliases each would expand to 10^10 nodes.
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in 1..<10 {
      let refs = Array(repeating: "*a\(i - 1)", count: 10)
      lines.append("a\(i): &a\(i) [\(i == 4 ? "1️⃣" : "")\(refs.joined(separator: ", "))]")
    }
    // The limit is crossed while expanding the fifth line's list.
    let text = lines.joined(separator: "\n") + "\nrules: []\n"
    let pack = try TemporaryPack.minimal(overriding: ["rules/r.yaml": text])
    defer { pack.remove() }
    let result = try CLI.run(["validate", pack.directory])
    #expect(result.status == 2)
    #expect(
      result.stderr.contains(
        "error: the document has more than 100000 nodes after expanding aliases [PRE1004]"),
      "\(result.stderr)")
    #expect(result.stderr.contains("rules/r.yaml:5:"))
  }

  @Test func tenThousandLevelsOfFlowNestingAreRefused() throws {
    let open = String(repeating: "[", count: 10_000)
    let close = String(repeating: "]", count: 10_000)
    // The root mapping, the rule list and the rule count as three levels.
    let prefix = String(repeating: "[", count: 197)
    try expectInvalid(
      "rules:\n  - id: \(prefix)1️⃣\(open.dropFirst(197))\(close)\n",
      "nesting is deeper than 200 levels [PRE1005]")
  }

  @Test func tenThousandLevelsOfBlockNestingAreRefused() throws {
    let result = try validate(
      "rules:\n  - " + String(repeating: "- ", count: 10_000) + "x\n")
    #expect(result.status == 2)
    #expect(result.stderr.contains("error: nesting is deeper than 200 levels [PRE1005]"))
  }

  @Test func duplicateKeysAreReportedWithTheFirstOne() throws {
    try expectInvalid(
      """
      rules:
        - id: T-001
          title: One
          1️⃣title: Two
          severity: error
          cite: [addendum §7]
          require: "true"
      """, "duplicate key 'title' [PRE1002]")
  }

  @Test func invalidUTF8InARuleFileIsReported() throws {
    let pack = try TemporaryPack.minimal()
    defer { pack.remove() }
    let url = URL(fileURLWithPath: pack.directory).appendingPathComponent("rules/r.yaml")
    try Data(Array("rules:\n  - id: T-".utf8) + [0xFF] + Array("1\n".utf8)).write(to: url)
    let result = try CLI.run(["validate", pack.directory])
    #expect(result.status == 2)
    #expect(result.stderr.contains("r.yaml"), "\(result.stderr)")
    #expect(result.stderr.contains("UTF-8"), "\(result.stderr)")
  }

  @Test func aCELExpressionOverTheLengthLimitIsRefused() throws {
    // About 125,000 characters: over the 100,000 limit.
    let long = (0..<3_500).map { "incident.incident_id == 'A-\($0)'" }.joined(separator: " || ")
    try expectInvalid(
      """
      rules:
        - id: T-001
          title: Long
          severity: error
          cite: [addendum §7]
          require: "1️⃣\(long)"
      """,
      "expression is \(long.unicodeScalars.count) characters long; the limit is 100000 [PRE2109]")
  }

  @Test func aLongCELExpressionUnderTheLimitWorks() throws {
    // About 95,000 characters, flat: accepted, and evaluated.
    let long = (0..<2_700).map { "incident.incident_id == 'B-\($0)'" }.joined(separator: " || ")
    let pack = try TemporaryPack.minimal(overriding: [
      "rules/r.yaml": """
      rules:
        - id: T-001
          title: Long
          severity: error
          cite: [addendum §7]
          require: "\(long)"
      """
    ])
    defer { pack.remove() }
    let result = try BadInput.check(
      "one.jsonl", #"{"incident_id": "A-1", "occurred_at": "2026-05-03T10:15:00+01:00"}"#,
      ["--format", "json"], rules: pack.directory)
    #expect(result.status == 1, "\(result.stderr.prefix(500))")
    let findings = BadInput.report(result)["findings"] as? [[String: Any]] ?? []
    #expect(findings.map { $0["rule"] as? String } == ["T-001"])
    #expect(findings.first?["kind"] as? String == "violation")
  }

  @Test func deeplyNestedCELIsRefused() throws {
    let depth = 10_000
    let expression =
      String(repeating: "(", count: depth) + "true" + String(repeating: ")", count: depth)
    let result = try validate(
      """
      rules:
        - id: T-001
          title: Deep
          severity: error
          cite: [addendum §7]
          require: "\(expression)"
      """)
    #expect(result.status == 2)
    #expect(result.stderr.contains("[PRE2"), "\(result.stderr.prefix(1000))")
    #expect(result.stderr.contains("nests more than"), "\(result.stderr.prefix(1000))")
  }

  @Test func aRunawayComprehensionStopsAtTheCostLimitAsAFindingOnItsRule() throws {
    // 1,001 × 1,001 iterations is over the default budget of 1,000,000.
    let list = "[" + (0...1_000).map(String.init).joined(separator: ", ") + "]"
    let pack = try TemporaryPack.minimal(overriding: [
      "rules/r.yaml": """
      rules:
        - id: T-001
          title: Runaway
          severity: error
          cite: [addendum §7]
          require: "\(list).all(x, \(list).all(y, x + y >= 0))"
        - id: T-002
          title: Has an id
          severity: error
          cite: [addendum §7]
          require: incident.incident_id != ''
      """
    ])
    defer { pack.remove() }
    let result = try BadInput.check(
      "one.jsonl", #"{"incident_id": "A-1", "occurred_at": "2026-05-03T10:15:00+01:00"}"#,
      ["--format", "json"], rules: pack.directory)
    #expect(result.status == 1, "\(result.stderr)")
    let report = BadInput.report(result)
    let findings = report["findings"] as? [[String: Any]] ?? []
    #expect(findings.count == 1)
    let finding = try #require(findings.first)
    #expect(finding["rule"] as? String == "T-001")
    #expect(finding["kind"] as? String == "cannot_evaluate")
    #expect(
      finding["message"] as? String
        == "cannot evaluate 'Runaway': evaluation cost limit exceeded")
    // The other rule on the same record is still evaluated.
    let rules = report["rules"] as? [[String: Any]] ?? []
    let other = try #require(rules.first { $0["rule"] as? String == "T-002" })
    #expect(other["passed"] as? Int == 1)
  }

  @Test func definitionsThatDoubleAListStopAtTheCostLimit() throws {
    // d39 would hold 16 × 2^39 elements; concatenation is charged before it is built.
    var definitions = "    d0: \"[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]\"\n"
    for i in 1..<40 { definitions += "    d\(i): d\(i - 1) + d\(i - 1)\n" }
    definitions += "    s0: \"'aaaaaaaaaaaaaaaa'\"\n"
    for i in 1..<6 { definitions += "    s\(i): s\(i - 1).replace('a', s\(i - 1))\n" }
    let pack = try TemporaryPack.minimal(overriding: [
      "pack.yaml": """
      precept: 1
      pack: test-pack
      version: 1.0.0
      title: Test pack
      effective: 2026-04-01
      record: {schema: incident.yaml, id: incident_id, date: occurred_at}
      sources:
        addendum: {title: The addendum}
      definitions:
      \(definitions)
      """,
      "rules/r.yaml": """
      rules:
        - id: T-001
          title: Doubled
          severity: error
          cite: [addendum §7]
          require: size(d39) > 0
        - id: T-002
          title: Squared
          severity: error
          cite: [addendum §7]
          require: size(s5) > 0
      """,
    ])
    defer { pack.remove() }
    let result = try BadInput.check(
      "one.jsonl", #"{"incident_id": "A-1", "occurred_at": "2026-05-03T10:15:00+01:00"}"#,
      ["--format", "json"], rules: pack.directory)
    #expect(result.status == 1, "\(result.stderr)")
    let findings = BadInput.report(result)["findings"] as? [[String: Any]] ?? []
    let messages = Dictionary(
      uniqueKeysWithValues: findings.map {
        ($0["rule"] as? String ?? "", $0["message"] as? String ?? "")
      })
    #expect(messages["T-001"] == "cannot evaluate 'Doubled': evaluation cost limit exceeded")
    #expect(messages["T-002"] == "cannot evaluate 'Squared': string result larger than 64 MiB")
  }

  private func validate(_ rules: String) throws -> CLI.Result {
    let pack = try TemporaryPack.minimal(overriding: ["rules/r.yaml": rules])
    defer { pack.remove() }
    return try CLI.run(["validate", pack.directory])
  }
}
