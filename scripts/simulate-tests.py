#!/usr/bin/env python3
"""A Python oracle for a pack's rule tests, independent of the Swift engine.

It evaluates every rule of a pack on every test record with cel-python (a pure-Python CEL
implementation) and checks `fires` / `not_fires`. Use it to cross-check the pack while the engine is
being built, and later to cross-check the engine. Not part of the product.

    python3 -m venv /tmp/celvenv && /tmp/celvenv/bin/pip install cel-python pyyaml
    /tmp/celvenv/bin/python scripts/simulate-tests.py [PACK] [-v]

Semantics modelled (docs/rules-dsl.md): records are typed by the schema (timestamps, dates as midnight
in the pack's time zone, durations, ints); a missing field makes an expression an error, reported as
*cannot evaluate*; definitions are evaluated per record and by name; `params` holds the (overridden)
params; `now` is the time of the run; endOfDay / startOfDay / day use the pack's time zone; overlays
(`extends`, `set`, `overrides`, own params, definitions, rules, tests) are merged onto their base.
A rule *fires* when `when` is true and `require` is false. `escalate` raises the severity.
"""

import datetime as dt
import glob
import os
import re
import sys
from zoneinfo import ZoneInfo

import celpy
import yaml
from celpy import celtypes
from celpy.evaluation import CELEvalError

VERBOSE = "-v" in sys.argv
ARGS = [a for a in sys.argv[1:] if a != "-v"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def parse_duration(v):
    if isinstance(v, int):
        return dt.timedelta(minutes=v)
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", str(v))
    h, mi, s = (int(x or 0) for x in m.groups())
    return dt.timedelta(hours=h, minutes=mi, seconds=s)


class Pack:
    def __init__(self, path):
        self.path = os.path.normpath(path)
        pack = load(os.path.join(path, "pack.yaml"))
        base = Pack(os.path.join(path, pack["extends"])) if "extends" in pack else None
        self.tz = ZoneInfo(pack.get("timezone") or (base.tz.key if base else "UTC"))
        self.params = dict(base.params) if base else {}
        self.definitions = dict(base.definitions) if base else {}
        self.rules = dict(base.rules) if base else {}
        self.schema = base.schema if base else None
        self.variable = base.variable if base else "incident"
        self.test_dirs = [os.path.join(path, "tests")]  # an overlay runs its own tests
        self.effective = str(pack.get("effective") or (base.effective if base else "0000"))
        for name, p in (pack.get("params") or {}).items():
            self.params[name] = p
        for name, value in (pack.get("set") or {}).items():
            self.params[name] = dict(self.params[name], default=value)
        for name, d in (pack.get("definitions") or {}).items():
            self.definitions[name] = d["expr"] if isinstance(d, dict) else d
        if "record" in pack:
            self.variable = pack["record"].get("variable", "incident")
            self.schema = load(os.path.join(path, pack["record"]["schema"]))["fields"]
        for rf in sorted(glob.glob(os.path.join(path, "rules", "*.yaml"))):
            for r in load(rf)["rules"]:
                self.rules[r["id"]] = r
        for rid, o in (pack.get("overrides") or {}).items():
            if o.get("enabled") is False:
                self.rules.pop(rid, None)
            elif "severity" in o:
                self.rules[rid] = dict(self.rules[rid], severity=o["severity"])


# --- typing a record by the schema ----------------------------------------------------------------


def to_ts(v, tz):
    if isinstance(v, dt.datetime):
        d = v
    elif isinstance(v, dt.date):
        d = dt.datetime(v.year, v.month, v.day, tzinfo=tz)
    else:
        s = str(v)
        d = dt.datetime.fromisoformat(s) if "T" in s else dt.datetime.fromisoformat(s + "T00:00:00")
    if d.tzinfo is None:
        d = d.replace(tzinfo=tz)
    return celtypes.TimestampType(d.astimezone(dt.timezone.utc))


def to_cel(value, spec, tz):
    if isinstance(spec, str):
        spec = {"type": spec}
    t = spec["type"]
    if t == "object":
        out = {}
        for k, v in value.items():
            if v is None:
                continue
            if k not in spec["fields"]:
                raise ValueError(f"field '{k}' is not in the schema")
            out[celtypes.StringType(k)] = to_cel(v, spec["fields"][k], tz)
        return celtypes.MapType(out)
    if t == "list":
        return celtypes.ListType([to_cel(x, spec["of"], tz) for x in value])
    if t in ("timestamp", "date"):
        return to_ts(value, tz)
    if t == "duration":
        return celtypes.DurationType(parse_duration(value))
    if t == "int":
        return celtypes.IntType(value)
    if t == "double":
        return celtypes.DoubleType(value)
    if t == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"{value!r} is not a bool")
        return celtypes.BoolType(value)
    if t == "enum":
        if value not in spec["values"]:
            raise ValueError(f"{value!r} is not one of {spec['values']}")
    return celtypes.StringType(str(value))


