import Foundation
import PreceptEngine

/// Inline SVG charts for the review page: plain shapes and text, no scripts.
enum ReviewCharts {
  static func color(_ i: Int) -> String {
    ReviewHTMLStyle.palette[i % ReviewHTMLStyle.palette.count]
  }

  static func f(_ d: Double) -> String { String(format: "%.1f", d) }

  /// A round axis maximum and step for values up to `max`.
  static func niceScale(_ max: Int) -> (top: Int, step: Int) {
    let target = Swift.max(max, 1)
    for step in [
      1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 25000, 50000,
    ] {
      let top = ((target + step - 1) / step) * step
      if top / step <= 6 { return (top, step) }
    }
    let step = Int(pow(10, ceil(log10(Double(target))))) / 5
    return (((target + step - 1) / step) * step, step)
  }

  /// Stacked bars: incidents per month by intervention type.
  static func monthly(_ r: ReviewReport) -> String {
    let width = 960.0
    let height = 280.0
    let left = 44.0
    let right = 10.0
    let top = 22.0
    let bottom = 34.0
    let plotW = width - left - right
    let plotH = height - top - bottom
    let stacks = r.months.map { m in r.interventionTypes.reduce(0) { $0 + (m.byType[$1] ?? 0) } }
    let (maxY, step) = niceScale(max(stacks.max() ?? 0, r.months.map(\.incidents).max() ?? 0))
    func y(_ v: Int) -> Double { top + plotH - plotH * Double(v) / Double(maxY) }
    var s =
      "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Incidents per month by type of intervention\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"Segoe UI, Helvetica Neue, Arial, sans-serif\">\n"
    var v = 0
    while v <= maxY {
      let yy = f(y(v))
      s +=
        "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(yy)\" y2=\"\(yy)\" stroke=\"#e3e6ea\" stroke-width=\"1\"/>"
      s +=
        "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" font-size=\"11\" fill=\"#5b6473\" text-anchor=\"end\">\(v)</text>\n"
      v += step
    }
    let band = plotW / Double(max(r.months.count, 1))
    let barW = min(band * 0.62, 64)
    for (i, m) in r.months.enumerated() {
      let x = left + band * Double(i) + (band - barW) / 2
      var acc = 0
      for (j, t) in r.interventionTypes.enumerated() {
        let n = m.byType[t] ?? 0
        guard n > 0 else { continue }
        let y0 = y(acc + n)
        let h = y(acc) - y0
        s +=
          "<rect x=\"\(f(x))\" y=\"\(f(y0))\" width=\"\(f(barW))\" height=\"\(f(h))\" fill=\"\(color(j))\" stroke=\"#fff\" stroke-width=\"0.6\"><title>\(esc(ReviewFormat.month(m.month))): \(n) \(esc(ReviewFormat.label(t)))</title></rect>\n"
        acc += n
      }
      s +=
        "<text x=\"\(f(x + barW / 2))\" y=\"\(f(y(acc) - 6))\" font-size=\"12\" font-weight=\"600\" fill=\"#1d2330\" text-anchor=\"middle\">\(m.incidents)</text>"
      s +=
        "<text x=\"\(f(x + barW / 2))\" y=\"\(f(height - bottom + 18))\" font-size=\"12\" fill=\"#1d2330\" text-anchor=\"middle\">\(esc(ReviewFormat.month(m.month)))</text>\n"
    }
    s +=
      "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\" stroke=\"#1d2330\" stroke-width=\"1\"/>\n"
    return s + "</svg>"
  }

  /// Horizontal bars: incidents per trigger (the twelve most frequent).
  static func triggers(_ triggers: [ReviewReport.Trigger]) -> String {
    let shown = Array(triggers.prefix(12))
    let width = 960.0
    let row = 26.0
    let labelW = 200.0
    let valueW = 150.0
    let top = 6.0
    let height = top + row * Double(shown.count) + 6
    let maxN = Double(shown.map(\.incidents).max() ?? 1)
    let barArea = width - labelW - valueW - 10
    var s =
      "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Incidents per trigger\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"Segoe UI, Helvetica Neue, Arial, sans-serif\">\n"
    for (i, t) in shown.enumerated() {
      let y = top + row * Double(i)
      let w = max(2, barArea * Double(t.incidents) / maxN)
      s +=
        "<text x=\"\(f(labelW - 10))\" y=\"\(f(y + row / 2 + 4))\" font-size=\"13\" fill=\"#1d2330\" text-anchor=\"end\">\(esc(ReviewFormat.label(t.trigger)))</text>"
      s +=
        "<rect x=\"\(f(labelW))\" y=\"\(f(y + 4))\" width=\"\(f(w))\" height=\"\(f(row - 8))\" rx=\"2\" fill=\"#1f4e79\"/>"
      s +=
        "<text x=\"\(f(labelW + w + 8))\" y=\"\(f(y + row / 2 + 4))\" font-size=\"12\" fill=\"#1d2330\">\(t.incidents) incident\(t.incidents == 1 ? "" : "s") · \(t.pupils) pupil\(t.pupils == 1 ? "" : "s")</text>\n"
    }
    return s + "</svg>"
  }

