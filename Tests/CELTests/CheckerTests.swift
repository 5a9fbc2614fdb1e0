import Testing

@testable import CEL

/// An environment like a rule pack's: a record type with nested messages.
func checkerEnvironment() -> Environment {
  var environment = Environment(container: "precept")
  let pupil = ObjectType(
    name: "precept.Pupil",
    fields: [
      .init(name: "name", type: .string), .init(name: "sen_status", type: .string),
      .init(name: "age", type: .int),
    ])
  let incident = ObjectType(
    name: "precept.Incident",
    fields: [
      .init(name: "pupil", type: .object("precept.Pupil")),
      .init(name: "occurred_at", type: .timestamp),
      .init(name: "tags", type: .list(.string)),
      .init(name: "minutes", type: .int),
      .init(name: "extra", type: .map(key: .string, value: .dyn)),
    ])
  environment.declareType(pupil)
  environment.declareType(incident)
  environment.declareVariable("incident", type: .object("precept.Incident"))
  environment.declareVariable("now", type: .timestamp)
  environment.declareVariable("precept.limit", type: .int)
  return environment
}

func checked(_ source: String, _ environment: Environment = checkerEnvironment())
  -> CheckedExpression?
{
  guard let parsed = parseOK(source) else { return nil }
  return Checker.check(parsed, environment: environment)
}

@Suite("Checker")
struct CheckerTests {
  @Test(
    "deduced types",
    arguments: [
      ("1", CELType.int),
      ("1u", .uint),
      ("1.5", .double),
      ("'a' + 'b'", .string),
      ("b'a'", .bytes),
      ("null", .null),
      ("incident.pupil.age > 10", .bool),
      ("incident.pupil", .object("precept.Pupil")),
      ("incident.tags", .list(.string)),
      ("incident.tags[0]", .string),
      ("incident.extra['a']", .dyn),
      ("incident.extra.a.b", .dyn),
      ("limit + 1", .int),
      (".precept.limit", .int),
      ("incident.tags.map(t, size(t))", .list(.int)),
      ("incident.tags.filter(t, t != '')", .list(.string)),
      ("incident.tags.exists(t, t.startsWith('a'))", .bool),
      ("incident.tags.exists_one(t, t == 'x')", .bool),
      ("[1, 2].map(x, x * 2)", .list(.int)),
      ("[].map(x, x)", .list(.dyn)),
      ("[1, 'a']", .list(.dyn)),
      ("{'a': 1}", .map(key: .string, value: .int)),
      ("{'a': 1}.transformMap(k, v, v + 1)", .map(key: .string, value: .int)),
      ("[1, 2].transformList(i, v, v * i)", .list(.int)),
      ("[1, 2].all(i, v, i < v)", .bool),
      ("cel.bind(x, incident.minutes, x + 1)", .int),
      ("optional.of(1)", .optional(.int)),
      ("optional.of(1).orValue(2)", .int),
      ("optional.none().orValue('a')", .string),
      ("incident.?pupil.name", .optional(.string)),
      ("incident.?pupil.optMap(p, p.age)", .optional(.int)),
      ("[?optional.of(1), 2]", .list(.int)),
      ("type(1)", .type(.int)),
      ("int", .type(.int)),
      ("type(1) == int", .bool),
      ("1 == 1.0", .bool),
      ("1 < 2.0", .bool),
      ("2u >= 1", .bool),
      ("dyn(1) + 1", .int),
      ("now - incident.occurred_at > duration('1h')", .bool),
      ("incident.occurred_at.getFullYear()", .int),
      ("incident.pupil.sen_status in ['K', 'E']", .bool),
      ("has(incident.pupil.age)", .bool),
      ("Pupil{name: 'a', age: 3}", .object("precept.Pupil")),
      ("true ? 1 : 2", .int),
      ("null == incident.pupil", .bool),
    ])
  func types(source: String, expected: CELType) throws {
    let result = try #require(checked(source))
    #expect(result.issues.isEmpty, "\(result.issues)")
    #expect(result.resultType == expected)
  }

  @Test("every node gets a type")
  func allNodesTyped() throws {
    let source = "incident.tags.exists(t, t == incident.pupil.name) && limit > 1"
    let result = try #require(checked(source))
    for node in allNodes(result.parsed.root) {
      #expect(result.types[node.id] != nil, "node \(node.id) has no type")
    }
  }

