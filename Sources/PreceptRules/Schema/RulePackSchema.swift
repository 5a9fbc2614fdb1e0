import Foundation

/// Generates the JSON Schema of rule-pack files (pack.yaml, rule files, tests, record schemas,
/// waivers) from the loader's own key lists, for editors such as yaml-language-server.
public enum RulePackSchema {
  /// The schema as pretty JSON with sorted keys (deterministic).
  public static func json() -> String {
    let data = try! JSONSerialization.data(
      withJSONObject: schema(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  static func object(_ keys: [String], properties: [String: Any], required: [String] = [])
    -> [String: Any]
  {
    var props: [String: Any] = [:]
    for key in keys { props[key] = properties[key] ?? [String: Any]() }
    var out: [String: Any] = [
      "type": "object", "additionalProperties": false, "properties": props,
    ]
    if !required.isEmpty { out["required"] = required }
    return out
  }

  static var string: [String: Any] { ["type": "string"] }
  static var cel: [String: Any] { ["type": "string", "description": "A CEL expression."] }
  static var date: [String: Any] {
    ["type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "YYYY-MM-DD"]
  }
  static var strings: [String: Any] {
    ["oneOf": [["type": "string"], ["type": "array", "items": ["type": "string"]]]]
  }

  /// Rule ids, or `{rule, group}` for aggregate rules.
  static var expectations: [String: Any] {
    let one: [String: Any] = [
      "oneOf": [
        ["type": "string"],
        object(
          ["rule", "group"], properties: ["rule": string, "group": string], required: ["rule"]),
      ]
    ]
    return ["oneOf": [one, ["type": "array", "items": one]]]
  }

  static func schema() -> [String: Any] {
    let severity: [String: Any] = ["enum": ["error", "warning", "info"]]
    let rule = object(
      DSLKeys.rule,
      properties: [
        "id": ["type": "string", "pattern": "^[A-Z0-9]+(-[A-Z0-9]+)+$"],
        "title": string, "severity": severity,
        "kind": ["enum": ["record", "pattern", "disproportionality"]],
        "cite": strings, "quote": string, "doc": string, "when": cel, "require": cel,
        "message": ["type": "string", "description": "Text with {{ CEL }} interpolations."],
        "fix": string,
        "effective": object(DSLKeys.effective, properties: ["from": date, "until": date]),
        "tags": strings, "enabled": ["type": "boolean"],
        "escalate": object(
          DSLKeys.escalate, properties: ["severity": severity, "when": cel],
          required: ["severity", "when"]),
        "group_by": cel, "split_by": cel, "filter": cel, "window": cel, "min_cell": cel,
        "characteristic": [
          "oneOf": [cel, ["type": "object", "additionalProperties": cel]]
        ],
      ], required: ["id", "title", "severity", "cite", "require"])
    let paramTypes = [
      "duration", "int", "double", "bool", "string", "timestamp", "date", "list(string)",
      "list(int)", "enum",
    ]
    let param = object(
      DSLKeys.param,
      properties: [
        "type": ["enum": paramTypes], "doc": string, "values": strings, "default": [String: Any](),
      ], required: ["type", "default"])
    let definition: [String: Any] = [
      "oneOf": [
        cel,
        object(DSLKeys.definition, properties: ["expr": cel, "doc": string], required: ["expr"]),
      ]
    ]
    let source = object(
      DSLKeys.source,
      properties: [
        "title": string, "publisher": string, "published": string, "url": string,
        "authority": ["enum": ["law", "statutory-guidance", "guidance", "policy", "reference"]],
        "doc": string, "pages": string,
      ], required: ["title"])
    let pack = object(
      DSLKeys.pack,
      properties: [
        "precept": ["const": 1], "pack": ["type": "string", "pattern": "^[a-z0-9-]+$"],
        "version": string, "title": string, "doc": string, "effective": date,
        "timezone": string,
        "record": object(
          DSLKeys.record,
          properties: ["schema": string, "variable": string, "id": string, "date": string]),
        "sources": ["type": "object", "additionalProperties": ["$ref": "#/$defs/source"]],
        "params": ["type": "object", "additionalProperties": ["$ref": "#/$defs/param"]],
        "definitions": ["type": "object", "additionalProperties": ["$ref": "#/$defs/definition"]],
        "extends": string,
        "set": ["type": ["object", "string"]],
        "overrides": [
          "type": "object",
          "additionalProperties": object(
            DSLKeys.override,
            properties: ["severity": severity, "enabled": ["type": "boolean"], "reason": string]),
        ],
      ], required: ["precept", "pack", "version"])
    let ruleFile = object(
      ["rules", "doc"],
      properties: ["rules": ["type": "array", "items": ["$ref": "#/$defs/rule"]], "doc": string],
      required: ["rules"])
    let test = object(
      DSLKeys.test,
      properties: [
        "name": string, "record": ["type": "object"], "params": ["type": "object"],
        "records": ["type": "array", "items": ["type": "object"]],
        "roster": ["type": "array", "items": ["type": "object"]],
        "groups": ["type": "array", "items": ["type": "object"]],
        "fires": expectations, "not_fires": expectations, "doc": string, "base": string,
      ])
    let testFile = object(
      DSLKeys.testFile,
      properties: [
        "base": ["oneOf": [string, ["type": "object"]]], "now": string, "doc": string,
        "tests": ["type": "array", "items": ["$ref": "#/$defs/test"]],
      ], required: ["tests"])
    let fieldTypes = [
      "string", "bool", "int", "double", "timestamp", "date", "duration", "enum", "list", "object",
    ]
    let field: [String: Any] = [
      "oneOf": [
        ["enum": fieldTypes],
        object(
          DSLKeys.field,
          properties: [
            "type": ["enum": fieldTypes], "required": ["type": "boolean"],
            "personal": ["type": "boolean"], "doc": string, "values": strings,
            "of": ["$ref": "#/$defs/field"],
            "fields": ["type": "object", "additionalProperties": ["$ref": "#/$defs/field"]],
          ], required: ["type"]),
      ]
    ]
    let recordSchema = object(
      ["fields", "doc"],
      properties: [
        "fields": ["type": "object", "additionalProperties": ["$ref": "#/$defs/field"]],
        "doc": string,
      ], required: ["fields"])
    let waiver = object(
      DSLKeys.waiver,
      properties: [
        "rule": string, "record": string, "reason": string, "approver": string, "expires": date,
      ], required: DSLKeys.waiver)
    let profile = object(
      ProfileLoader.keys,
      properties: [
        "profile": string, "description": string, "timezone": string,
        "timestamps": ["type": "array", "items": ["enum": ProfileLoader.timestampFormats]],
        "list_separator": string,
        "booleans": ["type": "object", "additionalProperties": ["type": "boolean"]],
        "columns": ["type": "object", "additionalProperties": string],
        "values": [
          "type": "object",
          "additionalProperties": ["type": "object", "additionalProperties": string],
        ],
      ], required: ["profile"])
    let waiverFile = object(
      ["waivers"], properties: ["waivers": ["type": "array", "items": ["$ref": "#/$defs/waiver"]]],
      required: ["waivers"])
    return [
      "$schema": "http://json-schema.org/draft-07/schema#",
      "$id": "https://precept.invalid/schema/rulepack.schema.json",
      "title": "Precept rule-pack files",
      "description":
        "pack.yaml, rule files (rules/*.yaml), rule tests (tests/*.yaml), record schemas, waiver files and export profiles.",
      "anyOf": [
        ["$ref": "#/$defs/pack"], ["$ref": "#/$defs/ruleFile"], ["$ref": "#/$defs/testFile"],
        ["$ref": "#/$defs/recordSchema"], ["$ref": "#/$defs/waiverFile"],
        ["$ref": "#/$defs/profile"],
      ],
      "$defs": [
        "pack": pack, "rule": rule, "ruleFile": ruleFile, "param": param,
        "definition": definition, "source": source, "test": test, "testFile": testFile,
        "field": field, "recordSchema": recordSchema, "waiver": waiver, "waiverFile": waiverFile,
        "profile": profile,
      ],
    ]
  }
}
