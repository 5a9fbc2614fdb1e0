import Foundation
import PreceptInput

/// Parses small JSON texts found inside CSV cells (a list of staff objects).
enum JSONText {
  static func parse(_ text: String) -> RawValue? {
    guard let data = text.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return nil }
    return convert(object)
  }

  private static func convert(_ object: Any) -> RawValue? {
    switch object {
    case is NSNull: return .null
    case let s as String: return .string(s)
    case let n as NSNumber:
      if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }
      return .number(n.stringValue)
    case let a as [Any]:
      var out: [RawValue] = []
      for item in a {
        guard let v = convert(item) else { return nil }
        out.append(v)
      }
      return .list(out)
    case let d as [String: Any]:
      var fields: [RawField] = []
      for key in d.keys.sorted() {
        guard let v = convert(d[key]!) else { return nil }
        fields.append(RawField(key: key, value: v, position: SourcePosition(line: 0, column: 0)))
      }
      return .object(RawObject(fields))
    default: return nil
    }
  }
}
