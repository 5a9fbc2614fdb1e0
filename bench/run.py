#!/usr/bin/env python3
"""Precept against what a user would reach for instead, measured side by side (issue 7).

    python3 bench/run.py                     # everything: 10k, 100k, 1m; writes bench/RESULTS.md
    python3 bench/run.py --sizes 10k --reps 2 --no-per-rule --no-micro    # a quick look

What it does, in one run:
  1. makes bench/.venv and installs the peers from PyPI (duckdb, pandas, common-expression-language,
     psutil, pyyaml) unless they are there; builds `precept` in release mode unless
     .build/release/precept exists (--build forces a rebuild); generates bench/data/ unless there
  2. runs, interleaved (A/B/C... per repetition), for each size: Precept on the CSV (and on JSON Lines
     and JSON up to --other-formats-max), DuckDB (its default threads, and 1 thread), pandas, and the
     CEL peer, each under /usr/bin/time -v (wall, user+sys CPU, peak RSS)
  3. cross-checks every peer's violations per rule against Precept's (`check --format json`, findings
     of kind violation) and stops with an error on any mismatch
  4. per-rule cost (a pack with one rule at a time, on the 10k CSV), the CEL micro-benchmark
     (bench/cel_micro.py), and writes bench/RESULTS.md
"""

import argparse
import collections
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
DATA = os.path.join(BENCH, "data")
OUT = os.path.join(DATA, "out")
VENV = os.path.join(BENCH, ".venv")
PY = os.path.join(VENV, "bin", "python")
PRECEPT = os.path.join(ROOT, ".build", "release", "precept")
PACKAGES = ["duckdb", "pandas", "common-expression-language", "psutil", "pyyaml"]


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), cwd=ROOT, **kw)


def setup(args):
    if not os.path.exists(PY):
        print("creating bench/.venv", file=sys.stderr)
        sh([sys.executable, "-m", "venv", VENV], check=True)
    have = sh([PY, "-c", "import duckdb, pandas, cel, psutil, yaml"], capture_output=True).returncode == 0
    if not have:
        print("installing " + " ".join(PACKAGES), file=sys.stderr)
        sh([os.path.join(VENV, "bin", "pip"), "install", "-q"] + PACKAGES, check=True)
    if args.build or not os.path.exists(PRECEPT):
        print("swift build -c release --product precept (a clean build takes minutes)", file=sys.stderr)
        sh(["swift", "build", "-c", "release", "--product", "precept"], check=True)
    for size in args.sizes:
        need = [f"incidents-{size}.csv"]
        if parse_size(size) <= parse_size(args.other_formats_max):
            need += [f"incidents-{size}.jsonl", f"incidents-{size}.json"]
        if not all(os.path.exists(os.path.join(DATA, n)) for n in need):
            sh([sys.executable, os.path.join(BENCH, "generate.py"), "--sizes", size], check=True)
    os.makedirs(OUT, exist_ok=True)


def parse_size(text):
    text = text.lower()
    return int(float(text[:-1]) * (1000 if text[-1] == "k" else 1_000_000)) if text[-1] in "km" else int(text)


# --- measuring -------------------------------------------------------------------------------------------------

Run = collections.namedtuple("Run", "wall cpu rss_mb stdout")


