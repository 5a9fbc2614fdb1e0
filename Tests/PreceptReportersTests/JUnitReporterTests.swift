import Foundation
import PreceptEngine
import PreceptReporters
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct JUnitReporterTests {
  let output = JUnitReporter().render(SampleReport.report)

  @Test func onlyCharactersXMLAllows() {
    for scalar in output.unicodeScalars {
      let value = scalar.value
      let allowed =
        value == 0x9 || value == 0xA || (0x20...0xD7FF).contains(value)
        || (0xE000...0xFFFD).contains(value) || value >= 0x10000
      #expect(allowed, "U+\(String(value, radix: 16)) in the output")
    }
    #expect(!output.contains("\r"))
  }

  #if canImport(FoundationXML) || os(macOS)
    @Test func parsesBackWithTheSameValues() throws {
      let document = try XMLDocument(xmlString: output, options: [])
      let root = try #require(document.rootElement())
      #expect(root.name == "testsuites")
      let suites = root.elements(forName: "testsuite")
      let names = suites.compactMap { $0.attribute(forName: "name")?.stringValue }
      #expect(
        names == [
          "RI-SEC-006 A secluded pupil is supervised at all times",
          "RI-REP-002 Parents are told the same day",
          "RI-REC-001 Debrief is recorded & signed <within 5 days>",
          "RI-INFO-009 Restraint of a pupil under 5 is reviewed",
          "RI-PAT-001 Repeated interventions are reviewed",
          "input",
        ])

      let recordSuite = try #require(
        suites.first { $0.attribute(forName: "name")?.stringValue?.hasPrefix("RI-REC-001") == true }
      )
      let waived = try #require(
        recordSuite.elements(forName: "testcase").first {
          $0.attribute(forName: "name")?.stringValue == "RI-REC-001 record INC-2026-0003"
        })
      let skipped = try #require(waived.elements(forName: "skipped").first)
      #expect(
        skipped.attribute(forName: "message")?.stringValue
          == "waived: agreed with the DSL: \"late\" entry, see log (approved by J. O'Brien, "
          + "until 2026-12-31)")
      let body = try #require(waived.elements(forName: "system-out").first?.stringValue)
      #expect(body.hasPrefix("debrief says “calm” <b>&</b> 100% | done, ok: yes\u{FFFD}\r\nsecond"))
      #expect(body.contains("title: Debrief is recorded & signed <within 5 days>"))

      let secSuite = suites[0]
      let failure = try #require(
        secSuite.elements(forName: "testcase").first?.elements(forName: "failure").first)
      #expect(failure.attribute(forName: "type")?.stringValue == "error")
      let text = try #require(failure.stringValue)
      #expect(text.contains("  incident.seclusion.supervision = 'intermittent'"))
      #expect(text.contains("fix: record who supervised the pupil"))
    }

    @Test func attributeValuesRoundTrip() throws {
      var report = SampleReport.report
      report.findings[3].waiver = nil
      let document = try XMLDocument(xmlString: JUnitReporter().render(report), options: [])
      let failures = try document.nodes(forXPath: "//failure")
      let messages = failures.compactMap {
        ($0 as? XMLElement)?.attribute(forName: "message")?.stringValue
      }
      // The control character is replaced; CR, LF and everything else survive.
      let expected = SampleReport.specialMessage.replacingOccurrences(of: "\u{1}", with: "\u{FFFD}")
      #expect(messages.contains(expected))
    }
  #endif

  @Test func suiteCountsAreTestCasesAndRecordCountsAreProperties() {
    #expect(
      output.contains(
        "<testsuite name=\"RI-SEC-006 A secluded pupil is supervised at all times\" tests=\"3\" "
          + "failures=\"1\" errors=\"0\" skipped=\"1\">"))
    #expect(
      output.contains(
        "<testsuite name=\"RI-REC-001 Debrief is recorded &amp; signed &lt;within 5 days&gt;\" "
          + "tests=\"3\" failures=\"0\" errors=\"0\" skipped=\"2\">"))
    #expect(output.contains("<property name=\"records_passed\" value=\"1\"/>"))
    #expect(
      output.contains("<testcase name=\"RI-SEC-006 (1 record passed)\" classname=\"RI-SEC-006\"/>"))
    #expect(output.contains("<testcase name=\"RI-REP-002 (3 records passed)\""))
    // Every suite's attributes count its own elements, as JUnit readers count them.
    for suite in output.components(separatedBy: "<testsuite ").dropFirst() {
      func attribute(_ name: String) -> Int? {
        guard let r = suite.range(of: "\(name)=\"") else { return nil }
        return Int(suite[r.upperBound...].prefix { $0 != "\"" })
      }
      func count(_ element: String) -> Int { suite.components(separatedBy: element).count - 1 }
      #expect(attribute("tests") == count("<testcase "), "\(suite.prefix(80))")
      #expect(attribute("skipped") == count("<skipped"), "\(suite.prefix(80))")
      #expect(attribute("failures") == count("<failure"), "\(suite.prefix(80))")
      #expect(attribute("errors") == count("<error"), "\(suite.prefix(80))")
    }
  }

  @Test func inputProblemsHaveTheirOwnSuite() {
    #expect(
      output.contains(
        "<testsuite name=\"input\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"1\">"))
    #expect(output.contains("<testcase name=\"PRE3002 at exports/incidents 2026.csv:4\""))
  }
}
