"""The canonical incident record as CSV (shared/design/incident-record.md): its columns in
schema order, which cells hold JSON, and how a value is written in a cell. Shared by
scripts/make-examples.py (the DfE pack's examples) and bench/generate.py (benchmark exports)."""

import datetime as dt
import json

COLUMNS = [
    "incident_id", "school_id", "occurred_at", "ended_at", "location",
    "pupil.id", "pupil.name", "pupil.date_of_birth", "pupil.age_at_incident", "pupil.sex",
    "pupil.ethnicity", "pupil.sen_status", "pupil.disability", "pupil.looked_after",
    "pupil.child_protection_plan", "pupil.fsm", "pupil.eal", "pupil.support_plan",
    "staff", "interventions",
    "force.used", "force.beyond_appropriate_contact", "force.used_to_implement", "force.techniques",
    "force.position", "force.ground_hold_minutes", "force.airway_breathing_circulation_affected",
    "force.pain_inducing", "force.purpose",
    "antecedents", "triggers", "de_escalation", "immediate_response_reason", "rationale",
    "seclusion.place", "seclusion.place_safety_checked", "seclusion.prevented_leaving_by",
    "seclusion.purpose", "seclusion.pupil_dysregulated", "seclusion.pupil_acting_with_intent",
    "seclusion.linked_sanction_id", "seclusion.supervision", "seclusion.supervision_gap_minutes",
    "seclusion.supervisors", "seclusion.started_at", "seclusion.risk_reduced_at",
    "seclusion.released_at", "seclusion.release_reason",
    "injuries",
    "post_incident.pupil_support_at", "post_incident.staff_debrief_at",
    "post_incident.plan_followed", "post_incident.plan_not_followed_reason",
    "recorded_by", "recorded_at",
    "parent_report.made", "parent_report.method", "parent_report.sent_at", "parent_report.covered",
    "parent_report.record_copy_sent_at", "parent_report.follow_up_invited_at",
    "parent_report.withheld", "parent_report.withheld_reason", "parent_report.withheld_decided_by",
    "parent_report.local_authority_notified_at",
]

# Lists of objects: JSON text in one CSV cell.
JSON_CELLS = {"staff", "injuries"}


def offset(day):
    """UK offset on a 2026 date: BST from 29 March to 24 October."""
    return "+01:00" if dt.date(2026, 3, 29) <= day < dt.date(2026, 10, 25) else "+00:00"


def cell(col, v):
    """A value as the text of its CSV cell: empty for missing, JSON for lists of objects,
    `true`/`false`, lists joined with `;`."""
    if v is None:
        return ""
    if col in JSON_CELLS:
        return json.dumps(v, separators=(", ", ": "))
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, list):
        return ";".join(v)
    return str(v)
