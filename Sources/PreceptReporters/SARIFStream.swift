import Foundation
import PreceptEngine

/// Writes the SARIF log of a check whose findings are streamed, so that a check of millions of
/// records holds none of them: each result is encoded as its finding is made (on the threads
/// that evaluate records) and spooled to an unnamed temporary file; at the end the log is
/// encoded around them. The output is byte for byte ``SARIFReporter/render(_:)``'s.
///
/// SARIF puts the run's summary, notes and rule descriptors (whose indices the results cite)
/// beside the results, and they are known only at the end; so each result's `ruleIndex` is
/// spooled as a mark and written when the rules are known.
public final class SARIFStream {
  private let reporter: SARIFReporter
  private let fallbackFile: String?
  private let spool: Spool
  /// Where each result's rule index goes in the spool, and the code (an index into `codes`).
  private var marks: [(offset: Int, code: Int32)] = []
  private var codes: [String] = []
  private var codeIndex: [String: Int32] = [:]
  private var firstFinding: [String: Finding] = [:]
  private var sample: [String: Finding] = [:]
  private var usesSourceRoot = false
  private var count = 0

  /// The rule index written into each encoded result, found again in its text.
  private static let placeholder = 7_317_931_793_179
  private static let placeholderDigits = Array(String(placeholder).utf8)
  /// The indentation of a result in the log (the `results` array of the first run).
  private static let indent = "        "

  /// Prepares a stream for a check of `inputs`.
  /// - Throws: ``InputError``-free: `nil` when no temporary file can be made.
  public init?(reporter: SARIFReporter, inputs: [String]) {
    guard let spool = Spool() else { return nil }
    self.reporter = reporter
    self.fallbackFile = SARIFReporter.fallbackFile(inputs)
    self.spool = spool
  }

  /// The stream to hand to the check.
  public var stream: FindingStream {
    let reporter = reporter
    let fallbackFile = fallbackFile
    return FindingStream(
      render: {
        Self.encode(
          reporter.result(for: $0, ruleIndex: Self.placeholder, fallbackFile: fallbackFile))
      },
      emit: { [unowned self] finding, text in self.spool(finding, text) })
  }

  /// A result encoded alone, indented as in the log. Empty lines (inside an empty object)
  /// stay empty, as in the log.
  private static func encode(_ result: SARIF.Result) -> String {
    guard let data = try? SARIFReporter.encoder.encode(result) else { return "{}" }
    let indent = Array(Self.indent.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(data.count + data.count / 4)
    out.append(contentsOf: indent)
    data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
      for i in bytes.indices {
        let b = bytes[i]
        out.append(b)
        if b == UInt8(ascii: "\n"), i + 1 < bytes.count, bytes[i + 1] != UInt8(ascii: "\n") {
          out.append(contentsOf: indent)
        }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private func spool(_ finding: Finding, _ text: String) {
    ReportedRule.note(finding, firstFinding: &firstFinding, sample: &sample)
    if let file = finding.location?.file ?? fallbackFile, !file.hasPrefix("/") {
      usesSourceRoot = true
    }
    var code = codeIndex[finding.rule]
    if code == nil {
      code = Int32(codes.count)
      codeIndex[finding.rule] = code
      codes.append(finding.rule)
    }
    if count > 0 { spool.append(",\n") }
    count += 1
    var text = text
    text.withUTF8 { bytes in
      let raw = UnsafeRawBufferPointer(bytes)
      if let at = Self.find(Self.placeholderDigits, in: bytes) {
        spool.append(UnsafeRawBufferPointer(rebasing: raw[..<at]))
        marks.append((spool.size, code!))
        spool.append(UnsafeRawBufferPointer(rebasing: raw[(at + Self.placeholderDigits.count)...]))
      } else {
        spool.append(raw)
      }
    }
  }

  /// Where `needle` first occurs in `bytes`.
  private static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count >= needle.count, let first = needle.first else { return nil }
    var i = 0
    while i <= bytes.count - needle.count {
      if bytes[i] == first {
        var k = 1
        while k < needle.count, bytes[i + k] == needle[k] { k += 1 }
        if k == needle.count { return i }
      }
      i += 1
    }
    return nil
  }

  /// Writes the whole log: `report` has every count and note (its findings were streamed).
  public func finish(_ report: CheckReport, write: (String) -> Void) {
    let rules = report.reportedRules(firstFinding: firstFinding, sample: sample)
    guard count > 0 else {
      let log = reporter.log(for: report, rules: rules, results: [], usesSourceRoot: false)
      let data = (try? SARIFReporter.encoder.encode(log)) ?? Data("{}".utf8)
      write(String(decoding: data, as: UTF8.self) + "\n")
      return
    }
    // The log around one stand-in result, whose text is then replaced by the spooled ones.
    let standIn = SARIF.Result(
      ruleId: "precept-spooled-results", ruleIndex: 0, level: "none", message: .init(text: ""),
      locations: nil, partialFingerprints: [:], suppressions: nil,
      properties: .init(kind: "", severity: ""))
    let log = reporter.log(
      for: report, rules: rules, results: [standIn], usesSourceRoot: usesSourceRoot)
    let text = String(
      decoding: (try? SARIFReporter.encoder.encode(log)) ?? Data(), as: UTF8.self)
    guard let range = text.range(of: Self.encode(standIn)) else {
      write(text + "\n")
      return
    }
    write(String(text[..<range.lowerBound]))
    let indexByID = SARIFReporter.indices(of: rules)
    let index = codes.map { String(indexByID[$0] ?? 0) }
    copySpool(marks: marks, index: index, write: write)
    write(String(text[range.upperBound...]) + "\n")
  }

  /// Copies the spool to `write`, each mark replaced by its rule's index.
  private func copySpool(
    marks: [(offset: Int, code: Int32)], index: [String], write: (String) -> Void
  ) {
    var position = 0
    for mark in marks {
      spool.copy(position..<mark.offset, to: write)
      write(index[Int(mark.code)])
      position = mark.offset
    }
    spool.copy(position..<spool.size, to: write)
  }
}
