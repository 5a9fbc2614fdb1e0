import CEL
import Foundation
import PreceptRules

/// Formats CEL values for people: explanations and messages. Timestamps are shown in the pack's
/// time zone, durations as `1h30m`, and personal fields as `‹redacted›` unless asked.
public struct ValueFormatter: Sendable {
  public static let redacted = "‹redacted›"

  public let pack: CompiledPack
  public let showPersonal: Bool
  private let personalPaths: Set<String>

  public init(pack: CompiledPack, showPersonal: Bool) {
    self.pack = pack
    self.showPersonal = showPersonal
    let variable = pack.pack.record.variable
    personalPaths = Set(pack.pack.record.schema.personalPaths.map { "\(variable).\($0)" })
  }

  /// Whether a dotted path (`incident.pupil.name`) is, or lies inside, a personal field.
  public func isPersonal(path: String) -> Bool {
    if personalPaths.contains(path) { return true }
    return personalPaths.contains { path.hasPrefix($0 + ".") }
  }

  /// A value in CEL-like syntax (`'text'`, `true`, `[…]`), for explanations.
  public func literal(_ value: Value) -> String { format(value, quoted: true) }

  /// A value as plain text (strings unquoted), for messages.
  public func text(_ value: Value) -> String { format(value, quoted: false) }

  private func format(_ value: Value, quoted: Bool) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .uint(let u): return "\(u)u"
    case .double(let d):
      return d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : "\(d)"
    case .string(let s): return quoted ? "'\(s)'" : s
    case .bytes(let b): return "b'\(b.count) bytes'"
    case .timestamp(let t): return Temporal.format(t, in: pack.timeZone)
    case .duration(let d): return Temporal.format(d)
    case .list(let items):
      return "[" + items.map { format($0, quoted: true) }.joined(separator: ", ") + "]"
    case .map(let m):
      return "{"
        + m.keys.map { "\(format($0.value, quoted: true)): \(format(m[$0]!, quoted: true))" }
        .joined(separator: ", ") + "}"
    case .type(let t): return t.description
    case .optional(let inner):
      return inner.map { "optional.of(\(format($0, quoted: quoted)))" } ?? "optional.none()"
    case .object(let o): return object(o)
    case .error(let e): return "error: \(e.message)"
    }
  }

  private func object(_ o: ObjectValue) -> String {
    var parts: [String] = []
    for (i, field) in o.type.fields.enumerated() {
      guard let v = o.slots[i] else { continue }
      // Type names are `Incident.pupil`; personal paths are `incident.pupil.name`.
      let rootName = pack.types.root.name
      let suffix = o.type.name.hasPrefix(rootName) ? o.type.name.dropFirst(rootName.count) : ""
      let path = "\(pack.pack.record.variable)\(suffix).\(field.name)"
      if !showPersonal && isPersonal(path: path) {
        parts.append("\(field.name): \(Self.redacted)")
      } else {
        parts.append("\(field.name): \(format(v, quoted: true))")
      }
    }
    return "{" + parts.joined(separator: ", ") + "}"
  }
}
