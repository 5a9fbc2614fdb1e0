#!/usr/bin/env python3
"""The DfE pack's 25 record rules as one DuckDB SQL query over the canonical CSV.

    bench/.venv/bin/python bench/peers/duckdb_check.py bench/data/incidents-10k.csv [--threads N]
        [--findings OUT.csv]

Prints {"records": N, "violations": {rule: count}} as JSON. With --findings it also writes every
violation as (incident_id, rule) rows, as Precept lists each finding.

The translation keeps the pack's semantics: a missing value (empty cell) is SQL NULL, and a rule is
violated only when its `when` is TRUE and its `require` is FALSE; NULL in either is the pack's
"cannot evaluate", which SQL's three-valued AND/OR reproduce (CEL's && and || absorb an error the
same way NULL is absorbed: false && error = false, true || error = true). Where CEL would raise an
error that SQL would not (a ternary on a missing value, has() below a missing section), the SQL says
NULL explicitly. Calendar days are taken in Europe/London, the pack's time zone.
"""

import argparse
import json
import sys
import time

import duckdb

WRITTEN = "('email', 'letter', 'portal')"
CONTENTS = "['when_where', 'duration', 'force_type', 'injuries', 'rationale']"


def query(path, now_iso, params):
    def cols(prefix, names):
        return " OR ".join(f'"{prefix}.{n}" IS NOT NULL' for n in names)

    pupil = ["id", "name", "date_of_birth", "age_at_incident", "sex", "ethnicity", "sen_status",
             "disability", "looked_after", "child_protection_plan", "fsm", "eal", "support_plan"]
    force = ["used", "beyond_appropriate_contact", "used_to_implement", "techniques", "position",
             "ground_hold_minutes", "airway_breathing_circulation_affected", "pain_inducing", "purpose"]
    sec = ["place", "place_safety_checked", "prevented_leaving_by", "purpose", "pupil_dysregulated",
           "pupil_acting_with_intent", "linked_sanction_id", "supervision", "supervision_gap_minutes",
           "supervisors", "started_at", "risk_reduced_at", "released_at", "release_reason"]
    post = ["pupil_support_at", "staff_debrief_at", "plan_followed", "plan_not_followed_reason"]
    pr = ["made", "method", "sent_at", "covered", "record_copy_sent_at", "follow_up_invited_at",
          "withheld", "withheld_reason", "withheld_decided_by", "local_authority_notified_at"]
    p = params
    return f"""
WITH raw AS (
  SELECT * FROM read_csv('{path}', header = true, all_varchar = true, delim = ',', quote = '"',
                         escape = '"', nullstr = '')
),
typed AS (
  SELECT
    incident_id AS id,
    CAST(occurred_at AS TIMESTAMPTZ) AS occ,
    CAST(ended_at AS TIMESTAMPTZ) AS ended,
    location IS NOT NULL AS has_location,
    ({cols('pupil', pupil)}) AS has_pupil,
    "pupil.id" AS pupil_id,
    "pupil.sen_status" AS sen,
    CAST("pupil.date_of_birth" AS DATE) AS dob,
    CAST("pupil.age_at_incident" AS BIGINT) AS age_at,
    CAST("pupil.support_plan" AS BOOLEAN) AS support_plan,
    CAST(from_json(staff, '[{{"id": "VARCHAR", "trained_until": "DATE"}}]')
         AS STRUCT(id VARCHAR, trained_until DATE)[]) AS staff,
    string_split(interventions, ';') AS interventions,
    ({cols('force', force)}) AS has_force,
    CAST("force.used" AS BOOLEAN) AS f_used,
    CAST("force.beyond_appropriate_contact" AS BOOLEAN) AS f_beyond,
    string_split("force.used_to_implement", ';') AS f_uti,
    string_split("force.techniques", ';') AS f_tech,
    "force.position" AS f_position,
    CAST("force.airway_breathing_circulation_affected" AS BOOLEAN) AS f_abc,
    CAST("force.pain_inducing" AS BOOLEAN) AS f_pain,
    "force.purpose" AS f_purpose,
    antecedents IS NOT NULL AS has_antecedents,
    string_split(de_escalation, ';') AS de_escalation,
    immediate_response_reason IS NOT NULL AS has_irr,
    rationale IS NOT NULL AS has_rationale,
    ({cols('seclusion', sec)}) AS has_sec,
    CAST("seclusion.place_safety_checked" AS BOOLEAN) AS s_safe,
    "seclusion.prevented_leaving_by" AS s_plb,
    "seclusion.purpose" AS s_purpose,
    CAST("seclusion.pupil_dysregulated" AS BOOLEAN) AS s_dys,
    CAST("seclusion.pupil_acting_with_intent" AS BOOLEAN) AS s_intent,
    "seclusion.linked_sanction_id" IS NOT NULL AS s_has_linked,
    "seclusion.supervision" AS s_supervision,
    CAST("seclusion.supervision_gap_minutes" AS BIGINT) AS s_gap,
    CAST("seclusion.started_at" AS TIMESTAMPTZ) AS s_started,
    CAST("seclusion.risk_reduced_at" AS TIMESTAMPTZ) AS s_risk,
    CAST("seclusion.released_at" AS TIMESTAMPTZ) AS s_released,
    "seclusion.release_reason" IS NOT NULL AS s_has_reason,
    json_array_length(injuries) AS n_injuries,
    ({cols('post_incident', post)}) AS has_post,
    CAST("post_incident.pupil_support_at" AS TIMESTAMPTZ) AS pi_support,
    CAST("post_incident.staff_debrief_at" AS TIMESTAMPTZ) AS pi_debrief,
    CAST("post_incident.plan_followed" AS BOOLEAN) AS pi_followed,
    "post_incident.plan_not_followed_reason" IS NOT NULL AS pi_has_reason,
    CAST(recorded_at AS TIMESTAMPTZ) AS recorded,
    ({cols('parent_report', pr)}) AS has_pr,
    CAST("parent_report.made" AS BOOLEAN) AS pr_made,
    "parent_report.method" AS pr_method,
    CAST("parent_report.sent_at" AS TIMESTAMPTZ) AS pr_sent,
    string_split("parent_report.covered", ';') AS pr_covered,
    "parent_report.record_copy_sent_at" IS NOT NULL AS pr_has_copy,
    "parent_report.follow_up_invited_at" IS NOT NULL AS pr_has_follow_up,
    CAST("parent_report.withheld" AS BOOLEAN) AS pr_withheld,
    "parent_report.withheld_reason" IS NOT NULL AS pr_has_wreason,
    "parent_report.withheld_decided_by" IS NOT NULL AS pr_has_wdecided,
    "parent_report.local_authority_notified_at" IS NOT NULL AS pr_has_la
  FROM raw
),
days AS (
  SELECT *,
    CAST(timezone('Europe/London', occ) AS DATE) AS occ_day
  FROM typed
),
defs AS (
  SELECT *,
    has_force AND f_used AS force_used,
    -- has() below a section that is absent is an error in CEL (NULL here)
    CASE WHEN has_force THEN f_uti IS NOT NULL END AS has_f_uti,
    CASE WHEN has_sec THEN s_has_linked END AS has_s_linked,
    CASE WHEN has_sec THEN s_plb IS NOT NULL AND s_plb IN
      ('physical_obstruction', 'blocking', 'locked', 'threat_of_punishment')
      ELSE list_contains(interventions, 'seclusion') END AS seclusion,
    list_has_any(interventions,
      ['physical_restraint', 'mechanical_restraint', 'chemical_restraint', 'mobility_aid_removed'])
      AS restraint,
    CASE WHEN NOT has_pupil THEN NULL
         WHEN age_at IS NOT NULL THEN age_at
         ELSE year(occ_day) - year(dob)
              - CASE WHEN strftime(occ_day, '%m-%d') < strftime(dob, '%m-%d') THEN 1 ELSE 0 END
    END AS pupil_age,
    has_pr AND pr_withheld IS NOT NULL AND pr_withheld AS report_withheld,
    has_pr AND pr_made IS NOT NULL AND pr_made AS parent_report_made
  FROM days
),
defs2 AS (
  SELECT *,
    force_used AND has_f_uti AND len(f_uti) > 0 AS fii,
    pupil_age < 20 AND NOT report_withheld AS parents_must_be_told,
    force_used AND f_position IN ('ground_prone', 'ground_supine') AS ground_hold,
    -- untrained_staff: no trained_until, or trained_until before the day of the incident
    len(list_filter(staff, lambda s: s.trained_until IS NULL OR s.trained_until < occ_day))
      AS n_untrained,
    -- post_incident_issues: an element that cannot be worked out makes the list an error
    CASE WHEN has_post AND pi_support IS NOT NULL
         THEN CASE WHEN ended IS NULL THEN NULL
                   WHEN pi_support - ended > INTERVAL '{p['debrief_within']}' THEN 'late' ELSE '' END
         ELSE 'missing' END AS post_issue_1,
    CASE WHEN has_post AND pi_debrief IS NOT NULL
         THEN CASE WHEN ended IS NULL THEN NULL
                   WHEN pi_debrief - ended > INTERVAL '{p['debrief_within']}' THEN 'late' ELSE '' END
         ELSE 'missing' END AS post_issue_2
  FROM defs
),
defs3 AS (
  SELECT *,
    force_used AND (f_beyond OR fii) AS significant_incident
  FROM defs2
),
defs4 AS (
  SELECT *,
    significant_incident OR seclusion OR restraint AS in_scope
  FROM defs3
),
rules AS (
  SELECT id,
    -- RI-REC-001: a complete written record
    in_scope AS w_rec1,
    (has_pupil AND pupil_id IS NOT NULL) AND (has_pupil AND sen IS NOT NULL)
      AND (staff IS NOT NULL AND len(staff) > 0) AND has_location AND ended IS NOT NULL
      AND has_antecedents
      AND ((de_escalation IS NOT NULL AND len(de_escalation) > 0) OR has_irr)
      AND (interventions IS NOT NULL AND len(interventions) > 0)
      AND NOT (has_force AND f_used IS NOT NULL AND f_used
               AND NOT (f_tech IS NOT NULL AND len(f_tech) > 0))
      AND has_rationale AND (n_injuries IS NOT NULL AND n_injuries > 0)
      AND (has_post AND pi_support IS NOT NULL) AS r_rec1,
    -- RI-REC-002: recorded by the end of the incident's day (+ record_grace)
    in_scope AS w_rec2,
    recorded < timezone('Europe/London', CAST(occ_day + 1 AS TIMESTAMP))
               + INTERVAL '{p['record_grace']}' AS r_rec2,
    in_scope AND parents_must_be_told AS w_par1,
    parent_report_made AS r_par1,
    in_scope AND parents_must_be_told AND parent_report_made AS w_par2,
    pr_method IN {WRITTEN} AS r_par2,
    pr_sent - ended <= INTERVAL '{p['parent_report_within']}' AS r_par3,
    (seclusion OR restraint) AND parents_must_be_told AS w_par4,
    has_pr AND pr_has_copy AS r_par4,
    pr_has_follow_up AS r_par5,
    in_scope AND report_withheld AND pupil_age < 20 AS w_par6,
    pr_has_wreason AND pr_has_wdecided AND pr_has_la AS r_par6,
    CASE WHEN pr_covered IS NULL THEN NULL ELSE list_has_all(pr_covered, {CONTENTS}) END AS r_par7,
    seclusion AS w_sec,
    s_purpose = 'protect_others' AS r_sec1,
    s_dys AND NOT s_intent AS r_sec2,
    s_plb != 'threat_of_punishment' AS r_sec3,
    s_purpose != 'disciplinary' AND NOT has_s_linked AS r_sec4,
    s_safe AS r_sec5,
    s_supervision = 'continuous' AND s_gap = 0 AS r_sec6,
    CASE WHEN NOT has_sec THEN NULL
         ELSE s_released IS NOT NULL AND s_has_reason AND s_risk IS NOT NULL
              AND s_released - s_risk <= INTERVAL '{p['release_grace']}' END AS r_sec7,
    force_used AS w_for,
    f_purpose != 'punishment' AS r_for1,
    NOT f_abc AND NOT f_pain AS r_for2,
    NOT ground_hold AS r_for3,
    (de_escalation IS NOT NULL AND len(de_escalation) > 0) OR has_irr AS r_for4,
    restraint AS w_for5,
    ended - occ <= INTERVAL '{p['long_restraint']}' AS r_for5,
    n_untrained = 0 AS r_for6,
    in_scope AS w_post1,
    CASE WHEN post_issue_1 IS NULL OR post_issue_2 IS NULL THEN NULL
         ELSE post_issue_1 = '' AND post_issue_2 = '' END AS r_post1,
    in_scope AND support_plan AS w_post2,
    has_post AND pi_followed IS NOT NULL AND (pi_followed OR pi_has_reason) AS r_post2,
    -- RI-DATA-001: no impossible or future dates
    NOT ((ended IS NOT NULL AND ended < occ)
         OR occ > TIMESTAMPTZ '{now_iso}'
         OR (ended IS NOT NULL AND ended > TIMESTAMPTZ '{now_iso}')
         OR (recorded IS NOT NULL AND recorded > TIMESTAMPTZ '{now_iso}')
         OR (recorded IS NOT NULL AND recorded < occ)
         OR (has_pupil AND dob IS NOT NULL AND dob > occ_day)
         OR (has_sec AND s_started IS NOT NULL AND s_released IS NOT NULL AND s_released < s_started)
         OR (has_pr AND pr_sent IS NOT NULL AND pr_sent > TIMESTAMPTZ '{now_iso}')) AS r_data1,
    occ_day >= DATE '2026-04-01' AS in_period
  FROM defs4
),
violations AS (
  SELECT id, unnest(list_filter([
    CASE WHEN w_rec1 AND NOT r_rec1 THEN 'RI-REC-001' END,
    CASE WHEN w_rec2 AND NOT r_rec2 THEN 'RI-REC-002' END,
    CASE WHEN w_par1 AND NOT r_par1 THEN 'RI-PAR-001' END,
    CASE WHEN w_par2 AND NOT r_par2 THEN 'RI-PAR-002' END,
    CASE WHEN w_par2 AND NOT r_par3 THEN 'RI-PAR-003' END,
    CASE WHEN w_par4 AND NOT r_par4 THEN 'RI-PAR-004' END,
    CASE WHEN w_par2 AND NOT r_par5 THEN 'RI-PAR-005' END,
    CASE WHEN w_par6 AND NOT r_par6 THEN 'RI-PAR-006' END,
    CASE WHEN w_par2 AND NOT r_par7 THEN 'RI-PAR-007' END,
    CASE WHEN w_sec AND NOT r_sec1 THEN 'RI-SEC-001' END,
    CASE WHEN w_sec AND NOT r_sec2 THEN 'RI-SEC-002' END,
    CASE WHEN w_sec AND NOT r_sec3 THEN 'RI-SEC-003' END,
    CASE WHEN w_sec AND NOT r_sec4 THEN 'RI-SEC-004' END,
    CASE WHEN w_sec AND NOT r_sec5 THEN 'RI-SEC-005' END,
    CASE WHEN w_sec AND NOT r_sec6 THEN 'RI-SEC-006' END,
    CASE WHEN w_sec AND NOT r_sec7 THEN 'RI-SEC-007' END,
    CASE WHEN w_for AND NOT r_for1 THEN 'RI-FOR-001' END,
    CASE WHEN w_for AND NOT r_for2 THEN 'RI-FOR-002' END,
    CASE WHEN w_for AND NOT r_for3 THEN 'RI-FOR-003' END,
    CASE WHEN w_for AND NOT r_for4 THEN 'RI-FOR-004' END,
    CASE WHEN w_for5 AND NOT r_for5 THEN 'RI-FOR-005' END,
    CASE WHEN w_for AND NOT r_for6 THEN 'RI-FOR-006' END,
    CASE WHEN w_post1 AND NOT r_post1 THEN 'RI-POST-001' END,
    CASE WHEN w_post2 AND NOT r_post2 THEN 'RI-POST-002' END,
    CASE WHEN NOT r_data1 THEN 'RI-DATA-001' END
  ], lambda x: x IS NOT NULL)) AS rule
  FROM rules
  WHERE in_period
)
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--threads", type=int, default=0, help="DuckDB threads (0: DuckDB's default)")
    ap.add_argument("--findings", help="write (incident_id, rule) of every violation to this CSV")
    ap.add_argument("--now", help="the time of the run (ISO 8601); default: now")
    args = ap.parse_args()
    import datetime as dt
    now = args.now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    params = {"record_grace": "0 seconds", "parent_report_within": "24 hours",
              "release_grace": "5 minutes", "long_restraint": "20 minutes", "debrief_within": "48 hours"}
    con = duckdb.connect()
    if args.threads:
        con.execute(f"SET threads = {args.threads}")
    start = time.perf_counter()
    sql = query(args.csv.replace("'", "''"), now, params)
    con.execute(f"CREATE TEMP TABLE findings AS {sql} SELECT id, rule FROM violations")
    if args.findings:
        con.execute(f"COPY findings TO '{args.findings}' (HEADER, DELIMITER ',')")
    counts = dict(con.execute("SELECT rule, count(*) FROM findings GROUP BY rule ORDER BY rule").fetchall())
    json.dump({"peer": "duckdb", "seconds": time.perf_counter() - start, "violations": counts},
              sys.stdout)
    print()


if __name__ == "__main__":
    main()
