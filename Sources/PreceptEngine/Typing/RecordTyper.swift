import CEL
import Foundation
import PreceptInput
import PreceptRules

/// Converts raw records (text from CSV, values from JSON or YAML) to the pack's schema types.
public struct RecordTyper: Sendable {
  public let pack: CompiledPack
  public let profile: Profile
  private let zone: TimeZone
  private let idPath: [String]
  private let datePath: [String]
  /// How to type the record's fields.
  let plan: ObjectPlan
  /// How to type the cells of each CSV layout seen, planned on first sight.
  let csvPlans = CSVTypingPlan.Cache()
  /// Whether `true` and `false` are the only words for booleans (no profile words to try).
  let plainBooleans: Bool
  /// The profile's list separator as a byte, when it is ASCII.
  let listSeparator: UInt8?
  /// The profile's yes/no words in lower case, for values written in another case; a word
  /// that two of them share with different meanings (`Yes` and `YES`) is left out.
  let booleansIgnoringCase: [String: Bool]

  public init(pack: CompiledPack, profile: Profile = .canonical) {
    self.pack = pack
    self.profile = profile
    zone = profile.timeZone ?? pack.timeZone
    idPath = pack.pack.record.idField.split(separator: ".").map(String.init)
    datePath = pack.pack.record.dateField.split(separator: ".").map(String.init)
    plan = ObjectPlan(
      schema: pack.pack.record.schema, type: pack.types.root, pack: pack, profile: profile)
    plainBooleans = profile.booleans.isEmpty
    listSeparator = profile.listSeparator.asciiValue
    var lower: [String: Bool?] = [:]
    for (word, value) in profile.booleans {
      let key = word.lowercased()
      if let seen = lower[key], seen != value {
        lower[key] = .some(nil)
      } else {
        lower[key] = value
      }
    }
    booleansIgnoringCase = lower.compactMapValues { $0 }
  }

  /// Types one record. Values that do not fit are left absent and reported in `problems`.
  public func type(_ raw: RawRecord) -> TypedRecord {
    var context = Context(record: raw)
    let value: ObjectValue
    if profile.columns.isEmpty, let cells = raw.cells,
      let csvPlan = csvPlans.plan(for: cells.layout, typer: self)
    {
      value = type(cells, plan: csvPlan, context: &context)
    } else {
      let fields =
        profile.columns.isEmpty ? raw.fields : renamed(raw.fields, context: &context)
      value = object(fields, plan: plan, path: "", context: &context)
    }
    var id: String?
    if case .string(let s)? = lookup(value, idPath) { id = s }
    var date: Timestamp?
    if case .timestamp(let t)? = lookup(value, datePath) { date = t }
    return TypedRecord(
      value: value, id: id, date: date, location: raw.location, index: raw.index,
      problems: context.problems, unknownFields: context.unknown)
  }

  /// Whether the field at `path` is text kept as written (a string field with no value map).
  func takesTextAsWritten(at path: [String]) -> Bool {
    var objectPlan = plan
    for (i, key) in path.enumerated() {
      guard let index = objectPlan.index(of: key, guess: 0) else { return false }
      let field = objectPlan.fields[index]
      if field.valueMap != nil { return false }
      switch field.kind {
      case .string: return i == path.count - 1
      case .object(let next): objectPlan = next
      default: return false
      }
    }
    return false
  }

  struct Context {
    let record: RawRecord
    var problems: [FieldProblem] = []
    var unknown: [String] = []

    mutating func problem(
      _ code: FieldProblem.Code, _ path: String, _ message: String, at field: SourcePosition?
    ) {
      let location = field.map { record.location(of: $0) } ?? record.location
      problems.append(FieldProblem(code: code, path: path, message: message, location: location))
    }
  }

  /// A value parsed from text inside a cell, with every member placed at the cell.
  static func placed(_ value: RawValue, at position: SourcePosition) -> RawValue {
    switch value {
    case .list(let items): return .list(items.map { placed($0, at: position) })
    case .object(var object):
      for i in object.fields.indices {
        object.fields[i].position = position
        object.fields[i].value = placed(object.fields[i].value, at: position)
      }
      return .object(object)
    default: return value
    }
  }

  private func lookup(_ object: ObjectValue, _ path: [String]) -> Value? {
    var current: ObjectValue = object
    for (i, part) in path.enumerated() {
      guard let v = current[part] else { return nil }
      if i == path.count - 1 { return v }
      guard case .object(let next) = v else { return nil }
      current = next
    }
    return nil
  }

