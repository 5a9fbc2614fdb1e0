import Foundation
import PreceptEngine

/// The review as one self-contained HTML page for a trust board: no scripts, no network,
/// charts as inline SVG, a print stylesheet for A4. Pure: the same report always gives the
/// same page.
public struct ReviewHTMLRenderer: Sendable {
  public init() {}

  public func render(_ r: ReviewReport) -> String {
    let body =
      header(r) + keyPoints(r) + months(r) + repeats(r) + triggers(r) + groups(r) + rules(r)
      + footer(r)
    return """
      <!DOCTYPE html>
      <html lang="en-GB">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Restrictive interventions: data review, \(esc(ReviewFormat.period(r)))</title>
      <style>
      \(ReviewHTMLStyle.css)
      </style>
      </head>
      <body>
      <main>
      \(body)
      </main>
      </body>
      </html>

      """
  }

  // MARK: - Sections

  private func header(_ r: ReviewReport) -> String {
    let t = r.totals
    let flagged = r.groups.filter { ReviewFormat.flagged($0, in: r) }.count
    var s = "<header class=\"title\">\n"
    s += "<div class=\"kicker\">Trust board · data review of restrictive interventions</div>\n"
    s += "<h1>\(esc(periodTitle(r)))</h1>\n"
    s += "<div class=\"meta\">\(esc(r.pack.title)) · rule pack \(esc(r.pack.id)) "
    s += "\(esc(r.pack.version)) · pupils are shown by pseudonymous id only</div>\n"
    s += "</header>\n<div class=\"cards\">\n"
    s += card("\(t.incidents)", "incidents recorded")
    s += card("\(t.restrictiveInterventions)", "restrictive interventions")
    s += card(
      "\(t.pupils)", t.pupilsOnRoll.map { "pupils involved, of \($0) on roll" } ?? "pupils involved"
    )
    s += card(
      "\(r.repeatPatterns.count)", "pupils with a repeat pattern", alert: !r.repeatPatterns.isEmpty)
    s +=
      r.rosterGiven
      ? card(
        "\(flagged)", "groups reported at or over the risk ratio threshold", alert: flagged > 0)
      : card("–", "disproportionality not evaluated (no roster)")
    s += "</div>\n"
    if t.rejected > 0 {
      s += HTML.p("\(t.rejected) record(s) could not be read and are not in this review.")
    }
    return s
  }

  private func keyPoints(_ r: ReviewReport) -> String {
    var points: [String] = []
    if let p = r.repeatPatterns.first {
      let n = r.repeatPatterns.count
      points.append(
        "\(n) pupil\(n == 1 ? "" : "s") had more restrictive interventions than the limit within "
          + "the review window; the most was \(p.count) (pupil \(esc(p.pupil))).")
    } else {
      points.append(
        "No pupil had more restrictive interventions than the limit within the review window.")
    }
    if r.rosterGiven {
      let flagged = r.groups.filter { ReviewFormat.flagged($0, in: r) }
        .sorted { ($0.riskRatio ?? 0) > ($1.riskRatio ?? 0) }
      if flagged.isEmpty {
        points.append("No group of pupils was reported for a risk ratio at or above the threshold.")
      } else {
        let list = flagged.map {
          esc("\(ReviewFormat.label($0.characteristic)): \(ReviewFormat.value($0.value))")
            + " (\(ReviewFormat.ratio($0.riskRatio)))"
        }
        points.append(
          "Groups at or above the risk ratio threshold of \(ReviewFormat.ratio(r.threshold)): "
            + list.joined(separator: "; ") + ".")
      }
      let suppressed = r.groups.filter(\.suppressed).count
      if suppressed > 0 {
        let one = suppressed == 1
        points.append(
          "\(suppressed) group\(one ? " is" : "s are") shown as suppressed: too small to compare "
            + "(fewer than \(r.minCell ?? 10) pupils), or withheld so that a small group cannot "
            + "be worked out from the totals.")
      }
    } else {
      points.append(
        "Disproportionality was <strong>not evaluated</strong>: no roster of pupils on roll "
          + "was given."
      )
    }
    if let top = r.triggers.first {
      points.append(
        "The most recorded trigger was ‘\(esc(ReviewFormat.label(top.trigger)))’ "
          + "(\(top.incidents) incidents, \(top.pupils) pupils).")
    }
    let failing = r.rules.filter { $0.kind == "record" && $0.failed > 0 }
    let failures = failing.reduce(0) { $0 + $1.failed }
    points.append(
      failing.isEmpty
        ? "No compliance rule failed on any record."
        : "\(failures) compliance finding\(failures == 1 ? "" : "s") across \(failing.count) "
          + "rule\(failing.count == 1 ? "" : "s") (see the last section).")
    return "<div class=\"keypoints\"><strong>Key points</strong><ul>\n"
      + points.map { "<li>\($0)</li>\n" }.joined() + "</ul></div>\n"
  }

