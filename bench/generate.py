#!/usr/bin/env python3
"""Synthetic incident exports for the benchmarks (issue 7), reproducible from a seed.

    python3 bench/generate.py                       # 10k, 100k, 1m; csv, jsonl, json
    python3 bench/generate.py --sizes 10k --formats csv --seed 7

Writes under bench/data/ (git-ignored):
  incidents-SIZE.csv    canonical CSV (shared/design/incident-record.md): dotted column headers, lists
                        joined with ';', staff and injuries as JSON text in one cell, empty = missing
  incidents-SIZE.jsonl  the same records, one JSON object per line
  incidents-SIZE.json   the same records as one JSON array
  roster-SIZE.csv       the pupils on roll (pupil.id and the group fields)
  intended-SIZE.json    how many records were deliberately broken for each rule (a guide only: the
                        peers and Precept are compared with each other, not with this)

The mix follows incident-record.md: most records are guiding contact, blocking or escorts; a few per
cent are restraints and seclusions; a tenth of the pupils account for most incidents (repeat
pupils); timings are plausible school-day times with the UK offset of the day. Every rule of the DfE
pack gets a controlled share of violations (VIOLATION_RATE of the records it could apply to), and a
small share of records lack fields so that some rules cannot be evaluated.

Records are made in chunks of CHUNK, each from its own seed (seed, size, chunk index), so the output
does not depend on --jobs.
"""

import argparse
import csv
import datetime as dt
import io
import json
import multiprocessing
import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from canonical_record import COLUMNS, JSON_CELLS, cell, offset  # noqa: E402  (shared with make-examples.py)

DATA = os.path.join(ROOT, "bench", "data")
CHUNK = 10_000
VIOLATION_RATE = 0.02  # per rule, of the records the rule applies to

PATHS = [tuple(c.split(".")) for c in COLUMNS]
ROSTER_FIELDS = ["pupil.id", "sex", "ethnicity", "sen_status", "disability", "looked_after",
                 "child_protection_plan", "fsm", "eal"]

ETHNICITIES = ["WBRI"] * 62 + ["WIRI"] * 2 + ["WOTH"] * 6 + ["MWBC"] * 3 + ["MWAS"] * 2 + \
    ["AIND"] * 4 + ["APKN"] * 5 + ["ABAN"] * 2 + ["BCRB"] * 2 + ["BAFR"] * 4 + ["CHNE", "OOTH", "REFU"]
FIRST = ["Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Grace", "Aisha", "Zara", "Oliver",
         "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Jack", "Muhammad", "Theo", "Kofi", "Kai"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Patel", "Khan", "Robinson", "Wright",
        "Evans", "Walker", "Hussain", "Clarke", "Begum", "Okafor", "Nowak", "Murphy", "Ahmed", "Mensah"]
LOCATIONS = ["Year 3 classroom", "Year 5 classroom", "Main corridor", "Playground", "Dining hall",
             "Sports hall", "Library", "Year 9 science lab", "Calm room corridor", "Reception area"]
ANTECEDENTS = [
    "Became distressed when the class moved from reading to PE and began throwing chairs.",
    "Argument with another pupil at lunch escalated into kicking and hitting.",
    "Was told the trip was cancelled and ran from the classroom towards the school gate.",
    "Refused to hand over scissors and waved them at nearby pupils.",
    "Fire alarm test caused severe distress; pupil hit out at staff and peers.",
    "Supply teacher in class, pupil tipped tables and threw equipment at other pupils.",
]
RATIONALES = [
    "Other pupils were at risk of injury from thrown furniture.",
    "The pupil was at immediate risk of running into the road.",
    "Another pupil was being hit and did not get away despite instructions to stop.",
    "Staff and pupils were at risk of injury from the scissors.",
]
TRIGGERS = ["transition", "demand", "noise", "peer_conflict", "unstructured_time", "change_of_staff"]
DEESC = ["verbal_reassurance", "offered_choice", "offered_time_out", "distraction", "reduced_demands",
         "space_given"]
