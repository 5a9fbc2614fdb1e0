/// The values of derived variables (``Environment/declareVariable(_:type:derived:)``) for one
/// activation, each worked out by its program the first time an expression reads it, then kept.
///
/// A rule pack's definitions are derived variables: a rule that reads `ground_hold_length`
/// only after `ground_hold` is true pays for it only on the records where it is. CEL has no side
/// effects, so a value worked out on demand is the value worked out beforehand.
///
/// Not thread-safe: one evaluation thread at a time.
public final class DerivedValues {
  /// The activation the programs run against (derived slots in it are not read).
  public private(set) var activation: Activation
  /// Each derived slot's program (`nil` for other slots).
  private let programs: [Program?]
  private let count: Int
  private let values: UnsafeMutablePointer<Value>
  /// 0 not worked out, 1 being worked out, 2 known, 3 known and set in the activation.
  private let state: UnsafeMutablePointer<UInt8>

  /// - Parameter programs: by activation slot, the program of each derived variable.
  public init(programs: [Program?], activation: Activation) {
    self.programs = programs
    self.activation = activation
    count = programs.count
    values = .allocate(capacity: max(count, 1))
    state = .allocate(capacity: max(count, 1))
    state.initialize(repeating: 0, count: count)
  }

  deinit {
    for i in 0..<count where state[i] >= 2 { (values + i).deinitialize(count: 1) }
    values.deallocate()
    state.deallocate()
  }

  /// The value of the derived variable in `slot`, worked out now if it is not known yet.
  @inline(__always)
  public func value(ofSlot slot: Int) -> Value {
    if slot < count && state[slot] >= 2 { return values[slot] }
    return work(slot)
  }

  private func work(_ slot: Int) -> Value {
    guard slot < count, let program = programs[slot], state[slot] == 0 else {
      // Not derived here, or read while it is being worked out (a cycle, which pack checks
      // rule out): the activation's value, as without derived values.
      guard slot < activation.slots.count else {
        return .error(EvalError(.unknownIdentifier, "no value for variable slot \(slot)"))
      }
      return activation.slots[slot]
    }
    state[slot] = 1
    let v = program.evaluate(activation, derived: self)
    (values + slot).initialize(to: v)
    state[slot] = 2
    return v
  }

  /// Whether the value of the variable in `slot` has been worked out.
  public func isKnown(_ slot: Int) -> Bool { slot < count && state[slot] >= 2 }

  /// Sets the value of derived variable `slot` in ``activation`` (working it out if needed),
  /// for evaluations without derived values (explanations, messages, summaries).
  public func settle(_ slot: Int) {
    guard slot < count, state[slot] != 3 else { return }
    let v = value(ofSlot: slot)
    guard state[slot] == 2 else { return }
    activation.slots[slot] = v
    state[slot] = 3
  }
}