  private func months(_ r: ReviewReport) -> String {
    var s = "<section>\n<h2>Incidents per month, by type of intervention</h2>\n"
    guard !r.months.isEmpty else {
      return s + HTML.p("No incidents in the period.", cls: "empty") + "</section>\n"
    }
    s += HTML.p(
      "Each bar stacks the month's interventions by type: an incident with several types of "
        + "intervention counts once under each. The figure above each bar is the number of "
        + "incidents.")
    s += "<div class=\"chart\">\(ReviewCharts.monthly(r))</div>\n"
    s += HTML.thead(
      ["Month", "#Incidents"] + r.interventionTypes.map { "#" + ReviewFormat.label($0) })
    for m in r.months {
      s += HTML.tr(
        [HTML.td(esc(ReviewFormat.month(m.month))), HTML.td(m.incidents)]
          + r.interventionTypes.map { HTML.td(m.byType[$0] ?? 0) })
    }
    return s + HTML.tableEnd + "</section>\n"
  }

  private func repeats(_ r: ReviewReport) -> String {
    var s = "<section class=\"keep\">\n<h2>Pupils with repeat patterns</h2>\n"
    s += HTML.p(
      "Pupils with more restrictive interventions than the pack's limit within its sliding window "
        + "(RI-REV-001), with the triggers recorded in three or more of their incidents "
        + "(RI-REV-003). Each asks for a review of the pupil's triggers and support plan.")
    guard !r.repeatPatterns.isEmpty else {
      return s + HTML.p("No pupil had a repeat pattern.", cls: "empty") + "</section>\n"
    }
    s += HTML.thead([
      "Pupil (pseudonymous id)", "#Most within the window", "#In the period", "Busiest window",
      "Recurring triggers",
    ])
    for p in r.repeatPatterns.prefix(ReviewFormat.repeatRowLimit) {
      let triggers = p.triggers.map { esc(ReviewFormat.label($0)) }.joined(separator: ", ")
      s += HTML.tr([
        HTML.td("<code>\(esc(p.pupil))</code>"), HTML.td("<strong>\(p.count)</strong>", num: true),
        HTML.td(p.total), HTML.td("\(esc(p.first)) to \(esc(p.last))"),
        HTML.td(triggers.isEmpty ? "<span class=\"muted\">none recurring</span>" : triggers),
      ])
    }
    s += HTML.tableEnd
    let hidden = r.repeatPatterns.count - ReviewFormat.repeatRowLimit
    if hidden > 0 { s += HTML.p(ReviewFormat.more(hidden, "pupils") { "<code>\(esc($0))</code>" }) }
    return s + "</section>\n"
  }

  private func triggers(_ r: ReviewReport) -> String {
    var s = "<section class=\"keep\">\n<h2>Triggers</h2>\n"
    guard !r.triggers.isEmpty else {
      return s + HTML.p("No triggers were recorded.", cls: "empty") + "</section>\n"
    }
    s += HTML.p("How many incidents recorded each trigger, and for how many pupils.")
    s += "<div class=\"chart\">\(ReviewCharts.triggers(r.triggers))</div>\n"
    return s + "</section>\n"
  }

