import CEL
import PreceptInput
import PreceptRules

/// The pupils on roll, typed with the record schema's `pupil` object, for disproportionality
/// rules. A roster is a CSV (or JSON) file with one pupil a row; its columns are the pupil's
/// fields, written `pupil.id`, `pupil.sex`… or bare `id`, `sex`… (both may be mixed).
///
/// Pupils are kept compactly: their id, and which of the distinct profiles (the pupil's fields
/// but the id) they have; many pupils share a profile. A pupil's value is made again when read.
public struct Roster: Sendable {
  /// One pupil on roll.
  public struct Pupil: Sendable {
    public var id: String
    public var value: ObjectValue
  }

  /// Pupil ids in file order, each once.
  public private(set) var ids: [String] = []
  /// Each pupil's profile (an index into `profiles`).
  private var profileOf: [Int32] = []
  /// The distinct pupil values with the id left out.
  private var profiles: [ObjectValue] = []
  /// The slot of the id in each profile's object type.
  private var idSlots: [Int?] = []
  /// Rows that could not be read or typed, and repeated ids, as findings.
  public var problems: [Finding]

  public init(pupils: [Pupil], problems: [Finding] = []) {
    self.problems = problems
    var builder = Builder()
    for pupil in pupils { builder.add(pupil, to: &self) }
  }

  /// How many pupils are on roll.
  public var count: Int { ids.count }

  /// Pupils in file order, each id once (each value made again: prefer ``pupil(at:)``).
  public var pupils: [Pupil] { ids.indices.map(pupil(at:)) }

  /// How many distinct profiles (values but the id) the pupils have.
  public var profileCount: Int { profiles.count }

  /// The profile of the `i`th pupil: pupils of one profile differ in their id alone.
  public func profile(ofPupilAt i: Int) -> Int { Int(profileOf[i]) }

  /// The `i`th pupil in file order.
  public func pupil(at i: Int) -> Pupil {
    let p = Int(profileOf[i])
    let profile = profiles[p]
    let value = profile.copy()
    if let slot = idSlots[p] { value.slots[slot] = .string(ids[i]) }
    return Pupil(id: ids[i], value: value)
  }

  /// Finds the profile of each pupil added.
  private struct Builder {
    var known: [ProfileKey: Int32] = [:]

    /// Adds `pupil`; returns its profile and whether other pupils may share it.
    @discardableResult
    mutating func add(_ pupil: Pupil, to roster: inout Roster) -> (profile: Int32, shared: Bool) {
      let slot = pupil.value.type.index(of: "id")
      var slots = pupil.value.slots.array
      if let slot, case .string(let id)? = slots[slot], id == pupil.id {
        slots[slot] = nil
      } else {
        // An id that is not the value's own: the value is kept whole.
        let value = ObjectValue(type: pupil.value.type, slots: slots)
        return (roster.append(pupil.id, profile: value, idSlot: nil), false)
      }
      let key = ProfileKey(pupil.value.type, slots)
      if let key, let p = known[key] {
        roster.append(pupil.id, profile: p)
        return (p, true)
      }
      let p = roster.append(
        pupil.id, profile: ObjectValue(type: pupil.value.type, slots: slots), idSlot: slot)
      if let key { known[key] = p }
      return (p, key != nil)
    }
  }

  /// A key equal for equal values made of scalars, compared exactly (`1` and `1.0` differ).
  private struct ProfileKey: Hashable {
    enum Part: Hashable {
      case absent, null
      case bool(Bool)
      case int(Int64)
      case uint(UInt64)
      case double(UInt64)
      case string(String)
    }
    let type: ObjectIdentifier
    let parts: [Part]

    /// `nil` when a field is not a scalar.
    init?(_ type: ObjectType, _ slots: ContiguousArray<Value?>) {
      self.type = ObjectIdentifier(type)
      var parts: [Part] = []
      parts.reserveCapacity(slots.count)
      for value in slots {
        switch value {
        case nil: parts.append(.absent)
        case .null?: parts.append(.null)
        case .bool(let b)?: parts.append(.bool(b))
        case .int(let i)?: parts.append(.int(i))
        case .uint(let u)?: parts.append(.uint(u))
        case .double(let d)?: parts.append(.double(d.bitPattern))
        case .string(let s)?: parts.append(.string(s))
        default: return nil
        }
      }
      self.parts = parts
    }
  }

  /// Roster rows already typed, by the bytes of every cell but the id's: a CSV row whose other
  /// cells equal an earlier row's types to the same profile, so it is not typed again.
  private struct RowMemo {
    /// The layout the memo was made for, and its id column (`nil`: rows are always typed).
    var layout: ObjectIdentifier?
    var idColumn: Int?
    var known: [[UInt8]: Int32] = [:]

    /// The profile and id of a row seen before, or `nil` when the row must be typed.
    mutating func lookup(_ cells: CSVCells, typer: RecordTyper) -> (profile: Int32, id: String)? {
      if layout != ObjectIdentifier(cells.layout) { prepare(cells.layout, typer: typer) }
      guard let idColumn, !cells.isEmpty(idColumn), let p = known[key(cells, idColumn)],
        let id = cells.string(idColumn)
      else { return nil }
      return (p, id)
    }

