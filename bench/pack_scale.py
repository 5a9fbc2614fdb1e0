#!/usr/bin/env python3
"""Loading and checking a pack of 1,000 rules (issue 3): `precept validate` time.

Builds a pack under bench/data/pack-scale-N by copying the DfE pack and repeating its rules
with new ids until there are N rules, then times `precept validate` on it (and on the
DfE pack itself for comparison), several repetitions, median and spread.

    python3 bench/pack_scale.py [--rules 1000] [--reps 5] [--binary .build/release/precept]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_pack(n):
    src = os.path.join(ROOT, "Rules", "dfe-2026")
    dst = os.path.join(ROOT, "bench", "data", f"pack-scale-{n}")
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("tests", "examples"))
    rules_dir = os.path.join(dst, "rules")
    texts = []
    for name in sorted(os.listdir(rules_dir)):
        with open(os.path.join(rules_dir, name), encoding="utf-8") as f:
            texts.append(f.read())
    base_count = sum(t.count("\n  - id: ") for t in texts)
    copies = max(1, -(-n // base_count))
    for c in range(1, copies):
        for i, text in enumerate(texts):
            renamed = text.replace("\n  - id: RI-", f"\n  - id: X{c}-RI-")
            with open(os.path.join(rules_dir, f"copy{c:03d}-{i}.yaml"), "w", encoding="utf-8") as f:
                f.write(renamed)
    return dst, copies * base_count


def time_validate(binary, pack, reps):
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        result = subprocess.run([binary, "validate", pack], capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            sys.exit(f"validate failed on {pack}:\n{result.stderr[:2000]}")
    return times


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--binary", default=None)
    args = ap.parse_args()
    binary = args.binary
    if binary is None:
        for candidate in (".build/release/precept", ".build/debug/precept"):
            if os.path.exists(os.path.join(ROOT, candidate)):
                binary = os.path.join(ROOT, candidate)
                break
    if binary is None:
        sys.exit("build precept first: swift build -c release")
    pack, count = build_pack(args.rules)
    small = time_validate(binary, os.path.join(ROOT, "Rules", "dfe-2026"), args.reps)
    large = time_validate(binary, pack, args.reps)
    print(f"binary: {os.path.relpath(binary, ROOT)}")
    for label, rules, times in (("dfe-2026", 25, small), (f"pack-scale ({count} rules)", count, large)):
        med = statistics.median(times)
        print(
            f"{label:28s} validate: median {med * 1000:7.1f} ms "
            f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}; {args.reps} runs) "
            f"= {med / rules * 1e6:.0f} µs per rule"
        )


if __name__ == "__main__":
    main()
