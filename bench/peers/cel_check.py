#!/usr/bin/env python3
"""The DfE pack's 25 record rules evaluated by another CEL engine: `common-expression-language`
(PyPI; Python bindings of the Rust `cel` crate), over the canonical CSV.

    bench/.venv/bin/python bench/peers/cel_check.py bench/data/incidents-10k.csv [--findings OUT.csv]

Prints {"violations": {rule: count}} as JSON. The rules' `when` and `require` are taken verbatim from
Rules/dfe-2026 (pack.yaml definitions, rules/*.yaml); each definition is inlined (in parentheses)
where it is used, so a definition that cannot be worked out is an error exactly where CEL says so.
Each CSV row is typed as Precept types it (empty cell = absent key, ';' lists, JSON cells, ISO
timestamps, dates at midnight Europe/London) and bound as `incident`, with `params` and `now`.
The pack's three host functions (day, startOfDay, endOfDay: calendar days in Europe/London) and
`substring` (cel-go's strings extension, which the Rust engine lacks) are Python functions.
A rule is violated when `when` gives true and `require` gives false; an evaluation error is the
pack's "cannot evaluate".
"""

import argparse
import csv
import datetime as dt
import json
import os
import re
import sys
import time
import zoneinfo

import cel
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACK = os.path.join(ROOT, "Rules", "dfe-2026")
LONDON = zoneinfo.ZoneInfo("Europe/London")
EFFECTIVE = dt.datetime(2026, 4, 1, tzinfo=LONDON)


def load_pack():
    with open(os.path.join(PACK, "pack.yaml"), encoding="utf-8") as f:
        pack = yaml.safe_load(f)
    rules = []
    for name in sorted(os.listdir(os.path.join(PACK, "rules"))):
        with open(os.path.join(PACK, "rules", name), encoding="utf-8") as f:
            # the record rules: aggregate rules (kind: pattern, disproportionality) are not per record
            rules += [r for r in yaml.safe_load(f)["rules"] if r.get("kind", "record") == "record"]
    return pack, rules


TOKEN = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[A-Za-z_][A-Za-z0-9_]*|.", re.S)


def inline(expr, definitions):
    """Replaces each definition name (not after '.', not inside a string) by its expression."""
    out = []
    prev = ""
    for m in TOKEN.finditer(expr):
        tok = m.group(0)
        if tok in definitions and prev != ".":
            out.append("(" + definitions[tok] + ")")
        else:
            out.append(tok)
        if not tok.isspace():
            prev = tok
    return "".join(out)


def expand(pack):
    """Definitions with their own definitions inlined (they only refer to earlier ones)."""
    done = {}
    for name, d in pack["definitions"].items():
        done[name] = inline(d["expr"].strip(), done)
    return done


def duration(text):
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", text)
    h, mi, s = (int(x) if x else 0 for x in m.groups())
    return dt.timedelta(hours=h, minutes=mi, seconds=s)


def params_of(pack):
    out = {}
    for name, p in pack["params"].items():
        v = p["default"]
        out[name] = duration(v) if p["type"] == "duration" else (float(v) if p["type"] == "double" else v)
    return out


# --- typing a CSV row as Precept does --------------------------------------------------------------------

def schema_types():
    with open(os.path.join(PACK, "incident.yaml"), encoding="utf-8") as f:
        schema = yaml.safe_load(f)["fields"]
    types = {}

    def walk(fields, prefix):
        for name, spec in fields.items():
            path = prefix + name
            if spec["type"] == "object":
                walk(spec["fields"], path + ".")
            elif spec["type"] == "list" and isinstance(spec.get("of"), dict) and spec["of"].get("type") == "object":
                types[path] = ("objects", {k: v["type"] for k, v in spec["of"]["fields"].items()})
            else:
                types[path] = (spec["type"], None)
    walk(schema, "")
    return types


def local_midnight(text):
    y, m, d = int(text[0:4]), int(text[5:7]), int(text[8:10])
    return dt.datetime(y, m, d, tzinfo=LONDON).astimezone(dt.timezone.utc)


def convert(kind, sub, text):
    if kind in ("string", "enum"):
        return text
    if kind == "bool":
        return text.lower() == "true"
    if kind == "int":
        return int(text)
    if kind == "timestamp":
        return dt.datetime.fromisoformat(text)
    if kind == "date":
        return local_midnight(text)
    if kind == "list":
        return [x.strip() for x in text.split(";") if x.strip()]
    if kind == "objects":
        items = []
        for obj in json.loads(text):
            item = {}
            for k, v in obj.items():
                if v is None:
                    continue
                item[k] = local_midnight(v) if sub.get(k) == "date" else v
            items.append(item)
        return items
    raise ValueError(kind)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--findings")
    ap.add_argument("--now")
    args = ap.parse_args()
    now = dt.datetime.fromisoformat(args.now) if args.now else dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    start = time.perf_counter()
    pack, rules = load_pack()
    defs = expand(pack)
    programs = []
    for r in rules:
        when = cel.compile(inline(r["when"].strip(), defs)) if r.get("when") else None
        require = cel.compile(inline(r["require"].strip(), defs))
        programs.append((r["id"], when, require))
    params = params_of(pack)

    def day(t):
        return t.astimezone(LONDON).date().isoformat()

    def start_of_day(t):
        d = t.astimezone(LONDON).date()
        return dt.datetime(d.year, d.month, d.day, tzinfo=LONDON).astimezone(dt.timezone.utc)

    def end_of_day(t):
        d = t.astimezone(LONDON).date() + dt.timedelta(days=1)
        return (dt.datetime(d.year, d.month, d.day, tzinfo=LONDON).astimezone(dt.timezone.utc)
                - dt.timedelta(microseconds=1))

    def substring(s, a, b=None):
        return s[a:] if b is None else s[a:b]

    functions = {"day": day, "startOfDay": start_of_day, "endOfDay": end_of_day, "substring": substring}
    types = schema_types()
    counts = dict.fromkeys([r["id"] for r in rules], 0)
    findings = []
    with open(args.csv, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        plan = []
        for i, col in enumerate(header):
            kind, sub = types[col]
            parts = col.split(".")
            plan.append((i, parts[0], parts[1] if len(parts) > 1 else None, kind, sub))
        for row in reader:
            incident = {}
            for i, top, leaf, kind, sub in plan:
                text = row[i]
                if text == "":
                    continue
                v = convert(kind, sub, text)
                if leaf is None:
                    incident[top] = v
                else:
                    incident.setdefault(top, {})[leaf] = v
            if incident["occurred_at"] < EFFECTIVE:
                continue
            ctx = cel.Context(variables={"incident": incident, "params": params, "now": now},
                              functions=functions)
            for rule_id, when, require in programs:
                try:
                    if when is not None and when.execute(ctx) is not True:
                        continue
                    if require.execute(ctx) is False:
                        counts[rule_id] += 1
                        if args.findings:
                            findings.append((incident["incident_id"], rule_id))
                except Exception:  # an evaluation error: cannot evaluate
                    pass
    if args.findings:
        with open(args.findings, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id", "rule"])
            w.writerows(findings)
    json.dump({"peer": "cel-python", "seconds": time.perf_counter() - start,
               "violations": {k: v for k, v in counts.items() if v}}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
