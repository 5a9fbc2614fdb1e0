#!/usr/bin/env python3
"""Static checks of a Precept rule pack, without the Swift engine.

Usage: python3 scripts/check-pack.py [PACK ...]   (default: Rules/dfe-2026 and the example overlay)

Checks:
- every YAML file loads, with duplicate keys as errors;
- pack.yaml has the required keys; params have type/default/doc; definitions have expr/doc;
- the DfE catalogue ids (all but RI-REV-*) are each present exactly once (base pack only);
- rule ids are unique and UPPER-KEBAB; severities valid; every cite starts with a declared source id;
- every `params.X` is declared; every bare identifier in CEL is a definition, a variable in scope,
  a macro variable or a function; every `incident.a.b` path exists in the record schema;
- string literals compared with enum fields are among the enum's values;
- parentheses, brackets and {{ }} balance;
- addendum quotes occur word for word in the seed file (when it is reachable);
- every test names existing rules in fires/not_fires, its base file exists, its record patch only uses
  schema fields; every rule is in at least one `fires` and one `not_fires`.
Exit status 1 when anything is wrong.
"""

import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = "/work/shared/seed/positive-handling-policy-addendum-2026-03.txt"

CATALOGUE = (
    ["RI-REC-001", "RI-REC-002"]
    + [f"RI-PAR-00{i}" for i in range(1, 8)]
    + [f"RI-SEC-00{i}" for i in range(1, 8)]
    + [f"RI-FOR-00{i}" for i in range(1, 7)]
    + ["RI-POST-001", "RI-POST-002", "RI-DATA-001"]
)

PACK_KEYS = {"precept", "pack", "version", "title", "effective", "timezone", "record", "sources",
             "params", "definitions", "extends", "set", "overrides"}
RULE_KEYS = {"id", "title", "severity", "cite", "quote", "doc", "when", "require", "message", "fix",
             "effective", "tags", "escalate", "kind", "group_by", "split_by", "filter", "window",
             "characteristic", "min_cell"}
PARAM_TYPES = {"duration", "int", "double", "bool", "string", "list(string)"}
FIELD_TYPES = {"string", "bool", "int", "double", "timestamp", "date", "duration", "enum", "list",
               "object"}
CEL_KEYWORDS = {"true", "false", "null", "in"}
FUNCTIONS = {  # called as f(...) or x.f(...)
    "has", "size", "int", "uint", "double", "string", "bytes", "bool", "duration", "timestamp", "type",
    "dyn", "matches", "contains", "startsWith", "endsWith", "exists", "exists_one", "all", "map",
    "filter", "join", "substring", "split", "lowerAscii", "upperAscii", "trim", "replace", "indexOf",
    "getMinutes", "getHours", "getSeconds", "getFullYear", "getMonth", "getDayOfMonth", "getDate",
    "getDayOfWeek", "getDayOfYear", "endOfDay", "startOfDay", "day", "bind", "format", "min", "max",
    "transformList", "transformMap", "all", "existsOne", "exists_one", "or", "orValue", "hasValue",
    "value", "of", "abs", "ceil", "floor", "round", "sign",
}
MACRO_VAR_RE = re.compile(
    r"\.(?:exists|all|exists_one|existsOne|map|filter|bind|transformList|transformMap)\(\s*"
    r"([A-Za-z_]\w*)\s*,(?:\s*([A-Za-z_]\w*)\s*,)?")

errors = []


def err(where, msg):
    errors.append(f"{where}: {msg}")


class UniqueKeyLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                f"duplicate key {key!r}", key_node.start_mark)
        seen[key] = True
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=UniqueKeyLoader)
    except Exception as e:  # noqa: BLE001
        err(path, f"does not load: {e}")
        return None


# ---------------------------------------------------------------------------------------------
# record schema


def normalise_field(spec):
    if isinstance(spec, str):
        return {"type": spec}
    return spec


