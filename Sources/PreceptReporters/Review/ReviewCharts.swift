import Foundation
import PreceptEngine

/// Inline SVG charts for the review page: plain shapes and text, no scripts.
enum ReviewCharts {
  static let ink = "#1d2330"
  static let muted = "#5b6473"
  static let grid = "#e3e6ea"
  static let accent = "#1f4e79"
  static let warn = "#a33a00"

  static func color(_ i: Int) -> String {
    ReviewHTMLStyle.palette[i % ReviewHTMLStyle.palette.count]
  }

  /// A round axis maximum and step for values up to `max`.
  static func niceScale(_ max: Int) -> (top: Int, step: Int) {
    let target = Swift.max(max, 1)
    for step in [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 25000] {
      let top = ((target + step - 1) / step) * step
      if top / step <= 6 { return (top, step) }
    }
    let step = Int(pow(10, ceil(log10(Double(target))))) / 5
    return (((target + step - 1) / step) * step, step)
  }

  /// The fill of intervention type `i`: its colour with a texture of its own (none, stripes,
  /// dots, crosses…), so that the types stay apart when the page is printed in grey.
  static func typeFill(_ i: Int) -> String { "url(#precept-type-\(i))" }

  /// The patterns ``typeFill(_:)`` names.
  static func typePatterns(count: Int) -> String {
    // Light and dark colours of the palette get a dark and a light texture.
    let dark: Set<String> = ["#0072B2", "#009E73", "#D55E00", "#000000"]
    let textures = [
      "",
      "<path d=\"M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6\" stroke=\"T\" stroke-width=\"1.6\"/>",
      "<circle cx=\"4\" cy=\"4\" r=\"1.7\" fill=\"T\"/>",
      "<path d=\"M0,4 H8\" stroke=\"T\" stroke-width=\"1.8\"/>",
      "<path d=\"M0,0 L8,8 M0,8 L8,0\" stroke=\"T\" stroke-width=\"1.2\"/>",
      "<path d=\"M4,0 V8\" stroke=\"T\" stroke-width=\"1.8\"/>",
      "<path d=\"M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2\" stroke=\"T\" stroke-width=\"1.6\"/>",
      "<rect x=\"2\" y=\"2\" width=\"4\" height=\"4\" fill=\"T\"/>",
    ]
    var s = "<defs>\n"
    for i in 0..<count {
      let colour = color(i)
      let texture = textures[i % textures.count]
        .replacingOccurrences(
          of: "\"T\"", with: dark.contains(colour) ? "\"#ffffff\"" : "\"#1d2330\"")
      s +=
        "<pattern id=\"precept-type-\(i)\" patternUnits=\"userSpaceOnUse\" width=\"8\" "
        + "height=\"8\"><rect width=\"8\" height=\"8\" fill=\"\(colour)\"/>\(texture)</pattern>\n"
    }
    return s + "</defs>\n"
  }

  /// Stacked bars: interventions per month by type, with the number of incidents above each
  /// bar, the key above the plot and the axis titled.
  static func monthly(_ r: ReviewReport) -> String {
    let width = 960.0
    // The key: one row of swatches, wrapped as needed.
    var key = ""
    var (kx, ky) = (60.0, 14.0)
    for (j, t) in r.interventionTypes.enumerated() {
      let label = ReviewFormat.label(t)
      let w = 24 + Double(label.count) * 6.6
      if kx + w > width - 10 {
        kx = 60
        ky += 20
      }
      key += SVG.rect(
        x: kx, y: ky - 10, width: 13, height: 13, fill: typeFill(j),
        extra: "stroke=\"\(muted)\" stroke-width=\"0.6\"")
      key += SVG.text(label, x: kx + 18, y: ky + 1, size: 11.5)
      kx += w + 14
    }
    let (left, right, top, bottom) = (60.0, 10.0, ky + 26, 34.0)
    let height = top + 224 + bottom
    let plotW = width - left - right
    let plotH = height - top - bottom
    let stacks = r.months.map { m in r.interventionTypes.reduce(0) { $0 + (m.byType[$1] ?? 0) } }
    let (maxY, step) = niceScale(max(stacks.max() ?? 0, r.months.map(\.incidents).max() ?? 0))
    func y(_ v: Int) -> Double { top + plotH - plotH * Double(v) / Double(maxY) }
    var s = SVG.open(width: width, height: height, label: "Interventions per month by type")
    s += typePatterns(count: r.interventionTypes.count) + key
    for v in stride(from: 0, through: maxY, by: step) {
      s += SVG.line(x1: left, y1: y(v), x2: width - right, y2: y(v), stroke: grid)
      s += SVG.text(String(v), x: left - 6, y: y(v) + 4, size: 11, anchor: "end", fill: muted)
    }
    s +=
      "<text transform=\"translate(16 \(SVG.n(top + plotH / 2))) rotate(-90)\" font-size=\"11\" "
      + "fill=\"\(muted)\" text-anchor=\"middle\">interventions, by type</text>\n"
    let band = plotW / Double(max(r.months.count, 1))
    let barW = min(band * 0.62, 64)
    for (i, m) in r.months.enumerated() {
      let x = left + band * Double(i) + (band - barW) / 2
      let month = ReviewFormat.month(m.month)
      var acc = 0
      for (j, t) in r.interventionTypes.enumerated() {
        let n = m.byType[t] ?? 0
        guard n > 0 else { continue }
        s += SVG.rect(
          x: x, y: y(acc + n), width: barW, height: y(acc) - y(acc + n), fill: typeFill(j),
          title: "\(month): \(n) \(ReviewFormat.label(t))",
          extra: "stroke=\"#fff\" stroke-width=\"0.6\"")
        acc += n
      }
      s += SVG.text(
        "\(m.incidents)", x: x + barW / 2, y: y(acc) - 6, anchor: "middle", bold: true)
      s += SVG.text(month, x: x + barW / 2, y: height - bottom + 18, anchor: "middle")
    }
    s += SVG.line(x1: left, y1: y(0), x2: width - right, y2: y(0), stroke: ink)
    return s + SVG.close
  }

