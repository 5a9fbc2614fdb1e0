/// The optional types library: `optional.of`, `optional.none`, `optional.ofNonZeroValue`,
/// `hasValue`, `value`, `or`, `orValue` (`or` and `orValue` are evaluated lazily by the
/// compiler; `_?._` and `_[?_]` are declared with the comparison operators).
enum Optionals {
  static func isZero(_ v: Value) -> Bool {
    switch v {
    case .null: return true
    case .bool(let b): return !b
    case .int(let i): return i == 0
    case .uint(let u): return u == 0
    case .double(let d): return d == 0
    case .string(let s): return s.isEmpty
    case .bytes(let b): return b.isEmpty
    case .list(let l): return l.isEmpty
    case .map(let m): return m.count == 0
    case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
    case .duration(let d): return d.seconds == 0 && d.nanos == 0
    case .optional(let o): return o == nil
    case .object(let o): return o.slots.allSatisfy { $0 == nil }
    case .type, .error: return false
    }
  }
}

let optionalFunctions: [FunctionDecl] = [
  function("optional.of", Overload("optional_of", [typeA], .optional(typeA)) { .optional($0[0]) }),
  function(
    "optional.none", Overload("optional_none", [], .optional(typeA)) { _ in .optional(nil) }),
  function(
    "optional.ofNonZeroValue",
    Overload("optional_of_non_zero_value", [typeA], .optional(typeA)) {
      Optionals.isZero($0[0]) ? .optional(nil) : .optional($0[0])
    }),
  function(
    "hasValue",
    Overload("optional_has_value", member: true, [.optional(typeA)], .bool) {
      guard case .optional(let o) = $0[0] else { return Value.noOverload("hasValue", $0) }
      return .bool(o != nil)
    }),
  function(
    "value",
    Overload("optional_value", member: true, [.optional(typeA)], typeA) {
      guard case .optional(let o) = $0[0] else { return Value.noOverload("value", $0) }
      return o ?? .error(.invalidArgument, "optional.none() dereference")
    }),
  function(
    "or",
    Overload(
      "optional_or_optional", member: true, [.optional(typeA), .optional(typeA)],
      .optional(typeA)
    ) {
      guard case .optional(let o) = $0[0], case .optional = $0[1] else {
        return Value.noOverload("or", $0)
      }
      return o != nil ? $0[0] : $0[1]
    }),
  function(
    "orValue",
    Overload("optional_or_value", member: true, [.optional(typeA), typeA], typeA) {
      guard case .optional(let o) = $0[0] else { return Value.noOverload("orValue", $0) }
      return o ?? $0[1]
    }),
]
