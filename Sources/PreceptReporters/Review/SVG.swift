import Foundation

/// Builds the SVG elements of the review's charts (numbers to one decimal, text escaped).
enum SVG {
  static func n(_ d: Double) -> String { String(format: "%.1f", d) }

  static func open(width: Double, height: Double, label: String) -> String {
    "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(label))\" "
      + "xmlns=\"http://www.w3.org/2000/svg\" "
      + "font-family=\"Segoe UI, Helvetica Neue, Arial, sans-serif\">\n"
  }

  static let close = "</svg>"

  static func text(
    _ content: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
    fill: String = "#1d2330", bold: Bool = false
  ) -> String {
    "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(fill)\" "
      + "text-anchor=\"\(anchor)\"\(bold ? " font-weight=\"700\"" : "")>\(esc(content))</text>\n"
  }

  static func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil
  ) -> String {
    "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" "
      + "stroke-width=\"\(n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>\n"
  }

  static func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil,
    extra: String = ""
  ) -> String {
    let head =
      "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" "
      + "fill=\"\(fill)\"\(extra.isEmpty ? "" : " " + extra)"
    guard let title else { return head + "/>\n" }
    return head + "><title>\(esc(title))</title></rect>\n"
  }

  static func circle(x: Double, y: Double, r: Double, fill: String, title: String) -> String {
    "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(fill)\">"
      + "<title>\(esc(title))</title></circle>\n"
  }
}
