#!/usr/bin/env python3
"""Generate the DfE pack's example exports (deterministic, seeded).

    python3 scripts/make-examples.py

Writes under Rules/dfe-2026/examples/:
  incidents.csv   about 40 incidents in the canonical CSV shape: one column per leaf named by its
                  dotted path, lists joined with ';', lists of objects (staff, injuries) as JSON text in
                  one cell, an empty cell for a missing value; includes two records dated before the
                  pack's effective date and two deliberately malformed rows (an impossible date, a bad
                  boolean) to show the reader's error handling
  incidents.json  the same incidents as a JSON array, without the malformed rows
  roster.csv      the pupils on roll (300) with the group fields used by the data review
  expected-findings.csv  what each incident is meant to produce (rule ids; 'compliant'; 'rejected')

The incidents mix compliant records with records that break most rules of the pack (each record's
intended findings are listed in EXPECTED, printed with --expected). Names are invented.
"""

import copy
import csv
import datetime as dt
import io
import json
import os
import random
import sys

from canonical_record import COLUMNS, JSON_CELLS, cell, offset

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Rules", "dfe-2026", "examples")
SEED = 20260401

rng = random.Random(SEED)

# --- the roster ---------------------------------------------------------------------------------------

ETHNICITIES = [("WBRI", 62), ("WIRI", 2), ("WOTH", 6), ("WROM", 1), ("MWBC", 3), ("MWBA", 1), ("MWAS", 2),
               ("MOTH", 2), ("AIND", 4), ("APKN", 5), ("ABAN", 2), ("AOTH", 1), ("BCRB", 2), ("BAFR", 4),
               ("CHNE", 1), ("OOTH", 1), ("REFU", 1)]
FIRST_F = ["Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Grace", "Freya", "Aisha", "Maryam",
           "Zara", "Chloe", "Evie", "Poppy", "Sofia", "Hannah", "Niamh", "Layla", "Ruby", "Imogen", "Esme"]
FIRST_M = ["Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Jack", "Muhammad", "Theo",
           "Alfie", "Jacob", "Kai", "Reuben", "Tyler", "Callum", "Kofi", "Ibrahim", "Mason", "Finley",
           "Dylan", "Ethan"]
LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Khan",
        "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Hussain",
        "Clarke", "Lewis", "Begum", "Okafor", "Nowak", "Murphy", "Ahmed", "Hughes", "Edwards", "Mensah"]


def weighted(choices):
    total = sum(w for _, w in choices)
    r = rng.uniform(0, total)
    for value, w in choices:
        r -= w
        if r <= 0:
            return value
    return choices[-1][0]


def make_roster():
    pupils = []
    for n in range(1, 301):
        sex = rng.choice(["female", "male"])
        sen = weighted([("none", 80), ("sen_support", 15), ("ehcp", 5)])
        pupils.append({
            "pupil.id": f"P-{1000 + n}",
            "sex": sex,
            "ethnicity": weighted(ETHNICITIES),
            "sen_status": sen,
            "disability": sen == "ehcp" and rng.random() < 0.6 or rng.random() < 0.03,
            "looked_after": rng.random() < 0.03,
            "child_protection_plan": rng.random() < 0.03,
            "fsm": rng.random() < 0.24,
            "eal": rng.random() < 0.14,
            "name": f"{rng.choice(FIRST_F if sex == 'female' else FIRST_M)} {rng.choice(LAST)}",
            "age": rng.randint(5, 16),
        })
    for p in pupils:
        set_dob(p)
    return pupils


def set_dob(p):
    """A date of birth that makes the pupil p['age'] on 1 September 2026 (the start of the school year)."""
    year = 2026 - p["age"] - 1
    month = rng.randint(9, 20)
    if month > 12:
        year, month = year + 1, month - 12
    p["dob"] = dt.date(year, month, rng.randint(1, 28))


def age_on(dob, on):
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


ROSTER = make_roster()
RESERVED = {"P-1007", "P-1012", "P-1023", "P-1150"}  # pupils with a planned story
BY_ID = {p["pupil.id"]: p for p in ROSTER}


def pick_pupil(pid=None, sen=None):
    if pid:
        return BY_ID[pid]
    while True:
        p = rng.choice(ROSTER)
        if p["pupil.id"] in RESERVED:
            continue
        if sen is None or p["sen_status"] == sen:
            return p


