import Foundation
import PreceptTestSupport
import Testing

/// Malformed exports, end to end: each case asserts the message, its location, the record
/// counts and the exit code. Nothing crashes, hangs or is silently dropped.
@Suite struct BadInputCorpusTests {
  /// One malformed export and what `precept check` must say about it.
  struct Case: Sendable, CustomStringConvertible {
    var description: String
    /// The file name (its extension picks the reader).
    var file: String
    var bytes: [UInt8]
    var status: Int32
    /// Lines that must appear in standard output (findings) or standard error (input errors).
    var stdout: [String] = []
    var stderr: [String] = []
    /// The summary's counts, `nil` when the input cannot be read at all.
    var counts: String?

    init(
      _ description: String, _ file: String, _ text: String, status: Int32,
      stdout: [String] = [], stderr: [String] = [], counts: String? = nil
    ) {
      self.init(
        description, file, bytes: Array(text.utf8), status: status, stdout: stdout,
        stderr: stderr, counts: counts)
    }

    init(
      _ description: String, _ file: String, bytes: [UInt8], status: Int32,
      stdout: [String] = [], stderr: [String] = [], counts: String? = nil
    ) {
      self.description = description
      self.file = file
      self.bytes = bytes
      self.status = status
      self.stdout = stdout
      self.stderr = stderr
      self.counts = counts
    }
  }

  static let h = BadInput.header
  static func r(_ id: String) -> String { BadInput.row(id) }
  static func o(_ id: String, _ extra: String = "") -> String { BadInput.object(id, extra: extra) }

