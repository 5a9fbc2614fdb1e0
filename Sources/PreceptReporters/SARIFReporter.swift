import Foundation
import PreceptEngine
import PreceptRules

/// `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).
///
/// One run; the driver lists every rule of the pack (and any non-rule code a finding uses,
/// such as input problems) as a reporting descriptor with its citation, quote and fix. Each
/// finding is a result pointing at the record's position in the export, with a partial
/// fingerprint of rule and record so that a finding keeps its identity between runs, the
/// explanation in its properties, and an external suppression when a waiver covers it.
public struct SARIFReporter: Reporter {
  /// The `--format` name.
  public static let identifier = "sarif"

  /// The `uriBaseId` of paths relative to where `precept check` ran.
  public static let sourceRootID = "SRCROOT"

  /// The key of the partial fingerprint in each result.
  public static let fingerprintKey = "preceptFinding/v1"

  /// Where users read about the tool (`tool.driver.informationUri`).
  public var informationURI: String

  /// Creates a SARIF reporter.
  /// - Parameter informationURI: The tool's home page, for `tool.driver.informationUri`.
  public init(informationURI: String = "https://precept.invalid/") {
    self.informationURI = informationURI
  }

  /// The report as a SARIF 2.1.0 log: pretty-printed JSON with sorted keys.
  public func render(_ report: CheckReport) -> String {
    guard let data = try? Self.encoder.encode(log(for: report)) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// The encoder of the log and of each result (``SARIFStream`` splices results encoded alone
  /// into the log, so both must be encoded alike).
  static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return encoder
  }

  /// The SARIF document for a report.
  func log(for report: CheckReport) -> SARIF.Log {
    let rules = report.reportedRules
    let indexByID = Self.indices(of: rules)
    let fallbackFile = Self.fallbackFile(report.summary.inputs)
    let results = report.findings.map { finding in
      result(for: finding, ruleIndex: indexByID[finding.rule] ?? 0, fallbackFile: fallbackFile)
    }
    let usesSourceRoot = results.contains(where: Self.usesSourceRoot)
    return log(for: report, rules: rules, results: results, usesSourceRoot: usesSourceRoot)
  }

  /// The index of each rule's descriptor.
  static func indices(of rules: [ReportedRule]) -> [String: Int] {
    var indexByID: [String: Int] = [:]
    for (index, rule) in rules.enumerated() { indexByID[rule.id] = index }
    return indexByID
  }

  /// The file findings without a position are attached to: the input, when there is only one.
  static func fallbackFile(_ inputs: [String]) -> String? {
    let files = inputs.filter { $0 != "-" }
    return files.count == 1 ? files[0] : nil
  }

  /// Whether a result points at a path relative to where the check ran.
  static func usesSourceRoot(_ result: SARIF.Result) -> Bool {
    result.locations?.contains {
      $0.physicalLocation.artifactLocation.uriBaseId == sourceRootID
    } ?? false
  }

  /// The SARIF document for a report, its rules and its results.
  func log(
    for report: CheckReport, rules: [ReportedRule], results: [SARIF.Result], usesSourceRoot: Bool
  ) -> SARIF.Log {
    let notifications = report.notes.map {
      SARIF.Notification(level: "note", message: .init(text: $0))
    }
    let driver = SARIF.ToolComponent(
      name: report.tool.name,
      fullName: "\(report.tool.name) \(report.tool.version) (\(report.pack.id) "
        + "\(report.pack.version))",
      version: report.tool.version, informationUri: informationURI,
      rules: rules.map(descriptor(for:)))
    let run = SARIF.Run(
      tool: .init(driver: driver),
      invocations: [
        .init(
          executionSuccessful: true,
          toolExecutionNotifications: notifications.isEmpty ? nil : notifications)
      ],
      originalUriBaseIds: usesSourceRoot
        ? [
          Self.sourceRootID: .init(
            description: .init(text: "the directory 'precept check' ran in"))
        ] : nil,
      results: results,
      properties: .init(pack: report.pack, summary: report.summary))
    return SARIF.Log(runs: [run])
  }

  // MARK: - Rules

