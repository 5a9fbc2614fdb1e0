/// Small builders for the review page's HTML (content passed in is already escaped).
enum HTML {
  /// A table cell; numbers are right-aligned.
  static func td(_ content: String, num: Bool = false, cls: String = "", colspan: Int = 1)
    -> String
  {
    var classes = num ? ["num"] : []
    if !cls.isEmpty { classes.append(cls) }
    let c = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
    let span = colspan > 1 ? " colspan=\"\(colspan)\"" : ""
    return "<td\(c)\(span)>\(content)</td>"
  }

  static func td(_ n: Int) -> String { td(String(n), num: true) }

  /// A row of cells.
  static func tr(_ cells: [String], cls: String = "") -> String {
    "<tr\(cls.isEmpty ? "" : " class=\"\(cls)\"")>" + cells.joined() + "</tr>\n"
  }

  /// A table head; headers starting with `#` are numeric (right-aligned).
  static func thead(_ headers: [String]) -> String {
    "<table>\n<thead><tr>"
      + headers.map {
        $0.hasPrefix("#")
          ? "<th class=\"num\">\(esc(String($0.dropFirst())))</th>" : "<th>\(esc($0))</th>"
      }.joined() + "</tr></thead>\n<tbody>\n"
  }

  static let tableEnd = "</tbody>\n</table>\n"

  static func p(_ content: String, cls: String = "note") -> String {
    "<p class=\"\(cls)\">\(content)</p>\n"
  }

  static func badge(_ text: String, _ cls: String) -> String {
    "<span class=\"badge \(cls)\">\(esc(text))</span>"
  }
}
