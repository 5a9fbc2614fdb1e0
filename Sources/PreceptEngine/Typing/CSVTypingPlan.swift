import CEL
import Foundation
import PreceptInput

/// How to type the cells of one CSV layout, worked out once per layout: which column fills
/// which slot of the record or of one of its sections (`pupil.sen_status` is slot `sen_status`
/// of section `pupil`), and how each cell's bytes become a value without a string in between
/// where the kind allows it.
///
/// Only layouts whose columns are top-level fields or fields of top-level object sections are
/// planned; any other layout (deeper paths, a dotted column under a field that is not an
/// object, empty cells kept as nulls) is typed through ``RawRecord/fields`` instead, which
/// gives the same result more slowly.
final class CSVTypingPlan: Sendable {
  /// How a cell's bytes become a value directly; `nil` from ``RecordTyper/read(_:_:_:)``
  /// sends the cell down the general path (which also reports what is wrong with it).
  enum Reading: UInt8, Sendable {
    case string
    case timestamp
    /// `true` or `false` (used only when the profile has no words of its own for booleans).
    case bool
    /// Whole numbers of up to 18 digits.
    case int
    /// One of the allowed values (``Column/choices``).
    case enumeration
    /// `YYYY-MM-DD`: the start of that day in the pack's zone.
    case date
    /// A JSON list of objects (`[{"id": "S-1", ...}]`) of plain values (``Column/objects``).
    case objects
    /// Everything else: the general path.
    case general

    init(_ kind: FieldPlan.Kind, plainBooleans: Bool) {
      switch kind {
      case .string: self = .string
      case .timestamp: self = .timestamp
      case .bool: self = plainBooleans ? .bool : .general
      case .int: self = .int
      case .enumeration: self = .enumeration
      case .date: self = .date
      default: self = .general
      }
    }
  }

  /// How the objects of a JSON list in a cell read: each member's reading by the element
  /// schema's field order.
  final class Objects: Sendable {
    let plan: ObjectPlan
    let names: [[UInt8]]
    let fields: [Column]
    /// The readings of lists of objects inside these objects, owned here.
    private let nested: [Objects]

    init(plan: ObjectPlan, plainBooleans: Bool, choices: inout [Choices]) {
      self.plan = plan
      names = plan.names.map { Array($0.utf8) }
      var nested: [Objects] = []
      fields = plan.fields.indices.map { i in
        CSVTypingPlan.column(
          -1, slot: i, field: plan.fields[i], plainBooleans, &choices, &nested)
      }
      self.nested = nested
    }
  }

  /// The allowed values of an enum field: their bytes, and the strings to share.
  final class Choices: Sendable {
    let utf8: [[UInt8]]
    let values: [String]

    init(_ values: [String]) {
      self.values = values
      utf8 = values.map { Array($0.utf8) }
    }
  }

  /// One column that fills a slot. Plain data, so that the per-row loop counts no references:
  /// the field plan and choices are kept alive by the record's plan and by ``choices``.
  struct Column: Sendable {
    let column: Int
    let slot: Int
    unowned(unsafe) let field: FieldPlan
    /// How the cell reads: the value itself, or each item of a `;` list.
    let reading: Reading
    let isList: Bool
    unowned(unsafe) let choices: Choices?
    unowned(unsafe) let objects: Objects?
  }

  /// A top-level object field made of dotted columns (`seclusion.*`).
  struct Section: Sendable {
    let slot: Int
    let plan: ObjectPlan
    let columns: [Column]
    /// Columns under the section that the schema does not declare, with their paths.
    let unknown: [(column: Int, path: String)]
    /// Every column under the section: it is present when one of them is not empty.
    let all: [Int]
  }

  let scalars: [Column]
  /// Every enum's choices and list of objects' readings, owned here for the columns that
  /// refer to them.
  let choices: [Choices]
  let objects: [Objects]
  let sections: [Section]
  /// Top-level columns the schema does not declare.
  let unknown: [(column: Int, path: String)]
  /// Dotted columns under a top-level key the schema does not declare, by key.
  let unknownSections: [(path: String, columns: [Int])]

