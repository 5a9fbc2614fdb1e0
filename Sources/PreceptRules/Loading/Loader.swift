import CEL
import Foundation
import PreceptDiagnostics
import PreceptYAML

/// Loads one pack folder and, through `extends:`, the packs it builds on.
struct Loader {
  let sink: DiagnosticSink
  /// Folders of bundled packs, for `extends:` by name.
  var searchPaths: [String] = []

  static let packKeys = [
    "precept", "pack", "version", "title", "doc", "effective", "timezone", "record", "sources",
    "params", "definitions", "extends", "set", "overrides",
  ]

  mutating func loadPack(at path: String, chain: [String], extendedFrom: SourceRange?) -> RulePack?
  {
    var directory = path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      directory = (path as NSString).deletingLastPathComponent
      if directory.isEmpty { directory = "." }
    }
    let canonical = (directory as NSString).standardizingPath
    if chain.contains(canonical) {
      sink.error(
        .badExtends,
        "packs extend each other in a loop: \((chain + [canonical]).joined(separator: " → "))",
        at: extendedFrom)
      return nil
    }
    let packFile = (directory as NSString).appendingPathComponent("pack.yaml")
    guard
      let file = PackLoader.readFile(
        packFile, sink: sink, what: extendedFrom == nil ? "rule pack" : "extended pack",
        at: extendedFrom)
    else { return nil }
    let (root, yamlDiagnostics) = YAMLLoader.load(file)
    sink.append(contentsOf: yamlDiagnostics)
    guard let root else {
      if yamlDiagnostics.isEmpty {
        sink.error(
          .missingKey, "'\(packFile)' is empty", at: SourceRange(file: file, start: 0, end: 0))
      }
      return nil
    }
    guard var reader = MappingReader(root, what: "pack.yaml", sink: sink) else { return nil }

    // Identity.
    if let version = reader.int("precept", required: true), version.value != 1 {
      sink.error(
        .unsupportedVersion, "this Precept reads DSL version 1, not \(version.value)",
        at: version.range)
    }
    let id = reader.string("pack", required: true)
    if let id, !isKebab(id.value) {
      sink.error(.invalidValue, "pack id '\(id.value)' must be lower-kebab-case", at: id.range)
    }
    let packID = id?.value ?? (directory as NSString).lastPathComponent

    // A base pack, when this is an overlay.
    var base: RulePack?
    if let extends = reader.string("extends") {
      let basePath = resolveExtends(extends.value, relativeTo: directory)
      if !extends.value.contains("/"),
        !FileManager.default.fileExists(
          atPath: (basePath as NSString).appendingPathComponent("pack.yaml"))
      {
        // A name that is neither a folder beside the overlay nor a bundled pack: say which
        // packs there are.
        let bundled = bundledPackNames()
        sink.error(
          .badExtends,
          "no pack '\(extends.value)': no folder with a pack.yaml by that name beside this pack, "
            + "nor a bundled pack",
          at: extends.range,
          help: Suggestion.help(Suggestion.closest(to: extends.value, in: bundled))
            ?? (bundled.isEmpty ? nil : "bundled packs: \(bundled.joined(separator: ", "))"))
      } else {
        base = loadPack(at: basePath, chain: chain + [canonical], extendedFrom: extends.range)
        if base == nil && !sink.hasErrors {
          sink.error(.badExtends, "cannot load the pack '\(extends.value)'", at: extends.range)
        }
      }
    }
    let isOverlay = reader.has("extends")

    let version = reader.string("version", required: true)?.value ?? "0"
    let title = reader.string("title", required: !isOverlay)?.value ?? base?.title ?? packID
    _ = reader.string("doc")
    var effective = base?.effective
    if let text = reader.string("effective") {
      if let date = LocalDate(text.value) {
        effective = date
      } else {
        sink.error(
          .invalidValue, "'effective' must be a real date written YYYY-MM-DD", at: text.range)
      }
    }
    var timeZone = base?.timeZone ?? "Europe/London"
    if let tz = reader.string("timezone") {
      if TimeZone(identifier: tz.value) != nil {
        timeZone = tz.value
      } else {
        sink.error(
          .invalidValue, "unknown time zone '\(tz.value)'", at: tz.range,
          help: "use an IANA name such as 'Europe/London'")
      }
    }
    let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Europe/London")!

    // Record schema.
    var record = base?.record
    // An overlay whose base could not be loaded has had its error; it needs no record of its own.
    if let recordNode = reader.value("record", required: base == nil && !isOverlay) {
      record = loadRecord(recordNode, directory: directory, base: base?.record)
    }