  private func object(
    _ raw: RawObject, plan: ObjectPlan, path: String, context: inout Context
  ) -> ObjectValue {
    let object = ObjectValue(type: plan.type)
    let slots = object.slots
    var guess = 0
    // Read in place: iterating the array would copy (and retain) every field.
    raw.fields.withUnsafeBufferPointer { fields in
      plan.fields.withUnsafeBufferPointer { fieldPlans in
        for k in fields.indices {
          guard let index = plan.index(of: fields[k].key, guess: guess) else {
            let key = fields[k].key
            let fieldPath = path.isEmpty ? key : "\(path).\(key)"
            if !context.unknown.contains(fieldPath) { context.unknown.append(fieldPath) }
            continue
          }
          guess = index + 1
          // Paths and kinds are planned per schema: no string building per field.
          // The plan is held by `plan`: no need to count a reference to it.
          unowned(unsafe) let fieldPlan = fieldPlans[index]
          if let v = convert(
            fields[k].value, plan: fieldPlan, field: fields[k].position, context: &context)
          {
            slots[index] = v
          }
        }
      }
    }
    checkRequired(object, plan: plan, context: &context)
    return object
  }

  /// Reports each required field of `plan` that `slots` lacks (unless its value was reported).
  func checkRequired(_ object: ObjectValue, plan: ObjectPlan, context: inout Context) {
    let slots = object.slots
    for i in plan.required where slots[i] == nil {
      let fieldPath = plan.fields[i].path
      if !context.problems.contains(where: { $0.path == fieldPath }) {
        context.problem(
          .missingRequired, fieldPath, "required field '\(fieldPath)' is missing", at: nil)
      }
    }
  }