def schema_index(fields, prefix="", out=None):
    """Maps dotted path -> field spec (lists of objects contribute `path[]` element paths)."""
    if out is None:
        out = {}
    for name, spec in (fields or {}).items():
        spec = normalise_field(spec)
        path = prefix + name
        out[path] = spec
        t = spec.get("type")
        if t not in FIELD_TYPES:
            err("schema", f"field '{path}' has unknown type {t!r}")
        if t == "enum" and not spec.get("values"):
            err("schema", f"enum field '{path}' has no values")
        if t == "object":
            schema_index(spec.get("fields"), path + ".", out)
        if t == "list":
            of = normalise_field(spec.get("of"))
            if of is None:
                err("schema", f"list field '{path}' has no 'of'")
                continue
            out[path + "[]"] = of
            if of.get("type") == "object":
                schema_index(of.get("fields"), path + "[].", out)
    return out


# ---------------------------------------------------------------------------------------------
# CEL text checks

STRING_RE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def strip_strings(expr):
    return STRING_RE.sub("''", expr)


def check_balance(where, text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in strip_strings(text):
        if ch in "([{":
            stack.append(ch)
        elif ch in ")]}":
            if not stack or stack[-1] != pairs[ch]:
                err(where, f"unbalanced '{ch}' in: {text.strip()[:80]}")
                return
            stack.pop()
    if stack:
        err(where, f"unclosed '{stack[-1]}' in: {text.strip()[:80]}")


def check_cel(where, expr, ctx):
    if not isinstance(expr, str):
        if isinstance(expr, bool):
            return
        err(where, f"expression is not a string: {expr!r}")
        return
    check_balance(where, expr)
    bare = strip_strings(expr)
    macro_vars = set()
    for m in MACRO_VAR_RE.finditer(bare):
        macro_vars.update(v for v in m.groups() if v)
    # params.X
    for m in re.finditer(r"(?<![\w.])params\.(\w+)", bare):
        if m.group(1) not in ctx["params"]:
            err(where, f"undeclared param 'params.{m.group(1)}'")
    # incident paths
    var = ctx["variable"]
    for m in re.finditer(rf"(?<![\w.]){var}((?:\.\w+)+)", bare):
        parts = m.group(1)[1:].split(".")
        path = ""
        for p in parts:
            if p in FUNCTIONS and path:
                break
            cand = p if not path else path + "." + p
            if cand not in ctx["schema"]:
                # list element access is via macros; a path through a list stops here
                err(where, f"'{var}.{cand}' is not a field of the record schema")
                break
            path = cand
            if ctx["schema"][path].get("type") == "list":
                break
    # bare identifiers
    for m in re.finditer(r"(?<![\w.])([A-Za-z_]\w*)\b(\s*\()?", bare):
        name, call = m.group(1), m.group(2)
        if call:
            if name not in FUNCTIONS and name != "cel":
                err(where, f"unknown function '{name}'")
            continue
        if name in CEL_KEYWORDS or name in macro_vars or name in ("params", var, "now", "cel"):
            continue
        if name in ctx["definitions"]:
            continue
        err(where, f"unknown name '{name}' (not a definition, param or variable)")
    # enum literals: incident.path == 'x' / != 'x' / in [...]
    for m in re.finditer(rf"(?<![\w.]){var}((?:\.\w+)+)\s*(==|!=)\s*'([^']*)'", expr):
        check_enum_literal(where, ctx, m.group(1)[1:], [m.group(3)])
    for m in re.finditer(rf"(?<![\w.]){var}((?:\.\w+)+)\s+in\s*\[([^\]]*)\]", expr):
        lits = re.findall(r"'([^']*)'", m.group(2))
        check_enum_literal(where, ctx, m.group(1)[1:], lits)
    for m in re.finditer(rf"'([^']*)'\s+in\s+{var}((?:\.\w+)+)", expr):
        check_enum_literal(where, ctx, m.group(2)[1:] + "[]", [m.group(1)])


def check_enum_literal(where, ctx, path, lits):
    spec = ctx["schema"].get(path)
    if not spec or spec.get("type") != "enum":
        return
    for lit in lits:
        if lit not in spec["values"]:
            err(where, f"'{lit}' is not a value of enum '{path}' ({', '.join(spec['values'])})")


def check_template(where, text, ctx):
    if not isinstance(text, str):
        err(where, "message is not a string")
        return
    if text.count("{{") != text.count("}}"):
        err(where, "unbalanced {{ }} in message")
    for m in re.finditer(r"\{\{(.*?)\}\}", text, re.S):
        check_cel(where + " {{ }}", m.group(1), ctx)


# ---------------------------------------------------------------------------------------------
# pack


def parse_duration(v):
    if isinstance(v, int):
        return v * 60
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", str(v))
    if not m or not any(m.groups()):
        return None
    h, mi, s = (int(x or 0) for x in m.groups())
    return h * 3600 + mi * 60 + s


def check_param_value(where, ptype, value):
    ok = {
        "duration": lambda v: parse_duration(v) is not None,
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "double": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "string": lambda v: isinstance(v, str),
        "list(string)": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    }[ptype](value)
    if not ok:
        err(where, f"value {value!r} is not a {ptype}")


def load_pack(path, is_overlay_child=False):
    pack = load(os.path.join(path, "pack.yaml"))
    if pack is None:
        return None
    where = os.path.join(path, "pack.yaml")
    for k in pack:
        if k not in PACK_KEYS:
            err(where, f"unknown key '{k}'")
    base = None
    if "extends" in pack:
        base = load_pack(os.path.normpath(os.path.join(path, pack["extends"])), True)
        if base is None:
            err(where, "extends a pack that does not load")
            return None
    else:
        for k in ("precept", "pack", "version", "record"):
            if k not in pack:
                err(where, f"missing required key '{k}'")
    if pack.get("precept") != 1:
        err(where, "precept must be 1")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(pack.get("pack", ""))):
        err(where, "pack id must be lower-kebab-case")

    ctx = {
        "path": path,
        "sources": dict(base["sources"]) if base else {},
        "params": dict(base["params"]) if base else {},
        "definitions": dict(base["definitions"]) if base else {},
        "schema": base["schema"] if base else {},
        "variable": base["variable"] if base else "incident",
        "rules": dict(base["rules"]) if base else {},
        "base": base,
    }
    for sid, s in (pack.get("sources") or {}).items():
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", sid):
            err(where, f"source id '{sid}' must be lower-kebab-case")
        if s.get("authority") not in ("law", "statutory-guidance", "guidance", "policy", "reference"):
            err(where, f"source '{sid}' has a bad authority {s.get('authority')!r}")
        ctx["sources"][sid] = s
    for name, p in (pack.get("params") or {}).items():
        w = f"{where} params.{name}"
        for k in ("type", "default", "doc"):
            if k not in p:
                err(w, f"missing '{k}'")
        if p.get("type") not in PARAM_TYPES:
            err(w, f"bad type {p.get('type')!r}")
        elif "default" in p:
            check_param_value(w, p["type"], p["default"])
        ctx["params"][name] = p
    for name, value in (pack.get("set") or {}).items():
        if name not in ctx["params"]:
            err(where, f"set: '{name}' is not a param of the base pack")
        else:
            check_param_value(f"{where} set.{name}", ctx["params"][name]["type"], value)
    if "record" in pack:
        rec = pack["record"]
        ctx["variable"] = rec.get("variable", "incident")
        schema = load(os.path.join(path, rec["schema"]))
        if schema is not None:
            ctx["schema"] = schema_index(schema.get("fields"))
            for k in ("id", "date"):
                if rec.get(k) not in ctx["schema"]:
                    err(where, f"record.{k} '{rec.get(k)}' is not a schema field")
    defs = pack.get("definitions") or {}
    for name, d in defs.items():
        if isinstance(d, dict):
            for k in ("expr", "doc"):
                if k not in d:
                    err(f"{where} definitions.{name}", f"missing '{k}'")
        ctx["definitions"][name] = d
    for name, d in defs.items():
        expr = d.get("expr") if isinstance(d, dict) else d
        check_cel(f"{where} definitions.{name}", expr, ctx)

    # rules
    for rf in sorted(glob.glob(os.path.join(path, "rules", "*.yaml"))):
        doc = load(rf)
        if doc is None:
            continue
        if set(doc) != {"rules"}:
            err(rf, "a rule file has exactly one key, 'rules'")
        for rule in doc.get("rules") or []:
            check_rule(rf, rule, ctx)
    for rid, o in (pack.get("overrides") or {}).items():
        if rid not in ctx["rules"]:
            err(where, f"overrides: unknown rule '{rid}'")
        if o.get("enabled") is False and not o.get("reason"):
            err(where, f"overrides: disabling '{rid}' needs a reason")
    ctx["pack"] = pack
    return ctx


