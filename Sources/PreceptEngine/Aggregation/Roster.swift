import CEL
import PreceptInput
import PreceptRules

/// The pupils on roll, typed with the record schema's `pupil` object, for disproportionality
/// rules. A roster is a CSV (or JSON) file with one pupil a row; its columns are the pupil's
/// fields, written `pupil.id`, `pupil.sex`… or bare `id`, `sex`… (both may be mixed).
public struct Roster: Sendable {
  /// One pupil on roll.
  public struct Pupil: Sendable {
    public var id: String
    public var value: ObjectValue
  }

  /// Pupils in file order, each id once.
  public var pupils: [Pupil]
  /// Rows that could not be read or typed, and repeated ids, as findings.
  public var problems: [Finding]

  public init(pupils: [Pupil], problems: [Finding] = []) {
    self.pupils = pupils
    self.problems = problems
  }

  /// Reads a roster file.
  /// - Throws: ``InputError`` when the file cannot be read at all.
  public static func load(path: String, pack: CompiledPack, profile: Profile = .canonical)
    throws(InputError) -> Roster
  {
    var reader = try makeReader(path: path, format: nil)
    let typer = RecordTyper(pack: pack, profile: profile)
    var pupils: [Pupil] = []
    var problems: [Finding] = []
    var seen: Set<String> = []
    while let item = try reader.next() {
      switch item {
      case .rejected(let problem):
        problems.append(
          Finding(
            rule: problem.code, kind: .inputError, severity: .error,
            location: .init(problem.location),
            message: "roster row could not be read: \(problem.message)"))
      case .record(let raw):
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
          problems.append(
            Finding(
              rule: "PRE3302", kind: .inputError, severity: .error, location: .init(raw.location),
              message: "pupil '\(id)' is on the roster more than once; the first row is used"))
          continue
        }
        pupils.append(Pupil(id: id, value: value))
      }
    }
    return Roster(pupils: pupils, problems: problems)
  }

  /// Types one roster row as the schema's `pupil` object: bare columns and `pupil.*` columns
  /// are merged and typed as the record's `pupil` field.
  static func typePupil(_ raw: RawRecord, typer: RecordTyper) -> (
    value: ObjectValue?, problems: [String]
  ) {
    var fields: [RawField] = []
    for field in raw.fields.fields {
      if field.key == AggregateVariables.pupil, case .object(let nested) = field.value {
        fields += nested.fields
      } else {
        fields.append(field)
      }
    }
    let wrapped = RawObject([
      RawField(
        key: AggregateVariables.pupil, value: .object(RawObject(fields)),
        position: raw.fields.fields.first?.position ?? .init(line: 1, column: 1))
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