  private func groups(_ r: ReviewReport) -> String {
    var s = "<section>\n<h2>Disproportionality by group of pupils</h2>\n"
    let minCell = r.minCell ?? 10
    guard r.rosterGiven else {
      return s
        + HTML.p(
          "<strong>Not evaluated.</strong> Disproportionality compares groups of pupils on roll; "
            + "run the review with <code>--roster</code> (the pupils on roll) to see it. "
            + "It has not passed.", cls: "") + "</section>\n"
    }
    s += HTML.p(
      "<strong>Risk</strong>: the share of the group's pupils on roll with at least one "
        + "restrictive intervention. <strong>Risk ratio</strong>: the group's risk divided by the "
        + "risk of all other pupils on roll (1.00 is parity), with its 95% confidence interval "
        + "(log method). Groups the pack reports, at \(ReviewFormat.ratio(r.threshold)) or more, "
        + "are highlighted; a yes/no characteristic is judged by its 'Yes' group (its 'No' group "
        + "is the comparison). <strong>Composition</strong>: the group's share of pupils with an "
        + "incident minus its share of the roll. Groups of fewer than \(minCell) pupils are "
        + HTML.badge("suppressed", "sup") + ": too small to compare, and never shown as 0; when "
        + "only one group of a characteristic is that small, the next smallest is suppressed "
        + "too, so that it cannot be worked out from the totals.")
    // The 'No' groups of yes/no characteristics mirror the 'Yes' groups: the plot leaves them out.
    let plotted = r.groups.filter {
      !$0.suppressed && $0.value != "false" && ($0.riskRatio ?? 0) > 0 && $0.riskRatio!.isFinite
    }
    if !plotted.isEmpty {
      s += "<h3>Risk ratios with 95% confidence intervals</h3>\n"
      s += "<div class=\"chart\">\(ReviewCharts.forest(plotted, in: r))</div>\n"
    }
    // The alternate ratio needs a wider roster: without one the column would be all dashes.
    let alternate = r.groups.contains { $0.alternateRiskRatio != nil }
    s += "<h3>Figures by group</h3>\n"
    s += HTML.thead(
      [
        "Characteristic", "Group", "#Pupils on roll", "#With an incident", "#Incidents", "#Risk",
        "#Risk ratio", "#95% CI",
      ] + (alternate ? ["#Alternate RR"] : []) + ["#Composition"])
    for part in ReviewFormat.partition(r.groups) {
      var first = true
      func nameCell() -> String {
        defer { first = false }
        return HTML.td(first ? esc(ReviewFormat.label(part.characteristic)) : "")
      }
      for g in part.shown {
        var classes = first ? ["first"] : []
        if ReviewFormat.flagged(g, in: r) { classes.append("flag") }
        var cells = [
          nameCell(), HTML.td(esc(ReviewFormat.value(g.value))), HTML.td(g.pupils ?? 0),
          HTML.td(g.pupilsWithIncidents ?? 0), HTML.td(g.incidents ?? 0),
          HTML.td(ReviewFormat.percent(g.risk), num: true),
          HTML.td(ReviewFormat.ratio(g.riskRatio), num: true, cls: "rr"),
          HTML.td(ReviewFormat.interval(g), num: true),
        ]
        if alternate { cells.append(HTML.td(ReviewFormat.ratio(g.alternateRiskRatio), num: true)) }
        cells.append(HTML.td(ReviewFormat.points(g.compositionDifference), num: true))
        s += HTML.tr(cells, cls: classes.joined(separator: " "))
      }
      if !part.suppressed.isEmpty {
        let values = part.suppressed.map { esc(ReviewFormat.value($0.value)) }
          .joined(separator: ", ")
        let cls = first ? "sup first" : "sup"
        s += HTML.tr(
          [
            nameCell(),
            HTML.td(
              HTML.badge("suppressed", "sup")
                + " \(values): fewer than \(minCell) pupils, or withheld to protect a smaller group",
              colspan: alternate ? 9 : 8),
          ], cls: cls)
      }
    }
    s += HTML.tableEnd
    s += HTML.p(
      "∞: none of the other pupils had a restrictive intervention. – : not available. "
        + (alternate
          ? "Alternate RR: the group's risk divided by the risk of the other pupils of the wider "
            + "(trust) roster."
          : "The alternate risk ratio (against a wider trust roster, for small comparison groups) "
            + "needs <code>--wider-roster</code>."))
    return s + "</section>\n"
  }

