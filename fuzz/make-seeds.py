#!/usr/bin/env python3
"""Writes the starting corpora under fuzz/seeds/ from the DfE pack and its examples.

Run from the repository root: python3 fuzz/make-seeds.py
"""
import hashlib
import json
import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")
PACK = os.path.join(ROOT, "Rules", "dfe-2026")


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(SEEDS, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def expressions():
    """CEL from the pack's rules and definitions (single-line and folded values)."""
    out = []
    for folder in (os.path.join(PACK, "rules"), PACK):
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".yaml"):
                continue
            lines = open(os.path.join(folder, name), encoding="utf-8").read().splitlines()
            i = 0
            while i < len(lines):
                m = re.match(r"^(\s*)(require|when|escalate_when|[a-z_]+):\s*(.*)$", lines[i])
                if m and m.group(3) in (">", "|", ">-", "|-"):
                    indent = len(m.group(1))
                    body = []
                    i += 1
                    while i < len(lines) and (not lines[i].strip() or
                                              len(lines[i]) - len(lines[i].lstrip()) > indent):
                        body.append(lines[i].strip())
                        i += 1
                    if m.group(2) in ("require", "when", "escalate_when") or "(" in " ".join(body):
                        out.append(" ".join(body))
                    continue
                if m and m.group(2) in ("require", "when", "escalate_when"):
                    out.append(m.group(3).strip().strip('"'))
                i += 1
    return out


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)
    exprs = expressions() + [
        "[1, 2, 3].all(x, x > 0) && {'a': 1}.exists(k, k == 'a')",
        "incident.pupil.name.startsWith('S') ? incident.mins / 0 : 1.5e300 * 1e300",
        "x.map(v, v).filter(v, v != null).size() == 5",
        "has(incident.pupil.sen) && incident.tags.exists_one(t, t == 'a')",
        "timestamp('2026-02-31T00:00:00Z') - duration('1h') < now",
        "'%s and %d'.format(['a', 1]) + string(b'\\xff') + r'raw\\n'",
        "-9223372036854775808 - 1 + 18446744073709551615u",
        "incident.at.getHours('Europe/London') + int('12') + uint(1.0)",
        "matches('abc', '^a(b|c)*$') && 'é'.size() == 1 && dyn(1) == 1.0",
        "[[1, 2], [3]].all(a, a.all(b, [1, 2, 3].exists(c, c == b)))",
        "optional.of(1).orValue(2) + {'k': 1}[?'k'].orValue(0)",
        "math.greatest([1, 2]) + 'abc'.indexOf('c') + 'a,b'.split(',').size()",
    ]
    for e in exprs:
        put("cel-parse", e)
        put("cel-eval", e)
    for name in ("pack.yaml", "incident.yaml"):
        text = open(os.path.join(PACK, name), encoding="utf-8").read()
        put("yaml-load", text[:4000])
    for name in sorted(os.listdir(os.path.join(PACK, "rules"))):
        text = open(os.path.join(PACK, "rules", name), encoding="utf-8").read()
        put("yaml-load", text[:4000])
        put("pack-load", b"\x00" + text.encode())
        put("pack-load", b"\x03" + text.encode())
    put("yaml-load", "a: &a [1, *a]\nb: !!str 1\nc: {? x : y}\n'd': |\n  text\n---\ne: 1\n")
    put("yaml-load", "x: &x [a, a]\ny: &y [*x, *x]\nz: [*y, *y]\nk: v\nk: w\n")
    put("pack-load", "\x01" + """precept: 1
pack: p
version: 1.0.0
title: T
effective: 2026-04-01
record: {schema: incident.yaml, id: incident_id, date: occurred_at}
params:
  n: {type: int, default: 3}
definitions:
  big: incident.staff.size() > params.n
""")
    put("pack-load", "\x02fields:\n  incident_id: string\n  occurred_at: timestamp\n"
        "  l: {type: list, of: {type: enum, values: [a, b]}}\n")
    put("pack-load", "\x00rules:\n  - id: X-1\n    title: t\n    severity: warning\n"
        "    require: incident.staff.all(s, s.id != '')\n    message: '{{ incident.pupil.name }}'\n")
    csv = open(os.path.join(PACK, "examples", "incidents.csv"), encoding="utf-8").read()
    lines = csv.split("\n")
    header = lines[0]
    for row in lines[1:]:
        if row.strip():
            put("check-csv", header + "\n" + row + "\n")
    put("check-csv", header + "\r\n" + lines[1] + "\r\n" + lines[2][:200])
    small = [
        "a,b,c\n1,2,3\n",
        "id,name\r\n\"x\",\"y \"\"z\"\"\"\r\n\"multi\nline\",2\r\n",
        "\ufeffid;when\n1;2026-02-31\n",
        "a,b\n1\n1,2,3\n\"open,2\n",
        "a,a\n1,2\n",
        "pupil.name,pupil.id,staff\nSam,1,\"[{\"\"id\"\": 1}]\"\n",
        "a,b\r1,2\r3,4",
        "a\n\x00\n\xff\xfe\n",
    ]
    for s in small:
        put("csv-read", s)
    put("csv-read", "\n".join(lines[:3]))
    js = json.load(open(os.path.join(PACK, "examples", "incidents.json"), encoding="utf-8"))
    put("json-read", json.dumps(js[:2]))
    put("json-read", json.dumps({"incidents": js[:1]}))
    put("jsonl-read", "\n".join(json.dumps(r) for r in js[:2]) + "\n")
    jsmall = [
        '[{"a": 1, "a": 2}, {"b": [1, 2, {"c": null}]}, 3, {"d": 1e999}]',
        '[{"n": 123456789012345678901234567890, "s": "\\ud800\\u00e9"}',
        '{"records": [{"x": true}], "other": 1}',
        '[[[[[[[[[[[[]]]]]]]]]]]]',
        '[{"a": "b"} {"c": 1}] trailing',
    ]
    for s in jsmall:
        put("json-read", s)
    put("jsonl-read", '{"a": 1}\n{"a": 1, "a": 2}\r\n[1]\n\n{"b": "\\u0000"}\n{broken\n{"c": -0.0e-5}')
    put("jsonl-read", '{"x": {"y": {"z": [1, [2, [3]]]}}}\n{"t": "2026-02-31T10:00:00"}\n')


main()