def check_rule(rf, rule, ctx):
    rid = rule.get("id", "?")
    where = f"{rf} {rid}"
    for k in rule:
        if k not in RULE_KEYS:
            err(where, f"unknown key '{k}'")
    for k in ("id", "title", "severity", "cite", "require", "message", "fix"):
        if k not in rule:
            err(where, f"missing '{k}'")
    if not re.fullmatch(r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)+", rid):
        err(where, "id must be UPPER-KEBAB")
    if rid in ctx["rules"]:
        err(where, f"duplicate rule id (also in {ctx['rules'][rid]['file']})")
    rule["file"] = rf
    ctx["rules"][rid] = rule
    if rule.get("severity") not in ("error", "warning", "info"):
        err(where, f"bad severity {rule.get('severity')!r}")
    for c in rule.get("cite") or []:
        sid = str(c).split(" ")[0]
        if sid not in ctx["sources"]:
            err(where, f"cite '{c}' does not start with a declared source id")
    check_quote(where, rule)
    for k in ("when", "require"):
        # Aggregate rules' conditions see a group's figures, not the record.
        if k in rule and rule.get("kind", "record") == "record":
            check_cel(f"{where} {k}", rule[k], ctx)
    if "escalate" in rule:
        esc = rule["escalate"]
        if esc.get("severity") not in ("error", "warning", "info"):
            err(where, "escalate.severity must be error, warning or info")
        check_cel(f"{where} escalate.when", esc.get("when"), ctx)
    if "message" in rule and rule.get("kind", "record") == "record":
        check_template(where, rule["message"], ctx)


