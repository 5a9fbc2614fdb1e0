import CEL
import PreceptRules

/// Shows param values as a policy lead writes them (`24h`, `2026-04-01`).
enum PackDisplay {
  static func value(_ v: Value) -> String {
    switch v {
    case .duration(let d): return Temporal.format(d)
    case .string(let s): return s
    case .int(let i): return String(i)
    case .double(let d): return String(d)
    case .bool(let b): return b ? "true" : "false"
    case .list(let items): return "[" + items.map(value).joined(separator: ", ") + "]"
    case .timestamp(let t): return Temporal.format(t, in: .gmt)
    default: return "\(v)"
    }
  }
}
