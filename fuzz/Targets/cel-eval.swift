// Fuzz target: check, compile and evaluate arbitrary CEL over a small record, with a cost limit.
import CEL

let pupil = ObjectType(
  name: "fuzz.Pupil",
  fields: [
    .init(name: "name", type: .string), .init(name: "age", type: .int),
    .init(name: "sen", type: .string, defaultValue: .string("none")),
  ])
let incident = ObjectType(
  name: "fuzz.Incident",
  fields: [
    .init(name: "id", type: .string), .init(name: "pupil", type: .object("fuzz.Pupil")),
    .init(name: "tags", type: .list(.string)), .init(name: "at", type: .timestamp),
    .init(name: "mins", type: .int),
  ])

let environment: Environment = {
  var env = Environment(strictIdentifiers: false)
  env.declareType(pupil)
  env.declareType(incident)
  env.declareVariable("incident", type: .object("fuzz.Incident"))
  env.declareVariable("x", type: .dyn)
  env.declareVariable("now", type: .timestamp)
  return env
}()

func activation() -> Activation {
  let p = ObjectValue(type: pupil)
  p["name"] = .string("Sam")
  p["age"] = .int(9)
  let i = ObjectValue(type: incident)
  i["id"] = .string("INC-1")
  i["pupil"] = .object(p)
  i["tags"] = .list([.string("a"), .string("b")])
  i["at"] = .timestamp(Timestamp(seconds: 1_780_000_000))
  i["mins"] = .int(Int64.max)
  var a = Activation(environment: environment)
  a["incident"] = .object(i)
  a["x"] = .list([.int(1), .int(-1), .double(.nan), .string("é"), .null])
  a["now"] = .timestamp(Timestamp(seconds: 1_780_000_000))
  return a
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let parsed = CELParser.parse(source).expression else { return 0 }
  let checked = Checker.check(parsed, environment: environment)
  let options = EvaluationOptions(costLimit: 20_000)
  let types = checked.isValid ? checked.types : [:]
  guard let program = try? Program(parsed, environment: environment, types: types, options: options)
  else { return 0 }
  let a = activation()
  let plain = program.evaluate(a)
  var trace: [Int: Value] = [:]
  let traced = program.evaluate(a, trace: &trace)
  _ = "\(plain)\(traced)"
  return 0
}