# Exact texts the pack may quote besides the addendum (legislation.gov.uk, Crown copyright, OGL).
KNOWN_TEXTS = {
    # Education and Inspections Act 2006 s93A (inserted by ASCL Act 2009 s246)
    "eia-2006-s93a": [
        "recording each significant incident in which a member of the staff uses force on a pupil for whom "
        "education is being provided at the school (a \u201cuse of force incident\u201d); and",
        "reporting each use of force incident (except those where the pupil is aged 20 or over or provision "
        "made under subsection (5) applies) to each parent of the pupil as soon as practicable after the "
        "incident.",
        "The procedure must require that a record of a use of force incident is made in writing as soon as "
        "practicable after the incident.",
        "that a person (\u201cR\u201d) who would otherwise be required by the procedure to report an incident "
        "to a parent must not report it to that parent if it appears to R that doing so would be likely to "
        "result in significant harm to the pupil; and",
    ],
    # Education and Inspections Act 2006 s93(1)
    "eia-2006-s93": [
        "may use such force as is reasonable in the circumstances for the purpose of preventing a pupil from "
        "doing (or continuing to do) any of the following, namely",
    ],
    # phrases the domain digest quotes from the DfE guidance (to be checked against the published text)
    "dfe-2026": ["no later than the same day"],
}

_seed_text = None


