@testable import CEL

/// Parses and compiles, requiring both to succeed.
func compileOK(_ source: String, _ environment: Environment = Environment()) throws -> Program {
  let (parsed, issues) = CELParser.parse(source)
  guard let parsed else { throw ProgramError(issues: issues) }
  return try Program(parsed, environment: environment)
}

/// Evaluates a closed expression (or one over the given variables, declared as `dyn`).
func evaluate(_ source: String, _ bindings: [String: Value] = [:]) throws -> Value {
  var environment = Environment()
  for name in bindings.keys.sorted() { environment.declareVariable(name, type: .dyn) }
  let program = try compileOK(source, environment)
  var activation = Activation(environment: environment)
  for (name, value) in bindings { activation[name] = value }
  return program.evaluate(activation)
}

/// A small incident schema: an incident with a pupil and an optional seclusion.
enum Schema {
  static let pupil = ObjectType(
    name: "precept.Pupil",
    fields: [
      .init(name: "name", type: .string),
      .init(name: "age_at_incident", type: .int),
      .init(name: "sen_status", type: .string, defaultValue: .string("none")),
    ])
  static let seclusion = ObjectType(
    name: "precept.Seclusion",
    fields: [
      .init(name: "started_at", type: .timestamp),
      .init(name: "released_at", type: .timestamp),
    ])
  static let incident = ObjectType(
    name: "precept.Incident",
    fields: [
      .init(name: "id", type: .string),
      .init(name: "pupil", type: .object("precept.Pupil")),
      .init(name: "seclusion", type: .object("precept.Seclusion")),
      .init(name: "tags", type: .list(.string)),
    ])

  static var environment: Environment {
    var env = Environment()
    env.declareType(pupil)
    env.declareType(seclusion)
    env.declareType(incident)
    env.declareVariable("incident", type: .object("precept.Incident"))
    return env
  }

  static func record(age: Int64, seclusionStart: Timestamp? = nil) -> Value {
    let p = ObjectValue(type: pupil)
    p["name"] = .string("Sam")
    p["age_at_incident"] = .int(age)
    let i = ObjectValue(type: incident)
    i["id"] = .string("INC-1")
    i["pupil"] = .object(p)
    i["tags"] = .list([.string("restraint")])
    if let seclusionStart {
      let s = ObjectValue(type: seclusion)
      s["started_at"] = .timestamp(seclusionStart)
      i["seclusion"] = .object(s)
    }
    return .object(i)
  }
}