  static let cases: [Case] = [
    // CSV structure.
    Case(
      "a CSV file cut off in the middle of a row", "truncated.csv",
      "\(h)\n\(r("A-1"))\nA-2,2026-05-03T10:1", status: 1,
      stdout: [
        "truncated.csv:3:3: error: record could not be read: row 2 has 2 fields, the header has 5 fields [PRE3002]"
      ], counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "a quote that is never closed", "unbalanced.csv",
      "\(h)\n\(r("A-1"))\nA-2,\"2026-05-03T10:15:00+01:00,x,S-1,y\n\(r("A-3"))\n\(r("A-4"))\n",
      status: 1,
      stdout: [
        "unbalanced.csv:3:2: error: record could not be read: the quote opened in field 2 ('occurred_at') is not closed; reading resumes on the next line [PRE3001]"
      ], counts: "4 records read, 3 evaluated, 1 rejected"),
    Case(
      "text after a closing quote", "after-quote.csv",
      "\(h)\n\"A-1\"x,2026-05-03T10:15:00+01:00,,,\n\(r("A-2"))\n", status: 1,
      stdout: ["after-quote.csv:2:1: error: record could not be read: "],
      counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "a header naming a column twice", "duplicate-column.csv",
      "incident_id,occurred_at,incident_id\nA-1,2026-05-03T10:15:00+01:00,A-2\n", status: 3,
      stderr: [
        "duplicate-column.csv:1:3: error: column 3 'incident_id' duplicates column 1 [PRE3105]"
      ]),
    Case(
      "a header with an empty column name", "empty-column.csv",
      "incident_id,,occurred_at\nA-1,x,2026-05-03T10:15:00+01:00\n", status: 3,
      stderr: ["empty-column.csv:1:2: error: column 2 of the header has an empty name [PRE3105]"]),
    Case(
      "a header without a required column", "missing-column.csv",
      "incident_id,ended_at\nA-1,2026-05-03T10:20:00+01:00\nA-2,2026-05-03T10:20:00+01:00\n",
      status: 1,
      stdout: [
        "missing-column.csv:2:1: error: record rejected: required field 'occurred_at' is missing [PRE3306]",
        "missing-column.csv:3:1: error: record rejected: required field 'occurred_at' is missing [PRE3306]",
      ], counts: "2 records read, 0 evaluated, 2 rejected"),
    Case(
      "an empty file", "empty.csv", "", status: 3,
      stderr: ["empty.csv: error: the input is empty: a header row is required [PRE3105]"]),
    Case(
      "rows with too many and too few fields", "ragged.csv",
      "\(h)\n\(r("A-1")),extra\nA-2,2026-05-03T10:15:00+01:00\n\(r("A-3"))\n", status: 1,
      stdout: [
        "ragged.csv:2:6: error: record could not be read: row 1 has 6 fields, the header has 5 fields [PRE3002]",
        "ragged.csv:3:3: error: record could not be read: row 2 has 2 fields, the header has 5 fields [PRE3002]",
      ], counts: "3 records read, 1 evaluated, 2 rejected"),
    // Encodings and bytes.
    Case(
      "invalid UTF-8 in a value", "bad-utf8.csv",
      bytes: Array("\(h),location\n\(r("A-1")),Room ".utf8) + [0xFF, 0xFE]
        + Array("\n\(r("A-2")),Hall\n".utf8), status: 1,
      stdout: [
        "bad-utf8.csv:2:6: error: record could not be read: field 6 ('location') is not valid UTF-8 [PRE3003]"
      ], counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "invalid UTF-8 in the header", "bad-utf8-header.csv",
      bytes: Array("incident_id,occ".utf8) + [0xC3, 0x28] + Array("urred_at\nA-1,x\n".utf8),
      status: 3,
      stderr: ["bad-utf8-header.csv:1:2: error: header column 2 is not valid UTF-8 text [PRE3104]"]),
    Case(
      "a UTF-16 export", "utf16.csv", bytes: [0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00], status: 3,
      stderr: ["utf16.csv: error: input is UTF-16; convert it to UTF-8 [PRE3104]"]),
    Case(
      "a UTF-8 byte-order mark", "bom.csv", "\u{FEFF}\(h)\n\(r("A-1"))\n", status: 0,
      counts: "1 record read, 1 evaluated, 0 rejected"),
    Case(
      "CRLF line ends", "crlf.csv", "\(h)\r\n\(r("A-1"))\r\n\(r("A-2")),x\r\n", status: 1,
      stdout: [
        "crlf.csv:3:6: error: record could not be read: row 2 has 6 fields, the header has 5 fields [PRE3002]"
      ], counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "lone CR line ends", "cr.csv", "\(h)\r\(r("A-1"))\r\(r("A-2")),x\r", status: 1,
      stdout: [
        "cr.csv:3:6: error: record could not be read: row 2 has 6 fields, the header has 5 fields [PRE3002]"
      ], counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "a NUL byte in a value", "nul.csv",
      "\(h),location\n\(r("A-1")),Ha\u{0}ll\n\(r("A-2")),Hall\n",
      status: 1,
      stdout: [
        "nul.csv:2:6: error: record could not be read: field 6 ('location') contains a NUL byte [PRE3004]"
      ], counts: "2 records read, 1 evaluated, 1 rejected"),
    // JSON.
    Case(
      "a JSON array cut off", "truncated.json", "[\(o("A-1")), {\"incident_id\": \"A-2\"",
      status: 1,
      stdout: ["truncated.json:1:"], counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "JSON nested 10,000 levels deep", "deep.json",
      "[\(o("A-1")),\n" + String(repeating: "{\"a\":", count: 10_000) + "1"
        + String(repeating: "}", count: 10_000) + "]",
      status: 1,
      stdout: [
        "deep.json:2:321: error: record could not be read: nesting is deeper than 64 levels [PRE3012]"
      ],
      counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "a JSON number too large for a whole number", "big-number.jsonl",
      o("A-1", #", "pupil": {"age_at_incident": 123456789012345678901234567890}"#) + "\n"
        + o("A-2") + "\n",
      status: 1,
      stdout: [
        "big-number.jsonl:1:204: error: record rejected: 'pupil.age_at_incident' is too large for a whole number [PRE3301]"
      ], counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "a JSON object with a key twice", "duplicate-key.jsonl",
      o("A-1", #", "recorded_by": "S-2""#) + "\n" + o("A-2") + "\n", status: 1,
      stdout: ["duplicate-key.jsonl:1:"], counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "JSON Lines with a broken line", "broken.jsonl", "\(o("A-1"))\n{not json\n\(o("A-2"))\n",
      status: 1, stdout: ["broken.jsonl:2:2: error: record could not be read: "],
      counts: "3 records read, 2 evaluated, 1 rejected"),
    Case(
      "a JSON document that is not a list of records", "shape.json", #"{"incidents": 5}"#,
      status: 3,
      stderr: ["shape.json:1:16: error: the top-level object holds no array of records [PRE3106]"]),
    // Dates and times.
    Case(
      "dates that do not exist", "dates.csv",
      "\(h),pupil.date_of_birth\n\(r("A-1")),31/02/2026\n\(r("A-2")),2019-02-31\n\(r("A-3")),2019-02-28\n",
      status: 1,
      stdout: [
        "dates.csv:2:6: error: record rejected: 'pupil.date_of_birth' is not a real date (expected YYYY-MM-DD) [PRE3305]",
        "dates.csv:3:6: error: record rejected: 'pupil.date_of_birth' is not a real date (expected YYYY-MM-DD) [PRE3305]",
      ], counts: "3 records read, 1 evaluated, 2 rejected"),
    Case(
      "a timestamp on a day that does not exist", "bad-timestamp.csv",
      "\(h)\nA-1,2026-02-31T10:15:00+00:00,,,\n\(r("A-2"))\n", status: 1,
      stdout: ["bad-timestamp.csv:2:2: error: record rejected: 'occurred_at' "],
      counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "a timestamp without a UTC offset", "no-offset.csv",
      "\(h)\nA-1,2026-05-03T10:15:00,,,\n\(r("A-2"))\n", status: 1,
      stdout: [
        "no-offset.csv:2:2: error: record rejected: 'occurred_at' has no UTC offset (write e.g. 2026-05-03T10:15:00+01:00, or use a profile that says which zone exports are in) [PRE3304]"
      ], counts: "2 records read, 1 evaluated, 1 rejected"),
    Case(
      "an incident dated in the future", "future.csv",
      "\(h)\nA-1,2096-05-03T10:15:00+01:00,2096-05-03T10:20:00+01:00,S-1,2096-05-03T11:00:00+01:00\n",
      status: 1,
      stdout: [
        "future.csv:2:1: error: occurred_at is in the future; ended_at is in the future; recorded_at is in the future [RI-DATA-001]"
      ],
      counts: "1 record read, 1 evaluated, 0 rejected"),
  ]

  @Test(arguments: cases)
  func badExport(_ c: Case) throws {
    let result = try BadInput.check(c.file, c.bytes)
    #expect(result.status == c.status, "\(result.stdout)\(result.stderr)")
    for line in c.stdout {
      #expect(result.stdout.contains(line), "missing: \(line)\n\(result.stdout)")
    }
    for line in c.stderr {
      #expect(result.stderr.contains(line), "missing: \(line)\n\(result.stderr)")
    }
    if let counts = c.counts {
      #expect(result.stdout.contains("summary: \(counts);"), "\(result.stdout)")
    } else {
      // An unreadable input is reported once, on standard error, and nothing is checked.
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }
    #expect(!result.stderr.contains("Fatal error"))
  }

  @Test func aFiftyMegabyteFieldIsReadWhole() throws {
    let dir = try BadInput.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let url = dir.appendingPathComponent("big.csv")
    var bytes = Array("\(BadInput.header),antecedents\n\(BadInput.row("A-1")),\"".utf8)
    let chunk = Array("Quinlan said \"\"no\"\", ".utf8)
    bytes.reserveCapacity(50 * 1024 * 1024 + 200)
    while bytes.count < 50 * 1024 * 1024 { bytes += chunk }
    bytes += Array("\"\n\(BadInput.row("A-2")),short\n".utf8)
    try Data(bytes).write(to: url)
    let result = try CLI.run(
      ["check", "big.csv", "--rules", BadInput.pack, "--format", "json"], directory: dir)
    #expect(result.status == 0, "\(result.stderr)")
    let summary = BadInput.report(result)["summary"] as? [String: Any] ?? [:]
    #expect(summary["read"] as? Int == 2)
    #expect(summary["evaluated"] as? Int == 2)
    #expect(!result.stdout.contains("Quinlan"))
  }
}
