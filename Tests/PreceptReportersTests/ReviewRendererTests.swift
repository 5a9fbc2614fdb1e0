import Foundation
import PreceptEngine
import PreceptReporters
import PreceptTestSupport
import Testing

/// The review renderers are pure: the same report gives the same page. The report is the JSON
/// review of the hand-made fixture (Tests/Fixtures/review/review.json).
@Suite struct ReviewRendererTests {
  static func report() throws -> ReviewReport {
    let url = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
      .appendingPathComponent("../Fixtures/review/review.json")
    return try JSONDecoder().decode(ReviewReport.self, from: Data(contentsOf: url))
  }

  @Test func html() throws {
    let page = ReviewHTMLRenderer().render(try Self.report())
    assertSnapshot(page, named: "review-html")
    #expect(page == ReviewHTMLRenderer().render(try Self.report()))
  }

  @Test func markdown() throws {
    assertSnapshot(ReviewMarkdownRenderer().render(try Self.report()), named: "review-markdown")
  }

  @Test func jsonRoundTrips() throws {
    let report = try Self.report()
    let text = ReviewJSONRenderer().render(report)
    let again = try JSONDecoder().decode(ReviewReport.self, from: Data(text.utf8))
    #expect(ReviewJSONRenderer().render(again) == text)
  }

  @Test func withoutARosterDisproportionalityIsNotEvaluated() throws {
    var report = try Self.report()
    report.rosterGiven = false
    report.groups = []
    let page = ReviewHTMLRenderer().render(report)
    #expect(page.contains("<strong>Not evaluated.</strong>"))
    let md = ReviewMarkdownRenderer().render(report)
    #expect(md.contains("**Not evaluated**"))
  }

  @Test func textIsEscaped() throws {
    var report = try Self.report()
    report.triggers = try JSONDecoder().decode(
      [ReviewReport.Trigger].self,
      from: Data(#"[{"trigger": "<b>loud</b>", "incidents": 1, "pupils": 1}]"#.utf8))
    let page = ReviewHTMLRenderer().render(report)
    #expect(!page.contains("<b>loud</b>"))
    #expect(page.contains("&lt;b&gt;loud&lt;/b&gt;"))
  }

  /// A large export's review stays readable: people see the busiest 100 pupils and the first 200
  /// review findings, told how many more the JSON lists; the JSON keeps them all.
  @Test func longListsAreShortenedForPeopleNotForTheJSON() throws {
    var report = try Self.report()
    let pupil = try #require(report.repeatPatterns.first)
    let finding = try #require(report.findings.first { $0.kind == .aggregate })
    report.repeatPatterns = (0..<130).map { i in
      var p = pupil
      p.pupil = "P-\(100_000 + i)"
      return p
    }
    report.findings = AggregateFindings(
      (0..<250).map { i in
        var f = finding
        f.group = "pupil P-\(100_000 + i)"
        return f
      })
    let page = ReviewHTMLRenderer().render(report)
    #expect(page.contains("P-100099") && !page.contains("P-100100</code>"))
    #expect(page.contains("… and 30 more pupils"))
    #expect(page.contains("… and 50 more review findings"))
    let md = ReviewMarkdownRenderer().render(report)
    #expect(md.contains("… and 30 more pupils") && md.contains("… and 50 more review findings"))
    let json = ReviewJSONRenderer().render(report)
    #expect(json.contains("P-100129") && json.contains("pupil P-100249"))
  }
}