  private func rules(_ r: ReviewReport) -> String {
    var s = "<section>\n<h2>Compliance findings by rule</h2>\n"
    s += HTML.p(
      "Every rule of the pack over the records of the period: how many records (or groups, for "
        + "review rules) failed it, could not be evaluated for a missing field, or passed.")
    s += HTML.thead([
      "Rule", "What it checks", "Severity", "#Failed", "#Cannot evaluate", "#Passed",
    ])
    let ordered = r.rules.sorted {
      ($0.failed > 0 ? 0 : 1, $0.rule) < ($1.failed > 0 ? 0 : 1, $1.rule)
    }
    for rule in ordered {
      s += HTML.tr([
        HTML.td("<code>\(esc(rule.rule))</code>"), HTML.td(esc(rule.title)),
        HTML.td(HTML.badge(rule.severity.rawValue, rule.severity.rawValue)),
        HTML.td(rule.failed > 0 ? "<strong>\(rule.failed)</strong>" : "0", num: true),
        HTML.td(rule.cannotEvaluate), HTML.td(rule.passed),
      ])
    }
    s += HTML.tableEnd
    let count = r.findings.count(of: .aggregate)
    if count > 0 {
      s += "<h3>Review findings</h3>\n" + HTML.thead(["Rule", "Group", "Finding"])
      for f in r.findings.first(ReviewFormat.findingRowLimit, of: .aggregate) {
        s += HTML.tr([
          HTML.td(
            "<code>\(esc(f.rule))</code> "
              + HTML.badge(f.severity.rawValue, f.severity.rawValue)),
          HTML.td(esc(f.group ?? "")), HTML.td(esc(f.message)),
        ])
      }
      s += HTML.tableEnd
      let hidden = count - ReviewFormat.findingRowLimit
      if hidden > 0 {
        s += HTML.p(ReviewFormat.more(hidden, "review findings") { "<code>\(esc($0))</code>" })
      }
    }
    return s + "</section>\n"
  }

  private func footer(_ r: ReviewReport) -> String {
    var s = "<footer class=\"note\">\n"
    for note in r.notes { s += "<p>\(esc(note))</p>\n" }
    s += "<p>Generated by \(esc(r.tool.name)) \(esc(r.tool.version)) from the school systems' "
    s += "exports. Pupils are identified by pseudonymous ids only; names and free text never "
    s += "appear in this review.</p>\n"
    return s + "</footer>\n"
  }

  // MARK: - Helpers

  private func periodTitle(_ r: ReviewReport) -> String {
    let names = [
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December",
    ]
    func long(_ day: String?) -> String? {
      guard let day else { return nil }
      let d = day.split(separator: "-")
      guard d.count == 3, let month = Int(d[1]), (1...12).contains(month), let dd = Int(d[2])
      else { return day }
      return "\(dd) \(names[month - 1]) \(d[0])"
    }
    switch (long(r.period.from), long(r.period.to)) {
    case (let f?, let t?): return "\(f) to \(t)"
    case (let f?, nil): return "From \(f)"
    case (nil, let t?): return "Up to \(t)"
    default: return "No incidents in the period"
    }
  }

  private func card(_ n: String, _ label: String, alert: Bool = false) -> String {
    "<div class=\"card\(alert ? " alert" : "")\"><div class=\"n\">\(esc(n))</div>"
      + "<div class=\"l\">\(esc(label))</div></div>\n"
  }

}

/// Escapes text for HTML.
func esc(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.count)
  for c in s {
    switch c {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&#39;"
    default: out.append(c)
    }
  }
  return out
}
