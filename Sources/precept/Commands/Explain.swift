import ArgumentParser
import PreceptRules

/// `precept explain RULE-ID`: a rule with its definitions, params, sources and quote.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show a rule: its conditions with definitions expanded, params, sources and quote.",
    discussion: """
      Examples:
        precept explain RI-SEC-006
        precept explain RI-PAR-003 --set parent_report_within=8h
      """)

  @Argument(help: "The rule id (e.g. RI-SEC-006).")
  var ruleID: String

  @OptionGroup var packOptions: PackOptions

  func run() throws {
    let compiled = try packOptions.load()
    let pack = compiled.pack
    guard let rule = pack.rule(ruleID) else {
      let close = pack.rules.map(\.id).filter { $0.hasPrefix(String(ruleID.prefix(6))) }
      Output.stderr(
        "error: no rule '\(ruleID)' in pack '\(pack.id)'"
          + (close.isEmpty ? "" : "; rules like it: \(close.joined(separator: ", "))") + "\n")
      throw ExitCode(ExitStatus.usage.rawValue)
    }
    var out = "\(rule.id) · \(rule.severity.rawValue)\(rule.enabled ? "" : " (switched off)")\n"
    out += "\(rule.title)\n"
    if let o = rule.override {
      out += o.describe(now: rule.severity, enabled: rule.enabled) + "\n"
    }
    out += "\n"
    if let doc = rule.doc { out += doc.trimmingCharacters(in: .whitespacesAndNewlines) + "\n\n" }
    if let when = rule.when { out += "applies when:\n  \(oneLine(when.text))\n" }
    out += "requires:\n  \(oneLine(rule.require.text))\n"
    if let e = rule.escalation {
      out += "becomes \(e.severity.rawValue) when:\n  \(oneLine(e.when.text))\n"
    }
    if let message = rule.message { out += "message:\n  \(message.source.text)\n" }
    let used = definitionsUsed(by: rule, in: compiled)
    if !used.isEmpty {
      out += "\ndefinitions:\n"
      for d in used {
        out += "  \(d.name) = \(oneLine(d.expression.text))\n"
        if let doc = d.doc { out += "    \(oneLine(doc))\n" }
      }
    }
    let params = paramsUsed(by: rule, definitions: used, in: compiled)
    if !params.isEmpty {
      out += "\nparams:\n"
      for p in params {
        let origin =
          p.origin == "default"
          ? "default" : "\(p.origin); default \(PackDisplay.value(p.defaultValue))"
        out += "  \(p.name) = \(PackDisplay.value(p.value)) (\(origin))\n"
        if let doc = p.doc { out += "    \(oneLine(doc))\n" }
      }
    }
    out += "\ncites:\n"
    for c in rule.cite {
      let title = pack.source(c.sourceID)?.title ?? "?"
      out += "  \(c.description): \(title)\n"
    }
    if let quote = rule.quote { out += "\nquote:\n  \"\(oneLine(quote))\"\n" }
    if let fix = rule.fix { out += "\nfix:\n  \(oneLine(fix))\n" }
    Output.stdout(out)
  }

  private func oneLine(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }

  private func definitionsUsed(by rule: Rule, in pack: CompiledPack) -> [Definition] {
    guard let compiled = pack.rule(rule.id) else { return [] }
    let names = pack.definitionsUsed(
      by: (compiled.when?.definitionsUsed ?? []) + compiled.require.definitionsUsed
        + (compiled.escalateWhen?.definitionsUsed ?? [])
    ).map(\.definition.name)
    return names.compactMap { n in pack.pack.definitions.first { $0.name == n } }
  }

  private func paramsUsed(by rule: Rule, definitions: [Definition], in pack: CompiledPack)
    -> [Param]
  {
    guard let compiled = pack.rule(rule.id) else { return [] }
    var names = Set(
      (compiled.when?.paramsUsed ?? []) + compiled.require.paramsUsed
        + (compiled.escalateWhen?.paramsUsed ?? []))
    for d in definitions { names.formUnion(pack.definition(d.name)?.expression.paramsUsed ?? []) }
    for part in compiled.message + compiled.fix {
      if case .expression(let e) = part { names.formUnion(e.paramsUsed) }
    }
    return names.sorted().compactMap { pack.pack.param($0) }
  }
}
