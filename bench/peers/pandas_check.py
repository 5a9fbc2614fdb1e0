#!/usr/bin/env python3
"""The DfE pack's 25 record rules as a hand-written pandas script over the canonical CSV.

    bench/.venv/bin/python bench/peers/pandas_check.py bench/data/incidents-10k.csv [--findings OUT.csv]

Prints {"violations": {rule: count}} as JSON. The script is what a data analyst would write:
read the CSV as text, convert the columns it needs, and compute each rule with vectorised
column operations (the staff JSON cell needs a per-row function). A missing value is NA and the
nullable "boolean" dtype gives Kleene logic (NA & False = False, NA | True = True), which matches
CEL's error absorption; a rule is violated only where `when` is True and `require` is False.
"""

import argparse
import datetime as dt
import json
import sys
import time

import numpy as np
import pandas as pd

LONDON = "Europe/London"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--findings")
    ap.add_argument("--now")
    args = ap.parse_args()
    now = pd.Timestamp(args.now) if args.now else pd.Timestamp.now(tz="UTC").floor("s")
    start = time.perf_counter()
    df = pd.read_csv(args.csv, dtype=str, keep_default_na=False, na_values=[""])
    n = len(df)

    def present(col):
        return pd.array(df[col].notna().to_numpy(), dtype="boolean")

    def any_present(prefix):
        cols = [c for c in df.columns if c.startswith(prefix + ".")]
        return pd.array(df[cols].notna().any(axis=1).to_numpy(), dtype="boolean")

    def boolean(col):
        s = df[col]
        out = pd.array(s.eq("true").to_numpy(), dtype="boolean")
        out[s.isna().to_numpy()] = pd.NA
        return out

    def ts(col):
        return pd.to_datetime(df[col], utc=True, format="ISO8601")

    def masked(values, valid):
        """A boolean array with NA where the inputs were missing."""
        out = pd.array(np.asarray(values, dtype=bool), dtype="boolean")
        out[~np.asarray(valid, dtype=bool)] = pd.NA
        return out

    def eq(col, value):
        s = df[col]
        return masked(s.eq(value).to_numpy(), s.notna().to_numpy())

    def isin(col, values):
        s = df[col]
        return masked(s.isin(values).to_numpy(), s.notna().to_numpy())

    def list_has(col, items):
        """Any of items in the ';'-joined list (NA where the list is missing)."""
        s = df[col]
        pattern = "(?:^|;)(?:" + "|".join(items) + ")(?:;|$)"
        return masked(s.str.contains(pattern, regex=True, na=False).to_numpy(), s.notna().to_numpy())

    def nonempty_list(col):
        return present(col)  # an empty cell is a missing list; a present cell has an item

    def le(delta, limit):
        return masked((delta <= limit).to_numpy(), delta.notna().to_numpy())

    def gt(delta, limit):
        return masked((delta > limit).to_numpy(), delta.notna().to_numpy())

    occ = ts("occurred_at")
    ended = ts("ended_at")
    recorded = ts("recorded_at")
    occ_local = occ.dt.tz_convert(LONDON)
    occ_day = occ_local.dt.strftime("%Y-%m-%d")
    has_pupil = any_present("pupil")
    has_force = any_present("force")
    has_sec = any_present("seclusion")
    has_post = any_present("post_incident")
    has_pr = any_present("parent_report")
    f_used = boolean("force.used")
    t = pd.array(np.ones(n, dtype=bool), dtype="boolean")

    # definitions
    force_used = has_force & f_used
    has_f_uti = present("force.used_to_implement")
    has_f_uti[~has_force.to_numpy(dtype=bool, na_value=False)] = pd.NA
    fii = force_used & has_f_uti & nonempty_list("force.used_to_implement")
    significant = force_used & (boolean("force.beyond_appropriate_contact") | fii)
    sec_def = present("seclusion.prevented_leaving_by") & isin(
        "seclusion.prevented_leaving_by", ["physical_obstruction", "blocking", "locked", "threat_of_punishment"])
    sec_by_list = list_has("interventions", ["seclusion"])
    has_sec_np = has_sec.to_numpy(dtype=bool, na_value=False)
    seclusion = sec_by_list.copy()
    seclusion[has_sec_np] = sec_def[has_sec_np]
    restraint = list_has("interventions", ["physical_restraint", "mechanical_restraint", "chemical_restraint",
                                           "mobility_aid_removed"])
    in_scope = significant | seclusion | restraint
    age_at = pd.to_numeric(df["pupil.age_at_incident"], errors="coerce")
    dob = df["pupil.date_of_birth"]
    derived = (occ_day.str[:4].astype(float) - dob.str[:4].astype(float)
               - (occ_day.str[5:] < dob.str[5:]).astype(float))
    pupil_age = age_at.where(age_at.notna(), derived)
    pupil_age = pupil_age.where(has_pupil.to_numpy(dtype=bool, na_value=False))
    under_20 = masked((pupil_age < 20).to_numpy(), pupil_age.notna().to_numpy())
    report_withheld = has_pr & present("parent_report.withheld") & boolean("parent_report.withheld")
    pmbt = under_20 & ~report_withheld
    prm = has_pr & present("parent_report.made") & boolean("parent_report.made")

    # untrained staff: a per-row function over the JSON cell
    def n_untrained(cell, day):
        if not isinstance(cell, str):
            return np.nan
        return sum(1 for s in json.loads(cell) if not s.get("trained_until") or s["trained_until"] < day)

    untrained = pd.Series([n_untrained(c, d) for c, d in zip(df["staff"], occ_day)], dtype=float)
    n_injuries = df["injuries"].map(lambda c: len(json.loads(c)) if isinstance(c, str) else 0)

    # rules: (id, when, require)
    checks = {}
    deesc = present("de_escalation") | present("immediate_response_reason")
    checks["RI-REC-001"] = (in_scope, (
        has_pupil & present("pupil.id") & has_pupil & present("pupil.sen_status")
        & present("staff") & present("location") & present("ended_at") & present("antecedents")
        & deesc & present("interventions")
        & ~(has_force & present("force.used") & f_used & ~present("force.techniques"))
        & present("rationale") & masked((n_injuries > 0).to_numpy(), np.ones(n, bool))
        & has_post & present("post_incident.pupil_support_at")))
    next_midnight = pd.to_datetime(
        (pd.to_datetime(occ_day) + pd.Timedelta(days=1))).dt.tz_localize(LONDON).dt.tz_convert("UTC")
    checks["RI-REC-002"] = (in_scope, masked((recorded < next_midnight).to_numpy(), recorded.notna().to_numpy()))
    checks["RI-PAR-001"] = (in_scope & pmbt, prm)
    w_par = in_scope & pmbt & prm
    checks["RI-PAR-002"] = (w_par, isin("parent_report.method", ["email", "letter", "portal"]))
    checks["RI-PAR-003"] = (w_par, le(ts("parent_report.sent_at") - ended, pd.Timedelta(hours=24)))
    checks["RI-PAR-004"] = ((seclusion | restraint) & pmbt, has_pr & present("parent_report.record_copy_sent_at"))
    checks["RI-PAR-005"] = (w_par, present("parent_report.follow_up_invited_at"))
    checks["RI-PAR-006"] = (in_scope & report_withheld & under_20,
                            present("parent_report.withheld_reason") & present("parent_report.withheld_decided_by")
                            & present("parent_report.local_authority_notified_at"))
    covered = df["parent_report.covered"]
    all_covered = covered.map(
        lambda c: set(c.split(";")) >= {"when_where", "duration", "force_type", "injuries", "rationale"}
        if isinstance(c, str) else False)
    checks["RI-PAR-007"] = (w_par, masked(all_covered.to_numpy(), covered.notna().to_numpy()))
    has_linked = present("seclusion.linked_sanction_id")
    has_linked[~has_sec_np] = pd.NA
    gap = pd.to_numeric(df["seclusion.supervision_gap_minutes"], errors="coerce")
    released = ts("seclusion.released_at")
    risk = ts("seclusion.risk_reduced_at")
    sec7 = (present("seclusion.released_at") & present("seclusion.release_reason")
            & present("seclusion.risk_reduced_at") & le(released - risk, pd.Timedelta(minutes=5)))
    sec7[~has_sec_np] = pd.NA
    checks["RI-SEC-001"] = (seclusion, eq("seclusion.purpose", "protect_others"))
    checks["RI-SEC-002"] = (seclusion, boolean("seclusion.pupil_dysregulated")
                            & ~boolean("seclusion.pupil_acting_with_intent"))
    checks["RI-SEC-003"] = (seclusion, ~eq("seclusion.prevented_leaving_by", "threat_of_punishment"))
    checks["RI-SEC-004"] = (seclusion, ~eq("seclusion.purpose", "disciplinary") & ~has_linked)
    checks["RI-SEC-005"] = (seclusion, boolean("seclusion.place_safety_checked"))
    checks["RI-SEC-006"] = (seclusion, eq("seclusion.supervision", "continuous")
                            & masked((gap == 0).to_numpy(), gap.notna().to_numpy()))
    checks["RI-SEC-007"] = (seclusion, sec7)
    checks["RI-FOR-001"] = (force_used, ~eq("force.purpose", "punishment"))
    checks["RI-FOR-002"] = (force_used, ~boolean("force.airway_breathing_circulation_affected")
                            & ~boolean("force.pain_inducing"))
    ground_hold = force_used & isin("force.position", ["ground_prone", "ground_supine"])
    checks["RI-FOR-003"] = (force_used, ~ground_hold)
    checks["RI-FOR-004"] = (force_used, deesc)
    checks["RI-FOR-005"] = (restraint, le(ended - occ, pd.Timedelta(minutes=20)))
    checks["RI-FOR-006"] = (force_used, masked((untrained == 0).to_numpy(), untrained.notna().to_numpy()))

    def post_issue(col):
        at = ts(col)
        ok = has_post.to_numpy(dtype=bool, na_value=False) & at.notna().to_numpy()
        late = (at - ended) > pd.Timedelta(hours=48)
        # present: NA when ended is missing, else late or not; absent: an issue
        issue = np.where(ok, late.to_numpy(), True)
        valid = ~ok | ended.notna().to_numpy()
        return issue, valid

    # a list literal with an element that cannot be worked out is itself an error (NA), even when
    # another element is an issue
    i1, v1 = post_issue("post_incident.pupil_support_at")
    i2, v2 = post_issue("post_incident.staff_debrief_at")
    checks["RI-POST-001"] = (in_scope, masked(~(i1 | i2), v1 & v2))
    checks["RI-POST-002"] = (in_scope & boolean("pupil.support_plan"),
                             has_post & present("post_incident.plan_followed")
                             & (boolean("post_incident.plan_followed")
                                | present("post_incident.plan_not_followed_reason")))
    started = ts("seclusion.started_at")
    sent = ts("parent_report.sent_at")
    issues = ((ended.notna() & (ended < occ)) | (occ > now) | (ended.notna() & (ended > now))
              | (recorded.notna() & (recorded > now)) | (recorded.notna() & (recorded < occ))
              | (has_pupil.to_numpy(dtype=bool, na_value=False) & dob.notna() & (dob > occ_day))
              | (has_sec_np & started.notna() & released.notna() & (released < started))
              | (has_pr.to_numpy(dtype=bool, na_value=False) & sent.notna() & (sent > now)))
    checks["RI-DATA-001"] = (t, masked(~issues.to_numpy(), np.ones(n, bool)))

    in_period = (occ_day >= "2026-04-01").to_numpy()
    counts = {}
    frames = []
    for rule, (when, require) in checks.items():
        violated = (when & ~require).to_numpy(dtype=bool, na_value=False) & in_period
        counts[rule] = int(violated.sum())
        if args.findings:
            frames.append(pd.DataFrame({"id": df["incident_id"][violated], "rule": rule}))
    if args.findings:
        pd.concat(frames).to_csv(args.findings, index=False)
    json.dump({"peer": "pandas", "seconds": time.perf_counter() - start,
               "violations": {k: v for k, v in counts.items() if v}}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