def measure(cmd, ok_codes=(0,)):
    """Runs cmd under /usr/bin/time -v: wall seconds, user+sys seconds, peak RSS in MB."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if p.returncode not in ok_codes:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-3000:]}")
    fields = {}
    for line in p.stderr.splitlines():
        if ":" in line:
            k, _, v = line.strip().rpartition(": ")
            fields[k] = v
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    rss = int(fields["Maximum resident set size (kbytes)"]) / 1024
    return Run(wall, cpu, rss, p.stdout)


def tools_for(size, args):
    csv_path = os.path.join("bench", "data", f"incidents-{size}.csv")
    tools = []

    def precept(fmt):
        path = os.path.join("bench", "data", f"incidents-{size}.{fmt}")
        out = os.path.join("bench", "data", "out", f"precept-{size}-{fmt}.json")
        return (f"precept ({fmt})",
                [PRECEPT, "check", path, "--rules", RECORD_PACK, "--format", "json", "--output", out],
                (0, 1), out)

    tools.append(precept("csv"))
    # Not equal work: the floor of the present design. The same CSV read and typed record by record
    # with one rule that is always true (the per-rule baseline pack), so that the report shows how
    # much of Precept's time goes before any rule runs.
    tools.append((FLOOR, [PRECEPT, "check", csv_path, "--rules", BASELINE_PACK, "--format", "json",
                          "--output", os.path.join("bench", "data", "out", f"floor-{size}.json")],
                  (0,), None))
    # Issue 6: the trust's data review of the same export (all rules, aggregates, roster).
    review_out = os.path.join("bench", "data", "out", f"review-{size}.json")
    tools.append(("precept review", [PRECEPT, "review", csv_path, "--roster",
                                     os.path.join("bench", "data", f"roster-{size}.csv"),
                                     "--format", "json", "--output", review_out], (0,), None))
    if parse_size(size) <= parse_size(args.other_formats_max):
        tools.append(precept("jsonl"))
        tools.append(precept("json"))
    peers = os.path.join("bench", "peers")
    tools.append(("duckdb", [PY, os.path.join(peers, "duckdb_check.py"), csv_path], (0,), None))
    tools.append(("duckdb (1 thread)",
                  [PY, os.path.join(peers, "duckdb_check.py"), csv_path, "--threads", "1"], (0,), None))
    tools.append(("pandas", [PY, os.path.join(peers, "pandas_check.py"), csv_path], (0,), None))
    if parse_size(size) <= parse_size(args.cel_max):
        tools.append(("cel-python", [PY, os.path.join(peers, "cel_check.py"), csv_path], (0,), None))
    return tools


def precept_counts(path):
    with open(os.path.join(ROOT, path)) as f:
        report = json.load(f)
    counts = collections.Counter(x["rule"] for x in report["findings"] if x["kind"] == "violation")
    failed = {r["rule"]: r["failed"] for r in report["rules"] if r["failed"]}
    if dict(counts) != failed:
        sys.exit(f"precept's findings and its per-rule 'failed' counts disagree in {path}")
    return dict(counts), report["summary"]


def run_size(size, args, log):
    n = parse_size(size)
    tools = tools_for(size, args)
    reps = args.reps_1m if n >= 1_000_000 else args.reps
    runs = collections.defaultdict(list)
    expected = None
    checked = {}
    for rep in range(reps):
        for name, cmd, ok, out in tools:
            if name == "cel-python" and rep >= (args.cel_reps_1m if n >= 1_000_000 else reps):
                continue
            r = measure(cmd, ok)
            runs[name].append(r)
            log(f"  {size} rep {rep + 1}/{reps} {name:20s} wall {r.wall:8.2f} s  cpu {r.cpu:8.2f} s  "
                f"rss {r.rss_mb:7.1f} MB")
            if rep == 0 and name not in ("precept review", FLOOR):
                counts = precept_counts(out)[0] if out else json.loads(r.stdout)["violations"]
                if name == "precept (csv)":
                    expected = counts
                checked[name] = counts
    # the cross-check: equal work means equal findings
    mismatches = []
    for name, counts in checked.items():
        rules = sorted(set(expected) | set(counts))
        diff = {k: (expected.get(k, 0), counts.get(k, 0)) for k in rules
                if expected.get(k, 0) != counts.get(k, 0)}
        if diff:
            mismatches.append(f"{name}: {diff}")
    if mismatches:
        sys.exit(f"MISMATCH on {size} (precept, peer):\n" + "\n".join(mismatches))
    log(f"  {size}: all {len(checked)} tools agree on {sum(expected.values())} violations "
        f"over {len(expected)} rules")
    return {"records": n, "runs": runs, "violations": expected}


# --- per-rule cost -------------------------------------------------------------------------------------------

RECORD_PACK = os.path.join(DATA, "pack-records")
BASELINE_PACK = os.path.join(DATA, "one-rule", "baseline")
FLOOR = "precept floor (1 rule: true)"


def record_pack():
    """The DfE pack with its record rules only (the aggregate data-review rules, `kind: pattern` or
    `kind: disproportionality`, dropped): the 25 rules the peers implement, so that every tool does
    the same work."""
    src = os.path.join(ROOT, "Rules", "dfe-2026")
    shutil.rmtree(RECORD_PACK, ignore_errors=True)
    shutil.copytree(src, RECORD_PACK, ignore=shutil.ignore_patterns("tests", "examples"))
    rules_dir = os.path.join(RECORD_PACK, "rules")
    for name in sorted(os.listdir(rules_dir)):
        path = os.path.join(rules_dir, name)
        with open(path) as f:
            parts = re.split(r"(?m)^(?=  - id: )", f.read())
        kept = [p for p in parts[1:] if not re.search(r"(?m)^    kind: (?!record\b)", p)]
        if kept:
            with open(path, "w") as f:
                f.write(parts[0] + "".join(kept))
        else:
            os.remove(path)
    return RECORD_PACK


def rule_ids():
    ids = []
    for name in sorted(os.listdir(os.path.join(RECORD_PACK, "rules"))):
        with open(os.path.join(RECORD_PACK, "rules", name)) as f:
            ids += re.findall(r"^  - id: (\S+)", f.read(), re.M)
    return ids


def one_rule_pack(rule):
    """A copy of the DfE pack whose rules/ holds only `rule` (None: one rule that is always true)."""
    src = RECORD_PACK
    dst = os.path.join(DATA, "one-rule", rule or "baseline")
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("tests", "examples", "rules"))
    os.makedirs(os.path.join(dst, "rules"))
    if rule is None:
        text = ("rules:\n  - id: BENCH-000\n    title: Always true\n    severity: info\n"
                "    cite: [dfe-2026 pp.14-15]\n    require: \"true\"\n    message: never\n")
    else:
        text = None
        for name in sorted(os.listdir(os.path.join(src, "rules"))):
            with open(os.path.join(src, "rules", name)) as f:
                body = f.read()
            parts = re.split(r"(?m)^(?=  - id: )", body)
            for part in parts[1:]:
                if part.startswith(f"  - id: {rule}\n"):
                    text = "rules:\n" + part
    with open(os.path.join(dst, "rules", "one.yaml"), "w") as f:
        f.write(text)
    return dst


def count_instructions(cmd):
    """Instructions executed by cmd, counted by valgrind (callgrind): exact and repeatable however
    busy the machine is (this VM has no hardware counters for `perf stat`)."""
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd,
                       cwd=ROOT, capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", p.stderr)
    return int(m.group(1)) if m else None


def per_rule(sample, log):
    """Cost of each rule: a pack with that rule alone minus a pack with one always-true rule, in
    instructions per record over the first `sample` records of the 10k CSV, converted to time with
    the rate of a native full-pack run on its first 2,000 records."""
    if not shutil.which("valgrind"):
        log("  per-rule cost needs valgrind; skipped")
        return None
    path = os.path.join(DATA, "incidents-sample.csv")
    with open(os.path.join(DATA, "incidents-10k.csv")) as src, open(path, "w") as dst:
        for i, line in enumerate(src):
            if i > sample:
                break
            dst.write(line)
    out = os.path.join(OUT, "one-rule.json")
    ten = os.path.join(DATA, "incidents-rate.csv")  # the first 2,000 records, for the time rate
    with open(os.path.join(DATA, "incidents-10k.csv")) as src, open(ten, "w") as dst:
        for i, line in enumerate(src):
            if i > 2000:
                break
            dst.write(line)
    head = os.path.join(DATA, "incidents-empty.csv")
    with open(ten) as src, open(head, "w") as dst:
        dst.write(src.readline())
    full_ten = count_instructions([PRECEPT, "check", ten, "--rules", RECORD_PACK, "--format", "json",
                                   "--output", out])
    cpu_ten = min(
        measure([PRECEPT, "check", ten, "--rules", RECORD_PACK, "--format", "json", "--output", out],
                (0, 1)).cpu
        for _ in range(3))
    ips = full_ten / cpu_ten  # start-up included on both sides
    empty = os.path.join(DATA, "incidents-empty.csv")  # the header alone: start-up cost
    with open(path) as src, open(empty, "w") as dst:
        dst.write(src.readline())
    results = {}
    for rule in ["full", None] + rule_ids():
        cmd = [PRECEPT, "check", path, "--format", "json", "--output", out]
        start = [PRECEPT, "check", empty, "--format", "json", "--output", out]
        pack = RECORD_PACK if rule == "full" else one_rule_pack(rule)
        cmd += ["--rules", pack]
        start += ["--rules", pack]
        key = rule or "baseline"
        results[key] = (count_instructions(cmd) - count_instructions(start)) / sample
        log(f"  instructions {rule or 'baseline (require: true)':28s} {results[key]:,.0f} per record")
    return per_rule_summary(results, sample, ips)


def per_rule_summary(results, sample, ips):
    """results: instructions per record (start-up subtracted) for 'full', 'baseline' and each rule."""
    base = results["baseline"]
    rules = {k: v - base for k, v in results.items() if k not in ("baseline", "full")}
    return {"records": sample, "ips": ips, "rules_ins": rules,
            "rules": {k: v / ips * 1e6 for k, v in rules.items()},
            "baseline_ins": base, "baseline_us": base / ips * 1e6,
            "full_ins": results["full"], "full_per_record_us": results["full"] / ips * 1e6}


# --- the report ----------------------------------------------------------------------------------------------

def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return f.read().strip()
    except OSError:
        return "?"


def machine():
    def out(cmd):
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"
    cpu = out("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    mem = out("free -m | awk '/Mem:/ {print $2}'")
    versions = out(f"{PY} -c \"import importlib.metadata as m; "
                   "print(', '.join(p + ' ' + m.version(p) for p in "
                   "['duckdb', 'pandas', 'common-expression-language']))\"")
    return {
        "nproc": out("nproc"), "cpu": cpu, "memory": f"{mem} MB", "kernel": platform.release(),
        "swift": out("swift --version 2>&1 | head -1"), "python": platform.python_version(),
        "peers": versions, "load": out("cat /proc/loadavg"),
    }


def fmt_s(xs):
    med = statistics.median(xs)
    if len(xs) == 1:
        return f"{med:.2f}"
    return f"{med:.2f} ({min(xs):.2f}–{max(xs):.2f})"


def targets(add, sizes):
    """Issue 7's targets against the largest size measured."""
    big = max(sizes, key=lambda k: sizes[k]["records"])
    runs = sizes[big]["runs"]
    med = lambda name, f: statistics.median(f(r) for r in runs[name]) if name in runs else None
    pw, pc = med("precept (csv)", lambda r: r.wall), med("precept (csv)", lambda r: r.cpu)
    rss = max(r.rss_mb for r in runs["precept (csv)"])
    add(f"## Targets (issue 7), at {big}")
    add("")
    add("| target | measured | met |")
    add("|---|---|---|")

    def ratio_row(peer, limit, text):
        if peer not in runs:
            return
        rw = pw / med(peer, lambda r: r.wall)
        rc = pc / med(peer, lambda r: r.cpu)
        add(f"| {text} | time ratio Precept/{peer}: wall {rw:.2f}, CPU {rc:.2f} | "
            f"{'yes' if rw <= limit else 'no'} |")
    ratio_row("duckdb", 1.0, "no slower than DuckDB (ratio ≤ 1.0)")
    ratio_row("duckdb (1 thread)", 1.0, "(DuckDB limited to one thread)")
    if FLOOR in runs and "duckdb" in runs:
        fw = med(FLOOR, lambda r: r.wall) / med("duckdb", lambda r: r.wall)
        fc = med(FLOOR, lambda r: r.cpu) / med("duckdb", lambda r: r.cpu)
        add(f"| (not a target) the floor: Precept reading and typing the records with one "
            f"always-true rule, against DuckDB's whole run | ratio wall {fw:.2f}, CPU {fc:.2f} | – |")
    ratio_row("pandas", 0.1, "at least 10× faster than pandas (ratio ≤ 0.1)")
    ratio_row("cel-python", 0.1, "at least 10× faster than the CEL peer (ratio ≤ 0.1)")
    add(f"| peak memory under 200 MB | {rss:.0f} MB | {'yes' if rss < 200 else 'no'} |")
    smaller = sorted((s for s in sizes if sizes[s]["records"] < sizes[big]["records"]),
                     key=lambda k: sizes[k]["records"])
    if smaller:
        prev = smaller[-1]
        prss = max(r.rss_mb for r in sizes[prev]["runs"]["precept (csv)"])
        add(f"| peak memory within 1.5× of {prev} | {rss:.0f} / {prss:.0f} MB = {rss / prss:.2f}× | "
            f"{'yes' if rss / prss <= 1.5 else 'no'} |")
    add("")