  @Test(
    "errors: code, message, help and span",
    arguments: [
      (
        "incidnt.pupil", CELIssue.Code.undeclaredReference, "undeclared reference to 'incidnt'",
        String?("did you mean 'incident'?"), "incidnt"
      ),
      (
        "incident.pupl.age", .undefinedField, "undefined field 'pupl' on type 'precept.Incident'",
        "did you mean 'pupil'?", "incident.pupl"
      ),
      (
        "has(incident.pupil.nme)", .undefinedField,
        "undefined field 'nme' on type 'precept.Pupil'", "did you mean 'name'?",
        "has(incident.pupil.nme)"
      ),
      (
        "incident.occurred_at < 'x'", .noMatchingOverload,
        "no matching overload for '_<_' applied to '(google.protobuf.Timestamp, string)'", nil,
        "incident.occurred_at < 'x'"
      ),
      (
        "1 + 2.0", .noMatchingOverload,
        "no matching overload for '_+_' applied to '(int, double)'", nil, "1 + 2.0"
      ),
      (
        "incident.minutes.size()", .noMatchingOverload,
        "no matching overload for 'size' applied to 'int.()'", nil, "incident.minutes.size()"
      ),
      (
        "'a'.startWith('b')", .undeclaredReference,
        "undeclared reference to function 'startWith'", "did you mean 'startsWith'?",
        "'a'.startWith('b')"
      ),
      (
        "Pupil{nam: 'a'}", .undefinedField, "undefined field 'nam' on type 'precept.Pupil'",
        "did you mean 'name'?", "nam: 'a'"
      ),
      (
        "Pupil{age: 'b'}", .typeMismatch,
        "field 'age' of 'precept.Pupil' has type 'int', not 'string'", nil, "'b'"
      ),
      (
        "Pupl{}", .undeclaredReference, "undeclared reference to message type 'Pupl'",
        "did you mean 'Pupil'?", "Pupl{}"
      ),
      (
        "math.gretest(1, 2)", .undeclaredReference,
        "undeclared reference to function 'math.gretest'", "did you mean 'math.greatest'?",
        "math.gretest(1, 2)"
      ),
      (
        "limt + 1", .undeclaredReference, "undeclared reference to 'limt'",
        "did you mean 'limit'?", "limt"
      ),
      (
        "incident.minutes.exists(x, x > 0)", .typeMismatch,
        "cannot iterate over a value of type 'int'", nil, "incident.minutes"
      ),
      (
        "incident.tags.all(t, t)", .typeMismatch,
        "the condition of a macro must be of type 'bool', not 'string'", nil, "t"
      ),
      (
        "incident.minutes.foo", .typeMismatch, "type 'int' does not support field selection",
        nil, "incident.minutes.foo"
      ),
      (
        "true ? 1 : 'a'", .noMatchingOverload,
        "no matching overload for '_?_:_' applied to '(bool, int, string)'", nil,
        "true ? 1 : 'a'"
      ),
    ])
  func errors(
    source: String, code: CELIssue.Code, message: String, help: String?, spanText: String
  ) throws {
    let result = try #require(checked(source))
    let issue = try #require(result.issues.first, "'\(source)' should not check")
    #expect(issue.code == code)
    #expect(issue.message == message)
    if let help { #expect(issue.help == help) }
    #expect(result.parsed.text(of: issue.span) == spanText)
    #expect(result.resultType == .error || !result.isValid)
  }

  @Test("an error does not cascade into its enclosing expressions")
  func noCascade() throws {
    let result = try #require(checked("size(incidnt.tags) + 1 > limit && incident.pupil.age > 2"))
    #expect(result.issues.count == 1)
  }

  @Test("comprehension variables are scoped to their macro")
  func scoping() throws {
    let inside = try #require(checked("incident.tags.all(t, t != '')"))
    #expect(inside.issues.isEmpty)
    let outside = try #require(checked("incident.tags.all(t, t != '') && t == ''"))
    #expect(outside.issues.map(\.message) == ["undeclared reference to 't'"])
  }

  @Test("without strict identifiers an undeclared name is a warning")
  func lenient() throws {
    var environment = checkerEnvironment()
    environment.strictIdentifiers = false
    let result = try #require(checked("unknown + 1 > 2", environment))
    #expect(result.issues.map(\.severity) == [.warning])
    #expect(result.isValid)
    #expect(result.resultType == .bool)
  }

  @Test("dyn flows anywhere")
  func dynamic() throws {
    let result = try #require(
      checked("incident.extra.x + 1 > 2 && incident.extra.y.z.startsWith('a')"))
    #expect(result.issues.isEmpty)
    #expect(result.resultType == .bool)
  }
}