def check_quote(where, rule):
    global _seed_text
    q = rule.get("quote")
    if not q:
        return
    if _seed_text is None:
        _seed_text = ""
        if os.path.exists(SEED):
            _seed_text = " ".join(open(SEED, encoding="utf-8").read().split())
    q = " ".join(str(q).split())
    first = str((rule.get("cite") or ["?"])[0]).split(" ")[0]
    texts = [_seed_text] if first == "addendum" else KNOWN_TEXTS.get(first, [])
    if not any(q in t for t in texts):
        err(where, f"quote is not word for word in the first cited source '{first}': {q[:60]}")


# ---------------------------------------------------------------------------------------------
# tests


def check_patch(where, patch, ctx, prefix=""):
    if not isinstance(patch, dict):
        return
    for k, v in patch.items():
        path = prefix + k
        spec = ctx["schema"].get(path)
        if spec is None:
            err(where, f"record field '{path}' is not in the schema")
            continue
        if v is None:
            continue
        t = spec.get("type")
        if t == "object":
            check_patch(where, v, ctx, path + ".")
        elif t == "enum" and v not in spec["values"]:
            err(where, f"'{v}' is not a value of enum '{path}'")
        elif t == "list":
            of = ctx["schema"].get(path + "[]", {})
            if not isinstance(v, list):
                err(where, f"'{path}' must be a list")
                continue
            for item in v:
                if of.get("type") == "object":
                    check_patch(where, item, ctx, path + "[].")
                elif of.get("type") == "enum" and item not in of["values"]:
                    err(where, f"'{item}' is not a value of enum '{path}[]'")


def check_tests(ctx, fired, not_fired):
    path = ctx["path"]
    for tf in sorted(glob.glob(os.path.join(path, "tests", "*.yaml"))):
        doc = load(tf)
        if doc is None:
            continue
        base = None
        if "base" in doc:
            bp = os.path.normpath(os.path.join(os.path.dirname(tf), doc["base"]))
            if not os.path.exists(bp):
                err(tf, f"base '{doc['base']}' does not exist")
            else:
                base = load(bp)
                check_patch(bp, base, ctx)
        names = set()
        for t in doc.get("tests") or []:
            # An aggregate test may name a group: {rule: RI-REV-001, group: pupil P-1}; the same
            # rule may then be expected to fire for one group and not for another.
            def entries(key):
                v = t.get(key) or []
                return [(e["rule"], e.get("group")) if isinstance(e, dict) else (e, None)
                        for e in (v if isinstance(v, list) else [v])]
            grouped_both = set(entries("fires")) & set(entries("not_fires"))
            for key in ("fires", "not_fires"):
                t[key] = [r for r, _ in entries(key)]
            t["_both"] = {r for r, _ in grouped_both}
            name = t.get("name", "?")
            where = f"{tf} '{name}'"
            if name in names:
                err(where, "duplicate test name")
            names.add(name)
            if "record" not in t and "records" not in t:
                err(where, "missing 'record' (or 'records')")
            for patch in [t.get("record")] + list(t.get("records") or []):
                check_patch(where, patch, ctx)
            if not t.get("fires") and not t.get("not_fires"):
                err(where, "names no rules in fires or not_fires")
            if not t.get("not_fires"):
                err(where, "has no not_fires")
            for rid in t.get("fires") or []:
                if rid not in ctx["rules"]:
                    err(where, f"fires unknown rule '{rid}'")
                fired.add(rid)
            for rid in t.get("not_fires") or []:
                if rid not in ctx["rules"]:
                    err(where, f"not_fires unknown rule '{rid}'")
                not_fired.add(rid)
            both = t["_both"]
            if both:
                err(where, f"rules both in fires and not_fires: {sorted(both)}")
            for name_, value in (t.get("params") or {}).items():
                if name_ not in ctx["params"]:
                    err(where, f"params: '{name_}' is not declared")
                else:
                    check_param_value(where, ctx["params"][name_]["type"], value)


