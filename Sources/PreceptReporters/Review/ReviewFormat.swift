import Foundation
import PreceptEngine

/// Words and numbers for the review, shared by its HTML and Markdown renderers.
public enum ReviewFormat {
  /// Rows of the repeat-pattern table a person is shown (busiest first); the JSON has them all.
  static let repeatRowLimit = 100
  /// Review findings listed for a person; the JSON has them all.
  static let findingRowLimit = 200

  /// The line under a shortened list: how many more there are and where to find them.
  static func more(_ hidden: Int, _ what: String, command: (String) -> String) -> String {
    "… and \(hidden) more \(what), not listed here: \(command("precept review --format json")) "
      + "lists them all."
  }

  static let characteristicNames: [String: String] = [
    "sen_status": "SEN status", "ehcp": "EHCP", "disability": "Disability", "sex": "Sex",
    "ethnicity": "Ethnicity", "looked_after": "Looked after",
    "child_protection_plan": "Child protection plan", "fsm": "Free school meals",
    "eal": "English as an additional language",
  ]

  static let valueNames: [String: String] = [
    "true": "Yes", "false": "No", "ehcp": "EHCP", "sen_support": "SEN support", "none": "None",
    "not recorded": "Not recorded", "female": "Female", "male": "Male",
    "not_recorded": "Not recorded",
  ]

  /// `sen_status` → `SEN status`, `physical_restraint` → `Physical restraint`.
  public static func label(_ name: String) -> String {
    if let known = characteristicNames[name] { return known }
    let words = name.replacingOccurrences(of: "_", with: " ")
    return words.prefix(1).uppercased() + words.dropFirst()
  }

  /// A group's value as people read it (`Yes`, `SEN support`, `WBRI`).
  public static func value(_ v: String) -> String {
    if let known = valueNames[v] { return known }
    if v.uppercased() == v { return v }
    return label(v)
  }

  /// A ratio to two decimals; infinite ratios say so.
  public static func ratio(_ r: Double?) -> String {
    guard let r else { return "–" }
    if r.isInfinite { return "∞" }
    return String(format: "%.2f", r)
  }

  /// A risk as a percentage to one decimal.
  public static func percent(_ r: Double?) -> String {
    guard let r else { return "–" }
    return String(format: "%.1f%%", r * 100)
  }

  /// A difference of shares in percentage points, signed.
  public static func points(_ d: Double?) -> String {
    guard let d else { return "–" }
    let v = (d * 1000).rounded() / 10
    if v == 0 { return "0.0 pp" }
    return (v < 0 ? "−" : "+") + String(format: "%.1f pp", abs(v))
  }

  /// `[lo – hi]` for a confidence interval, or a dash.
  public static func interval(_ g: GroupMeasures) -> String {
    guard let lo = g.riskRatioLow, let hi = g.riskRatioHigh else { return "–" }
    return "\(ratio(lo))–\(ratio(hi))"
  }

  /// `2026-05` → `May 2026`.
  public static func month(_ m: String) -> String {
    let names = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let parts = m.split(separator: "-")
    guard parts.count == 2, let i = Int(parts[1]), (1...12).contains(i) else { return m }
    return "\(names[i - 1]) \(parts[0])"
  }

  /// Whether the rule reported the group (its ratio at or over the threshold).
  static func flagged(_ g: GroupMeasures, in r: ReviewReport) -> Bool {
    !g.suppressed
      && r.findings.contains(rule: g.rule) { $0.kind == .aggregate && $0.group == g.label }
  }

  /// The groups of a characteristic worth a line of their own: all but the suppressed ones,
  /// which reports list together.
  static func partition(_ groups: [GroupMeasures]) -> [(
    characteristic: String, shown: [GroupMeasures], suppressed: [GroupMeasures]
  )] {
    var order: [String] = []
    var by: [String: [GroupMeasures]] = [:]
    for g in groups {
      if by[g.characteristic] == nil { order.append(g.characteristic) }
      by[g.characteristic, default: []].append(g)
    }
    return order.map { c in
      (c, by[c]!.filter { !$0.suppressed }, by[c]!.filter(\.suppressed))
    }
  }

  /// The period in words.
  static func period(_ r: ReviewReport) -> String {
    switch (r.period.from, r.period.to) {
    case (let f?, let t?): return "\(f) to \(t)"
    case (let f?, nil): return "from \(f)"
    case (nil, let t?): return "up to \(t)"
    default: return "no incidents"
    }
  }
}
