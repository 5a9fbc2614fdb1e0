/// The keys the loader accepts, in one place: the loader checks against them and the JSON
/// Schema is generated from them, so the two cannot drift apart.
public enum DSLKeys {
  public static let pack = Loader.packKeys
  public static let rule = RuleReader.ruleKeys
  public static let record = ["schema", "variable", "id", "date"]
  public static let source = [
    "title", "publisher", "published", "url", "authority", "doc", "pages",
  ]
  public static let param = ["type", "default", "doc", "values"]
  public static let definition = ["expr", "doc"]
  public static let override = ["severity", "enabled", "reason"]
  public static let effective = ["from", "until"]
  public static let testFile = ["base", "now", "doc", "tests"]
  public static let test = [
    "name", "record", "records", "roster", "groups", "params", "fires", "not_fires", "doc", "base",
  ]
  public static let field = ["type", "required", "personal", "doc", "values", "of", "fields"]
  public static let escalate = ["severity", "when"]
  public static let waiver = ["rule", "record", "reason", "approver", "expires"]
}
