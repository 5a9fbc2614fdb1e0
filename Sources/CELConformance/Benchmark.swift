import CEL
import Foundation

/// Micro-benchmarks of compiled CEL programs over an incident-like record, for comparing the
/// evaluator with other CEL engines (`cel-conformance --bench`).
public enum CELBenchmark {
  /// One measured expression.
  public struct Measurement: Sendable, CustomStringConvertible {
    public var expression: String
    public var iterations: Int
    /// Mean wall-clock time of one evaluation, in nanoseconds.
    public var nanosecondsPerEvaluation: Double
    /// The value of the last evaluation.
    public var result: String

    public var description: String {
      let ns = String(format: "%10.1f", nanosecondsPerEvaluation)
      return "\(ns) ns/eval  \(expression)  => \(result)"
    }
  }

  /// The expressions measured by default.
  public static let expressions = [
    "incident.pupil.age_at_incident < 20",
    "incident.pupil.age_at_incident < 20 && incident.kind == 'restraint'",
    "incident.kind in ['restraint', 'seclusion', 'isolation', 'search', 'confiscation']",
    "has(incident.seclusion) && incident.seclusion.minutes > 30",
    "incident.staff.exists(s, s.trained == false)",
    "incident.occurred_at + duration('24h') < incident.reported_at",
    "incident.notes.contains('injury') || incident.notes.size() > 100",
  ]

  static let pupil = ObjectType(
    name: "bench.Pupil",
    fields: [.init(name: "age_at_incident", type: .int), .init(name: "name", type: .string)])
  static let staff = ObjectType(
    name: "bench.Staff",
    fields: [.init(name: "name", type: .string), .init(name: "trained", type: .bool)])
  static let seclusion = ObjectType(
    name: "bench.Seclusion", fields: [.init(name: "minutes", type: .int)])
  static let incident = ObjectType(
    name: "bench.Incident",
    fields: [
      .init(name: "kind", type: .string), .init(name: "pupil", type: .object("bench.Pupil")),
      .init(name: "seclusion", type: .object("bench.Seclusion")),
      .init(name: "staff", type: .list(.object("bench.Staff"))),
      .init(name: "occurred_at", type: .timestamp), .init(name: "reported_at", type: .timestamp),
      .init(name: "notes", type: .string),
    ])

  /// The environment the benchmark expressions are compiled in: one variable `incident`.
  public static var environment: Environment {
    var env = Environment()
    for t in [pupil, staff, seclusion, incident] { env.declareType(t) }
    env.declareVariable("incident", type: .object("bench.Incident"))
    return env
  }

  /// A representative record.
  public static var record: Value {
    let p = ObjectValue(type: pupil)
    p["age_at_incident"] = .int(12)
    p["name"] = .string("Sam")
    let staffValues: [Value] = (0..<3).map { i in
      let s = ObjectValue(type: staff)
      s["name"] = .string("Staff \(i)")
      s["trained"] = .bool(i != 2)
      return .object(s)
    }
    let sec = ObjectValue(type: seclusion)
    sec["minutes"] = .int(45)
    let i = ObjectValue(type: incident)
    i["kind"] = .string("restraint")
    i["pupil"] = .object(p)
    i["seclusion"] = .object(sec)
    i["staff"] = .list(staffValues)
    i["occurred_at"] = .timestamp(Timestamp(rfc3339: "2026-05-03T09:15:00Z")!)
    i["reported_at"] = .timestamp(Timestamp(rfc3339: "2026-05-05T10:00:00Z")!)
    i["notes"] = .string("Pupil was held for two minutes; no injury recorded.")
    return .object(i)
  }

  /// Compiles and times each expression.
  public static func run(
    _ sources: [String] = expressions, iterations: Int = 1_000_000
  ) -> [Measurement] {
    let env = environment
    var activation = Activation(environment: env)
    activation["incident"] = record
    var out: [Measurement] = []
    for source in sources {
      guard let parsed = CELParser.parse(source).expression,
        let program = try? Program(parsed, environment: env)
      else {
        out.append(
          .init(
            expression: source, iterations: 0, nanosecondsPerEvaluation: .nan,
            result: "does not compile"))
        continue
      }
      var last = Value.null
      for _ in 0..<min(iterations, 10_000) { last = program.evaluate(activation) }
      let start = DispatchTime.now().uptimeNanoseconds
      for _ in 0..<iterations { last = program.evaluate(activation) }
      let elapsed = DispatchTime.now().uptimeNanoseconds - start
      out.append(
        .init(
          expression: source, iterations: iterations,
          nanosecondsPerEvaluation: Double(elapsed) / Double(iterations),
          result: last.description))
    }
    return out
  }
}