def param_value(p):
    t, v = p["type"], p["default"]
    if t == "duration":
        return celtypes.DurationType(parse_duration(v))
    if t == "int":
        return celtypes.IntType(v)
    if t == "double":
        return celtypes.DoubleType(v)
    if t == "bool":
        return celtypes.BoolType(v)
    if t == "string":
        return celtypes.StringType(v)
    return celtypes.ListType([celtypes.StringType(x) for x in v])


def merge(base, patch):
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return patch
    out = dict(base)
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        elif isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge(out[k], v)
        else:
            out[k] = v
    return out


# --- evaluation ------------------------------------------------------------------------------------

ENV = celpy.Environment()
_compiled = {}


def functions(tz):
    def local(t):
        return dt.datetime.fromtimestamp(t.timestamp(), tz)

    def end_of_day(t):
        d = local(t).date() + dt.timedelta(days=1)
        nxt = dt.datetime(d.year, d.month, d.day, tzinfo=tz)
        return celtypes.TimestampType((nxt - dt.timedelta(microseconds=1)).astimezone(dt.timezone.utc))

    def start_of_day(t):
        d = local(t).date()
        return celtypes.TimestampType(dt.datetime(d.year, d.month, d.day, tzinfo=tz).astimezone(dt.timezone.utc))

    def day(t):
        return celtypes.StringType(local(t).date().isoformat())

    def join(lst, sep=celtypes.StringType("")):
        return celtypes.StringType(str(sep).join(str(x) for x in lst))

    def substring(s, a, b=None):
        return celtypes.StringType(s[a:b] if b is not None else s[a:])

    return {"endOfDay": end_of_day, "startOfDay": start_of_day, "day": day, "join": join,
            "substring": substring}


def evaluate(expr, activation, funcs):
    if isinstance(expr, bool):
        return celtypes.BoolType(expr)
    key = expr
    if key not in _compiled:
        _compiled[key] = ENV.compile(expr)
    prog = ENV.program(_compiled[key], functions=funcs)
    try:
        return prog.evaluate(activation)
    except CELEvalError as e:
        return e
    except Exception as e:  # noqa: BLE001
        return CELEvalError(f"{type(e).__name__}: {e}")


def identifiers(expr):
    return set(re.findall(r"(?<![\w.'])([A-Za-z_]\w*)", re.sub(r"'[^']*'|\"[^\"]*\"", "", str(expr))))


def activation_for(pack, record, params, now):
    funcs = functions(pack.tz)
    act = {pack.variable: record, "params": celtypes.MapType(
        {celtypes.StringType(k): param_value(dict(p, default=params.get(k, p["default"])))
         for k, p in pack.params.items()}), "now": celtypes.TimestampType(now)}
    done = {}

    def define(name, stack=()):
        if name in done:
            return
        for dep in identifiers(pack.definitions[name]):
            if dep in pack.definitions and dep != name:
                if dep in stack:
                    raise ValueError(f"definition cycle: {stack + (dep,)}")
                define(dep, stack + (name,))
        done[name] = evaluate(pack.definitions[name], dict(act, **done), funcs)

    for name in pack.definitions:
        define(name)
    act.update(done)
    return act, funcs