def write_results(args, info, sizes, rules, micro, started, finished):
    lines = []
    add = lines.append
    add("# Benchmarks: Precept against what a user would reach for instead")
    add("")
    add(f"Written by `python3 bench/run.py {' '.join(args.argv)}`".rstrip() + f" on {started} UTC "
        f"(finished {finished} UTC). To reproduce everything in one run: `python3 bench/run.py` "
        f"from the repository root (see bench/README.md).")
    reused = [f"{k} on {v['when'].split(';')[0]} UTC" for k, v in sizes.items() if v.get("reused")]
    if reused:
        add("")
        add("Each size's tools were measured together, interleaved, in one run (so the ratios within "
            "a size are from one run); the sizes come from these runs: " + ", ".join(reused) + ".")
    add("")
    add("## Machine")
    add("")
    for k in ("nproc", "cpu", "memory", "kernel", "swift", "python", "peers"):
        add(f"- {k}: {info[k]}")
    if reused:
        # The load of this process says nothing about runs made earlier: give each size's own.
        for k, v in sizes.items():
            if v.get("load"):
                add(f"- load average (`/proc/loadavg`) while {k} was measured: at the start "
                    f"{v['load'][0]}; at the end {v['load'][1]}")
            else:
                add(f"- load average while {k} was measured: not recorded by that run")
    else:
        add(f"- load average at the start (`/proc/loadavg`): {info['load']}; at the end: "
            f"{info['load_end']}")
    add("")
    add("The machine is shared: other people's builds ran during the measurements, so wall-clock times "
        "are noisy. CPU time (user + sys) is the steadier measure and ratios are given for both. "
        "Precept types, evaluates and renders on both cores while its main thread reads and writes; "
        "DuckDB uses both cores by default (a 1-thread DuckDB row is shown too); pandas and the CEL "
        "peer are single-threaded.")
    add("")
    add("## Equal work")
    add("")
    add("Every tool reads the same canonical CSV and reports the violations of all 25 record rules of "
        "the DfE pack (RI-REC-001..002, RI-PAR-001..007, RI-SEC-001..007, RI-FOR-001..006, "
        "RI-POST-001..002, RI-DATA-001) with the pack's semantics (missing value: cannot evaluate, "
        "not a violation; calendar days in Europe/London; records before the pack's effective date "
        "skipped). The harness compares each tool's violation count per rule with Precept's "
        "(`precept check --format json`, findings of kind `violation`) and fails on any difference; "
        "this run agreed on every rule at every size. (Runs after main gained the aggregate "
        "data-review rules RI-REV-* use `--rules bench/data/pack-records`, the pack without them, "
        "since no peer implements them.)")
    add("")
    for size, res in sizes.items():
        v = res["violations"]
        note = f" [from the saved run of {res['when']}]" if res.get("when") and res.get("reused") else ""
        add(f"- {size}: {sum(v.values())} violations over {len(v)} rules "
            f"({', '.join(f'{k} {c}' for k, c in sorted(v.items()))}){note}")
    add("")
    add("Precept does more than the peers: it also renders each finding's message and explanation "
        "and writes the full JSON report (every finding with title, citation, fix); the peers write "
        "only (incident, rule) counts (at 1m, Precept's report is about 780 MB of JSON). Precept's "
        "JSON Lines and JSON rows read the same records in those formats. `precept review` is the "
        "trust's data review of the same CSV with its roster (issue 6: every rule of the DfE pack, "
        "the repeat-pattern, trigger and disproportionality aggregates, and the review report as "
        "JSON); no peer does it, so it has no cross-check and no ratio that means anything.")
    add("")
    add(f"`{FLOOR}` is not equal work either: it is the floor of Precept's present design, the same "
        "CSV read, checked and typed record by record into the pack's schema, with one rule that is "
        "always true (the per-rule section's baseline pack) and so no findings. Its time is what "
        "remains if every rule, definition, explanation and finding cost nothing.")
    add("")
    for size, res in sizes.items():
        n = res["records"]
        runs = res["runs"]
        p = runs["precept (csv)"]
        pw = statistics.median(r.wall for r in p)
        pc = statistics.median(r.cpu for r in p)
        add(f"## {size} records ({n:,})")
        add("")
        add("| tool | reps | wall s, median (min–max) | CPU s, median | records/s (wall) | records/s (CPU) "
            "| peak RSS MB | Precept ÷ tool, wall | Precept ÷ tool, CPU |")
        add("|---|---|---|---|---|---|---|---|---|")
        for name, rs in runs.items():
            w = statistics.median(r.wall for r in rs)
            c = statistics.median(r.cpu for r in rs)
            m = max(r.rss_mb for r in rs)
            add(f"| {name} | {len(rs)} | {fmt_s([r.wall for r in rs])} | {c:.2f} | {n / w:,.0f} | "
                f"{n / c:,.0f} | {m:.0f} | {pw / w:.2f} | {pc / c:.2f} |")
        add("")
    if len(sizes) > 1:
        add("## Growth from the smallest to the largest size")
        add("")
        names = list(next(iter(sizes.values()))["runs"].keys())
        header = " | ".join(f"{s} CPU s / RSS MB" for s in sizes)
        add(f"| tool | {header} |")
        add("|---|" + "---|" * len(sizes))
        for name in names:
            cells = []
            for s, res in sizes.items():
                rs = res["runs"].get(name)
                if rs:
                    cells.append(f"{statistics.median(r.cpu for r in rs):.2f} / "
                                 f"{max(r.rss_mb for r in rs):.0f}")
                else:
                    cells.append("–")
            add(f"| {name} | " + " | ".join(cells) + " |")
        add("")
    targets(add, sizes)
    if rules:
        add(f"## Precept: evaluation cost per rule per record")
        add("")
        add(f"Each rule's cost is `precept check` with a pack holding that rule alone minus a pack "
            f"holding one always-true rule (the baseline: reading, typing and the report; definitions "
            f"are evaluated when a rule needs them, so they count towards the rules). It is "
            f"counted in instructions with valgrind (callgrind) over the first {rules['records']} "
            f"records of the 10k CSV (exact and repeatable however busy the machine is; this VM "
            f"has no hardware counters), and converted to time at the rate of a native full-pack "
            f"run on the first 2,000 records, {rules['ips'] / 1e9:.2f} G instructions per CPU second. The full pack costs "
            f"{rules['full_per_record_us']:.0f} µs per record; the baseline "
            f"{rules['baseline_us']:.0f} µs ({rules['baseline_ins']:,.0f} instructions). A rule's "
            f"cost includes the findings it produces (message, explanation and JSON for each "
            f"violation), which is why rules with many violations cost most.")
        add("")
        found = collections.Counter()
        ten = os.path.join(OUT, "precept-10k-csv.json")
        if os.path.exists(ten):
            with open(ten) as f:
                for x in json.load(f)["findings"]:
                    if x.get("location") and (x["location"].get("row") or 0) <= rules["records"]:
                        found[x["rule"]] += 1
        add("| rule | µs per record | instructions per record | findings in the sample |")
        add("|---|---|---|---|")
        for k, v in sorted(rules["rules"].items(), key=lambda kv: -kv[1]):
            add(f"| {k} | {v:.2f} | {rules['rules_ins'][k]:,.0f} | {found.get(k, 0)} |")
        add(f"| all 25 (sum) | {sum(rules['rules'].values()):.2f} | "
            f"{sum(rules['rules_ins'].values()):,.0f} | {sum(found.values())} |")
        add("")
        add("Definitions are evaluated when a rule first needs them, so a rule measured alone also "
            "pays for the definitions it reads (RI-PAR-007, with no finding in the sample, costs "
            "several µs for in_scope, parents_must_be_told, pupil_age and parent_report_missing); "
            "rules that share definitions pay for them once in the full pack, which is why the sum "
            "over the rules exceeds the full pack's cost above the baseline. The rest of a rule's "
            "cost is its findings (message, explanation, JSON), most for the rules whose "
            "explanation expands many definitions.")
        add("")
    if micro:
        add(micro.rstrip())
        add("")
    analysis = os.path.join(BENCH, "PROFILE.md")
    if os.path.exists(analysis):
        with open(analysis) as f:
            add(f.read().rstrip())
        add("")
    path = os.path.join(BENCH, "RESULTS.md")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k,1m")
    ap.add_argument("--reps", type=int, default=3, help="repetitions below 1m")
    ap.add_argument("--reps-1m", type=int, default=3, help="repetitions at 1m")
    ap.add_argument("--cel-reps-1m", type=int, default=1, help="repetitions of the CEL peer at 1m")
    ap.add_argument("--cel-max", default="1m", help="largest size the CEL peer runs on")
    ap.add_argument("--other-formats-max", default="100k",
                    help="largest size at which Precept also reads JSON Lines and JSON")
    ap.add_argument("--per-rule-sample", type=int, default=300,
                    help="records (from the 10k CSV) for the per-rule instruction counts")
    ap.add_argument("--no-per-rule", action="store_true")
    ap.add_argument("--per-rule-from", help="per-rule results saved by an earlier run (JSON)")
    ap.add_argument("--micro-from", help="CEL micro-benchmark markdown saved by an earlier run")
    ap.add_argument("--no-micro", action="store_true")
    ap.add_argument("--micro-binary", default=os.path.join(ROOT, ".build", "release", "cel-conformance"),
                    help="a cel-conformance with --bench (Sources/CELConformance/Benchmark.swift)")
    ap.add_argument("--build", action="store_true", help="rebuild precept (release) first")
    ap.add_argument("--reuse", help="sizes whose saved results (bench/data/out/size-SIZE.json) to reuse")
    ap.add_argument("--precept", help="the precept binary to measure (default: .build/release/precept)")
    ap.add_argument("--results", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.argv = sys.argv[1:]
    args.sizes = args.sizes.split(",")
    if args.precept:
        global PRECEPT
        PRECEPT = os.path.abspath(args.precept)
    setup(args)
    record_pack()
    one_rule_pack(None)  # BASELINE_PACK, for the floor row
    started = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    info = machine()
    logf = open(os.path.join(OUT, "run.log"), "a")

    def log(msg):
        print(msg, file=sys.stderr, flush=True)
        logf.write(msg + "\n")
        logf.flush()

    log(f"== bench/run.py {' '.join(args.argv)} at {started} UTC")
    sizes = {}
    reuse = set(args.reuse.split(",")) if args.reuse else set()
    for size in args.sizes:
        saved = os.path.join(OUT, f"size-{size}.json")
        if size in reuse:
            with open(saved) as f:
                data = json.load(f)
            data["runs"] = {k: [Run(*r, None) for r in v] for k, v in data["runs"].items()}
            data["reused"] = True
            sizes[size] = data
            log(f"  {size}: reusing {os.path.relpath(saved, ROOT)} (measured {data.get('when')})")
            continue
        load_start = loadavg()
        sizes[size] = run_size(size, args, log)
        with open(saved, "w") as f:
            json.dump({"records": sizes[size]["records"], "violations": sizes[size]["violations"],
                       "when": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
                       "load": [load_start, loadavg()],
                       "runs": {k: [[r.wall, r.cpu, r.rss_mb] for r in v]
                                for k, v in sizes[size]["runs"].items()}}, f)
    if args.per_rule_from:
        with open(args.per_rule_from) as f:
            rules = json.load(f)
    else:
        rules = None if args.no_per_rule else per_rule(args.per_rule_sample, log)
        if rules:
            with open(os.path.join(OUT, "per-rule.json"), "w") as f:
                json.dump(rules, f, indent=1)
    micro = None
    if args.micro_from:
        with open(args.micro_from) as f:
            micro = f.read()
    elif not args.no_micro:
        if not os.path.exists(args.micro_binary):
            sh(["swift", "build", "-c", "release", "--product", "cel-conformance"], check=True)
        p = sh([PY, os.path.join(BENCH, "cel_micro.py"), "--markdown", "--binary", args.micro_binary],
               capture_output=True, text=True)
        if p.returncode != 0:
            log("cel_micro.py failed:\n" + p.stderr[-2000:])
        micro = p.stdout
        with open(os.path.join(OUT, "cel-micro.md"), "w") as f:
            f.write(micro)
    info["load_end"] = machine()["load"]
    finished = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M")
    path = write_results(args, info, sizes, rules, micro, started, finished)
    log(f"wrote {os.path.relpath(path, ROOT)}")


if __name__ == "__main__":
    main()