ROLES = ["teacher", "teaching_assistant", "teaching_assistant", "senior_leader", "pastoral_lead"]
COVERED = ["when_where", "duration", "force_type", "injuries", "rationale"]
# The kinds of incident and their share of records (most are low-level; a few per cent restraint
# and seclusion).
KINDS = [("guiding", 34), ("blocking", 22), ("escort", 34), ("restraint", 6), ("seclusion_restraint", 2),
         ("seclusion", 1.5), ("calm_space", 0.5)]
RULES = ["RI-REC-001", "RI-REC-002", "RI-PAR-001", "RI-PAR-002", "RI-PAR-003", "RI-PAR-004",
         "RI-PAR-005", "RI-PAR-006", "RI-PAR-007", "RI-SEC-001", "RI-SEC-002", "RI-SEC-003",
         "RI-SEC-004", "RI-SEC-005", "RI-SEC-006", "RI-SEC-007", "RI-FOR-001", "RI-FOR-002",
         "RI-FOR-003", "RI-FOR-004", "RI-FOR-005", "RI-FOR-006", "RI-POST-001", "RI-POST-002",
         "RI-DATA-001"]

START = dt.date(2026, 4, 1)      # the pack's effective date
SCHOOL_DAYS = [START + dt.timedelta(days=d) for d in range(0, 233)
               if (START + dt.timedelta(days=d)).weekday() < 5]  # to 19 November 2026


def parse_size(text):
    text = text.lower()
    mult = 1
    if text.endswith("k"):
        mult, text = 1_000, text[:-1]
    elif text.endswith("m"):
        mult, text = 1_000_000, text[:-1]
    return int(float(text) * mult)


def size_label(n):
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


# --- the roster and staff -------------------------------------------------------------------------------

