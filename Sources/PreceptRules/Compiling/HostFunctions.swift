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
            return .string(text(of: Temporal.localDate(of: t, in: zone)))
          }
        ]),
    ]
  }

  /// A date as `YYYY-MM-DD` (``LocalDate/description``), written directly for years 0-9999.
  static func text(of date: LocalDate) -> String {
    guard (0...9999).contains(date.year), (0...99).contains(date.month), (0...99).contains(date.day)
    else { return date.description }
    return String(unsafeUninitializedCapacity: 10) { buffer in
      func put(_ value: Int, _ width: Int, at start: Int) {
        var v = value
        for k in stride(from: start + width - 1, through: start, by: -1) {
          buffer[k] = UInt8(0x30 + v % 10)
          v /= 10
        }
      }
      put(date.year, 4, at: 0)
      buffer[4] = 0x2D
      put(date.month, 2, at: 5)
      buffer[7] = 0x2D
      put(date.day, 2, at: 8)
      return 10
    }
  }

  private static func noOverload(_ name: String) -> Value {
    .error(EvalError(.noMatchingOverload, "no matching overload for '\(name)'"))
  }
}