def outcome(rule, act, funcs):
    w = evaluate(rule.get("when", True), act, funcs)
    if isinstance(w, CELEvalError):
        return "cannot", str(w.args[0])[:120]
    if not w:
        return "n/a", ""
    r = evaluate(rule["require"], act, funcs)
    if isinstance(r, CELEvalError):
        return "cannot", str(r.args[0])[:120]
    if r:
        return "pass", ""
    msg = re.sub(r"\{\{(.*?)\}\}", lambda m: render(m.group(1), act, funcs), " ".join(rule["message"].split()),
                 flags=re.S)
    sev = rule["severity"]
    if "escalate" in rule:
        e = evaluate(rule["escalate"]["when"], act, funcs)
        if not isinstance(e, CELEvalError) and bool(e):
            sev = rule["escalate"]["severity"]
    return "fail", f"[{sev}] {msg}"


def render(expr, act, funcs):
    v = evaluate(expr, act, funcs)
    if isinstance(v, CELEvalError):
        return f"<cannot evaluate: {str(v.args[0])[:60]}>"
    return str(v)


def run_tests(pack):
    now = dt.datetime.now(dt.timezone.utc)
    passed = failed = 0
    for tdir in pack.test_dirs:
        for tf in sorted(glob.glob(os.path.join(tdir, "*.yaml"))):
            doc = load(tf)
            base = load(os.path.join(os.path.dirname(tf), doc["base"])) if "base" in doc else {}
            for t in doc.get("tests") or []:
                raw = merge(base, t.get("record") or {})
                problems = []
                try:
                    record = to_cel(raw, {"type": "object", "fields": pack.schema}, pack.tz)
                except ValueError as e:
                    problems.append(f"record does not fit the schema: {e}")
                    record = None
                results = {}
                if record is not None:
                    act, funcs = activation_for(pack, record, t.get("params") or {}, now)
                    results = {rid: outcome(r, act, funcs) for rid, r in pack.rules.items()}
                    for rid in t.get("fires") or []:
                        if results.get(rid, ("missing",))[0] != "fail":
                            problems.append(f"{rid} should fire but is {results.get(rid)}")
                    for rid in t.get("not_fires") or []:
                        if results.get(rid, ("missing",))[0] in ("fail", "cannot", "missing"):
                            problems.append(f"{rid} should not fire but is {results.get(rid)}")
                name = f"{os.path.relpath(tf, ROOT)}: {t['name']}"
                if problems:
                    failed += 1
                    print(f"FAIL {name}")
                    for p in problems:
                        print(f"     {p}")
                else:
                    passed += 1
                    if VERBOSE:
                        print(f"ok   {name}")
                if VERBOSE or problems:
                    for rid, (state, detail) in sorted(results.items()):
                        if state in ("fail", "cannot"):
                            print(f"       {rid}: {state} {detail}")
    print(f"{passed} passed, {failed} failed")
    return failed


def check_records(pack, path):
    """Evaluates every record of a JSON array file and prints its findings."""
    import json
    now = dt.datetime.now(dt.timezone.utc)
    for raw in json.load(open(path, encoding="utf-8")):
        if str(raw.get("occurred_at", ""))[:10] < pack.effective:
            print(f"{raw['incident_id']}: outside the pack's period")
            continue
        record = to_cel(raw, {"type": "object", "fields": pack.schema}, pack.tz)
        act, funcs = activation_for(pack, record, {}, now)
        found = []
        for rid, r in pack.rules.items():
            state, detail = outcome(r, act, funcs)
            if state == "fail":
                found.append(f"{rid} {detail.split(']')[0]}]")
            elif state == "cannot":
                found.append(f"{rid} cannot evaluate: {detail[:60]}")
        print(f"{raw['incident_id']}: {', '.join(found) or 'compliant'}")


if __name__ == "__main__":
    if "--records" in ARGS:
        i = ARGS.index("--records")
        check_records(Pack(ARGS[0] if i > 0 else os.path.join(ROOT, "Rules", "dfe-2026")), ARGS[i + 1])
        sys.exit(0)
    paths = ARGS or [os.path.join(ROOT, "Rules", "dfe-2026"),
                     os.path.join(ROOT, "Rules", "examples", "same-day-overlay")]
    bad = 0
    for p in paths:
        if os.path.exists(os.path.join(p, "pack.yaml")):
            print(f"== {os.path.relpath(p, ROOT)}")
            bad += run_tests(Pack(p))
    sys.exit(1 if bad else 0)