  func convert(
    _ raw: RawValue, plan: FieldPlan, field: SourcePosition, context: inout Context
  ) -> Value? {
    if case .null = raw { return nil }
    if case .string(let s) = raw, s.isEmpty { return nil }
    // Exports pad cells; a value map matches a value with its surrounding spaces too.
    if let map = plan.valueMap, case .string(let s) = raw,
      let mapped = map[s] ?? map[s.trimmedWhitespace]
    {
      return convert(.string(mapped), plan: plan, field: field, context: &context)
    }
    let path = plan.path
    switch plan.kind {
    case .string:
      switch raw {
      case .string(let s): return .string(s)
      case .number(let n): return .string(n)
      case .bool(let b): return .string(b ? "true" : "false")
      default:
        context.problem(.wrongType, path, "'\(path)' must be text, not \(kind(raw))", at: field)
        return nil
      }
    case .bool:
      switch raw {
      case .bool(let b): return .bool(b)
      case .string(let written):
        // Surrounding spaces and letter case do not change a yes or a no.
        let s = written.trimmedWhitespace
        if let b = profile.booleans[s] { return .bool(b) }
        let lower = s.lowercased()
        if let b = booleansIgnoringCase[lower] { return .bool(b) }
        switch lower {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default:
          let words = profile.booleans.keys.sorted().map { "'\($0)'" }
          context.problem(
            .wrongType, path,
            "'\(path)' must be true or false"
              + (words.isEmpty
                ? "" : " (or \(words.joined(separator: ", ")), as the profile says)"),
            at: field)
          return nil
        }
      default:
        context.problem(
          .wrongType, path, "'\(path)' must be true or false, not \(kind(raw))", at: field)
        return nil
      }
    case .int:
      let text: String?
      switch raw {
      case .number(let n), .string(let n): text = n.trimmedWhitespace
      default: text = nil
      }
      if let text, let v = Int64(text) { return .int(v) }
      if let text, let d = Double(text), d.rounded() == d, abs(d) < 9e15 { return .int(Int64(d)) }
      let tooLarge = text.map { $0.allSatisfy { $0.isNumber || $0 == "-" } } ?? false
      context.problem(
        .wrongType, path,
        tooLarge ? "'\(path)' is too large for a whole number" : "'\(path)' must be a whole number",
        at: field)
      return nil
    case .double:
      switch raw {
      case .number(let n), .string(let n):
        if let d = Double(n.trimmedWhitespace), d.isFinite { return .double(d) }
      default: break
      }
      context.problem(.wrongType, path, "'\(path)' must be a number", at: field)
      return nil
    case .timestamp:
      guard case .string(let s) = raw else {
        context.problem(.badTimestamp, path, "'\(path)' must be a timestamp", at: field)
        return nil
      }
      return timestamp(s, path: path, field: field, context: &context)
    case .date:
      guard case .string(let s) = raw else {
        context.problem(.badDate, path, "'\(path)' must be a date (YYYY-MM-DD)", at: field)
        return nil
      }
      let trimmed = s.trimmedWhitespace
      if let d = LocalDate(trimmed) { return .timestamp(Temporal.startOfDay(d, in: pack.timeZone)) }
      if profile.timestampFormats.contains(where: { $0.hasPrefix("dd/mm/yyyy") }),
        let t = Temporal.parseDayMonthYear(trimmed, in: zone)
      {
        return .timestamp(t)
      }
      context.problem(
        .badDate, path, "'\(path)' is not a real date (expected YYYY-MM-DD)", at: field)
      return nil
    case .duration:
      switch raw {
      case .number(let n), .string(let n):
        if let d = Temporal.parseDuration(n) { return .duration(d) }
      default: break
      }
      context.problem(
        .badDuration, path, "'\(path)' must be a duration such as 15m or 1h30m", at: field)
      return nil
    case .enumeration(let values, let list):
      guard case .string(let written) = raw else {
        context.problem(.notInEnum, path, "'\(path)' must be one of: \(list)", at: field)
        return nil
      }
      var s = values.contains(written) ? written : written.trimmedWhitespace
      if !values.contains(s) {
        // In another letter case: the one value it can be, if only one.
        let matches = values.filter { $0.lowercased() == s.lowercased() }
        if matches.count == 1 { s = matches[0] }
      }
      guard values.contains(s) else {
        context.problem(.notInEnum, path, "'\(path)' is not one of: \(list)", at: field)
        return nil
      }
      return .string(s)
    case .list(let element):
      var items: [RawValue]
      switch raw {
      case .list(let list): items = list
      case .string(let s):
        let trimmed = s.trimmedWhitespace
        if trimmed.hasPrefix("[") {
          // A list of objects (or values) written as JSON text in a CSV cell.
          guard let parsed = JSONText.parse(trimmed) else {
            context.problem(.wrongType, path, "'\(path)' holds malformed JSON", at: field)
            return nil
          }
          guard case .list(let list) = parsed else {
            context.problem(.wrongType, path, "'\(path)' must be a list", at: field)
            return nil
          }
          // Positions inside the text count from the cell, not the file: what is wrong in
          // it is reported at the cell.
          items = list.map { Self.placed($0, at: field) }
        } else {
          items = Self.listItems(trimmed, separator: profile.listSeparator)
        }
      default:
        items = [raw]
      }
      var out: [Value] = []
      out.reserveCapacity(items.count)
      for item in items {
        if let v = convert(item, plan: element, field: field, context: &context) {
          out.append(v)
        }
      }
      // An empty list is no list, in every format: `[]` in JSON or YAML is what an empty CSV
      // cell is, absent (`has()` is false; the field reads as `[]`), as CEL has it for a
      // repeated field.
      return out.isEmpty ? nil : .list(out)
    case .object(let objectPlan):
      guard case .object(let o) = raw else {
        context.problem(.wrongType, path, "'\(path)' must be an object", at: field)
        return nil
      }
      // A section whose cells are all empty (every `seclusion.*` column of a CSV row) is absent.
      if !o.fields.contains(where: { !Self.isEmpty($0.value) }) { return nil }
      return .object(object(o, plan: objectPlan, path: path, context: &context))
    }
  }

  private func timestamp(
    _ s: String, path: String, field: SourcePosition, context: inout Context
  )
    -> Value?
  {
    let text = s.trimmedWhitespace
    if let t = Temporal.parseTimestamp(text) { return .timestamp(t) }
    for format in profile.timestampFormats {
      switch format {
      case "iso-local":
        if let t = Temporal.parseTimestamp(text, defaultZone: zone) { return .timestamp(t) }
      case let f where f.hasPrefix("dd/mm/yyyy"):
        if let t = Temporal.parseDayMonthYear(text, in: zone) { return .timestamp(t) }
      default: break
      }
    }
    if Temporal.parseTimestamp(text, defaultZone: zone) != nil {
      context.problem(
        .timestampWithoutOffset, path,
        "'\(path)' has no UTC offset (write e.g. 2026-05-03T10:15:00+01:00, or use a profile that says which zone exports are in)",
        at: field)
    } else if text.contains("/") {
      context.problem(
        .badTimestamp, path,
        "'\(path)' is not a real date and time, or not in a format this profile reads", at: field)
    } else {
      context.problem(
        .badTimestamp, path, "'\(path)' is not an ISO 8601 timestamp", at: field)
    }
    return nil
  }

