import CEL

/// Reads the JSON list of objects in a CSV cell (`[{"id": "S-1", "trained_until": "2027-01-01"}]`)
/// straight into typed values, for the plain lists exports write: objects of strings, numbers,
/// booleans and nulls, keys the schema declares, no escapes. Anything else gives `nil`, and the
/// cell is typed on the general path, which says what is wrong with it.
struct JSONCellReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var i = 0

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  private mutating func skipSpace() {
    while i < bytes.count {
      let b = bytes[i]
      guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
      i += 1
    }
  }

  private mutating func take(_ byte: UInt8) -> Bool {
    skipSpace()
    guard i < bytes.count, bytes[i] == byte else { return false }
    i += 1
    return true
  }

  /// The whole cell as a list of objects.
  mutating func list(of objects: CSVTypingPlan.Objects, typer: RecordTyper) -> Value? {
    guard take(UInt8(ascii: "[")) else { return nil }
    var items: [Value] = []
    // `[]` is no list: the general path leaves the field absent.
    if take(UInt8(ascii: "]")) { return nil }
    repeat {
      guard let object = object(objects, typer: typer) else { return nil }
      items.append(.object(object))
    } while take(UInt8(ascii: ","))
    guard take(UInt8(ascii: "]")) else { return nil }
    skipSpace()
    return i == bytes.count ? .list(items) : nil
  }

  private mutating func object(_ objects: CSVTypingPlan.Objects, typer: RecordTyper)
    -> ObjectValue?
  {
    guard take(UInt8(ascii: "{")) else { return nil }
    let plan = objects.plan
    guard plan.type.fields.count <= 64 else { return nil }
    let object = ObjectValue(type: plan.type)
    let slots = object.slots
    var guess = 0
    var present = false
    var seen: UInt64 = 0
    repeat {
      guard take(UInt8(ascii: "\"")), let key = stringBody() else { return nil }
      guard let index = Self.index(of: key, in: objects.names, guess: guess) else { return nil }
      // A repeated key is left to the general path.
      guard seen & (1 << UInt64(index)) == 0 else { return nil }
      seen |= 1 << UInt64(index)
      guess = index + 1
      guard take(UInt8(ascii: ":")) else { return nil }
      skipSpace()
      guard i < bytes.count else { return nil }
      let field = objects.fields[index]
      switch bytes[i] {
      case UInt8(ascii: "\""):
        i += 1
        guard let text = stringBody() else { return nil }
        // An empty string is absent, as on the general path.
        if !text.isEmpty {
          guard field.reading != .general, field.reading != .objects, !field.isList,
            let v = typer.read(text, field)
          else { return nil }
          slots[index] = v
          present = true
        }
      case UInt8(ascii: "t"), UInt8(ascii: "f"):
        let word = bytes[i] == UInt8(ascii: "t")
        guard field.reading == .bool, literal(word ? "true" : "false") else { return nil }
        slots[index] = .bool(word)
        present = true
      case UInt8(ascii: "n"):
        guard literal("null") else { return nil }
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        let start = i
        while i < bytes.count, bytes[i] == UInt8(ascii: "-") || (bytes[i] &- 0x30) < 10 {
          i += 1
        }
        guard field.reading == .int,
          let n = RecordTyper.wholeNumber(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        else { return nil }
        slots[index] = .int(n)
        present = true
      default:
        return nil
      }
    } while take(UInt8(ascii: ","))
    guard take(UInt8(ascii: "}")), present else { return nil }
    // A missing required member is reported on the general path.
    for k in plan.required where slots[k] == nil { return nil }
    return object
  }

  /// The bytes of a string after its opening quote, up to the closing one; `nil` for a string
  /// with escapes (left to the general path) or one that does not close.
  private mutating func stringBody() -> UnsafeBufferPointer<UInt8>? {
    let start = i
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        return UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)])
      }
      if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
      i += 1
    }
    return nil
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard i + count <= bytes.count else { return false }
    let p = word.utf8Start
    for k in 0..<count where bytes[i + k] != p[k] { return false }
    i += count
    return true
  }

  private static func index(
    of key: UnsafeBufferPointer<UInt8>, in names: [[UInt8]], guess: Int
  ) -> Int? {
    if guess < names.count, RecordTyper.same(key, names[guess]) { return guess }
    return names.firstIndex { RecordTyper.same(key, $0) }
  }
}
