import CEL
import Foundation

/// The functions Precept adds to CEL for rule authors: calendar days in the pack's time zone.
enum HostFunctions {
  static func declarations(zone: TimeZone) -> [FunctionDecl] {
    [
      FunctionDecl(
        name: "endOfDay",
        overloads: [
          Overload("precept_end_of_day", [.timestamp], .timestamp) { args in
            guard case .timestamp(let t) = args[0] else { return noOverload("endOfDay") }
            let day = Temporal.localDate(of: t, in: zone)
            let next = Temporal.startOfDay(
              LocalDate(daysSinceEpoch: day.daysSinceEpoch + 1), in: zone)
            return .timestamp(Timestamp(seconds: next.seconds - 1, nanos: 999_999_999))
          }
        ]),
      FunctionDecl(
        name: "startOfDay",
        overloads: [
          Overload("precept_start_of_day", [.timestamp], .timestamp) { args in
            guard case .timestamp(let t) = args[0] else { return noOverload("startOfDay") }
            return .timestamp(Temporal.startOfDay(Temporal.localDate(of: t, in: zone), in: zone))
          }
        ]),
      FunctionDecl(
        name: "day",
        overloads: [
          Overload("precept_day", [.timestamp], .string) { args in
            guard case .timestamp(let t) = args[0] else { return noOverload("day") }
            return .string(Temporal.localDate(of: t, in: zone).description)
          }
        ]),
    ]
  }

  private static func noOverload(_ name: String) -> Value {
    .error(EvalError(.noMatchingOverload, "no matching overload for '\(name)'"))
  }
}
