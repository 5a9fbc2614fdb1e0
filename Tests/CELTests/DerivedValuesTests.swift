import Testing

@testable import CEL

@Suite("Derived variables worked out on demand")
struct DerivedValuesTests {
  /// `x` is set; `half = x / 2`, `big = half > 10`, `broken = x / 0` are derived.
  struct Fixture {
    var environment = Environment()
    var programs: [Program?] = []
    var activation: Activation

    init(x: Int64) throws {
      environment.declareVariable("x", type: .int)
      var programs: [Program?] = [nil]
      for (name, source, type) in [
        ("half", "x / 2", CELType.int), ("big", "half > 10", .bool), ("broken", "x / 0", .int),
      ] {
        programs.append(try compileOK(source, environment))
        environment.declareVariable(name, type: type, derived: true)
      }
      self.programs = programs
      activation = Activation(environment: environment)
      activation["x"] = .int(x)
    }

    func slot(_ name: String) -> Int { environment.slot(of: name)! }

    /// The activation with every derived variable set beforehand.
    var eager: Activation {
      var a = activation
      for name in ["half", "big", "broken"] {
        a[name] = programs[slot(name)]!.evaluate(a)
      }
      return a
    }
  }

  @Test(
    "an expression gives the same value with derived values as with them set beforehand",
    arguments: [
      "half", "big", "big && half == 21", "half + 1 == 22 || broken == 1", "broken",
      "[half, half * 2].filter(v, v > 20)", "big ? broken : half",
    ])
  func sameValues(_ source: String) throws {
    for x: Int64 in [4, 42] {
      let f = try Fixture(x: x)
      let program = try compileOK(source, f.environment)
      let derived = DerivedValues(programs: f.programs, activation: f.activation)
      let onDemand = program.evaluate(f.activation, derived: derived)
      let beforehand = program.evaluate(f.eager)
      #expect(onDemand.celEquals(beforehand) || (onDemand.isError && beforehand.isError))
      #expect(onDemand.errorValue?.kind == beforehand.errorValue?.kind)
    }
  }

  @Test("a value is worked out only when a branch taken reads it, and then kept")
  func onlyWhenRead() throws {
    let f = try Fixture(x: 4)
    let derived = DerivedValues(programs: f.programs, activation: f.activation)
    let program = try compileOK("big && broken == 1", f.environment)
    #expect(program.evaluate(f.activation, derived: derived).celEquals(.bool(false)))
    // `big` read `half`; `broken` was behind a false `&&`.
    #expect(derived.isKnown(f.slot("big")))
    #expect(derived.isKnown(f.slot("half")))
    #expect(!derived.isKnown(f.slot("broken")))
    #expect(derived.value(ofSlot: f.slot("half")).celEquals(.int(2)))
  }

  @Test("settling sets the value in the activation, for evaluations without derived values")
  func settle() throws {
    let f = try Fixture(x: 42)
    let derived = DerivedValues(programs: f.programs, activation: f.activation)
    let program = try compileOK("half", f.environment)
    #expect(program.evaluate(derived.activation).isError)
    derived.settle(f.slot("half"))
    derived.settle(f.slot("half"))
    #expect(program.evaluate(derived.activation).celEquals(.int(21)))
    #expect(derived.activation.slots[f.slot("big")].isError)
  }

  @Test("a slot the activation does not have reads as an unset variable, without trapping")
  func slotBeyondTheActivation() throws {
    let f = try Fixture(x: 1)
    let derived = DerivedValues(
      programs: f.programs + [nil, nil], activation: Activation(environment: Environment()))
    #expect(derived.value(ofSlot: f.programs.count + 1).errorValue?.kind == .unknownIdentifier)
  }
}