  /// Horizontal bars: incidents per trigger (the twelve most frequent).
  static func triggers(_ triggers: [ReviewReport.Trigger]) -> String {
    let shown = Array(triggers.prefix(12))
    let (width, row, labelW, valueW, top) = (960.0, 26.0, 200.0, 150.0, 6.0)
    let height = top + row * Double(shown.count) + 6
    let maxN = Double(shown.map(\.incidents).max() ?? 1)
    let barArea = width - labelW - valueW - 10
    var s = SVG.open(width: width, height: height, label: "Incidents per trigger")
    for (i, t) in shown.enumerated() {
      let y = top + row * Double(i)
      let w = max(2, barArea * Double(t.incidents) / maxN)
      s += SVG.text(
        ReviewFormat.label(t.trigger), x: labelW - 10, y: y + row / 2 + 4, size: 13, anchor: "end")
      s += SVG.rect(
        x: labelW, y: y + 4, width: w, height: row - 8, fill: accent, extra: "rx=\"2\"")
      let caption =
        "\(t.incidents) incident\(t.incidents == 1 ? "" : "s") · "
        + "\(t.pupils) pupil\(t.pupils == 1 ? "" : "s")"
      s += SVG.text(caption, x: labelW + w + 8, y: y + row / 2 + 4)
    }
    return s + SVG.close
  }

  /// A forest plot: each group's risk ratio with its 95% confidence interval on a log scale,
  /// with parity (1) and the threshold marked; groups the rule reported are in the warning
  /// colour.
  static func forest(_ groups: [GroupMeasures], in r: ReviewReport) -> String {
    let threshold = r.threshold
    let (width, row, labelW, valueW, top, bottom) = (960.0, 24.0, 290.0, 70.0, 30.0, 26.0)
    let height = top + row * Double(groups.count) + bottom
    let values = groups.flatMap { [$0.riskRatio, $0.riskRatioLow, $0.riskRatioHigh] }
      .compactMap { $0 }.filter { $0 > 0 && $0.isFinite }
    let lo = min(0.25, values.min() ?? 1)
    let hi = max(4, values.max() ?? 1, (threshold ?? 1) * 1.5)
    let (x0, x1) = (labelW, width - valueW - 10)
    func x(_ v: Double) -> Double {
      let c = min(max(v, lo), hi)
      return x0 + (x1 - x0) * (log(c) - log(lo)) / (log(hi) - log(lo))
    }
    let plotBottom = top + row * Double(groups.count)
    var s = SVG.open(
      width: width, height: height, label: "Risk ratios with 95% confidence intervals")
    for tick in [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128] where tick >= lo && tick <= hi {
      s += SVG.line(x1: x(tick), y1: top - 4, x2: x(tick), y2: plotBottom, stroke: grid)
      let label = tick < 1 ? String(tick) : String(Int(tick))
      s += SVG.text(label, x: x(tick), y: plotBottom + 16, size: 11, anchor: "middle", fill: muted)
    }
    s += SVG.line(x1: x(1), y1: top - 8, x2: x(1), y2: plotBottom, stroke: ink, width: 1.2)
    s += SVG.text("parity", x: x(1), y: top - 12, size: 11, anchor: "middle")
    if let threshold {
      s += SVG.line(
        x1: x(threshold), y1: top - 8, x2: x(threshold), y2: plotBottom, stroke: warn,
        width: 1.2, dash: "5 4")
      s += SVG.text(
        "threshold \(ReviewFormat.ratio(threshold))", x: x(threshold), y: top - 12, size: 11,
        anchor: "middle", fill: warn)
    }
    for (i, g) in groups.enumerated() {
      let y = top + row * Double(i) + row / 2
      let flagged = ReviewFormat.flagged(g, in: r)
      let color = flagged ? warn : accent
      if i % 2 == 0 {
        s += SVG.rect(
          x: 0, y: y - row / 2, width: width, height: row, fill: "#f4f6f8",
          extra: "opacity=\"0.7\"")
      }
      let label = "\(ReviewFormat.label(g.characteristic)): \(ReviewFormat.value(g.value))"
      s += SVG.text(label, x: labelW - 12, y: y + 4, size: 12.5, anchor: "end", bold: flagged)
      if let l = g.riskRatioLow, let h = g.riskRatioHigh {
        s += SVG.line(x1: x(l), y1: y, x2: x(h), y2: y, stroke: color, width: 2)
        for end in [l, h] {
          s += SVG.line(x1: x(end), y1: y - 4, x2: x(end), y2: y + 4, stroke: color, width: 1.5)
        }
      }
      if let rr = g.riskRatio {
        let title =
          "\(label): risk ratio \(ReviewFormat.ratio(rr)) (95% CI \(ReviewFormat.interval(g)))"
        s += SVG.circle(x: x(rr), y: y, r: 5, fill: color, title: title)
        s += SVG.text(
          ReviewFormat.ratio(rr), x: width - 8, y: y + 4, size: 12.5, anchor: "end", fill: color,
          bold: flagged)
      }
    }
    return s + SVG.close
  }
}
