import Testing

@testable import CEL

@Suite("Evaluation of host objects")
struct EvalObjectTests {
  func run(_ source: String, _ record: Value, environment: Environment = Schema.environment)
    throws -> Value
  {
    let program = try compileOK(source, environment)
    var activation = Activation(environment: environment)
    activation["incident"] = record
    return program.evaluate(activation)
  }

  @Test("fields are read through slots of declared types")
  func fieldAccess() throws {
    let record = Schema.record(age: 12)
    #expect(try run("incident.pupil.age_at_incident < 20", record).celEquals(.bool(true)))
    #expect(try run("incident.pupil.name + '!'", record).celEquals(.string("Sam!")))
    #expect(try run("incident.tags[0]", record).celEquals(.string("restraint")))
  }

  @Test("an absent field with a default value yields the default")
  func defaultValue() throws {
    #expect(try run("incident.pupil.sen_status", Schema.record(age: 9)).celEquals(.string("none")))
  }

  @Test("an absent field without a default is an error naming its path")
  func missingField() throws {
    let result = try run("incident.seclusion.released_at", Schema.record(age: 9))
    let error = try #require(result.errorValue)
    #expect(error.kind == .noSuchField)
    #expect(error.fieldPath == "incident.seclusion")
    let started = Timestamp(rfc3339: "2026-05-03T09:15:00Z")!
    let nested = try run(
      "incident.seclusion.released_at", Schema.record(age: 9, seclusionStart: started))
    #expect(nested.errorValue?.fieldPath == "incident.seclusion.released_at")
  }

  @Test("the field path is also set when the variable's type is dynamic")
  func missingFieldDynamic() throws {
    var env = Environment()
    env.declareType(Schema.incident)
    env.declareVariable("incident", type: .dyn)
    let result = try run("incident.seclusion.released_at", Schema.record(age: 9), environment: env)
    #expect(result.errorValue?.kind == .noSuchField)
    #expect(result.errorValue?.fieldPath == "incident.seclusion")
  }

  @Test("has() tests presence; absence errors are absorbed by || and &&")
  func presence() throws {
    let record = Schema.record(age: 9)
    #expect(try run("has(incident.seclusion)", record).celEquals(.bool(false)))
    #expect(try run("has(incident.pupil)", record).celEquals(.bool(true)))
    #expect(
      try run("incident.seclusion.released_at == null || true", record).celEquals(.bool(true)))
    #expect(
      try run(
        "!has(incident.seclusion) || incident.seclusion.started_at < now", record,
        environment: {
          var env = Schema.environment
          env.declareVariable("now", type: .timestamp)
          return env
        }()
      ).celEquals(.bool(true)))
  }

  @Test("has() along a path of declared types, present, absent and through an absent object")
  func presenceAlongPaths() throws {
    let started = Timestamp(rfc3339: "2026-05-03T09:15:00Z")!
    let secluded = Schema.record(age: 9, seclusionStart: started)
    let plain = Schema.record(age: 9)
    #expect(try run("has(incident.pupil.age_at_incident)", plain).celEquals(.bool(true)))
    #expect(try run("has(incident.pupil.name)", plain).celEquals(.bool(true)))
    #expect(try run("has(incident.seclusion.started_at)", secluded).celEquals(.bool(true)))
    #expect(try run("has(incident.seclusion.released_at)", secluded).celEquals(.bool(false)))
    // Through an absent object: the selection's error, as `incident.seclusion` gives.
    let absent = try run("has(incident.seclusion.started_at)", plain)
    #expect(absent.errorValue?.kind == .noSuchField)
    #expect(absent.errorValue?.fieldPath == "incident.seclusion")
    #expect(
      try run("has(incident.seclusion) && has(incident.seclusion.started_at)", plain)
        .celEquals(.bool(false)))
  }

  @Test("objects compare field by field and print as messages")
  func equalityAndPrinting() throws {
    let a = Schema.record(age: 9)
    let b = Schema.record(age: 9)
    #expect(a.celEquals(b))
    #expect(!a.celEquals(Schema.record(age: 10)))
    guard case .object(let o) = a, case .object(let pupil)? = o["pupil"] else {
      Issue.record("not an object")
      return
    }
    #expect(Value.object(pupil).description == "precept.Pupil{name: 'Sam', age_at_incident: 9}")
  }

  @Test("messages can be constructed in expressions")
  func construction() throws {
    let result = try run(
      "precept.Pupil{name: 'Ann', age_at_incident: 7}.age_at_incident", Schema.record(age: 1))
    #expect(result.celEquals(.int(7)))
  }

  @Test("undeclared names and unknown fields of declared types are compile errors")
  func compileErrors() throws {
    #expect(throws: ProgramError.self) { try compileOK("pupil.age < 3", Schema.environment) }
    do {
      _ = try compileOK("nosuch(1)", Schema.environment)
      Issue.record("expected an error")
    } catch let error as ProgramError {
      #expect(error.issues.first?.code == .undeclaredReference)
      #expect(error.issues.first?.span == SourceSpan(0, 9))
    }
  }
}

@Suite("Evaluation of checked expressions")
struct EvalCheckedTests {
  @Test("a checked expression compiles with the checker's types")
  func checked() throws {
    let environment = Schema.environment
    let parsed = try #require(CELParser.parse("incident.pupil.age_at_incident >= 10").expression)
    let checked = Checker.check(parsed, environment: environment)
    #expect(checked.isValid)
    let program = try Program(checked, environment: environment)
    var activation = Activation(environment: environment)
    activation["incident"] = Schema.record(age: 12)
    #expect(program.evaluate(activation).celEquals(.bool(true)))
  }

  @Test("an expression that fails to check does not compile")
  func checkErrors() throws {
    let environment = Schema.environment
    let parsed = try #require(CELParser.parse("incident.pupil.age_at_incident + 'x'").expression)
    let checked = Checker.check(parsed, environment: environment)
    #expect(throws: ProgramError.self) { try Program(checked, environment: environment) }
  }
}