    var pack = RulePack(
      id: packID, version: version, title: title, effective: effective, timeZone: timeZone,
      directory: directory, lineage: (base?.lineage ?? []) + [packID],
      record: record
        ?? RecordConfig(schema: RecordSchema(path: "", fields: []), idField: "", dateField: ""),
      sources: base?.sources ?? [], params: base?.params ?? [],
      definitions: base?.definitions ?? [], rules: base?.rules ?? [],
      testFiles: [])

    if let node = reader.value("sources") { loadSources(node, into: &pack) }
    if let node = reader.value("params") { loadParams(node, into: &pack, zone: zone) }
    if let node = reader.value("definitions") { loadDefinitions(node, into: &pack) }
    if let node = reader.value("set") {
      applySet(node, directory: directory, to: &pack, zone: zone)
    }
    let overrides = reader.value("overrides")
    reader.finish()

    // Rules and tests in the folder.
    var ruleReader = RuleReader(sink: sink, packID: packID)
    var seen: [String: SourceRange?] = [:]
    for rule in pack.rules { seen[rule.id] = rule.idRange }
    for path in yamlFiles(in: (directory as NSString).appendingPathComponent("rules")) {
      guard let file = PackLoader.readFile(path, sink: sink, what: "rule file", at: nil) else {
        continue
      }
      let (root, diagnostics) = YAMLLoader.load(file)
      sink.append(contentsOf: diagnostics)
      guard let root else { continue }
      for rule in ruleReader.readFile(root) {
        if let first = seen[rule.id] {
          sink.error(
            .duplicateRuleID, "duplicate rule id '\(rule.id)'", at: rule.idRange,
            notes: first.map { [Diagnostic.Note("first defined here", at: $0)] } ?? [])
          continue
        }
        seen[rule.id] = rule.idRange
        pack.rules.append(rule)
      }
    }
    if let overrides { applyOverrides(overrides, to: &pack) }
    pack.rules.sort { $0.id < $1.id }
    pack.testFiles += yamlFiles(in: (directory as NSString).appendingPathComponent("tests"))
    return pack
  }

  // MARK: - Sections

  private func loadRecord(_ node: YAMLNode, directory: String, base: RecordConfig?)
    -> RecordConfig?
  {
    guard var reader = MappingReader(node, what: "'record'", sink: sink) else { return base }
    let schemaPath = reader.string("schema", required: base == nil)
    let variable = reader.string("variable")
    let idField = reader.string("id", required: base == nil)
    let dateField = reader.string("date", required: base == nil)
    reader.finish()
    var schema = base?.schema
    var schemaFile = base?.schemaFile
    if let schemaPath {
      let path = resolve(schemaPath.value, relativeTo: directory)
      if let file = PackLoader.readFile(
        path, sink: sink, what: "record schema", at: schemaPath.range)
      {
        let (root, diagnostics) = YAMLLoader.load(file)
        sink.append(contentsOf: diagnostics)
        if let root, let loaded = SchemaLoader(sink: sink).load(root: root) {
          schema =
            base.map { merge(base: $0.schema, extra: loaded, at: schemaPath.range) } ?? loaded
          schemaFile = path
        }
      }
    }
    guard let schema else { return nil }
    let config = RecordConfig(
      schema: schema, variable: variable?.value ?? base?.variable ?? "incident",
      idField: idField?.value ?? base?.idField ?? "",
      dateField: dateField?.value ?? base?.dateField ?? "", schemaFile: schemaFile)
    if let variable, !isIdentifier(variable.value) {
      sink.error(.invalidValue, "'\(variable.value)' is not a CEL identifier", at: variable.range)
    }
    for (field, located, wanted) in [
      (config.idField, idField, "the record id"), (config.dateField, dateField, "the record date"),
    ] {
      guard let located else { continue }
      guard let declared = schema.field(atPath: field) else {
        sink.error(
          .undefinedField, "\(wanted) field '\(field)' is not declared in the record schema",
          at: located.range,
          help: Suggestion.help(Suggestion.closest(to: field, in: schema.fields.map(\.name))))
        continue
      }
      if wanted == "the record date", declared.type != .timestamp, declared.type != .date {
        sink.error(
          .typeMismatch, "the record date field '\(field)' must be a timestamp or a date",
          at: located.range)
      }
    }
    return config
  }

  /// An overlay's schema adds fields to its base's; it never changes a base field.
  private func merge(base: RecordSchema, extra: RecordSchema, at range: SourceRange?)
    -> RecordSchema
  {
    var fields = base.fields
    for field in extra.fields {
      if base.field(field.name) != nil {
        sink.error(
          .duplicateName, "field '\(field.name)' is already declared by the base pack",
          at: field.declaredAt)
      } else {
        fields.append(field)
      }
    }
    return RecordSchema(path: base.path, fields: fields)
  }

  private func loadSources(_ node: YAMLNode, into pack: inout RulePack) {
    guard let reader = MappingReader(node, what: "'sources'", sink: sink) else { return }
    for (id, keyNode, value) in reader.entries {
      if let existing = pack.source(id) {
        sink.error(
          .duplicateName, "source '\(id)' is already declared", at: keyNode.range,
          notes: existing.declaredAt.map { [Diagnostic.Note("first declared here", at: $0)] }
            ?? [])
        continue
      }
      guard var fields = MappingReader(value, what: "source '\(id)'", sink: sink) else { continue }
      let title = fields.string("title", required: true)?.value ?? id
      let source = PackSource(
        id: id, title: title, publisher: fields.string("publisher")?.value,
        published: fields.string("published")?.value, url: fields.string("url")?.value,
        authority: fields.string("authority")?.value, declaredAt: keyNode.range)
      _ = fields.string("doc")
      _ = fields.string("pages")
      fields.finish()
      pack.sources.append(source)
    }
  }

  private func loadParams(_ node: YAMLNode, into pack: inout RulePack, zone: TimeZone) {
    guard let reader = MappingReader(node, what: "'params'", sink: sink) else { return }
    for (name, keyNode, value) in reader.entries {
      guard isIdentifier(name) else {
        sink.error(.invalidValue, "param name '\(name)' is not a CEL identifier", at: keyNode.range)
        continue
      }
      if let existing = pack.param(name) {
        sink.error(
          .duplicateName, "param '\(name)' is already declared", at: keyNode.range,
          notes: existing.declaredAt.map { [Diagnostic.Note("first declared here", at: $0)] }
            ?? [],
          help: "to change its value in an overlay, use 'set:'")
        continue
      }
      guard var fields = MappingReader(value, what: "param '\(name)'", sink: sink) else { continue }
      let typeText = fields.string("type", required: true)
      let defaultNode = fields.value("default", required: true)
      let doc = fields.string("doc")?.value
      var enumValues: [String]?
      if fields.has("values") { enumValues = fields.strings("values")?.map(\.value) }
      fields.finish()
      guard let typeText, let type = paramType(typeText, enumValues: enumValues) else { continue }
      guard let defaultNode else { continue }
      guard
        let value = ParamOverrides(sink: sink, timeZone: zone).value(
          of: defaultNode, type: type, name: name)
      else { continue }
      pack.params.append(
        Param(name: name, type: type, defaultValue: value, doc: doc, declaredAt: keyNode.range))
    }
  }

  private func paramType(_ text: Located<String>, enumValues: [String]?) -> FieldType? {
    switch text.value {
    case "duration": return .duration
    case "int": return .int
    case "double": return .double
    case "bool": return .bool
    case "string": return .string
    case "timestamp": return .timestamp
    case "date": return .date
    case "list(string)": return .list(.string)
    case "list(int)": return .list(.int)
    case "enum":
      guard let enumValues, !enumValues.isEmpty else {
        sink.error(.missingKey, "an enum param needs its 'values'", at: text.range)
        return nil
      }
      return .enumeration(enumValues)
    default:
      let known = [
        "duration", "int", "double", "bool", "string", "timestamp", "date",
        "list(string)", "list(int)", "enum",
      ]
      sink.error(
        .invalidValue, "unknown param type '\(text.value)'", at: text.range,
        help: Suggestion.help(Suggestion.closest(to: text.value, in: known)))
      return nil
    }
  }

  private func loadDefinitions(_ node: YAMLNode, into pack: inout RulePack) {
    guard let reader = MappingReader(node, what: "'definitions'", sink: sink) else { return }
    for (name, keyNode, value) in reader.entries {
      guard isIdentifier(name) else {
        sink.error(
          .invalidValue, "definition name '\(name)' is not a CEL identifier", at: keyNode.range)
        continue
      }
      if let existing = pack.definitions.first(where: { $0.name == name }) {
        sink.error(
          .duplicateName, "definition '\(name)' is already declared", at: keyNode.range,
          notes: existing.declaredAt.map { [Diagnostic.Note("first declared here", at: $0)] }
            ?? [])
        continue
      }
      var expression: ExpressionText?
      var doc: String?
      switch value.kind {
      case .scalar(let scalar):
        expression = ExpressionText(scalar.value, node: value)
      case .mapping:
        var fields = MappingReader(value, what: "definition '\(name)'", sink: sink)!
        if let exprNode = fields.value("expr", required: true) {
          if case .scalar(let scalar) = exprNode.kind {
            expression = ExpressionText(scalar.value, node: exprNode)
          } else {
            sink.error(.wrongType, "'expr' must be a CEL expression", at: exprNode.range)
          }
        }
        doc = fields.string("doc")?.value
        fields.finish()
      case .sequence:
        sink.error(.wrongType, "definition '\(name)' must be a CEL expression", at: value.range)
      }
      guard let expression else { continue }
      pack.definitions.append(
        Definition(
          name: name, expression: expression, doc: doc, declaredAt: keyNode.range,
          packID: pack.id))
    }
  }

  private func applyOverrides(_ node: YAMLNode, to pack: inout RulePack) {
    guard let reader = MappingReader(node, what: "'overrides'", sink: sink) else { return }
    for (id, keyNode, value) in reader.entries {
      guard let index = pack.rules.firstIndex(where: { $0.id == id }) else {
        sink.error(
          .unknownRule, "no rule '\(id)' to override", at: keyNode.range,
          help: Suggestion.help(Suggestion.closest(to: id, in: pack.rules.map(\.id))))
        continue
      }
      guard var fields = MappingReader(value, what: "override of '\(id)'", sink: sink) else {
        continue
      }
      var change = RuleOverride(packID: pack.id)
      if let severity = fields.string("severity") {
        if let s = Severity(rawValue: severity.value) {
          change.severityBefore = pack.rules[index].severity
          pack.rules[index].severity = s
        } else {
          sink.error(
            .invalidValue, "severity must be error, warning or info, not '\(severity.value)'",
            at: severity.range)
        }
      }
      if let enabled = fields.bool("enabled") {
        change.enabledBefore = pack.rules[index].enabled
        pack.rules[index].enabled = enabled.value
      }
      change.reason = fields.string("reason")?.value
      pack.rules[index].override = change
      fields.finish()
    }
  }

  /// `set:` is a mapping of param values, or the path of a YAML file holding one.
  private func applySet(
    _ node: YAMLNode, directory: String, to pack: inout RulePack, zone: TimeZone
  ) {
    let overrides = ParamOverrides(sink: sink, timeZone: zone)
    guard case .scalar(let scalar) = node.kind else {
      overrides.applySet(node, to: &pack, origin: pack.id)
      return
    }
    let path = resolve(scalar.value, relativeTo: directory)
    guard let file = PackLoader.readFile(path, sink: sink, what: "params file", at: node.range)
    else { return }
    let (root, diagnostics) = YAMLLoader.load(file)
    sink.append(contentsOf: diagnostics)
    if let root { overrides.applySet(root, to: &pack, origin: scalar.value) }
  }

  // MARK: - Helpers

  /// The folder `extends:` names: a path relative to the overlay, else a bundled pack's name.
  private func resolveExtends(_ value: String, relativeTo directory: String) -> String {
    let path = resolve(value, relativeTo: directory)
    let fm = FileManager.default
    if fm.fileExists(atPath: (path as NSString).appendingPathComponent("pack.yaml"))
      || value.contains("/")
    {
      return path
    }
    for folder in searchPaths {
      let candidate = (folder as NSString).appendingPathComponent(value)
      if fm.fileExists(atPath: (candidate as NSString).appendingPathComponent("pack.yaml")) {
        return candidate
      }
    }
    return path
  }

  /// The names of the bundled packs (folders holding a pack.yaml in the search paths).
  private func bundledPackNames() -> [String] {
    let fm = FileManager.default
    var names: [String] = []
    for folder in searchPaths {
      for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? []
      where fm.fileExists(
        atPath: ((folder as NSString).appendingPathComponent(name) as NSString)
          .appendingPathComponent("pack.yaml"))
      {
        names.append(name)
      }
    }
    return names.sorted()
  }

  private func resolve(_ path: String, relativeTo directory: String) -> String {
    if path.hasPrefix("/") { return path }
    return ((directory as NSString).appendingPathComponent(path) as NSString).standardizingPath
  }

  func yamlFiles(in directory: String) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return []
    }
    return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map {
      (directory as NSString).appendingPathComponent($0)
    }
  }

  private func isKebab(_ s: String) -> Bool { RulePack.isValidID(s) }
}

/// Whether a name can be used as a CEL identifier.
func isIdentifier(_ s: String) -> Bool {
  guard let first = s.unicodeScalars.first,
    (first >= "a" && first <= "z") || (first >= "A" && first <= "Z") || first == "_"
  else { return false }
  return s.unicodeScalars.allSatisfy {
    ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
  }
}
