import CEL
import PreceptRules
import Testing

/// `mayRead` answers whether an expression can see one member of a variable; it errs towards
/// yes, since a characteristic it says no for is worked out once for many pupils.
@Suite struct ExprReadsTests {
  @Test(arguments: [
    ("pupil.sex", false),
    ("has(pupil.eal) && pupil.eal", false),
    (".pupil.sen_status == 'ehcp'", false),
    ("pupil.id", true),
    ("has(pupil.id)", true),
    (".pupil.id.startsWith('A')", true),
    ("size(pupil) > 2", true),
    ("pupil", true),
    ("[pupil][0].sex", true),
    ("['a'].exists(pupil, pupil == 'a')", true),
    ("params.x.id == 'a'", false),
    ("{'id': 1}.id == 1", false),
  ])
  func mayReadTheID(_ text: String, _ expected: Bool) throws {
    let parsed = try #require(CELParser.parse(text).expression)
    #expect(parsed.root.mayRead("id", of: "pupil") == expected)
  }
}
