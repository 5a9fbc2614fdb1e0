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
}