  /// A forest plot: each group's risk ratio with its 95% confidence interval, log scale, with
  /// parity (1) and the threshold marked.
  static func forest(_ groups: [GroupMeasures], in r: ReviewReport) -> String {
    let threshold = r.threshold
    let width = 960.0
    let row = 24.0
    let labelW = 290.0
    let valueW = 70.0
    let top = 30.0
    let bottom = 26.0
    let height = top + row * Double(groups.count) + bottom
    let values = groups.flatMap {
      [$0.riskRatio, $0.riskRatioLow, $0.riskRatioHigh].compactMap { $0 }
    }
    .filter { $0 > 0 && $0.isFinite }
    let lo = min(0.25, values.min() ?? 1)
    let hi = max(4, values.max() ?? 1, (threshold ?? 1) * 1.5)
    let x0 = labelW
    let x1 = width - valueW - 10
    func x(_ v: Double) -> Double {
      let c = min(max(v, lo), hi)
      return x0 + (x1 - x0) * (log(c) - log(lo)) / (log(hi) - log(lo))
    }
    var s =
      "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Risk ratios with 95% confidence intervals\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"Segoe UI, Helvetica Neue, Arial, sans-serif\">\n"
    let plotBottom = top + row * Double(groups.count)
    for tick in [0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128] where tick >= lo && tick <= hi {
      let xx = f(x(tick))
      s +=
        "<line x1=\"\(xx)\" x2=\"\(xx)\" y1=\"\(f(top - 4))\" y2=\"\(f(plotBottom))\" stroke=\"#e3e6ea\"/>"
      s +=
        "<text x=\"\(xx)\" y=\"\(f(plotBottom + 16))\" font-size=\"11\" fill=\"#5b6473\" text-anchor=\"middle\">\(tick < 1 ? String(tick) : String(Int(tick)))</text>\n"
    }
    s +=
      "<line x1=\"\(f(x(1)))\" x2=\"\(f(x(1)))\" y1=\"\(f(top - 8))\" y2=\"\(f(plotBottom))\" stroke=\"#1d2330\" stroke-width=\"1.2\"/>"
    s +=
      "<text x=\"\(f(x(1)))\" y=\"\(f(top - 12))\" font-size=\"11\" fill=\"#1d2330\" text-anchor=\"middle\">parity</text>\n"
    if let threshold {
      s +=
        "<line x1=\"\(f(x(threshold)))\" x2=\"\(f(x(threshold)))\" y1=\"\(f(top - 8))\" y2=\"\(f(plotBottom))\" stroke=\"#a33a00\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/>"
      s +=
        "<text x=\"\(f(x(threshold)))\" y=\"\(f(top - 12))\" font-size=\"11\" fill=\"#a33a00\" text-anchor=\"middle\">threshold \(ReviewFormat.ratio(threshold))</text>\n"
    }
    for (i, g) in groups.enumerated() {
      let y = top + row * Double(i) + row / 2
      let flagged = ReviewFormat.flagged(g, in: r)
      let ink = flagged ? "#a33a00" : "#1f4e79"
      if i % 2 == 0 {
        s +=
          "<rect x=\"0\" y=\"\(f(y - row / 2))\" width=\"\(Int(width))\" height=\"\(f(row))\" fill=\"#f4f6f8\" opacity=\"0.7\"/>"
      }
      let label = "\(ReviewFormat.label(g.characteristic)): \(ReviewFormat.value(g.value))"
      s +=
        "<text x=\"\(f(labelW - 12))\" y=\"\(f(y + 4))\" font-size=\"12.5\" fill=\"#1d2330\" text-anchor=\"end\"\(flagged ? " font-weight=\"700\"" : "")>\(esc(label))</text>"
      if let l = g.riskRatioLow, let h = g.riskRatioHigh {
        s +=
          "<line x1=\"\(f(x(l)))\" x2=\"\(f(x(h)))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(ink)\" stroke-width=\"2\"/>"
        for end in [l, h] {
          s +=
            "<line x1=\"\(f(x(end)))\" x2=\"\(f(x(end)))\" y1=\"\(f(y - 4))\" y2=\"\(f(y + 4))\" stroke=\"\(ink)\" stroke-width=\"1.5\"/>"
        }
      }
      if let rr = g.riskRatio {
        s +=
          "<circle cx=\"\(f(x(rr)))\" cy=\"\(f(y))\" r=\"5\" fill=\"\(ink)\"><title>\(esc(label)): risk ratio \(ReviewFormat.ratio(rr)) (95% CI \(ReviewFormat.interval(g)))</title></circle>"
        s +=
          "<text x=\"\(f(width - 8))\" y=\"\(f(y + 4))\" font-size=\"12.5\" fill=\"\(ink)\" text-anchor=\"end\"\(flagged ? " font-weight=\"700\"" : "")>\(ReviewFormat.ratio(rr))</text>\n"
      }
    }
    return s + "</svg>"
  }
}