  private func descriptor(for rule: ReportedRule) -> SARIF.ReportingDescriptor {
    var text = rule.title
    if let description = rule.description { text += "\n\n" + description }
    if !rule.cite.isEmpty { text += "\n\nGuidance: " + rule.cite.joined(separator: "; ") }
    if let quote = rule.quote { text += "\n\n\"\(quote)\"" }
    var helpText = text
    if let fix = rule.fix { helpText += "\n\nFix: \(fix)" }

    var markdown = "**\(Markdown.escape(rule.title))**"
    if let description = rule.description { markdown += "\n\n" + Markdown.escape(description) }
    if !rule.cite.isEmpty {
      markdown += "\n\nGuidance: " + rule.cite.map(Markdown.escape).joined(separator: "; ")
    }
    if let quote = rule.quote { markdown += "\n\n" + Markdown.blockQuote(quote) }
    if let fix = rule.fix { markdown += "\n\n**Fix:** " + Markdown.escape(fix) }

    var tags = ["precept"]
    if let kind = rule.kind, !rule.isPackRule { tags.append(kind.rawValue) }
    for cite in rule.cite where !tags.contains(cite) { tags.append(cite) }
    return SARIF.ReportingDescriptor(
      id: rule.id, name: rule.id,
      shortDescription: .init(text: rule.title),
      fullDescription: .init(text: text),
      help: .init(text: helpText, markdown: markdown),
      defaultConfiguration: .init(level: rule.severity.sarifLevel),
      properties: .init(
        tags: tags, cite: rule.cite.isEmpty ? nil : rule.cite, quote: rule.quote, fix: rule.fix))
  }

  // MARK: - Results

  func result(
    for finding: Finding, ruleIndex: Int, fallbackFile: String?
  ) -> SARIF.Result {
    var locations: [SARIF.Location]?
    if let location = finding.location {
      var region: SARIF.Region?
      if location.line >= 1 {
        region = .init(startLine: location.line, startColumn: Self.column(of: location))
      }
      locations = [
        .init(physicalLocation: .init(artifactLocation: artifact(location.file), region: region))
      ]
    } else if let fallbackFile {
      locations = [.init(physicalLocation: .init(artifactLocation: artifact(fallbackFile)))]
    }
    let suppressions = finding.waiver.map { waiver in
      [
        SARIF.Suppression(
          kind: "external", status: "accepted", justification: waiver.reason,
          properties: .init(approver: waiver.approver, expires: waiver.expires))
      ]
    }
    return SARIF.Result(
      ruleId: finding.rule, ruleIndex: ruleIndex, level: finding.severity.sarifLevel,
      message: .init(text: finding.messageWithSubject), locations: locations,
      partialFingerprints: [Self.fingerprintKey: Self.fingerprint(of: finding)],
      suppressions: suppressions,
      properties: .init(
        kind: finding.kind.rawValue, severity: finding.severity.rawValue, record: finding.record,
        group: finding.group, row: finding.location?.row, title: finding.title,
        cite: finding.cite.isEmpty ? nil : finding.cite, explanation: finding.explanation))
  }

  /// The column to report, or `nil` for the whole line: a CSV location's column is a field
  /// number (the location has a row), not a position in the line.
  static func column(of location: Finding.Location) -> Int? {
    location.row == nil && location.column >= 1 ? location.column : nil
  }

  private func artifact(_ path: String) -> SARIF.ArtifactLocation {
    if path.hasPrefix("/") {
      return .init(uri: "file://" + Self.percentEncode(path, keepColon: true))
    }
    return .init(uri: Self.percentEncode(path, keepColon: false), uriBaseId: Self.sourceRootID)
  }

  /// A path as a URI reference: unreserved characters, sub-delimiters, `@` and `/` stay; every
  /// other byte of the UTF-8 text is percent-encoded. A colon is encoded in relative paths so
  /// that `a:b.csv` is not read as a scheme.
  static func percentEncode(_ path: String, keepColon: Bool) -> String {
    let kept = Set(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=@/".utf8)
    var out = ""
    for byte in path.utf8 {
      if kept.contains(byte) || (keepColon && byte == UInt8(ascii: ":")) {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        out += "%" + hex(byte)
      }
    }
    return out
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
  }

  /// A stable fingerprint of what a finding is about, independent of where the record sits in
  /// the export: the rule and the record (or group); for findings without either, the
  /// position; for input problems also the message, which names the field.
  static func fingerprint(of finding: Finding) -> String {
    var parts = [finding.rule]
    if let record = finding.record {
      parts.append("record:" + record)
    } else if let group = finding.group {
      parts.append("group:" + group)
    } else if let location = finding.location {
      parts.append("at:\(location.file):\(location.line)")
    }
    if finding.kind == .inputError || (finding.record == nil && finding.group == nil) {
      parts.append(finding.message)
    }
    // FNV-1a, 64 bits: stable across platforms and runs, unlike `Hasher`.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in parts.joined(separator: "\u{1F}").utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let text = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - text.count) + text
  }
}