def csv_record(row, fields, prefix=""):
    """Builds a record from a CSV row under the canonical conventions (see the pack README)."""
    out = {}
    for name, spec in fields.items():
        spec = normalise_field(spec)
        col = prefix + name
        t = spec["type"]
        if t == "object":
            sub = csv_record(row, spec["fields"], col + ".")
            if any(row.get(c, "") != "" for c in row if c.startswith(col + ".")):
                out[name] = sub
            continue
        cell = row.get(col, "")
        of = normalise_field(spec.get("of")) if t == "list" else None
        if t == "list":
            if of["type"] == "object":
                out[name] = json.loads(cell) if cell else []
            else:
                out[name] = [convert(x, of) for x in cell.split(";")] if cell else []
        elif cell != "":
            out[name] = convert(cell, spec)
    return out


def convert(cell, spec):
    t = spec["type"]
    if t == "bool":
        if cell not in ("true", "false"):
            raise ValueError(f"'{cell}' is not true or false")
        return cell == "true"
    if t == "int":
        return int(cell)
    if t in ("timestamp", "date"):
        import datetime
        (datetime.datetime.fromisoformat if t == "timestamp" else datetime.date.fromisoformat)(cell)
    if t == "enum" and cell not in spec["values"]:
        raise ValueError(f"'{cell}' is not one of {spec['values']}")
    return cell


def check_examples(path, schema_fields):
    """incidents.csv, read under the CSV conventions, equals incidents.json apart from rejected rows."""
    import csv
    ex = os.path.join(path, "examples")
    if not os.path.exists(os.path.join(ex, "incidents.csv")):
        return
    records = json.load(open(os.path.join(ex, "incidents.json"), encoding="utf-8"))
    by_id = {r["incident_id"]: r for r in records}
    rejected, seen = 0, 0
    with open(os.path.join(ex, "incidents.csv"), encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                rec = csv_record(row, schema_fields)
            except ValueError:
                rejected += 1
                continue
            seen += 1
            want = by_id.get(rec.get("incident_id"))
            if want != rec:
                diff = sorted(k for k in set(rec) | set(want or {}) if rec.get(k) != (want or {}).get(k))
                err(f"{ex}/incidents.csv:{line}", f"differs from incidents.json in {diff}")
    if seen != len(records):
        err(ex, f"incidents.csv has {seen} readable rows, incidents.json {len(records)} records")
    print(f"{os.path.relpath(ex, ROOT)}: {seen} CSV rows match incidents.json, {rejected} rejected")


def main(argv):
    packs = argv or [os.path.join(ROOT, "Rules", "dfe-2026"),
                     os.path.join(ROOT, "Rules", "examples", "same-day-overlay")]
    for p in packs:
        ctx = load_pack(p)
        if ctx is None:
            continue
        own = {rid: r for rid, r in ctx["rules"].items()
               if os.path.dirname(os.path.dirname(r["file"])) == os.path.normpath(p)}
        if ctx["base"] is None:
            ids = [r for r in own]
            for cid in CATALOGUE:
                if cid not in ids:
                    err(p, f"catalogue rule {cid} is missing")
            for rid in ids:
                if rid.startswith("RI-REV-") and own[rid].get("kind") not in ("pattern", "disproportionality"):
                    err(p, f"{rid} is an aggregate rule and needs 'kind: pattern' or 'kind: disproportionality'")
        fired, not_fired = set(), set()
        check_tests(ctx, fired, not_fired)
        for rid in own:
            if rid not in fired:
                err(p, f"no test fires {rid}")
            if rid not in not_fired:
                err(p, f"no test has {rid} in not_fires")
        for y in glob.glob(os.path.join(p, "**", "*.yaml"), recursive=True):
            load(y)
        if ctx["base"] is None:
            check_examples(p, load(os.path.join(p, ctx["pack"]["record"]["schema"]))["fields"])
        print(f"{os.path.relpath(p, ROOT)}: {len(own)} rules, {len(ctx['definitions'])} definitions, "
              f"{len(ctx['params'])} params")
    unique = list(dict.fromkeys(errors))  # an overlay re-checks its base pack
    for e in unique:
        print("error:", e)
    print(f"{len(unique)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
