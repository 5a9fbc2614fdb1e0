import Testing

@testable import CEL

/// Language semantics beyond the conformance subset: each expression and its printed value.
@Suite("Evaluation semantics")
struct EvalSemanticsTests {
  @Test(
    "expressions evaluate to the values the language definition gives",
    arguments: [
      ("1 == 1u && 1u == 1.0 && 1 < 1.5 && 2u > 1.5", "true"),
      ("[1] == [1.0] && {1: 'a'} == {1u: 'a'}", "true"),
      ("dyn(1) in [1u] && 2.0 in {2: 'x'}", "true"),
      ("size('héllo') == 5 && size(b'\\xff') == 1", "true"),
      ("'héllo'.substring(1, 3)", "'él'"),
      ("'abc' < 'abd' && b'a' < b'b' && false < true", "true"),
      ("double('NaN') == double('NaN')", "false"),
      ("[double('NaN')] == [double('NaN')]", "false"),
      ("double('NaN') < 1.0 || double('NaN') >= 1.0", "false"),
      ("1 / 0 > 2 || true", "true"),
      ("false && 1 / 0 > 2", "false"),
      ("1 / 0 > 2 && false", "false"),
      ("[1, 2, 3].map(x, x * 2)", "[2, 4, 6]"),
      ("[1, 2, 3].map(x, x > 1, x * 10)", "[20, 30]"),
      ("[1, 2, 3, 4].filter(x, x % 2 == 0)", "[2, 4]"),
      ("[1, 2, 3].exists_one(x, x > 2)", "true"),
      ("{'a': 1, 'b': 2}.map(k, k)", "['a', 'b']"),
      ("{'a': 1, 'b': 2}.all(k, v, v > 0)", "true"),
      ("[10, 20].transformList(i, v, i + v)", "[10, 21]"),
      ("{'a': 1}.transformMap(k, v, v + 1)", "{'a': 2}"),
      ("cel.bind(x, 3, x * x)", "9"),
      ("optional.of(1).optMap(x, x + 1)", "optional.of(2)"),
      ("optional.none().orValue(5)", "5"),
      ("[?optional.none(), ?optional.of(1)]", "[1]"),
      ("{?'a': optional.none(), 'b': 2}", "{'b': 2}"),
      ("{'a': {'b': 1}}.?a.?b", "optional.of(1)"),
      ("{'a': {'b': 1}}.?a.?c.orValue(0)", "0"),
      ("[1, 2][?5].hasValue()", "false"),
      ("duration('1.5h')", "duration('5400s')"),
      ("duration('-1.5s').getMilliseconds()", "-500"),
      ("duration('1h') + duration('30m') == duration('90m')", "true"),
      (
        "timestamp('2026-03-29T00:30:00Z') + duration('1h')",
        "timestamp('2026-03-29T01:30:00Z')"
      ),
      ("timestamp('2026-03-29T01:30:00Z').getHours('Europe/London')", "2"),
      ("timestamp('2026-01-01T00:00:00Z').getDayOfYear()", "0"),
      ("timestamp('2024-12-31T12:00:00Z').getDayOfYear()", "365"),
      ("int(timestamp('1970-01-02T00:00:00Z'))", "86400"),
      ("string(timestamp('1969-12-31T23:59:59.5Z'))", "'1969-12-31T23:59:59.5Z'"),
      (
        "timestamp('2026-05-03T09:15:00Z') - timestamp('2026-05-03T08:00:00Z')", "duration('4500s')"
      ),
      ("type(1) == int && type(type) == type && type(int) == type", "true"),
      ("type([]) == list && type({}) == map && type(null) == null_type", "true"),
      ("type(optional.none()) == optional_type", "true"),
      ("'%s and %d'.format(['a', 1])", "'a and 1'"),
      ("'%.2f'.format([2.675])", "'2.67'"),
      ("'%s'.format([[1, 'a']])", "'[1, a]'"),
      ("'a,b,,c'.split(',')", "['a', 'b', '', 'c']"),
      ("'  x '.trim() + '|'", "'x|'"),
      ("'abc'.matches('^a.c$') && !'abc'.matches('^b')", "true"),
      ("'x1y22'.matches('[0-9]{2}')", "true"),
      ("math.greatest([1, 5.5, 3u])", "5.5"),
      ("math.least(-1, 3 > 2 ? -3 : 0)", "-3"),
      ("uint(18446744073709551615.0)", "error"),
      ("-(1u)", "error"),
      ("'a' + 1", "error"),
      ("[1, 2][2]", "error"),
      ("{'a': 1}['b']", "error"),
      ("{'a': 1, 'a': 2}", "error"),
      ("{1: 1, 1u: 2}", "error"),
      ("{1.5: 1}", "error"),
      ("[1, 2].all(x, x / 0 > 1)", "error"),
      ("[0, 1].exists(x, 1 / x == 1)", "true"),
      ("[0, 1].all(x, 1 / x == 1)", "error"),
      ("[2, 0].all(x, 1 / x == 1)", "false"),
    ])
  func value(_ source: String, _ printed: String) throws {
    let result = try evaluate(source)
    if printed == "error" {
      #expect(result.isError, "\(source) gave \(result)")
    } else {
      #expect(result.description == printed, "\(source)")
    }
  }
}

@Suite("String formatting")
struct StringFormatTests {
  @Test("bytes format with runs of invalid UTF-8 replaced once")
  func invalidBytes() throws {
    #expect(try evaluate("'%s'.format([b'a\\xff\\xfeb'])").description == "'a\u{FFFD}b'")
  }
}

/// Hostile inputs: each must evaluate to a value (often an error), never trap or hang.
@Suite("Evaluation robustness")
struct EvalRobustnessTests {
  @Test(
    "hostile expressions evaluate without trapping",
    arguments: [
      "'%.99999999999999999999f'.format([1.0])", "'%.2000f'.format([1.0])",
      "timestamp('2026-01-01T00:00:00Z').getHours('+9223372036854775807:00')",
      "duration('9223372036854775807s')", "duration('9223372036854775807s30m')",
      "duration('99999999999999999999h')", "'abc'.substring(-1)", "'abc'.charAt(-1)",
      "lists.range(-5)", "[1, 2, 3].slice(-1, 2)", "'a'.indexOf('', -1)",
      "'a'.lastIndexOf('', -1)", "math.bitShiftLeft(1, 9223372036854775807)",
      "int('-9223372036854775809')", "uint(-0.5)", "'x'.split('', -5)", "'abc'.replace('', 'x')",
      "[].join()", "'%'.format([])", "'%.'.format([1])", "'%d'.format([])",
      "-9223372036854775807 - 1 - 1", "9223372036854775807 * -2", "18446744073709551615u + 1u",
      "timestamp('9999-12-31T23:59:59.999999999Z') + duration('1ns')",
      "timestamp(253402300799) - timestamp(-62135596800)",
      "duration('-315576000000s') - duration('1s')",
      "'a'.matches('(((((((((((a*)*)*)*)*)*)*)*)*)*)*)*b')", "'a'.matches('a{1001}')",
      "'a'.matches('(a{1000}){1000}')", "[1][18446744073709551615u]", "[1][-1]", "{}[[]]",
      "size(b'\\xff\\xfe')", "string(b'\\xff')", "bytes('ÿ')[0]", "'ÿ' < 'y'",
      "math.greatest([])", "math.abs(-9223372036854775807 - 1)", "double('1e400')",
      "timestamp('2026-02-30T00:00:00Z')", "timestamp('2026-01-01T24:00:00Z')",
    ])
  func hostile(_ source: String) throws {
    _ = try evaluate(source)
  }
}