  /// Plans `layout` against the record's plan; `nil` when the layout is not one this plan
  /// handles.
  init?(layout: CSVLayout, root: ObjectPlan, plainBooleans: Bool) {
    if layout.keepsEmptyCells { return nil }
    var scalars: [Column] = []
    var choices: [Choices] = []
    var objects: [Objects] = []
    var unknown: [(Int, String)] = []
    var sectionOrder: [String] = []
    var sectionColumns: [String: [(column: Int, key: String)]] = [:]
    for (column, name) in layout.names.enumerated() {
      let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
      switch parts.count {
      case 1:
        if let slot = root.index(of: name, guess: 0) {
          scalars.append(
            Self.column(
              column, slot: slot, field: root.fields[slot], plainBooleans, &choices, &objects))
        } else {
          unknown.append((column, name))
        }
      case 2:
        if sectionColumns[parts[0]] == nil { sectionOrder.append(parts[0]) }
        sectionColumns[parts[0], default: []].append((column, parts[1]))
      default:
        return nil
      }
    }
    var sections: [Section] = []
    var unknownSections: [(String, [Int])] = []
    for key in sectionOrder {
      let members = sectionColumns[key]!
      guard let slot = root.index(of: key, guess: 0) else {
        unknownSections.append((key, members.map(\.column)))
        continue
      }
      guard case .object(let plan) = root.fields[slot].kind, root.fields[slot].valueMap == nil
      else { return nil }
      var columns: [Column] = []
      var unknownMembers: [(Int, String)] = []
      for (column, member) in members {
        if let index = plan.index(of: member, guess: 0) {
          columns.append(
            Self.column(
              column, slot: index, field: plan.fields[index], plainBooleans, &choices, &objects))
        } else {
          unknownMembers.append((column, "\(root.fields[slot].path).\(member)"))
        }
      }
      sections.append(
        Section(
          slot: slot, plan: plan, columns: columns, unknown: unknownMembers,
          all: members.map(\.column)))
    }
    self.scalars = scalars
    self.choices = choices
    self.objects = objects
    self.sections = sections
    self.unknown = unknown
    self.unknownSections = unknownSections
  }

  /// The plan of one column (or of one member of a list of objects, `column` -1): how its
  /// cells read, given its field's kind.
  static func column(
    _ column: Int, slot: Int, field: FieldPlan, _ plainBooleans: Bool,
    _ choices: inout [Choices], _ objects: inout [Objects]
  ) -> Column {
    var kind = field.kind
    var isList = false
    var object: Objects?
    if case .list(let element) = kind {
      kind = element.kind
      isList = true
      if case .object(let plan) = element.kind, field.valueMap == nil,
        !plan.fields.contains(where: { $0.valueMap != nil })
      {
        object = Objects(plan: plan, plainBooleans: plainBooleans, choices: &choices)
        objects.append(object!)
      }
    }
    var reading = object == nil ? Reading(kind, plainBooleans: plainBooleans) : .objects
    // A profile's value map (`Y` → `true`) is applied on the general path.
    if field.valueMap != nil { reading = .general }
    var choice: Choices?
    if reading == .enumeration, case .enumeration(let values, _) = kind {
      choice = Choices(values)
      choices.append(choice!)
    }
    return Column(
      column: column, slot: slot, field: field, reading: reading,
      isList: isList && object == nil, choices: choice, objects: object)
  }

  /// The plans of the layouts a typer has seen (an input's rows share one layout).
  final class Cache: @unchecked Sendable {
    private let lock = NSLock()
    private var plans: [ObjectIdentifier: CSVTypingPlan?] = [:]
    /// The layouts planned, kept alive so that their identifiers stay theirs.
    private var layouts: [CSVLayout] = []

    func plan(for layout: CSVLayout, typer: RecordTyper) -> CSVTypingPlan? {
      let key = ObjectIdentifier(layout)
      lock.lock()
      defer { lock.unlock() }
      if let known = plans[key] { return known }
      let made = CSVTypingPlan(
        layout: layout, root: typer.plan, plainBooleans: typer.plainBooleans)
      plans[key] = made
      layouts.append(layout)
      return made
    }
  }
}
