import Testing

@testable import CEL

@Suite("Object values: slot storage")
struct ObjectValueTests {
  @Test("a new object has every field absent, and slots are set and read in place")
  func slotsInPlace() {
    let object = ObjectValue(type: Schema.pupil)
    #expect(object.count == Schema.pupil.fields.count)
    #expect(object.slots.allSatisfy { $0 == nil })
    let view = object.slots
    view[1] = .int(12)
    #expect(object.slots[1]?.celEquals(.int(12)) == true)
    #expect(object["age_at_incident"]?.celEquals(.int(12)) == true)
    object["name"] = .string("Sam")
    #expect(Array(object.slots.indices) == [0, 1, 2])
    #expect(object.slots.compactMap { $0 }.count == 2)
  }

  @Test("a copy has the same values and is independent of the original")
  func copyIsIndependent() {
    let object = ObjectValue(type: Schema.pupil)
    object["name"] = .string("Sam")
    let copy = object.copy()
    copy["name"] = .string("Alex")
    copy["age_at_incident"] = .int(9)
    #expect(object["name"]?.celEquals(.string("Sam")) == true)
    #expect(object["age_at_incident"] == nil)
    #expect(copy["name"]?.celEquals(.string("Alex")) == true)
    #expect(
      ObjectValue(type: Schema.pupil, slots: copy.slots.array)["age_at_incident"]?
        .celEquals(.int(9)) == true)
  }

  @Test("dropping an object releases the values it holds, and only those")
  func releasesItsValues() {
    weak var inner: ObjectValue?
    var survivor = ObjectValue(type: Schema.pupil)
    func make() -> ObjectValue {
      let incident = ObjectValue(type: Schema.incident)
      incident["pupil"] = .object(ObjectValue(type: Schema.pupil))
      incident["seclusion"] = .object(ObjectValue(type: Schema.seclusion))
      incident["tags"] = .list([.object(survivor)])
      return incident
    }
    func pupil(of incident: ObjectValue) -> ObjectValue? {
      if case .object(let o)? = incident["pupil"] { return o }
      return nil
    }
    var incident: ObjectValue? = make()
    inner = pupil(of: incident!)
    #expect(inner != nil)
    // Overwriting a slot releases the value it held.
    incident!["pupil"] = .object(ObjectValue(type: Schema.pupil))
    #expect(inner == nil)
    inner = pupil(of: incident!)
    #expect(inner != nil)
    incident = nil
    #expect(inner == nil)
    // The list the object held was released with it: nothing else refers to its element.
    #expect(isKnownUniquelyReferenced(&survivor))
  }
}
