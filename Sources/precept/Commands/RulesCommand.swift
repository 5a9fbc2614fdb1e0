import ArgumentParser
import PreceptRules

/// `precept rules [PACK]`: a table of the pack's rules.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "List a rule pack's rules: id, severity, title, citation.",
    discussion: """
      Examples:
        precept rules
        precept rules my-trust-overlay
      """)

  @Argument(help: "The rule pack folder (default: the bundled DfE pack).")
  var pack: String?

  @OptionGroup var packOptions: PackOptions

  func run() throws {
    let compiled = try packOptions.load(pack)
    let rows = compiled.pack.rules.map { rule in
      [
        rule.id, rule.enabled ? rule.severity.rawValue : "off", rule.title,
        rule.cite.map(\.description).joined(separator: "; "),
      ]
    }
    Output.stdout(Table.render(header: ["ID", "SEVERITY", "TITLE", "CITES"], rows: rows))
  }
}

/// Plain-text tables with aligned columns.
enum Table {
  static func render(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    var widths = [Int](repeating: 0, count: header.count)
    for row in all {
      for (i, cell) in row.enumerated() where i < widths.count - 1 {
        widths[i] = max(widths[i], cell.count)
      }
    }
    var out = ""
    for row in all {
      var line = ""
      for (i, cell) in row.enumerated() {
        line += cell
        if i < row.count - 1 { line += String(repeating: " ", count: widths[i] - cell.count + 2) }
      }
      out += line + "\n"
    }
    return out
  }
}
