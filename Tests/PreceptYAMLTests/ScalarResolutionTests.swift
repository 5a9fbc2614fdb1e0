import Testing

@testable import PreceptYAML

@Suite struct ScalarResolutionTests {
  @Test(arguments: [
    ("true", YAMLScalar.Resolved.bool(true)),
    ("false", .bool(false)),
    ("", .null),
    ("~", .null),
    ("null", .null),
    ("0", .int(0)),
    ("42", .int(42)),
    ("-17", .int(-17)),
    ("+3", .int(3)),
    ("9223372036854775807", .int(Int64.max)),
    ("1.5", .double(1.5)),
    ("-0.25", .double(-0.25)),
    (".5", .double(0.5)),
    ("-.5", .double(-0.5)),
    ("1.", .double(1)),
    ("1e3", .double(1000)),
    ("2.5E-1", .double(0.25)),
    ("yes", .string("yes")),
    ("no", .string("no")),
    ("on", .string("on")),
    ("off", .string("off")),
    ("True", .string("True")),
    ("NULL", .string("NULL")),
    ("2026-04-01", .string("2026-04-01")),
    ("2026-05-04T11:27:00+01:00", .string("2026-05-04T11:27:00+01:00")),
    ("24h", .string("24h")),
    ("007", .string("007")),
    ("0x1F", .string("0x1F")),
    ("0o17", .string("0o17")),
    ("1_000", .string("1_000")),
    (".inf", .string(".inf")),
    (".nan", .string(".nan")),
    ("9223372036854775808", .string("9223372036854775808")),
    ("1e", .string("1e")),
    (".", .string(".")),
    ("-", .string("-")),
    ("+", .string("+")),
    ("1.2.3", .string("1.2.3")),
  ])
  func plainScalars(_ text: String, _ expected: YAMLScalar.Resolved) {
    #expect(YAMLScalar.resolve(text, style: .plain, tag: nil) == expected)
  }

  @Test(arguments: [YAMLScalar.Style.singleQuoted, .doubleQuoted, .literal, .folded])
  func nonPlainScalarsAreStrings(_ style: YAMLScalar.Style) {
    for text in ["true", "1", "null", ""] {
      #expect(YAMLScalar.resolve(text, style: style, tag: nil) == .string(text))
    }
  }

  @Test func stringTagForcesString() {
    #expect(YAMLScalar.resolve("1", style: .plain, tag: "tag:yaml.org,2002:str") == .string("1"))
    #expect(YAMLScalar.resolve("true", style: .plain, tag: "!") == .string("true"))
  }

  @Test func loadedScalarsResolve() throws {
    let (root, diagnostics) = YAMLLoader.load(
      """
      a: true
      b: 'true'
      c: yes
      d: 2026-04-01
      e:
      f: !!str 12
      g: 1.50
      """)
    #expect(diagnostics.isEmpty)
    let node = try #require(root)
    #expect(
      node.description
        == #"{a: true, b: "true", c: "yes", d: "2026-04-01", e: null, f: "12", g: 1.5}"#)
    #expect(node["f"]?.tag == "tag:yaml.org,2002:str")
    #expect(node["e"]?.isNull == true)
    #expect(node["b"]?.kindDescription == "a string")
    #expect(node["g"]?.kindDescription == "a number")
  }
}