# repeat pupils (several incidents in 30 days): force their profiles to be realistic
for pid, sen, age in [("P-1007", "ehcp", 9), ("P-1012", "sen_support", 12), ("P-1023", "ehcp", 7)]:
    BY_ID[pid].update(sen_status=sen, disability=True, age=age)
    set_dob(BY_ID[pid])
BY_ID["P-1150"].update(age=20, sen_status="ehcp", disability=True, name="Daniel Okafor", sex="male",
                       dob=dt.date(2006, 2, 14))

# --- staff ---------------------------------------------------------------------------------------------

STAFF = {f"S-{n:02d}": {"id": f"S-{n:02d}",
                        "role": rng.choice(["teacher", "teaching_assistant", "teaching_assistant",
                                            "senior_leader", "pastoral_lead"]),
                        "trained_until": f"2027-0{rng.randint(1, 9)}-{rng.randint(10, 28)}"}
         for n in range(1, 31)}
STAFF["S-19"]["trained_until"] = "2026-05-31"  # lapses during the summer term


def staff_list(*ids):
    return [dict(STAFF[i]) for i in ids]


# --- time helpers -----------------------------------------------------------------------------------------

def ts(day, hhmm, add_minutes=0):
    h, m = map(int, hhmm.split(":"))
    t = dt.datetime(day.year, day.month, day.day, h, m) + dt.timedelta(minutes=add_minutes)
    return t.strftime("%Y-%m-%dT%H:%M:00") + offset(t.date())


# --- scenarios ------------------------------------------------------------------------------------------------

LOCATIONS = ["Year 3 classroom", "Year 5 classroom", "Main corridor", "Playground", "Dining hall",
             "Sports hall", "Library", "Year 9 science lab", "Calm room corridor", "Reception area"]
ANTECEDENTS = [
    "Became distressed when the class moved from reading to PE and began throwing chairs.",
    "Argument with another pupil at lunch escalated into kicking and hitting.",
    "Was told the trip was cancelled and ran from the classroom towards the school gate.",
    "Refused to hand over scissors and waved them at nearby pupils.",
    "Fire alarm test caused severe distress; pupil hit out at staff and peers.",
    "Supply teacher in class; pupil tipped tables and threw equipment at other pupils.",
]
RATIONALES = [
    "Other pupils were at risk of injury from thrown furniture.",
    "The pupil was at immediate risk of running into the road.",
    "Another pupil was being hit and did not get away despite instructions to stop.",
    "Staff and pupils were at risk of injury from the scissors.",
]


