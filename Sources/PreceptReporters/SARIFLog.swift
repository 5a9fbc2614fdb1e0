import PreceptEngine

/// The subset of SARIF 2.1.0 that Precept writes. Optional properties are left out when `nil`.
enum SARIF {
  /// The root object.
  struct Log: Encodable, Sendable {
    var schema =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case version, runs
    }
  }

  struct Run: Encodable, Sendable {
    var tool: Tool
    var invocations: [Invocation]
    var originalUriBaseIds: [String: ArtifactLocation]?
    var results: [Result]
    var properties: RunProperties
  }

  struct Tool: Encodable, Sendable {
    var driver: ToolComponent
  }

  struct ToolComponent: Encodable, Sendable {
    var name: String
    var fullName: String?
    var version: String?
    var informationUri: String?
    var rules: [ReportingDescriptor]
  }

  struct ReportingDescriptor: Encodable, Sendable {
    var id: String
    var name: String?
    var shortDescription: MultiformatMessageString?
    var fullDescription: MultiformatMessageString?
    var help: MultiformatMessageString?
    var defaultConfiguration: ReportingConfiguration?
    var properties: DescriptorProperties?
  }

  struct DescriptorProperties: Encodable, Sendable {
    var tags: [String]
    var cite: [String]?
    var quote: String?
    var fix: String?
  }

  struct ReportingConfiguration: Encodable, Sendable {
    var level: String
  }

  struct MultiformatMessageString: Encodable, Sendable {
    var text: String
    var markdown: String?
  }

  struct Message: Encodable, Sendable {
    var text: String
  }

  struct Invocation: Encodable, Sendable {
    var executionSuccessful: Bool
    var toolExecutionNotifications: [Notification]?
  }

  struct Notification: Encodable, Sendable {
    var level: String
    var message: Message
  }

  struct Result: Encodable, Sendable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Message
    var locations: [Location]?
    var partialFingerprints: [String: String]
    var suppressions: [Suppression]?
    var properties: ResultProperties
  }

  struct Location: Encodable, Sendable {
    var physicalLocation: PhysicalLocation
  }

  struct PhysicalLocation: Encodable, Sendable {
    var artifactLocation: ArtifactLocation
    var region: Region?
  }

  struct ArtifactLocation: Encodable, Sendable {
    var uri: String?
    var uriBaseId: String?
    var description: Message?
  }

  struct Region: Encodable, Sendable {
    var startLine: Int
    var startColumn: Int?
  }

  struct Suppression: Encodable, Sendable {
    var kind: String
    var status: String
    var justification: String
    var properties: SuppressionProperties
  }

  struct SuppressionProperties: Encodable, Sendable {
    var approver: String
    var expires: String
  }

  /// Precept's own data on a result: enough to rebuild the text report's line.
  struct ResultProperties: Encodable, Sendable {
    var kind: String
    var severity: String
    var record: String?
    var group: String?
    var row: Int?
    var title: String?
    var cite: [String]?
    var explanation: Explanation?
  }

  struct RunProperties: Encodable, Sendable {
    var pack: CheckReport.PackInfo
    var summary: CheckReport.Summary
  }
}
