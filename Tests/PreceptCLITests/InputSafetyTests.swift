import Foundation
import PreceptTestSupport
import Testing

/// Faults a reviewer found by using the tool as its users would: each test runs the built CLI
/// on the input that showed the fault and checks what a user sees.
@Suite struct InputSafetyTests {
  private static let example = "Rules/dfe-2026/examples/incidents.csv"

  private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("precept-safety-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// The example export's header and its first `rows` data rows.
  private func exampleRows(_ rows: Int) throws -> [String] {
    let text = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(Self.example), encoding: .utf8)
    return Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(rows + 1))
      .map(String.init)
  }

  /// The example export's header, and its first row with its incident id (the first cell)
  /// replaced.
  private func exampleRow(withID id: String) throws -> (header: String, row: String) {
    let rows = try exampleRows(1)
    let comma = try #require(rows[1].firstIndex(of: ","))
    return (rows[0], id + rows[1][comma...])
  }

  // MARK: - A negative window

  @Test(arguments: ["check", "review"])
  func negativeWindowIsRefusedNotACrash(command: String) throws {
    let run = try CLI.run([command, Self.example, "--set", "repeat_window=-1s"])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(
      run.stderr.contains("the 'window' of 'RI-REV-001' is -1s, but a window cannot be negative"))
    #expect(run.stderr.contains("params.repeat_window is set to a negative duration"))
    #expect(!run.stderr.contains("crashed"))
  }

  @Test func overlaySettingANegativeWindowDoesNotValidate() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try CLI.run(["init", "t"], directory: dir).status == 0)
    let params = dir.appendingPathComponent("t/params.yaml")
    var text = try String(contentsOf: params, encoding: .utf8)
    text = text.replacingOccurrences(of: "# repeat_window: 30d", with: "repeat_window: -1h")
    #expect(text.contains("\nrepeat_window: -1h"))
    try text.write(to: params, atomically: true, encoding: .utf8)
    let validate = try CLI.run(["validate", "t"], directory: dir)
    #expect(validate.status == 2, "\(validate.stdout)\(validate.stderr)")
    #expect(validate.stderr.contains("a window cannot be negative"))
  }

  // MARK: - --output naming an input

  @Test(arguments: ["check", "review"])
  func outputThatIsAnInputIsRefusedAndTheInputKept(command: String) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let export = dir.appendingPathComponent("export.csv")
    let original = try exampleRows(3).joined(separator: "\n") + "\n"
    try original.write(to: export, atomically: true, encoding: .utf8)
    // The same file, written another way.
    let run = try CLI.run(
      [command, export.path, "--output", dir.path + "/./export.csv"], directory: dir)
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("which this run reads"))
    #expect(try String(contentsOf: export, encoding: .utf8) == original)
  }

  @Test func outputThatIsTheRosterIsRefused() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let roster = dir.appendingPathComponent("roster.csv")
    try FileManager.default.copyItem(
      at: CLI.repositoryRoot().appendingPathComponent("Rules/dfe-2026/examples/roster.csv"),
      to: roster)
    let before = try Data(contentsOf: roster)
    let run = try CLI.run([
      "review", Self.example, "--roster", roster.path, "--output", roster.path,
    ])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(try Data(contentsOf: roster) == before)
  }

  @Test func outputThatIsAParamsFileOrAPackFileIsRefused() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try CLI.run(["init", "t"], directory: dir).status == 0)
    let params = dir.appendingPathComponent("t/params.yaml")
    let before = try Data(contentsOf: params)
    for output in [params.path, dir.appendingPathComponent("t/rules/trust.yaml").path] {
      let run = try CLI.run([
        "check", Self.example, "--rules", dir.appendingPathComponent("t").path, "--params",
        params.path, "--output", output,
      ])
      #expect(run.status == 2, "\(output): \(run.stderr)")
      #expect(run.stderr.contains("which this run reads"))
    }
    #expect(try Data(contentsOf: params) == before)
  }

  // MARK: - A JSON file holding one record

  @Test func jsonFileHoldingOneObjectIsOneRecord() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let all =
      try JSONSerialization.jsonObject(
        with: Data(
          contentsOf: CLI.repositoryRoot().appendingPathComponent(
            "Rules/dfe-2026/examples/incidents.json"))) as! [[String: Any]]
    // One with lists of objects (staff, injuries) that once made it look like a wrapper.
    let record = try #require(all.first { ($0["staff"] as? [Any])?.isEmpty == false })
    let path = dir.appendingPathComponent("one.json")
    try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys])
      .write(to: path)
    let check = try CLI.run(["check", path.path, "--format", "json"])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
    let summary = try #require(report["summary"] as? [String: Any])
    #expect(summary["read"] as? Int == 1, "\(check.stderr)")
    #expect(summary["evaluated"] as? Int == 1)
    #expect(summary["rejected"] as? Int == 0)
    let id = try #require(record["incident_id"] as? String)
    let eval = try CLI.run(["eval", "incident.incident_id", "--record", path.path])
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(eval.stdout.contains(id))
  }

  @Test func evalReadsADraftRecordWithoutAnID() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("draft.json")
    try #"{"occurred_at": "2026-05-12T10:15:00+01:00", "staff": [{"id": "S-1"}]}"#.write(
      to: path, atomically: true, encoding: .utf8)
    let run = try CLI.run(["eval", "size(incident.staff)", "--record", path.path])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("1"), "\(run.stdout)")
  }

  @Test func reviewEscapesWhatItListsOnStandardError() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (header, bad) = try exampleRow(withID: "C\u{1B}[31mred")
    let path = dir.appendingPathComponent("dup.csv")
    // The same id twice: the second is listed on standard error.
    try ([header, bad, bad].joined(separator: "\n") + "\n").write(
      to: path, atomically: true, encoding: .utf8)
    let run = try CLI.run(["review", path.path, "--format", "json"])
    #expect(run.stderr.contains("PRE3201"), "\(run.stderr)")
    #expect(!run.stderr.unicodeScalars.contains("\u{1B}"))
  }

  // MARK: - Where a bad value inside a JSON cell is

  @Test func problemInsideAJSONCellIsReportedAtTheCell() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let rows = try exampleRows(1)
    let header = rows[0].split(separator: ",").map(String.init)
    let column = try #require(header.firstIndex(of: "injuries"))
    let cell =
      #""[{""person"": ""pupil"", ""description"": ""none"", ""medical_attention"": ""maybe""}]""#
    var cells = try CSVLine.split(rows[1])
    cells[column] = cell
    let path = dir.appendingPathComponent("cell.csv")
    try (rows[0] + "\n" + cells.joined(separator: ",") + "\n").write(
      to: path, atomically: true, encoding: .utf8)
    let run = try CLI.run(["check", path.path, "--format", "github"])
    #expect(run.stdout.contains("line=2"), "\(run.stdout)")
    #expect(!run.stdout.contains("line=1,"))
    #expect(run.stdout.contains("injuries.medical_attention"))
  }

  // MARK: - review says what it could not use

  @Test func reviewListsRosterRowsItCouldNotUse() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let original = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(
        "Rules/dfe-2026/examples/roster.csv"), encoding: .utf8)
    let lines = original.split(separator: "\n").map(String.init)
    let roster = dir.appendingPathComponent("roster.csv")
    try (lines + [lines[1], "P-9999,alien,WBRI,none,false,false,false,false,false"])
      .joined(separator: "\n").appending("\n").write(to: roster, atomically: true, encoding: .utf8)
    let run = try CLI.run([
      "review", Self.example, "--roster", roster.path, "--format", "json",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("roster.csv:\(lines.count + 1):1: error: "), "\(run.stderr)")
    #expect(run.stderr.contains("roster.csv:\(lines.count + 2):1: error: roster row rejected"))
    let review = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let notes = try #require(review["notes"] as? [String])
    #expect(notes.contains { $0.hasPrefix("2 rows of the roster (") })
  }

  // MARK: - Help examples

  @Test func evalHelpExampleRuns() throws {
    let help = try CLI.run(["help", "eval"])
    let example = "precept eval \"seclusion && incident.seclusion.supervision == 'continuous'\""
    #expect(help.stdout.contains(example), "\(help.stdout)")
    let run = try CLI.run([
      "eval", "seclusion && incident.seclusion.supervision == 'continuous'", "--record",
      "Rules/dfe-2026/tests/fixtures/compliant-seclusion-restraint.yaml",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("true"), "\(run.stdout)")
  }

  // MARK: - The same incidents in two exports

  /// The review's figures of some inputs (`-` reads `stdin`).
  private func reviewFigures(_ inputs: [String], stdin: String? = nil) throws -> (
    CLI.Result, [String: Any]
  ) {
    let run = try CLI.run(
      ["review"] + inputs + ["--roster", "Rules/dfe-2026/examples/roster.csv", "--format", "json"],
      stdin: stdin)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
      "\(run.stderr)")
    return (run, object)
  }

  private static let reviewKeys = [
    "totals", "months", "triggers", "repeat_patterns", "groups", "findings", "intervention_types",
  ]

  @Test func reviewCountsAnIncidentInTwoExportsOnce() throws {
    let (_, once) = try reviewFigures([Self.example])
    let csv = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent(Self.example), encoding: .utf8)
    // The JSON example, on one line (every record at line 1).
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let records = try JSONSerialization.jsonObject(
      with: Data(
        contentsOf: CLI.repositoryRoot().appendingPathComponent(
          "Rules/dfe-2026/examples/incidents.json")))
    let minified = dir.appendingPathComponent("one-line.json")
    try JSONSerialization.data(withJSONObject: records).write(to: minified)
    let cases: [(inputs: [String], stdin: String?)] = [
      ([Self.example, "Rules/dfe-2026/examples/incidents.json"], nil),
      ([Self.example, Self.example], nil),
      ([Self.example, minified.path], nil),
      (["-", "Rules/dfe-2026/examples/incidents.json"], csv),
    ]
    for c in cases {
      let (run, both) = try reviewFigures(c.inputs, stdin: c.stdin)
      #expect(run.status == 0, "\(c.inputs): \(run.stderr)")
      for key in Self.reviewKeys {
        // Unreadable rows are not incidents: read twice, they are counted twice.
        func figures(_ review: [String: Any]) -> Any {
          guard key == "totals", var totals = review[key] as? [String: Any] else {
            return review[key] as Any
          }
          totals["rejected"] = nil
          return totals
        }
        #expect(
          try JSONSerialization.data(withJSONObject: figures(once), options: .sortedKeys)
            == JSONSerialization.data(withJSONObject: figures(both), options: .sortedKeys),
          "\(c.inputs) \(key)")
      }
      let notes = try #require(both["notes"] as? [String])
      #expect(
        notes.contains(
          "45 record(s) repeat an incident id already read; each incident is counted once"),
        "\(c.inputs) \(notes)")
      #expect(run.stderr.contains("[PRE3201]"))
    }
  }

  // MARK: - Exports that are not what they seem

  @Test(arguments: ["e.csv", "e.json", "e.jsonl", "e.yaml"])
  func emptyExportIsUnreadableInEveryFormat(_ name: String) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent(name)
    try Data().write(to: path)
    let run = try CLI.run(["check", path.path])
    #expect(run.status == 3, "\(name): \(run.stdout)\(run.stderr)")
    #expect(run.stderr.contains("the input is empty"))
  }

  @Test func twoColumnsGivingOneFieldAreRefused() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("dup.csv")
    try """
    Incident Ref,Start,occurred_at,End
    INC-D1,10/06/2026 10:00,2026-06-10T12:00:00+01:00,10/06/2026 10:30

    """.write(to: path, atomically: true, encoding: .utf8)
    let run = try CLI.run(["check", path.path, "--profile", "example-mis"])
    #expect(run.status == 3)
    #expect(
      run.stderr.contains(
        "dup.csv:1:3: error: column 3 'occurred_at' and column 2 'Start' both give 'occurred_at'"),
      "\(run.stderr)")
    // In JSON Lines, keys can differ from record to record: the record is rejected.
    let jsonl = dir.appendingPathComponent("dup.jsonl")
    try
      #"{"Incident Ref": "INC-D1", "Start": "10/06/2026 10:00", "occurred_at": "2026-06-10T12:00:00+01:00"}"#
      .write(to: jsonl, atomically: true, encoding: .utf8)
    let lines = try CLI.run(["check", jsonl.path, "--profile", "example-mis", "--format", "json"])
    #expect(lines.stdout.contains("'occurred_at' is given twice, by 'Start' and 'occurred_at'"))
    #expect(lines.stdout.contains(#""rejected" : 1"#), "\(lines.stdout.suffix(400))")
  }

  @Test func paddedAndDifferentlyCasedYesNoAndChoicesAreRead() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("pad.csv")
    try """
    incident_id,occurred_at,force.used,pupil.sen_status,force.ground_hold_minutes
    INC-1,2026-06-10T10:00:00+01:00 ,true ,none,0
    INC-2,2026-06-10T10:00:00+01:00 ,True,none ,0
    INC-3,2026-06-10T10:00:00+01:00,maybe,none,0
    INC-4,2026-06-10T10:00:00+01:00,FALSE,None,0

    """.write(to: path, atomically: true, encoding: .utf8)
    let run = try CLI.run(["check", path.path, "--format", "json"])
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let summary = try #require(report["summary"] as? [String: Any])
    #expect(summary["rejected"] as? Int == 1, "\(run.stdout)")
    // The profile's words, in any case, with their padding.
    let mis = try String(
      contentsOf: CLI.repositoryRoot().appendingPathComponent("Rules/profiles/example-mis.csv"),
      encoding: .utf8)
    let lowered = dir.appendingPathComponent("mis.csv")
    try mis.replacingOccurrences(of: ",Yes,", with: ",yes ,").write(
      to: lowered, atomically: true, encoding: .utf8)
    #expect(mis.contains(",Yes,"))
    let before = try CLI.run([
      "check", "Rules/profiles/example-mis.csv", "--profile", "example-mis",
    ])
    let after = try CLI.run(["check", lowered.path, "--profile", "example-mis"])
    #expect(
      before.stdout.split(separator: "\n").last == after.stdout.split(separator: "\n").last,
      "\(after.stdout.suffix(300))")
  }

  @Test func anEmptyListIsAbsentInEveryFormat() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let files = [
      "e.csv": "incident_id,occurred_at,triggers,staff\nINC-1,2026-06-09T12:40:00+01:00,,[]\n",
      "e.json":
        #"{"incident_id": "INC-1", "occurred_at": "2026-06-09T12:40:00+01:00", "triggers": [], "staff": []}"#,
      "e.yaml":
        "incident_id: INC-1\noccurred_at: 2026-06-09T12:40:00+01:00\ntriggers: []\nstaff: []\n",
    ]
    for (name, text) in files {
      let path = dir.appendingPathComponent(name)
      try text.write(to: path, atomically: true, encoding: .utf8)
      let run = try CLI.run([
        "eval", "[has(incident.triggers), has(incident.staff), size(incident.triggers)]",
        "--record", path.path,
      ])
      #expect(run.stdout.hasPrefix("[false, false, 0]"), "\(name): \(run.stdout)\(run.stderr)")
    }
  }

  // MARK: - init

  @Test func initRefusesAPackIDThatIsNotKebabCase() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for id in ["Bad Id", "a: b", ""] {
      let run = try CLI.run(["init", "x", "--id", id], directory: dir)
      #expect(run.status == 2, "\(id): \(run.stderr)")
      #expect(run.stderr.contains("must be lower-kebab-case"))
      #expect(!FileManager.default.fileExists(atPath: dir.path + "/x"))
    }
  }

  @Test func initQuotesAFolderNameInItsHints() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try CLI.run(["init", "Weird Name!"], directory: dir)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("precept validate 'Weird Name!'\n"))
    // The hint works as printed.
    let validate = try CLI.run(["validate", "Weird Name!"], directory: dir)
    #expect(validate.status == 0, "\(validate.stderr)")
  }

  // MARK: - Test files

  @Test func testFileBaseMayBeAnAbsolutePath() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try CLI.run(["init", "t"], directory: dir).status == 0)
    let fixture = CLI.repositoryRoot().appendingPathComponent(
      "Rules/dfe-2026/tests/fixtures/compliant-seclusion-restraint.yaml"
    ).path
    let tests = dir.appendingPathComponent("t/tests/absolute.yaml")
    try """
    base: \(fixture)
    tests:
      - name: the compliant incident does not fire the trust rule
        not_fires: [TRUST-REC-001]
    """.write(to: tests, atomically: true, encoding: .utf8)
    let run = try CLI.run(["test", "t"], directory: dir)
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(run.stdout == "4 passed, 0 failed\n")
  }

  @Test func testFileWhoseBaseCannotBeReadIsAPackError() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try CLI.run(["init", "t"], directory: dir).status == 0)
    try """
    base: no-such-record.yaml
    tests:
      - name: cannot run
        not_fires: [TRUST-REC-001]
    """.write(
      to: dir.appendingPathComponent("t/tests/broken.yaml"), atomically: true, encoding: .utf8)
    let run = try CLI.run(["test", "t"], directory: dir)
    #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
    #expect(run.stderr.contains("cannot read base record 'no-such-record.yaml'"))
  }

  // MARK: - Terminal control characters from an export

  @Test(arguments: ["text", "github"])
  func controlCharactersFromAnExportAreEscaped(format: String) throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (header, bad) = try exampleRow(withID: "C\u{1}\u{1B}[31mred")
    let path = dir.appendingPathComponent("esc.csv")
    try (header + "\n" + bad + "\n").write(to: path, atomically: true, encoding: .utf8)
    let run = try CLI.run(["check", path.path, "--format", format])
    #expect(!run.stdout.unicodeScalars.contains("\u{1B}"))
    #expect(!run.stdout.unicodeScalars.contains("\u{1}"))
    #expect(run.stdout.contains(#"C\u{1}\u{1b}[31mred"#), "\(run.stdout)")
  }

  // MARK: - Rule files

  @Test func ruleFileThatIsNotUTF8IsPointedAt() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(try CLI.run(["init", "t"], directory: dir).status == 0)
    let rules = dir.appendingPathComponent("t/rules/trust.yaml")
    var bytes = Array(try Data(contentsOf: rules))
    let secondLine = try #require(bytes.firstIndex(of: UInt8(ascii: "\n"))) + 1
    bytes.insert(contentsOf: [UInt8(ascii: "#"), 0xFF], at: secondLine)
    try Data(bytes).write(to: rules)
    let run = try CLI.run(["validate", "t"], directory: dir)
    #expect(run.status == 2)
    #expect(run.stderr.contains("t/rules/trust.yaml:2:2: error: "), "\(run.stderr)")
    #expect(run.stderr.contains("byte 0xFF is not valid UTF-8"))
  }

  @Test func overlayOfAMissingPackSaysOnlyThat() throws {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let pack = dir.appendingPathComponent("p")
    try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
    try "precept: 1\npack: p\nversion: 0.1.0\nextends: nowhere-pack\n".write(
      to: pack.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
    let run = try CLI.run(["validate", pack.path])
    #expect(run.status == 2)
    #expect(run.stderr.contains("nowhere-pack"), "\(run.stderr)")
    #expect(!run.stderr.contains("missing required key 'record'"))
    // A near miss of a bundled pack's name is named.
    try "precept: 1\npack: p\nversion: 0.1.0\nextends: dfe-2062\n".write(
      to: pack.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
    let typo = try CLI.run(["validate", pack.path])
    #expect(typo.status == 2)
    #expect(typo.stderr.contains("did you mean 'dfe-2026'?"), "\(typo.stderr)")
  }
}

/// Splits one CSV line into its cells as written (quotes kept), for tests that change a cell.
enum CSVLine {
  static func split(_ line: String) throws -> [String] {
    var cells: [String] = []
    var current = ""
    var quoted = false
    for c in line {
      if c == "\"" { quoted.toggle() }
      if c == ",", !quoted {
        cells.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    cells.append(current)
    return cells
  }
}
