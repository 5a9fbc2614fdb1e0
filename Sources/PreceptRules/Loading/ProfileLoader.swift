import Foundation
import PreceptDiagnostics
import PreceptYAML

/// Reads export profiles (`Rules/profiles/*.yaml`): how a school system's export maps onto the
/// canonical record.
///
/// ```yaml
/// profile: example-mis
/// description: Exports from the Example MIS "Behaviour > Physical interventions" report
/// timezone: Europe/London
/// timestamps: [iso, dd/mm/yyyy HH:MM]
/// list_separator: ","
/// booleans: {"Yes": true, "No": false}
/// columns: {"Incident Ref": incident_id, "Date/Time": occurred_at}
/// values:
///   pupil.sen_status: {"SEN Support": sen_support, "EHC Plan": ehcp, "No SEN": none}
/// ```
public enum ProfileLoader {
  public static let keys = [
    "profile", "description", "timezone", "timestamps", "list_separator", "booleans", "columns",
    "values",
  ]
  public static let timestampFormats = ["iso", "iso-local", "dd/mm/yyyy HH:MM"]

  /// Loads a profile file, checking column targets against the record schema when given.
  public static func load(_ path: String, schema: RecordSchema?)
    -> (profile: Profile?, diagnostics: [Diagnostic])
  {
    let sink = DiagnosticSink()
    guard let file = PackLoader.readFile(path, sink: sink, what: "profile", at: nil) else {
      return (nil, sink.diagnostics)
    }
    let (root, yamlDiagnostics) = YAMLLoader.load(file)
    sink.append(contentsOf: yamlDiagnostics)
    guard let root, var reader = MappingReader(root, what: "profile", sink: sink) else {
      return (nil, sink.diagnostics)
    }
    let name =
      reader.string("profile", required: true)?.value
      ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    let description = reader.string("description")?.value
    var zone: TimeZone?
    if let tz = reader.string("timezone") {
      zone = TimeZone(identifier: tz.value)
      if zone == nil {
        sink.error(.invalidValue, "unknown time zone '\(tz.value)'", at: tz.range)
      }
    }
    var formats = ["iso"]
    if let list = reader.strings("timestamps") {
      formats = []
      for f in list {
        if timestampFormats.contains(f.value) {
          formats.append(f.value)
        } else {
          sink.error(
            .invalidValue, "unknown timestamp format '\(f.value)'", at: f.range,
            help: "use one of: \(timestampFormats.joined(separator: ", "))")
        }
      }
    }
    var separator: Character = ";"
    if let sep = reader.string("list_separator") {
      if sep.value.count == 1 {
        separator = sep.value.first!
      } else {
        sink.error(.invalidValue, "'list_separator' must be one character", at: sep.range)
      }
    }
    var booleans: [String: Bool] = [:]
    if let node = reader.value("booleans"),
      let map = MappingReader(node, what: "'booleans'", sink: sink)
    {
      for (word, _, value) in map.entries {
        if case .scalar(let s) = value.kind, case .bool(let b) = s.resolved {
          booleans[word] = b
        } else {
          sink.error(.wrongType, "'\(word)' must map to true or false", at: value.range)
        }
      }
    }
    var columns: [String: String] = [:]
    if let node = reader.value("columns"),
      let map = MappingReader(node, what: "'columns'", sink: sink)
    {
      for (column, _, value) in map.entries {
        guard let target = value.scalarValue else {
          sink.error(.wrongType, "column '\(column)' must map to a field path", at: value.range)
          continue
        }
        if let schema, schema.field(atPath: target) == nil {
          sink.error(
            .undefinedField,
            "column '\(column)' maps to '\(target)', which the record schema does not declare",
            at: value.range,
            help: Suggestion.help(Suggestion.closest(to: target, in: Self.paths(of: schema))))
          continue
        }
        columns[column] = target
      }
    }
    var values: [String: [String: String]] = [:]
    if let node = reader.value("values"),
      let map = MappingReader(node, what: "'values'", sink: sink)
    {
      for (field, _, value) in map.entries {
        if let schema, schema.field(atPath: field) == nil {
          sink.error(
            .undefinedField, "'\(field)' is not a field of the record schema", at: value.range)
          continue
        }
        guard let inner = MappingReader(value, what: "values of '\(field)'", sink: sink) else {
          continue
        }
        // A value the schema does not allow would reject every row that has it.
        var allowed: [String]?
        switch schema?.field(atPath: field)?.type {
        case .enumeration(let v)?, .list(.enumeration(let v))?: allowed = v
        default: allowed = nil
        }
        var mapping: [String: String] = [:]
        for (from, _, to) in inner.entries {
          guard let target = to.scalarValue else { continue }
          // An empty target makes the value missing, which is always allowed.
          if let allowed, !target.isEmpty, !allowed.contains(target) {
            sink.error(
              .impossibleEnumValue,
              "'\(from)' maps to '\(target)', but '\(field)' is one of: "
                + allowed.joined(separator: ", "),
              at: to.range,
              help: Suggestion.help(Suggestion.closest(to: target, in: allowed)))
            continue
          }
          mapping[from] = target
        }
        values[field] = mapping
      }
    }
    reader.finish()
    let profile = Profile(
      name: name, description: description, columns: columns, values: values,
      timestampFormats: formats, timeZone: zone, listSeparator: separator, booleans: booleans,
      path: path)
    return (sink.hasErrors ? nil : profile, sink.diagnostics)
  }

  /// Every field path of a schema, nested ones included (`pupil.sen_status`).
  static func paths(of schema: RecordSchema) -> [String] {
    var out: [String] = []
    for (i, field) in schema.fields.enumerated() {
      out.append(schema.fieldPaths[i])
      switch field.type {
      case .object(let nested), .list(.object(let nested)): out += paths(of: nested)
      default: break
      }
    }
    return out
  }
}
