import PreceptDiagnostics
import PreceptYAML

/// Reads the `rules:` list of a rule file.
struct RuleReader {
  let sink: DiagnosticSink
  let packID: String

  static let ruleKeys = [
    "id", "title", "severity", "kind", "cite", "quote", "doc", "when", "require", "message", "fix",
    "effective", "tags", "enabled", "escalate", "group_by", "split_by", "filter", "window",
    "characteristic", "min_cell",
  ]

  mutating func readFile(_ root: YAMLNode) -> [Rule] {
    guard var reader = MappingReader(root, what: "rule file", sink: sink) else { return [] }
    let list = reader.value("rules", required: true)
    _ = reader.string("doc")
    reader.finish()
    guard let list else { return [] }
    guard case .sequence(let items) = list.kind else {
      sink.error(
        .wrongType, "'rules' must be a list of rules (each starting '- id:')", at: list.range)
      return []
    }
    return items.compactMap(read)
  }

  private func read(_ node: YAMLNode) -> Rule? {
    guard var r = MappingReader(node, what: "rule", sink: sink) else { return nil }
    let id = r.string("id", required: true)
    let what = id.map { "rule '\($0.value)'" } ?? "rule"
    if let id, !isRuleID(id.value) {
      sink.error(
        .invalidValue, "rule id '\(id.value)' must be upper-case words and digits joined by '-'",
        at: id.range, help: "for example 'RI-SEC-006' or 'TRUST-PAR-001'")
    }
    let title = r.string("title", required: true)
    var severity = Severity.error
    if let s = r.string("severity", required: true) {
      if let parsed = Severity(rawValue: s.value) {
        severity = parsed
      } else {
        sink.error(
          .invalidValue, "severity must be error, warning or info, not '\(s.value)'", at: s.range,
          help: Suggestion.help(Suggestion.closest(to: s.value, in: ["error", "warning", "info"])))
      }
    }
    var kind = Rule.Kind.record
    if let k = r.string("kind") {
      if let parsed = Rule.Kind(rawValue: k.value) {
        kind = parsed
      } else {
        sink.error(
          .invalidValue, "kind must be record, pattern or disproportionality, not '\(k.value)'",
          at: k.range)
      }
    }
    let cite = (r.strings("cite") ?? []).map { Citation(parsing: $0.value, range: $0.range) }
    if !r.has("cite") {
      sink.error(
        .missingKey, "\(what) is missing required key 'cite'", at: id?.range ?? node.range,
        help: "every rule must say which guidance it comes from")
    }
    let quote = r.string("quote")?.value
    let doc = r.string("doc")?.value
    let when = expression(r.value("when"), key: "when")
    let require = expression(r.value("require", required: true), key: "require")
    func template(_ key: String, only whenInterpolating: Bool = false) -> MessageTemplate? {
      guard let m = r.value(key) else { return nil }
      guard case .scalar(let scalar) = m.kind else {
        sink.error(.wrongType, "'\(key)' must be text", at: m.range)
        return nil
      }
      if whenInterpolating, !scalar.value.contains("{{"), !scalar.value.contains("}}") {
        return nil
      }
      // A block scalar (`>`) ends with a line break; dropping only the end keeps the offsets
      // of what remains.
      var value = scalar.value
      while let last = value.last, last.isWhitespace { value.removeLast() }
      switch MessageTemplate.parse(ExpressionText(value, node: m)) {
      case .success(let template): return template
      case .failure(let error):
        let text = ExpressionText(value, node: m)
        sink.error(
          .badTemplate, error.message,
          at: text.range(of: .init(error.offset, error.offset + 2)),
          help: "interpolate CEL with '{{ expression }}'")
        return nil
      }
    }
    let message = template("message")
    // A fix may interpolate values as a message does.
    let fixTemplate = template("fix", only: true)
    let fix = r.string("fix")?.value
    var from: LocalDate?
    var until: LocalDate?
    if let e = r.value("effective"), var eff = MappingReader(e, what: "'effective'", sink: sink) {
      from = date(eff.string("from"))
      until = date(eff.string("until"))
      eff.finish()
      if let from, let until, until < from {
        sink.error(.invalidValue, "'until' is before 'from'", at: e.range)
      }
    }
    let tags = (r.strings("tags") ?? []).map(\.value)
    let enabled = r.bool("enabled")?.value ?? true
    var escalation: Escalation?
    if let e = r.value("escalate"), var esc = MappingReader(e, what: "'escalate'", sink: sink) {
      let level = esc.string("severity", required: true)
      let condition = expression(esc.value("when", required: true), key: "when")
      esc.finish()
      if let level, let condition {
        if let s = Severity(rawValue: level.value) {
          escalation = Escalation(severity: s, when: condition)
        } else {
          sink.error(
            .invalidValue, "severity must be error, warning or info, not '\(level.value)'",
            at: level.range)
        }
      }
    }
    let aggregate = AggregateSpec(
      groupBy: expression(r.value("group_by"), key: "group_by"),
      splitBy: expression(r.value("split_by"), key: "split_by"),
      filter: expression(r.value("filter"), key: "filter"),
      window: expression(r.value("window"), key: "window"),
      characteristics: characteristics(r.value("characteristic")),
      minCell: expression(r.value("min_cell"), key: "min_cell"))
    checkAggregateKeys(kind: kind, aggregate: aggregate, what: what, at: id?.range ?? node.range)
    r.finish()
    guard let id, let title, let require else { return nil }
    var rule = Rule(
      id: id.value, title: title.value, severity: severity, kind: kind, cite: cite, quote: quote,
      doc: doc, when: when, require: require, message: message, fix: fix, effectiveFrom: from,
      effectiveUntil: until, tags: tags, enabled: enabled,
      aggregate: kind == .record ? nil : aggregate, escalation: escalation, packID: packID,
      declaredAt: node.range,
      idRange: id.range)
    rule.fixTemplate = fixTemplate
    return rule
  }

