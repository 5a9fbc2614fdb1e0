import CEL
import Foundation
import PreceptInput
import PreceptRules

extension RecordTyper {
  /// Types a CSV row from its cells by a layout's plan: the same values and problems as typing
  /// its members (``RawRecord/fields``), without building them.
  func type(_ cells: CSVCells, plan csv: CSVTypingPlan, context: inout Context) -> ObjectValue {
    let object = ObjectValue(type: plan.type)
    let root = object.slots
    for column in csv.scalars where !cells.isEmpty(column.column) {
      root[column.slot] = value(cells, column, context: &context)
    }
    for (column, path) in csv.unknown where !cells.isEmpty(column) {
      note(unknown: path, context: &context)
    }
    for (path, columns) in csv.unknownSections
    where columns.contains(where: { !cells.isEmpty($0) }) {
      note(unknown: path, context: &context)
    }
    for section in csv.sections {
      // A section whose cells are all empty (every `seclusion.*` column) is absent.
      guard section.all.contains(where: { !cells.isEmpty($0) }) else { continue }
      let sectionObject = ObjectValue(type: section.plan.type)
      let slots = sectionObject.slots
      for column in section.columns where !cells.isEmpty(column.column) {
        slots[column.slot] = value(cells, column, context: &context)
      }
      for (column, path) in section.unknown where !cells.isEmpty(column) {
        note(unknown: path, context: &context)
      }
      checkRequired(sectionObject, plan: section.plan, context: &context)
      root[section.slot] = .object(sectionObject)
    }
    checkRequired(object, plan: plan, context: &context)
    return object
  }

  private func note(unknown path: String, context: inout Context) {
    if !context.unknown.contains(path) { context.unknown.append(path) }
  }

  /// A non-empty cell's value: read from its bytes where its kind allows, else by the general
  /// path (which reports the problem when there is one).
  @inline(__always)
  private func value(
    _ cells: CSVCells, _ column: CSVTypingPlan.Column, context: inout Context
  ) -> Value? {
    if column.reading != .general {
      let separator = listSeparator
      let direct = cells.withBytes(column.column) { bytes in
        column.isList
          ? readList(bytes, column, separator)
          : read(bytes, column)
      }
      if let direct { return direct }
    }
    return convert(
      .string(cells.string(column.column) ?? ""), plan: column.field,
      field: cells.position(column.column), context: &context)
  }

  /// The value of `bytes` read as `reading`, or `nil` when only the general path can tell
  /// (it gives the same value for every input this accepts).
  @inline(__always)
  func read(_ bytes: UnsafeBufferPointer<UInt8>, _ column: CSVTypingPlan.Column) -> Value? {
    switch column.reading {
    case .string:
      return .string(String(decoding: bytes, as: UTF8.self))
    case .timestamp:
      return Temporal.parseTimestamp(utf8: bytes).map(Value.timestamp)
    case .bool:
      if Self.same(bytes, Self.trueBytes) { return .bool(true) }
      if Self.same(bytes, Self.falseBytes) { return .bool(false) }
      return nil
    case .int:
      return Self.wholeNumber(bytes).map(Value.int)
    case .enumeration:
      guard let choices = column.choices else { return nil }
      for k in choices.utf8.indices where Self.same(bytes, choices.utf8[k]) {
        return .string(choices.values[k])
      }
      return nil
    case .date:
      return LocalDate(utf8: bytes).map { .timestamp(Temporal.startOfDay($0, in: pack.timeZone)) }
    case .objects:
      guard let objects = column.objects else { return nil }
      var reader = JSONCellReader(bytes: bytes)
      return reader.list(of: objects, typer: self)
    case .general:
      return nil
    }
  }

  private static let trueBytes = Array("true".utf8)
  private static let falseBytes = Array("false".utf8)

  /// Whether two byte strings are equal (lengths first, then the bytes).
  @inline(__always)
  static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    return b.withUnsafeBufferPointer { b in
      a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }
  }

  /// A delimited list (`a;b`): its items, trimmed of spaces and tabs, empty ones left out, each
  /// read as the column's items read; `nil` for JSON text, non-ASCII text or an item only the
  /// general path can read.
  func readList(
    _ bytes: UnsafeBufferPointer<UInt8>, _ column: CSVTypingPlan.Column, _ separator: UInt8?
  ) -> Value? {
    // JSON text in a cell (`[...]`, perhaps after spaces) is parsed on the general path.
    guard let separator,
      bytes.first(where: { $0 != 0x20 && $0 != 0x09 }) != UInt8(ascii: "[")
    else { return nil }
    var items: [Value] = []
    // Room for every item at once (at most one more than the separators).
    var separators = 0
    for b in bytes where b == separator { separators += 1 }
    items.reserveCapacity(separators + 1)
    let read = Self.forEachItem(bytes, separator: separator) { item in
      guard let v = self.read(item, column) else { return false }
      items.append(v)
      return true
    }
    // No items (a cell of separators and spaces): the general path leaves the field absent.
    guard read, !items.isEmpty else { return nil }
    return .list(items)
  }

  /// Up to 18 ASCII digits after an optional minus sign, nothing else.
  static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    var i = 0
    var negative = false
    if bytes.first == UInt8(ascii: "-") {
      negative = true
      i = 1
    }
    let digits = bytes.count - i
    guard digits > 0, digits <= 18 else { return nil }
    var n: Int64 = 0
    while i < bytes.count {
      let d = bytes[i] &- 0x30
      guard d < 10 else { return nil }
      n = n * 10 + Int64(d)
      i += 1
    }
    return negative ? -n : n
  }
}
