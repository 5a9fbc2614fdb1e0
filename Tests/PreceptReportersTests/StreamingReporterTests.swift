import Foundation
import PreceptEngine
import PreceptReporters
import PreceptTestSupport
import Testing

@Suite struct StreamingReporterTests {
  static let streaming: [any StreamingReporter] = [
    JSONReporter(), TextReporter(), TextReporter(options: .init(explain: true)),
    GitHubReporter(),
  ]

  /// The hand-written JSON of findings is what `JSONEncoder` writes, byte for byte, for every
  /// kind of finding (control characters, Unicode, waivers, missing optional fields).
  @Test func jsonIsWhatJSONEncoderWrites() throws {
    for report in [SampleReport.report, SampleReport.clean] {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      let expected = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
      #expect(Array(JSONReporter().render(report).utf8) == Array(expected.utf8))
    }
  }

  @Test func jsonEscapesEveryControlCharacterAsJSONEncoderDoes() throws {
    var text = ""
    for byte in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(byte))) }
    text += "\u{7F}/\\\"é😀\u{2028}"
    let finding = Finding(
      rule: "R-1", kind: .violation, severity: .error, record: text, message: text, cite: [text])
    var report = SampleReport.clean
    report.findings = [finding]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let expected = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    #expect(JSONReporter().render(report) == expected)
  }

  /// Strings are scanned for characters to escape eight bytes at a time: characters to escape
  /// at every offset of a word, in runs, next to multi-byte characters and at the ends, in
  /// strings of every length up to a few words, come out as `JSONEncoder` writes them.
  @Test func jsonEscapesAtEveryOffsetAsJSONEncoderDoes() throws {
    let pieces = ["a", "\"", "\\", "\n", "\u{1}", "\u{1F}", " ", "é", "😀", "/", "\u{7F}", "~"]
    var generator = SeededRandom(seed: 2026)
    var texts: [String] = []
    for length in 0..<40 {
      for _ in 0..<6 {
        texts.append((0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined())
      }
    }
    for special in ["\"", "\\", "\u{1F}"] {
      for offset in 0..<17 {
        texts.append(
          String(repeating: "x", count: offset) + special + String(repeating: "y", count: 9))
      }
    }
    let findings = texts.enumerated().map { n, text in
      Finding(
        rule: "R-\(n)", kind: .violation, severity: .error, record: text, message: text,
        cite: [text])
    }
    var report = SampleReport.clean
    report.findings = findings
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let expected = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    #expect(JSONReporter().render(report) == expected)
  }

  /// Writing findings one by one as they come gives the same bytes as rendering the finished
  /// report.
  @Test(arguments: 0..<streaming.count)
  func streamedOutputIsTheRenderedOutput(index: Int) {
    let reporter = Self.streaming[index]
    let report = SampleReport.report
    var out = reporter.prologue()
    let (stream, written) = reporter.stream { out += $0 }
    let counts = stream.feed(report)
    out += reporter.epilogue(counts, findingCount: written())
    #expect(written() == report.findings.count)
    #expect(out == reporter.render(report))
  }
}