def roster_size(n):
    return max(300, n // 4)


def make_roster(seed, n):
    rng = random.Random(f"{seed}:roster:{n}")
    pupils = []
    for i in range(roster_size(n)):
        sen = rng.choices(["none", "sen_support", "ehcp"], [80, 15, 5])[0]
        age = rng.randint(4, 16) if rng.random() > 0.004 else rng.randint(19, 22)
        year = 2026 - age - 1
        month = rng.randint(9, 20)
        if month > 12:
            year, month = year + 1, month - 12
        pupils.append({
            "pupil.id": f"P-{100000 + i}",
            "sex": rng.choice(["female", "male"]),
            "ethnicity": rng.choice(ETHNICITIES),
            "sen_status": sen,
            "disability": (sen == "ehcp" and rng.random() < 0.6) or rng.random() < 0.03,
            "looked_after": rng.random() < 0.03,
            "child_protection_plan": rng.random() < 0.03,
            "fsm": rng.random() < 0.24,
            "eal": rng.random() < 0.14,
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "dob": dt.date(year, month, rng.randint(1, 28)),
            "school": i % max(1, n // 2000),
        })
    return pupils


def staff_of(school):
    """The 30 members of staff of a school (deterministic from the school's number)."""
    rng = random.Random(f"staff:{school}")
    return [{"id": f"S-{school:03d}-{k:02d}", "role": rng.choice(ROLES),
             "trained_until": f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
            for k in range(30)]


# --- time helpers -------------------------------------------------------------------------------------------

def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:00") + offset(t.date())


# --- records ------------------------------------------------------------------------------------------------------

class Maker:
    def __init__(self, seed, n, roster):
        self.seed = seed
        self.n = n
        self.roster = roster
        self.frequent = max(1, len(roster) // 10)
        self.staff = {}

    def school_staff(self, school):
        s = self.staff.get(school)
        if s is None:
            s = self.staff[school] = staff_of(school)
        return s

    def chunk(self, index):
        rng = random.Random(f"{self.seed}:{self.n}:{index}")
        first = index * CHUNK
        count = min(CHUNK, self.n - first)
        intended = dict.fromkeys(RULES, 0)
        return [self.record(rng, first + k, intended) for k in range(count)], intended

    def record(self, rng, i, intended):
        r = rng.random
        # repeat pupils: a tenth of the roster has 60% of the incidents
        if r() < 0.6:
            p = self.roster[rng.randrange(self.frequent)]
        else:
            p = self.roster[rng.randrange(len(self.roster))]
        kind = rng.choices(KIND_NAMES, KIND_WEIGHTS)[0]
        day = rng.choice(SCHOOL_DAYS)
        t0 = dt.datetime(day.year, day.month, day.day, 8, 45) + dt.timedelta(minutes=rng.randrange(391))
        length = rng.randint(1, 6) if kind in ("guiding", "blocking") else rng.randint(3, 19)
        t1 = t0 + dt.timedelta(minutes=length)
        minutes = dt.timedelta(minutes=1)
        staff_pool = self.school_staff(p["school"])
        staff = [dict(s) for s in rng.sample(staff_pool, 2 if kind != "guiding" else 1)]
        support_plan = p["sen_status"] != "none"
        pupil = {
            "id": p["pupil.id"], "name": p["name"], "date_of_birth": p["dob"].isoformat(),
            "sex": p["sex"], "ethnicity": p["ethnicity"], "sen_status": p["sen_status"],
            "disability": p["disability"], "looked_after": p["looked_after"],
            "child_protection_plan": p["child_protection_plan"], "fsm": p["fsm"], "eal": p["eal"],
            "support_plan": support_plan,
        }
        if r() < 0.5:
            pupil["age_at_incident"] = day.year - p["dob"].year - (
                (day.month, day.day) < (p["dob"].month, p["dob"].day))
        rec = {
            "incident_id": f"INC-{i + 1:08d}",
            "school_id": f"URN-{100000 + p['school']}",
            "occurred_at": stamp(t0),
            "ended_at": stamp(t1),
            "location": rng.choice(LOCATIONS),
            "pupil": pupil,
            "staff": staff,
            "interventions": None,
            "antecedents": rng.choice(ANTECEDENTS),
            "triggers": rng.sample(TRIGGERS, 2),
            "de_escalation": rng.sample(DEESC, 2),
            "rationale": rng.choice(RATIONALES),
            "injuries": [{"person": "pupil", "description": "none", "medical_attention": False}],
            "post_incident": {"pupil_support_at": stamp(t1 + rng.randint(20, 300) * minutes),
                              "staff_debrief_at": stamp(t1 + rng.randint(30, 1500) * minutes)},
            "recorded_by": staff[0]["id"],
            "recorded_at": stamp(t1 + rng.randint(15, 240) * minutes),
        }
        if support_plan:
            rec["post_incident"]["plan_followed"] = True
        force = {"used": True, "beyond_appropriate_contact": True,
                 "techniques": ["two_person_escort"], "position": "standing",
                 "ground_hold_minutes": 0, "airway_breathing_circulation_affected": False,
                 "pain_inducing": False, "purpose": "prevent_injury_to_others"}
        restraint = seclusion = False
        if kind == "guiding":
            rec["interventions"] = ["guiding_contact"]
            force.update(beyond_appropriate_contact=False, techniques=["guiding_hand"],
                         purpose="maintain_good_order")
            rec["force"] = force
        elif kind == "blocking":
            rec["interventions"] = ["blocking"]
        elif kind == "escort":
            rec["interventions"] = ["physical_escort"]
            force["techniques"] = ["single_elbow_escort"]
            rec["force"] = force
        elif kind == "restraint":
            restraint = True
            rec["interventions"] = ["physical_restraint"]
            force.update(techniques=["seated_hold"], position="seated")
            rec["force"] = force
        elif kind in ("seclusion_restraint", "seclusion", "calm_space"):
            if kind == "seclusion_restraint":
                restraint = True
                rec["interventions"] = ["physical_restraint", "seclusion"]
                force["used_to_implement"] = ["seclusion"]
                rec["force"] = force
            elif kind == "seclusion":
                rec["interventions"] = ["blocking", "seclusion"]
            else:
                rec["interventions"] = ["guiding_contact"]
            s0 = t0 + rng.randint(1, 3) * minutes
            s2 = t1 - minutes
            rec["seclusion"] = {
                "place": "calm_room", "place_safety_checked": True, "prevented_leaving_by": "blocking",
                "purpose": "protect_others", "pupil_dysregulated": True, "pupil_acting_with_intent": False,
                "supervision": "continuous", "supervision_gap_minutes": 0, "supervisors": [staff[0]["id"]],
                "started_at": stamp(s0), "risk_reduced_at": stamp(s2 - rng.randint(0, 2) * minutes),
                "released_at": stamp(s2), "release_reason": "risk_reduced",
            }
            if kind == "calm_space":  # chose a calm space, free to leave: not seclusion
                del rec["seclusion"]["prevented_leaving_by"]
            else:
                seclusion = True
        significant = "force" in rec and force["beyond_appropriate_contact"] or seclusion or restraint
        age = pupil.get("age_at_incident")
        if age is None:
            age = day.year - p["dob"].year - ((day.month, day.day) < (p["dob"].month, p["dob"].day))
        if significant:
            sent = t1 + rng.randint(30, 600) * minutes
            rec["parent_report"] = {
                "made": True, "method": rng.choice(("email", "email", "portal", "letter")),
                "sent_at": stamp(sent), "covered": list(COVERED),
                "follow_up_invited_at": stamp(sent), "withheld": False,
            }
            if seclusion or restraint:
                rec["parent_report"]["record_copy_sent_at"] = stamp(sent + rng.randint(0, 90) * minutes)
            if r() < 0.005:
                rec["parent_report"] = {
                    "made": False, "withheld": True,
                    "withheld_reason": "Disclosure would be likely to result in significant harm.",
                    "withheld_decided_by": staff_pool[0]["id"],
                    "local_authority_notified_at": stamp(t1 + rng.randint(30, 300) * minutes)}
        else:
            del rec["rationale"]

        # --- deliberate violations, each with VIOLATION_RATE where the rule can apply ----------------
        v = VIOLATION_RATE
        tell = significant and age < 20 and not rec.get("parent_report", {}).get("withheld", False)
        if significant:
            if r() < v:
                intended["RI-REC-001"] += 1
                for key in rng.sample(["location", "antecedents", "rationale", "injuries"], rng.randint(1, 2)):
                    rec.pop(key, None)
            if r() < v:
                intended["RI-REC-002"] += 1
                rec["recorded_at"] = stamp(dt.datetime(day.year, day.month, day.day, 8, 40)
                                           + dt.timedelta(days=rng.randint(1, 3)))
            if r() < v:
                intended["RI-POST-001"] += 1
                if r() < 0.5:
                    rec["post_incident"]["staff_debrief_at"] = stamp(t1 + rng.randint(49, 120) * 60 * minutes)
                else:
                    del rec["post_incident"]["staff_debrief_at"]
            if support_plan and r() < v:
                intended["RI-POST-002"] += 1
                rec["post_incident"]["plan_followed"] = False
        if tell:
            pr = rec["parent_report"]
            if r() < v:
                intended["RI-PAR-001"] += 1
                del rec["parent_report"]
            else:
                if r() < v:
                    intended["RI-PAR-002"] += 1
                    pr["method"] = rng.choice(("phone", "in_person"))
                if r() < v:
                    intended["RI-PAR-003"] += 1
                    pr["sent_at"] = stamp(t1 + rng.randint(25, 96) * 60 * minutes)
                if (seclusion or restraint) and r() < v:
                    intended["RI-PAR-004"] += 1
                    pr.pop("record_copy_sent_at", None)
                if r() < v:
                    intended["RI-PAR-005"] += 1
                    del pr["follow_up_invited_at"]
                if r() < v:
                    intended["RI-PAR-007"] += 1
                    pr["covered"] = rng.sample(COVERED, rng.randint(1, 4))
        elif significant and rec.get("parent_report", {}).get("withheld") and r() < 0.3:
            intended["RI-PAR-006"] += 1
            del rec["parent_report"][rng.choice(["withheld_reason", "withheld_decided_by",
                                                 "local_authority_notified_at"])]
        if seclusion:
            sec = rec["seclusion"]
            if r() < v:
                intended["RI-SEC-001"] += 1
                sec["purpose"] = "other"
            if r() < v:
                intended["RI-SEC-002"] += 1
                sec["pupil_acting_with_intent"] = True
            if r() < v:
                intended["RI-SEC-003"] += 1
                sec["prevented_leaving_by"] = "threat_of_punishment"
            if r() < v:
                intended["RI-SEC-004"] += 1
                sec["purpose"] = "disciplinary"
                sec["linked_sanction_id"] = f"SAN-{rng.randrange(100000):05d}"
            if r() < v:
                intended["RI-SEC-005"] += 1
                sec["place_safety_checked"] = False
            if r() < v:
                intended["RI-SEC-006"] += 1
                sec["supervision"] = "intermittent"
                sec["supervision_gap_minutes"] = rng.randint(1, 8)
            if r() < v:
                intended["RI-SEC-007"] += 1
                if r() < 0.5:
                    sec["released_at"] = stamp(t1 + rng.randint(6, 15) * minutes)
                    rec["ended_at"] = sec["released_at"]
                else:
                    del sec["release_reason"]
        if "force" in rec:
            f = rec["force"]
            if r() < v:
                intended["RI-FOR-001"] += 1
                f["purpose"] = "punishment"
            if r() < v:
                intended["RI-FOR-002"] += 1
                f[rng.choice(["pain_inducing", "airway_breathing_circulation_affected"])] = True
            if r() < v:
                intended["RI-FOR-003"] += 1
                f["position"] = rng.choice(["ground_prone", "ground_supine"])
                f["ground_hold_minutes"] = rng.randint(1, 9)
            if r() < v:
                intended["RI-FOR-004"] += 1
                del rec["de_escalation"]
            if r() < v:
                intended["RI-FOR-006"] += 1
                if r() < 0.5:
                    rec["staff"][-1]["trained_until"] = f"2026-0{rng.randint(1, 3)}-15"
                else:
                    del rec["staff"][-1]["trained_until"]
        if restraint and r() < v:
            intended["RI-FOR-005"] += 1
            rec["ended_at"] = stamp(t0 + rng.randint(21, 45) * minutes)
        if r() < v / 2:
            intended["RI-DATA-001"] += 1
            if r() < 0.5:
                rec["ended_at"] = stamp(t0 - rng.randint(5, 50) * minutes)
            else:  # a typed year: 2062 for 2026
                rec["recorded_at"] = rec["recorded_at"].replace("2026-", "2062-", 1)
        # a few incomplete records that leave some rules unable to evaluate
        if r() < 0.002:
            rec.pop("ended_at", None)
        if r() < 0.001 and not support_plan:
            del rec["pupil"]["sen_status"]
        return rec


KIND_NAMES = [k for k, _ in KINDS]
KIND_WEIGHTS = [w for _, w in KINDS]


SECTIONS = []  # (section key or None, [(leaf key, is JSON cell)]) in column order
for _col, _path in zip(COLUMNS, PATHS):
    _sec = _path[0] if len(_path) > 1 else None
    if not SECTIONS or SECTIONS[-1][0] != _sec or _sec is None:
        SECTIONS.append((_sec, []))
    SECTIONS[-1][1].append((_path[-1], _col in JSON_CELLS))
EMPTY = {}


def _text(v):
    t = type(v)
    if t is str:
        return v
    if v is None:
        return ""
    if t is bool:
        return "true" if v else "false"
    if t is list:
        return ";".join(v)
    return str(v)


def flatten(rec):
    row = []
    add = row.append
    for sec, leaves in SECTIONS:
        node = rec if sec is None else (rec.get(sec) or EMPTY)
        for key, is_json in leaves:
            v = node.get(key)
            if is_json and v is not None:
                add(json.dumps(v, separators=(", ", ": ")))
            else:
                add(_text(v))
    return row


# --- writing ------------------------------------------------------------------------------------------------------

_MAKER = None


def _init(seed, n, roster):
    global _MAKER
    _MAKER = Maker(seed, n, roster)


def _render(args):
    index, formats = args
    records, intended = _MAKER.chunk(index)
    out = {}
    if "csv" in formats:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerows(flatten(r) for r in records)
        out["csv"] = buf.getvalue()
    if "jsonl" in formats or "json" in formats:
        lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records]
        out["jsonl"] = "\n".join(lines) + "\n"
    return out, intended


def generate(n, formats, seed, jobs):
    label = size_label(n)
    roster = make_roster(seed, n)
    os.makedirs(DATA, exist_ok=True)
    with open(os.path.join(DATA, f"roster-{label}.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(ROSTER_FIELDS)
        for p in roster:
            w.writerow([cell(k, p[k]) for k in ROSTER_FIELDS])
    files = {}
    if "csv" in formats:
        files["csv"] = open(os.path.join(DATA, f"incidents-{label}.csv"), "w", encoding="utf-8", newline="")
        files["csv"].write(",".join(COLUMNS) + "\n")
    if "jsonl" in formats:
        files["jsonl"] = open(os.path.join(DATA, f"incidents-{label}.jsonl"), "w", encoding="utf-8")
    if "json" in formats:
        files["json"] = open(os.path.join(DATA, f"incidents-{label}.json"), "w", encoding="utf-8")
        files["json"].write("[\n")
    chunks = [(i, formats) for i in range((n + CHUNK - 1) // CHUNK)]
    total = dict.fromkeys(RULES, 0)
    first_json = True
    if jobs > 1:
        pool = multiprocessing.Pool(jobs, initializer=_init, initargs=(seed, n, roster))
        results = pool.imap(_render, chunks)
    else:
        _init(seed, n, roster)
        pool = None
        results = map(_render, chunks)
    for out, intended in results:
        for k, c in intended.items():
            total[k] += c
        if "csv" in files:
            files["csv"].write(out["csv"])
        if "jsonl" in files:
            files["jsonl"].write(out["jsonl"])
        if "json" in files:
            body = out["jsonl"].rstrip("\n").replace("\n", ",\n")
            files["json"].write(body if first_json else ",\n" + body)
            first_json = False
    if pool:
        pool.close()
        pool.join()
    if "json" in files:
        files["json"].write("\n]\n")
    for f in files.values():
        f.close()
    with open(os.path.join(DATA, f"intended-{label}.json"), "w") as f:
        json.dump({"records": n, "seed": seed, "violation_rate": VIOLATION_RATE,
                   "deliberately_broken": total}, f, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k,1m", help="comma-separated: 10k,100k,1m")
    ap.add_argument("--formats", default="csv,jsonl,json", help="comma-separated: csv,jsonl,json")
    ap.add_argument("--seed", type=int, default=20260401)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args()
    formats = set(args.formats.split(","))
    for size in args.sizes.split(","):
        n = parse_size(size)
        start = time.perf_counter()
        generate(n, formats, args.seed, args.jobs)
        print(f"{size_label(n)}: {n} records ({', '.join(sorted(formats))}) in "
              f"{time.perf_counter() - start:.1f} s -> {os.path.relpath(DATA, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
