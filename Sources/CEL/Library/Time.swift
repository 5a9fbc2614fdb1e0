import Foundation

/// Timestamp and duration arithmetic and accessors (`getFullYear`, `getHours`, …), with
/// optional time zones: IANA names (`Europe/London`) or fixed offsets (`+05:30`, `-08:00`).
enum Time {
  static func add(_ t: Timestamp, _ d: Duration) -> Value {
    let (s, o) = t.seconds.addingReportingOverflow(d.seconds)
    if o { return .error(.overflow, "timestamp out of range") }
    var secs = s
    var nanos = Int64(t.nanos) + Int64(d.nanos)
    if nanos >= 1_000_000_000 {
      secs += 1
      nanos -= 1_000_000_000
    } else if nanos < 0 {
      secs -= 1
      nanos += 1_000_000_000
    }
    let r = Timestamp(seconds: secs, nanos: Int32(nanos))
    return r.isValid ? .timestamp(r) : .error(.overflow, "timestamp out of range")
  }

  /// The UTC offset in seconds of a time zone at an instant, or `nil` for an unknown zone.
  static func offset(_ zone: String, at seconds: Int64) -> Int64? {
    if zone == "UTC" || zone == "Z" { return 0 }
    let scalars = Array(zone.utf8)
    var i = 0
    var sign: Int64 = 1
    if let f = scalars.first, f == 43 || f == 45 {
      sign = f == 45 ? -1 : 1
      i = 1
    }
    let rest = scalars[i...]
    if let colon = rest.firstIndex(of: 58), !rest.isEmpty,
      rest.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 58 })
    {
      guard let h = Int64(String(decoding: rest[rest.startIndex..<colon], as: UTF8.self)),
        let m = Int64(String(decoding: rest[(colon + 1)...], as: UTF8.self))
      else { return nil }
      guard h < 100, m < 60 else { return nil }
      return sign * (h * 3600 + m * 60)
    }
    guard let tz = TimeZone(identifier: zone) else { return nil }
    let date = Date(timeIntervalSince1970: TimeInterval(seconds))
    return Int64(tz.secondsFromGMT(for: date))
  }

  enum Field: Sendable {
    case fullYear, month, dayOfYear, dayOfMonth, date, dayOfWeek, hours, minutes, seconds,
      milliseconds
  }

  static func get(_ field: Field, _ t: Timestamp, zone: String?) -> Value {
    var secs = t.seconds
    if let zone {
      guard let off = offset(zone, at: t.seconds) else {
        return .error(.invalidArgument, "unknown time zone '\(zone)'")
      }
      secs += off
    }
    let days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400
    let secOfDay = secs - days * 86400
    let (y, m, d) = Civil.date(days: days)
    switch field {
    case .fullYear: return .int(y)
    case .month: return .int(m - 1)
    case .dayOfYear: return .int(days - Civil.days(year: y, month: 1, day: 1))
    case .dayOfMonth: return .int(d - 1)
    case .date: return .int(d)
    case .dayOfWeek:
      // 1970-01-01 was a Thursday (4).
      let w = (days + 4) % 7
      return .int(w < 0 ? w + 7 : w)
    case .hours: return .int(secOfDay / 3600)
    case .minutes: return .int(secOfDay / 60 % 60)
    case .seconds: return .int(secOfDay % 60)
    case .milliseconds: return .int(Int64(t.nanos) / 1_000_000)
    }
  }

  static func get(_ field: Field, _ d: Duration) -> Value {
    switch field {
    case .hours: return .int(d.seconds / 3600)
    case .minutes: return .int(d.seconds / 60)
    case .seconds: return .int(d.seconds)
    case .milliseconds: return .int(Int64(d.nanos) / 1_000_000)
    default: return Value.noOverload("get", [.duration(d)])
    }
  }
}

let timeFunctions: [FunctionDecl] = {
  let names: [(String, Time.Field, Bool)] = [
    ("getFullYear", .fullYear, false), ("getMonth", .month, false),
    ("getDayOfYear", .dayOfYear, false), ("getDayOfMonth", .dayOfMonth, false),
    ("getDate", .date, false), ("getDayOfWeek", .dayOfWeek, false),
    ("getHours", .hours, true), ("getMinutes", .minutes, true), ("getSeconds", .seconds, true),
    ("getMilliseconds", .milliseconds, true),
  ]
  return names.map { name, field, forDurations in
    var overloads = [
      Overload("timestamp_to_\(name)", member: true, [.timestamp], .int) {
        guard case .timestamp(let t) = $0[0] else { return Value.noOverload(name, $0) }
        return Time.get(field, t, zone: nil)
      },
      Overload("timestamp_to_\(name)_with_tz", member: true, [.timestamp, .string], .int) {
        guard case .timestamp(let t) = $0[0], case .string(let z) = $0[1] else {
          return Value.noOverload(name, $0)
        }
        return Time.get(field, t, zone: z)
      },
    ]
    if forDurations {
      overloads.append(
        Overload("duration_to_\(name)", member: true, [.duration], .int) {
          guard case .duration(let d) = $0[0] else { return Value.noOverload(name, $0) }
          return Time.get(field, d)
        })
    }
    return FunctionDecl(name: name, overloads: overloads)
  }
}()