  /// The non-empty items of a delimited cell (`a;b`), trimmed of spaces and tabs. ASCII text
  /// with an ASCII separator is split by bytes (the same result as splitting by characters);
  /// anything else takes the general path.
  static func listItems(_ text: String, separator: Character) -> [RawValue] {
    if let sep = separator.asciiValue,
      let split = text.utf8.withContiguousStorageIfAvailable({ bytes -> [RawValue]? in
        var items: [RawValue] = []
        let ascii = forEachItem(bytes, separator: sep) { item in
          items.append(.string(String(decoding: item, as: UTF8.self)))
          return true
        }
        return ascii ? items : nil
      }),
      let items = split
    {
      return items
    }
    return text.split(separator: separator).map {
      .string(String($0).trimmedWhitespace)
    }.filter { if case .string(let s) = $0 { return !s.isEmpty } else { return true } }
  }

  /// Calls `body` with each non-empty item of ASCII text delimited by `separator`, trimmed of
  /// spaces and tabs, until it returns `false`; `false` if it did, or if the text is not ASCII
  /// (whose items are split by characters elsewhere).
  static func forEachItem(
    _ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8,
    _ body: (UnsafeBufferPointer<UInt8>) -> Bool
  ) -> Bool {
    var start = 0
    for i in 0...bytes.count {
      if i < bytes.count {
        let b = bytes[i]
        if b >= 0x80 { return false }
        if b != separator { continue }
      }
      var lo = start
      var hi = i
      while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
      while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
      if hi > lo, !body(UnsafeBufferPointer(rebasing: bytes[lo..<hi])) { return false }
      start = i + 1
    }
    return true
  }

  /// Null, empty text, or an object with nothing but those inside.
  private static func isEmpty(_ raw: RawValue) -> Bool {
    switch raw {
    case .null: return true
    case .string(let s): return s.isEmpty
    case .object(let o): return o.fields.allSatisfy { isEmpty($0.value) }
    default: return false
    }
  }

  private func kind(_ raw: RawValue) -> String {
    switch raw {
    case .null: return "null"
    case .string: return "text"
    case .number: return "a number"
    case .bool: return "a boolean"
    case .list: return "a list"
    case .object: return "an object"
    }
  }

  /// Moves fields named by the profile's column map to their canonical paths. Two fields with
  /// values that land on one path (a key named for the field and another the profile maps to
  /// it) are reported in `context`, as a CSV header with both is refused.
  private func renamed(_ raw: RawObject, context: inout Context) -> RawObject {
    var out = RawObject()
    var given: [String: String] = [:]
    func note(_ target: String, from source: String, _ field: RawField) {
      guard !Self.isEmpty(field.value) else { return }
      if let first = given[target] {
        context.problem(
          .wrongType, target,
          "'\(target)' is given twice, by '\(first)' and '\(source)' (through the profile); "
            + "keep one", at: field.position)
      } else {
        given[target] = source
      }
    }
    func insert(_ field: RawField, at path: [Substring], into object: inout RawObject) {
      let key = String(path[0])
      if path.count == 1 {
        var f = field
        f.key = key
        object.fields.append(f)
        return
      }
      if let i = object.fields.firstIndex(where: { $0.key == key }),
        case .object(var nested) = object.fields[i].value
      {
        insert(field, at: Array(path.dropFirst()), into: &nested)
        object.fields[i].value = .object(nested)
      } else {
        var nested = RawObject()
        insert(field, at: Array(path.dropFirst()), into: &nested)
        object.fields.append(RawField(key: key, value: .object(nested), position: field.position))
      }
    }
    func walk(_ object: RawObject, prefix: String) {
      for field in object.fields {
        let path = prefix.isEmpty ? field.key : "\(prefix).\(field.key)"
        if let target = profile.columns[path] {
          note(target, from: path, field)
          insert(field, at: target.split(separator: "."), into: &out)
        } else if case .object(let nested) = field.value {
          walk(nested, prefix: path)
        } else {
          note(path, from: path, field)
          insert(field, at: path.split(separator: "."), into: &out)
        }
      }
    }
    walk(raw, prefix: "")
    return out
  }
}