  /// `characteristic:` is one CEL expression (named after its last field) or a mapping of
  /// names to CEL expressions.
  private func characteristics(_ node: YAMLNode?) -> [NamedExpression] {
    guard let node else { return [] }
    if case .mapping(let pairs) = node.kind {
      if pairs.isEmpty { sink.error(.wrongType, "'characteristic' is empty", at: node.range) }
      return pairs.compactMap { pair in
        guard let name = pair.key.scalarValue,
          let e = expression(pair.value, key: "characteristic '\(name)'")
        else { return nil }
        return NamedExpression(name: name, expression: e)
      }
    }
    guard let e = expression(node, key: "characteristic") else { return [] }
    let last = e.text.split(separator: ".").last.map {
      String($0).trimmedWhitespaceAndNewlines
    }
    let name = last.flatMap { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? $0 : nil }
    return [NamedExpression(name: name ?? e.text, expression: e)]
  }

  /// Aggregate keys belong to aggregate rules, and each aggregate kind needs its own.
  private func checkAggregateKeys(
    kind: Rule.Kind, aggregate a: AggregateSpec, what: String, at range: SourceRange?
  ) {
    func misplaced(_ key: String, _ text: ExpressionText?, only: String) {
      guard let text else { return }
      sink.error(
        .invalidValue, "'\(key)' is only for \(only) rules, and \(what) is a \(kind.rawValue) rule",
        at: text.range, help: "set 'kind: \(only)' or remove '\(key)'")
    }
    switch kind {
    case .record:
      for (key, text) in [
        ("group_by", a.groupBy), ("split_by", a.splitBy), ("filter", a.filter),
        ("window", a.window), ("characteristic", a.characteristic), ("min_cell", a.minCell),
      ] {
        guard let text else { continue }
        sink.error(
          .invalidValue,
          "'\(key)' is only for aggregate rules (kind: pattern or disproportionality)",
          at: text.range, help: "set 'kind:' or remove '\(key)'")
      }
    case .pattern:
      if a.groupBy == nil {
        sink.error(
          .missingKey, "\(what) is a pattern rule and needs 'group_by'", at: range,
          help: "for example 'group_by: incident.pupil.id'")
      }
      misplaced("characteristic", a.characteristic, only: "disproportionality")
      misplaced("min_cell", a.minCell, only: "disproportionality")
    case .disproportionality:
      if a.characteristics.isEmpty {
        sink.error(
          .missingKey, "\(what) is a disproportionality rule and needs 'characteristic'",
          at: range, help: "for example 'characteristic: pupil.sen_status'")
      }
      misplaced("window", a.window, only: "pattern")
      misplaced("split_by", a.splitBy, only: "pattern")
    }
  }

  private func expression(_ node: YAMLNode?, key: String) -> ExpressionText? {
    guard let node else { return nil }
    guard case .scalar(let scalar) = node.kind else {
      sink.error(
        .wrongType, "'\(key)' must be a CEL expression, not \(node.kindName)", at: node.range,
        help: "write several conditions joined with '&&' on one scalar; use '>' for a long one")
      return nil
    }
    if case .null = scalar.resolved {
      sink.error(.wrongType, "'\(key)' is empty", at: node.range)
      return nil
    }
    return ExpressionText(scalar.value, node: node)
  }

  private func date(_ text: Located<String>?) -> LocalDate? {
    guard let text else { return nil }
    guard let d = LocalDate(text.value) else {
      sink.error(.invalidValue, "expected a real date written YYYY-MM-DD", at: text.range)
      return nil
    }
    return d
  }

  private func isRuleID(_ s: String) -> Bool {
    let parts = s.split(separator: "-", omittingEmptySubsequences: false)
    return parts.count >= 2
      && parts.allSatisfy { part in
        !part.isEmpty
          && part.unicodeScalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }
      }
  }
}