def base_record(n, pupil, day, start, kind, school="URN-100001"):
    """A compliant record of one of the kinds: seclusion_restraint, restraint, escort, guiding, none."""
    on = day
    age = age_on(pupil["dob"], on)
    rec = {
        "incident_id": f"INC-2026-{n:04d}",
        "school_id": school,
        "occurred_at": ts(on, start),
        "ended_at": ts(on, start, 12),
        "location": rng.choice(LOCATIONS),
        "pupil": {
            "id": pupil["pupil.id"], "name": pupil["name"], "date_of_birth": pupil["dob"].isoformat(),
            "sex": pupil["sex"], "ethnicity": pupil["ethnicity"], "sen_status": pupil["sen_status"],
            "disability": pupil["disability"], "looked_after": pupil["looked_after"],
            "child_protection_plan": pupil["child_protection_plan"], "fsm": pupil["fsm"],
            "eal": pupil["eal"], "support_plan": pupil["sen_status"] != "none",
        },
        "staff": staff_list(*rng.sample([s for s in STAFF if s != "S-19"], 2)),
        "antecedents": rng.choice(ANTECEDENTS),
        "triggers": rng.sample(["transition", "demand", "noise", "peer_conflict", "unstructured_time",
                                "change_of_staff"], 2),
        "de_escalation": rng.sample(["verbal_reassurance", "offered_choice", "offered_time_out",
                                     "distraction", "reduced_demands", "space_given"], 2),
        "rationale": rng.choice(RATIONALES),
        "injuries": [{"person": "pupil", "description": "none", "medical_attention": False}],
        "post_incident": {"pupil_support_at": ts(on, start, 150), "staff_debrief_at": ts(on, "15:45")},
        "recorded_at": ts(on, "15:20"),
        "parent_report": {
            "made": True, "method": rng.choice(["email", "email", "portal", "letter"]),
            "sent_at": ts(on, "16:05"), "covered": ["when_where", "duration", "force_type", "injuries",
                                                    "rationale"],
            "follow_up_invited_at": ts(on, "16:05"), "withheld": False,
        },
    }
    if rng.random() < 0.5:
        rec["pupil"]["age_at_incident"] = age
    rec["recorded_by"] = rec["staff"][0]["id"]
    if rec["pupil"]["support_plan"]:
        rec["post_incident"]["plan_followed"] = True
    force = {"used": True, "beyond_appropriate_contact": True, "used_to_implement": [],
             "techniques": ["two_person_escort"], "position": "standing", "ground_hold_minutes": 0,
             "airway_breathing_circulation_affected": False, "pain_inducing": False,
             "purpose": "prevent_injury_to_others"}
    if kind == "seclusion_restraint":
        rec["interventions"] = ["physical_restraint", "seclusion"]
        rec["force"] = dict(force, used_to_implement=["seclusion"])
        sup = rec["staff"][0]["id"]
        rec["seclusion"] = {
            "place": "calm_room", "place_safety_checked": True, "prevented_leaving_by": "blocking",
            "purpose": "protect_others", "pupil_dysregulated": True, "pupil_acting_with_intent": False,
            "supervision": "continuous", "supervision_gap_minutes": 0, "supervisors": [sup],
            "started_at": ts(on, start, 3), "risk_reduced_at": ts(on, start, 9),
            "released_at": ts(on, start, 10), "release_reason": "risk_reduced",
        }
        rec["parent_report"]["record_copy_sent_at"] = ts(on, "16:05")
    elif kind == "restraint":
        rec["interventions"] = ["physical_restraint"]
        rec["force"] = dict(force, techniques=["seated_hold"], position="seated")
        rec["parent_report"]["record_copy_sent_at"] = ts(on, "16:30")
    elif kind == "escort":
        rec["interventions"] = ["physical_escort"]
        rec["force"] = dict(force, techniques=["single_elbow_escort"])
    elif kind == "guiding":
        rec["interventions"] = ["guiding_contact"]
        rec["force"] = dict(force, beyond_appropriate_contact=False, techniques=["guiding_hand"],
                            purpose="maintain_good_order")
        del rec["parent_report"]
        del rec["rationale"]
    elif kind == "none":
        rec["interventions"] = []
        del rec["parent_report"]
        del rec["rationale"]
        del rec["post_incident"]
    return rec


def setp(rec, path, value):
    """Set (or with None delete) a dotted path."""
    parts = path.split(".")
    node = rec
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    if value is None:
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


# --- the incidents ----------------------------------------------------------------------------------------------

D = dt.date
INCIDENTS = []   # (record, expected findings)
EXPECTED = {}


def add(kind, day, start, pupil_id=None, sen=None, school="URN-100001", changes=(), expect=()):
    n = len(INCIDENTS) + 1
    pupil = pick_pupil(pupil_id, sen)
    rec = base_record(n, pupil, day, start, kind, school)
    for path, value in changes:
        setp(rec, path, value(rec) if callable(value) else value)
    INCIDENTS.append(rec)
    EXPECTED[rec["incident_id"]] = list(expect)


# before the pack's effective date: reported as outside the pack's period
add("restraint", D(2026, 3, 17), "11:05", changes=[("occurred_at", "2026-03-17T11:05:00+00:00"),
                                                    ("ended_at", "2026-03-17T11:14:00+00:00")],
    expect=["outside the effective period"])
add("escort", D(2026, 3, 26), "14:20", expect=["outside the effective period"])

# P-1007: five incidents in May (repeat pattern, trigger 'transition' every time)
for i, (day, start, kind) in enumerate([(D(2026, 5, 5), "09:10", "seclusion_restraint"),
                                        (D(2026, 5, 11), "13:05", "restraint"),
                                        (D(2026, 5, 14), "09:20", "seclusion_restraint"),
                                        (D(2026, 5, 21), "10:40", "restraint"),
                                        (D(2026, 6, 2), "09:15", "seclusion_restraint")]):
    changes = [("triggers", ["transition", "demand"])]
    expect = []
    if i == 1:
        changes.append(("parent_report.record_copy_sent_at", None))
        expect.append("RI-PAR-004")
    if i == 3:
        changes += [("post_incident.plan_followed", False)]
        expect.append("RI-POST-002")
    if i == 4:
        changes += [("seclusion.released_at", lambda r: ts(D(2026, 6, 2), "09:15", 22)),
                    ("ended_at", lambda r: ts(D(2026, 6, 2), "09:15", 24))]
        expect += ["RI-SEC-007", "RI-FOR-005"]
    add(kind, day, start, pupil_id="P-1007", changes=changes, expect=expect)

