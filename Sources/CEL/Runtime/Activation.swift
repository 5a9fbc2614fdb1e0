/// The values of an environment's variables for one evaluation, by slot.
public struct Activation: Sendable {
  /// Values by variable slot (see ``Environment/slot(of:)``). Unset variables hold an
  /// `unknownIdentifier` error.
  public var slots: [Value]
  private let slotIndex: [String: Int]

  /// An activation with every variable unset.
  public init(environment: Environment) {
    self.slotIndex = environment.slotTable
    self.slots = environment.unsetSlots
  }

  /// A variable's value by name; setting an undeclared name does nothing.
  public subscript(name: String) -> Value? {
    get { slotIndex[name].map { slots[$0] } }
    set {
      guard let slot = slotIndex[name] else { return }
      slots[slot] = newValue ?? .error(EvalError(.unknownIdentifier, "no value for '\(name)'"))
    }
  }
}