    mutating func remember(_ cells: CSVCells, profile: Int32) {
      guard layout == ObjectIdentifier(cells.layout), let idColumn else { return }
      known[key(cells, idColumn)] = profile
    }

    /// Memoises only rows whose typed value is their cells' alone: one id column, ids taken
    /// as written (no profile renaming or value map).
    private mutating func prepare(_ layout: CSVLayout, typer: RecordTyper) {
      self.layout = ObjectIdentifier(layout)
      known = [:]
      let pupilID = AggregateVariables.pupil + ".id"
      let ids = layout.names.indices.filter {
        layout.names[$0] == pupilID || layout.names[$0] == "id"
      }
      let plain =
        typer.profile.columns.isEmpty
        && typer.takesTextAsWritten(at: [AggregateVariables.pupil, "id"])
      idColumn = plain && ids.count == 1 ? ids[0] : nil
    }

    private func key(_ cells: CSVCells, _ idColumn: Int) -> [UInt8] {
      cells.bytes(omitting: idColumn)
    }
  }

  @discardableResult
  private mutating func append(_ id: String, profile: ObjectValue, idSlot: Int?) -> Int32 {
    let p = Int32(profiles.count)
    profiles.append(profile)
    idSlots.append(idSlot)
    append(id, profile: p)
    return p
  }

  /// Adds a pupil of a profile already kept.
  private mutating func append(_ id: String, profile p: Int32) {
    ids.append(id)
    profileOf.append(p)
  }

  /// Reads a roster file.
  /// - Throws: ``InputError`` when the file cannot be read at all.
  public static func load(path: String, pack: CompiledPack, profile: Profile = .canonical)
    throws(InputError) -> Roster
  {
    var reader = try makeReader(path: path, format: nil)
    let typer = RecordTyper(pack: pack, profile: profile)
    var roster = Roster(pupils: [])
    var builder = Builder()
    var problems: [Finding] = []
    var seen: Set<String> = []
    var memo = RowMemo()
    while let item = try reader.next() {
      switch item {
      case .rejected(let problem):
        problems.append(
          Finding(
            rule: problem.code, kind: .inputError, severity: .error,
            location: .init(problem.location),
            message: "roster row could not be read: \(problem.message)"))
      case .record(let raw):
        let cells = raw.cells
        if let cells, let (p, id) = memo.lookup(cells, typer: typer) {
          if !seen.insert(id).inserted {
            problems.append(duplicate(id, at: raw.location))
            continue
          }
          roster.append(id, profile: p)
          continue
        }
        let pupil = typePupil(raw, typer: typer)
        for message in pupil.problems {
          problems.append(
            Finding(
              rule: "PRE3301", kind: .inputError, severity: .error, location: .init(raw.location),
              message: "roster row rejected: \(message)"))
        }
        guard pupil.problems.isEmpty, let value = pupil.value else { continue }
        guard case .string(let id)? = value["id"] else {
          problems.append(
            Finding(
              rule: "PRE3301", kind: .inputError, severity: .error, location: .init(raw.location),
              message: "roster row rejected: it has no pupil id ('pupil.id' or 'id')"))
          continue
        }
        if !seen.insert(id).inserted {
          problems.append(duplicate(id, at: raw.location))
          continue
        }
        let (p, shared) = builder.add(Pupil(id: id, value: value), to: &roster)
        if shared, let cells { memo.remember(cells, profile: p) }
      }
    }
    roster.problems = problems
    return roster
  }

  private static func duplicate(_ id: String, at location: RecordLocation) -> Finding {
    Finding(
      rule: "PRE3302", kind: .inputError, severity: .error, location: .init(location),
      message: "pupil '\(id)' is on the roster more than once; the first row is used")
  }

  /// Types one roster row as the schema's `pupil` object: bare columns and `pupil.*` columns
  /// are merged and typed as the record's `pupil` field.
  static func typePupil(_ raw: RawRecord, typer: RecordTyper) -> (
    value: ObjectValue?, problems: [String]
  ) {
    var fields: [RawField] = []
    // A CSV row's members are built when asked for: once.
    let members = raw.fields
    for field in members.fields {
      if field.key == AggregateVariables.pupil, case .object(let nested) = field.value {
        fields += nested.fields
      } else {
        fields.append(field)
      }
    }
    let wrapped = RawObject([
      RawField(
        key: AggregateVariables.pupil, value: .object(RawObject(fields)),
        position: members.fields.first?.position ?? .init(line: 1, column: 1))
    ])
    let typed = typer.type(RawRecord(location: raw.location, fields: wrapped, index: raw.index))
    // Only problems inside the pupil matter: the record's own required fields are absent.
    let prefix = AggregateVariables.pupil + "."
    let problems = typed.problems.filter { $0.path.hasPrefix(prefix) }.map(\.message)
    guard case .object(let pupil)? = typed.value[AggregateVariables.pupil] else {
      return (nil, problems.isEmpty ? ["the row is empty"] : problems)
    }
    return (pupil, problems)
  }
}

extension Finding.Location {
  init(_ l: RecordLocation) {
    self.init(file: l.file, line: l.line, column: l.column, row: l.row)
  }
}
