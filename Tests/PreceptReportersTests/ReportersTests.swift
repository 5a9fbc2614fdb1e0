import PreceptEngine
import PreceptReporters
import PreceptTestSupport
import Testing

@Suite struct ReportersTests {
  @Test func registryCoversEveryFormat() throws {
    #expect(Reporters.identifiers == ["text", "json", "sarif", "junit", "github", "markdown"])
    for identifier in Reporters.identifiers {
      let reporter = try #require(Reporters.reporter(for: identifier, options: .init()))
      #expect(type(of: reporter).identifier == identifier)
    }
    #expect(Reporters.reporter(for: "html", options: .init()) == nil)
    #expect(Reporters.reporter(for: "SARIF", options: .init()) == nil)
  }

  @Test(arguments: Reporters.identifiers)
  func snapshot(identifier: String) throws {
    let reporter = try #require(Reporters.reporter(for: identifier, options: .init()))
    assertSnapshot(reporter.render(SampleReport.report), named: identifier)
  }

  @Test(arguments: Reporters.identifiers)
  func snapshotOfCleanRun(identifier: String) throws {
    let reporter = try #require(Reporters.reporter(for: identifier, options: .init()))
    assertSnapshot(reporter.render(SampleReport.clean), named: "\(identifier)-clean")
  }

  @Test(arguments: Reporters.identifiers)
  func sameReportGivesSameBytes(identifier: String) throws {
    let first = try #require(Reporters.reporter(for: identifier, options: .init()))
    let second = try #require(Reporters.reporter(for: identifier, options: .init()))
    let output = first.render(SampleReport.report)
    #expect(Array(output.utf8) == Array(first.render(SampleReport.report).utf8))
    #expect(Array(output.utf8) == Array(second.render(SampleReport.report).utf8))
  }
}
