import PreceptRules

/// The files `precept init` writes: a trust overlay that validates and passes its tests as
/// generated.
enum OverlayTemplate {
  static func pack(id: String) -> String {
    """
    # The trust's overlay: its own settings and rules on top of the DfE pack. The DfE pack itself
    # is never edited, so a new version of it can be dropped in without losing anything here.
    #
    # docs/rules-dsl.md describes every key; docs/tutorial.md walks through a first change.

    precept: 1
    pack: \(id)
    version: 0.1.0
    title: The trust's overlay on the DfE pack
    extends: dfe-2026          # the bundled DfE pack (a path such as ../Rules/dfe-2026 works too)

    sources:                   # what this overlay's rules cite: `cite: [trust-policy §9]`
      trust-policy:
        title: The trust's positive handling policy
        publisher: the trust
        authority: policy

    set: params.yaml           # the trust's values for the DfE pack's params

    # definitions:             # named conditions the trust's rules share
    #   parents_told_same_day: incident.parent_report.sent_at <= endOfDay(incident.ended_at)

    # overrides:               # change a DfE rule without editing it
    #   RI-PAR-005: {severity: error}
    #   RI-FOR-006: {enabled: false, reason: training records are checked in the HR system}

    """
  }

  /// Every param of the base pack, commented out at its default.
  static func params(_ params: [Param]) -> String {
    var out = """
      # The trust's values for the DfE pack's params (pack.yaml reads this file with
      # `set: params.yaml`). Every line starts commented out, at the pack's default. To change a
      # limit, remove the leading '# ' and edit the value; `precept explain RULE-ID` shows the
      # rules that use it.
      # Durations are written 30s, 5m, 8h or 1h30m.


      """
    for param in params {
      out += wrap(summary(param.doc) + ".", prefix: "# ")
      out += "# \(param.name): \(PackDisplay.value(param.defaultValue))\n\n"
    }
    return out
  }

  /// Text wrapped at 96 columns, each line starting with `prefix`.
  private static func wrap(_ text: String, prefix: String) -> String {
    var out = ""
    var line = prefix
    for word in text.split(separator: " ") {
      if line.count + word.count + 1 > 96 && line != prefix {
        out += line + "\n"
        line = prefix
      }
      line += (line == prefix ? "" : " ") + word
    }
    return out + line + "\n"
  }

  /// The first sentence of a param's doc, on one line.
  private static func summary(_ doc: String?) -> String {
    let text = (doc ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    guard let end = text.range(of: ". ") else {
      return text.hasSuffix(".") ? String(text.dropLast()) : text
    }
    return String(text[..<end.lowerBound])
  }

  static let rule = """
    # The trust's own rules. Each rule says when it applies (`when`), what must then be true
    # (`require`), and which policy it comes from (`cite`). This one is an example: change it, or
    # replace it with your own, and keep its tests in tests/ in step.

    rules:
      - id: TRUST-REC-001
        title: The record says who wrote it
        severity: warning
        cite: [trust-policy §9]
        when: in_scope               # a significant incident, a seclusion or a restraint
        require: has(incident.recorded_by)
        message: the record does not say who wrote it (recorded_by is empty)
        fix: Add the staff id of the person who wrote the record in the school's system.
        tags: [records, trust]

    """

  static let tests = """
    # Tests of the trust's rules. Every test starts from `base` (an incident that follows the
    # rules), changes what `record` gives (null removes a field), and names the rules that must
    # fire and must not fire. Run them with `precept test` and the overlay's folder.

    base:
      incident_id: TEST-0001
      occurred_at: 2026-05-12T10:15:00+01:00
      ended_at: 2026-05-12T10:27:00+01:00
      interventions: [physical_restraint]
      recorded_by: S-01
      recorded_at: 2026-05-12T15:00:00+01:00

    tests:
      - name: a restraint recorded by a named member of staff passes
        not_fires: [TRUST-REC-001]

      - name: a restraint whose record does not say who wrote it fires
        record: {recorded_by: null}
        fires: [TRUST-REC-001]

      - name: guiding contact alone is not in scope
        record: {interventions: [guiding_contact], recorded_by: null}
        not_fires: [TRUST-REC-001]

    """
}