# P-1012: four incidents in June
for i, (day, start, kind) in enumerate([(D(2026, 6, 3), "11:30", "escort"),
                                        (D(2026, 6, 10), "12:50", "restraint"),
                                        (D(2026, 6, 17), "12:45", "escort"),
                                        (D(2026, 6, 24), "13:10", "restraint")]):
    changes = [("triggers", ["unstructured_time", "peer_conflict"])]
    expect = []
    if i == 1:
        changes.append(("parent_report.method", "phone"))
        expect.append("RI-PAR-002")
    if i == 3:
        changes += [("parent_report.sent_at", lambda r: ts(D(2026, 6, 25), "19:40")),
                    ("parent_report.follow_up_invited_at", None)]
        expect += ["RI-PAR-003", "RI-PAR-005"]
    add(kind, day, start, pupil_id="P-1012", school="URN-100002", changes=changes, expect=expect)

# P-1023: four incidents between 28 September and 20 October
for i, (day, start, kind) in enumerate([(D(2026, 9, 28), "10:05", "seclusion_restraint"),
                                        (D(2026, 10, 6), "14:10", "seclusion_restraint"),
                                        (D(2026, 10, 13), "10:00", "restraint"),
                                        (D(2026, 10, 20), "09:35", "seclusion_restraint")]):
    changes = [("triggers", ["noise", "transition"])]
    expect = []
    if i == 1:
        changes += [("seclusion.supervision", "intermittent"), ("seclusion.supervision_gap_minutes", 4)]
        expect.append("RI-SEC-006")
    if i == 3:
        changes += [("seclusion.place_safety_checked", False)]
        expect.append("RI-SEC-005")
    add(kind, day, start, pupil_id="P-1023", school="URN-100003", changes=changes, expect=expect)

# one-off incidents, compliant and not
add("seclusion_restraint", D(2026, 4, 21), "10:15", sen="sen_support")
add("escort", D(2026, 4, 23), "12:35", sen="none")
add("guiding", D(2026, 4, 28), "09:50", sen="none")
add("none", D(2026, 4, 30), "14:00", sen="none")
add("escort", D(2026, 5, 6), "11:20", changes=[("location", None), ("antecedents", None)],
    expect=["RI-REC-001"])
add("restraint", D(2026, 5, 12), "15:10", changes=[("recorded_at", lambda r: ts(D(2026, 5, 13), "08:40"))],
    expect=["RI-REC-002"])
add("escort", D(2026, 5, 19), "10:25", changes=[("parent_report", None)], expect=["RI-PAR-001"])
add("restraint", D(2026, 6, 4), "13:40", pupil_id="P-1150",
    changes=[("parent_report", None), ("pupil.age_at_incident", 20)])  # aged 20: no parent report needed
add("seclusion_restraint", D(2026, 6, 8), "10:50",
    changes=[("parent_report", lambda r: {"made": False, "withheld": True, "covered": [],
                                          "withheld_reason": "Father's contact is subject to a court order; "
                                          "disclosure would be likely to result in significant harm.",
                                          "withheld_decided_by": "S-01"})],
    expect=["RI-PAR-006"])
add("escort", D(2026, 6, 11), "09:05",
    changes=[("parent_report", lambda r: {"made": False, "withheld": True, "covered": [],
                                          "withheld_reason": "Open section 47 enquiry; children's social "
                                          "care advised against contact.",
                                          "withheld_decided_by": "S-01",
                                          "local_authority_notified_at": ts(D(2026, 6, 11), "12:30")})])
add("escort", D(2026, 6, 15), "14:30", changes=[("parent_report.covered", ["when_where", "force_type"])],
    expect=["RI-PAR-007"])
add("seclusion_restraint", D(2026, 6, 18), "11:10", changes=[("seclusion.purpose", "other")],
    expect=["RI-SEC-001"])
add("seclusion_restraint", D(2026, 6, 22), "13:20", changes=[("seclusion.pupil_acting_with_intent", True)],
    expect=["RI-SEC-002"])
add("seclusion_restraint", D(2026, 6, 29), "10:30",
    changes=[("seclusion.prevented_leaving_by", "threat_of_punishment")], expect=["RI-SEC-003"])
add("seclusion_restraint", D(2026, 7, 1), "14:45",
    changes=[("seclusion.linked_sanction_id", "SAN-2026-0412"), ("seclusion.purpose", "disciplinary")],
    expect=["RI-SEC-001", "RI-SEC-004"])
add("escort", D(2026, 7, 6), "12:15", changes=[("force.purpose", "punishment")], expect=["RI-FOR-001"])
add("restraint", D(2026, 7, 8), "10:05",
    changes=[("force.pain_inducing", True), ("force.techniques", ["wrist_flexion"])],
    expect=["RI-FOR-002"])
add("restraint", D(2026, 7, 13), "11:50",
    changes=[("force.position", "ground_prone"), ("force.ground_hold_minutes", 3)],
    expect=["RI-FOR-003 (warning)"])
add("restraint", D(2026, 7, 15), "13:25",
    changes=[("force.position", "ground_supine"), ("force.ground_hold_minutes", 7),
             ("ended_at", lambda r: ts(D(2026, 7, 15), "13:25", 16))],
    expect=["RI-FOR-003 (error)"])
add("escort", D(2026, 9, 8), "09:45",
    changes=[("de_escalation", []), ("immediate_response_reason", None)], expect=["RI-REC-001", "RI-FOR-004"])
add("escort", D(2026, 9, 10), "10:10",
    changes=[("de_escalation", []),
             ("immediate_response_reason", "Pupil climbed onto the stair banister; no time to de-escalate.")])
add("restraint", D(2026, 9, 15), "11:35", changes=[("ended_at", lambda r: ts(D(2026, 9, 15), "11:35", 31))],
    expect=["RI-FOR-005"])
add("restraint", D(2026, 7, 2), "14:05", changes=[("staff", staff_list("S-19", "S-04"))],
    expect=["RI-FOR-006"])
add("seclusion_restraint", D(2026, 9, 17), "13:00",
    changes=[("post_incident.staff_debrief_at", lambda r: ts(D(2026, 9, 21), "15:30"))],
    expect=["RI-POST-001"])
add("escort", D(2026, 9, 24), "12:20", changes=[("ended_at", lambda r: ts(D(2026, 9, 24), "12:05"))],
    expect=["RI-DATA-001"])
add("guiding", D(2026, 10, 1), "08:55", sen="sen_support")
add("none", D(2026, 10, 14), "10:20", sen="ehcp")
add("seclusion_restraint", D(2026, 11, 3), "10:40", sen="ehcp")   # after the clocks change: +00:00
add("escort", D(2026, 11, 10), "15:05", changes=[("parent_report.method", "in_person")],
    expect=["RI-PAR-002"])
add("restraint", D(2026, 11, 12), "09:25", sen="sen_support")

# --- writing ------------------------------------------------------------------------------------------------------


def flatten(rec):
    row = {}
    for col in COLUMNS:
        node = rec
        for p in col.split("."):
            node = node.get(p) if isinstance(node, dict) else None
            if node is None:
                break
        row[col] = cell(col, node)
    return row


MALFORMED = [
    # an impossible date (31 June)
    ("INC-2026-9001", {"occurred_at": "2026-06-31T10:00:00+01:00"}),
    # a value that is not a boolean
    ("INC-2026-9002", {"force.used": "maybe"}),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    if "--expected" in sys.argv:
        for iid, e in EXPECTED.items():
            print(iid, ", ".join(e) or "compliant")
        return
    rows = [flatten(r) for r in INCIDENTS]
    # malformed rows: copies of a compliant escort with one bad cell, placed mid-file
    for k, (iid, bad) in enumerate(MALFORMED):
        template = dict(rows[13 + k])
        template["incident_id"] = iid
        template.update(bad)
        rows.insert(20 + k * 10, template)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    with open(os.path.join(OUT, "incidents.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    with open(os.path.join(OUT, "incidents.json"), "w", encoding="utf-8") as f:
        json.dump(INCIDENTS, f, indent=2, ensure_ascii=False)
        f.write("\n")
    fields = ["pupil.id", "sex", "ethnicity", "sen_status", "disability", "looked_after",
              "child_protection_plan", "fsm", "eal"]
    with open(os.path.join(OUT, "roster.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(fields)
        for p in ROSTER:
            w.writerow([cell(k, p[k]) for k in fields])
    with open(os.path.join(OUT, "expected-findings.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["incident_id", "expected"])
        for iid, e in EXPECTED.items():
            w.writerow([iid, ";".join(e) or "compliant"])
        for iid, _ in MALFORMED:
            w.writerow([iid, "rejected: malformed row"])
    print(f"wrote {len(rows)} CSV rows ({len(MALFORMED)} malformed), {len(INCIDENTS)} JSON records, "
          f"{len(ROSTER)} roster pupils to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
