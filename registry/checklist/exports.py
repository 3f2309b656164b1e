"""An evaluation as data: the JSON record (API and export) and the rows of the CSV export."""
from __future__ import annotations

from ..models import Evaluation
from .criteria import Checklist
from .scoring import Result

CSV_COLUMNS = ("domaine", "critere", "question", "point_de_vigilance", "poids", "reponse",
               "commentaire", "preuve", "preuve_verifiee_le", "statut_preuve", "etat")


def scores_record(result: Result) -> dict:
    def pct(value):
        return None if value is None else round(value * 100, 1)

    return {
        "overall": pct(result.score),
        "completion": round(result.completion * 100, 1),
        "answered": result.answered,
        "questions": result.total,
        "domains": [{"id": d.domain.id, "title": d.domain.title, "score": pct(d.score),
                     "answered": d.answered, "questions": len(d.rows)} for d in result.domains],
        "verdict": {"id": result.verdict.id, "label": result.verdict.label,
                    "rule": result.verdict.rule, "conditions": result.reasons},
        "vigilance_alerts": [r.criterion.id for r in result.vigilance_alerts],
    }


def record(evaluation: Evaluation, checklist: Checklist, result: Result, share_url: str) -> dict:
    """Everything about an evaluation except its edit token."""
    answers = []
    for row in sorted(evaluation.answers, key=lambda r: r.id):
        day = row.evidence_checked_on
        answers.append({
            "criterion": row.criterion, "question": row.question, "value": row.value,
            "comment": row.comment, "retired": row.criterion in result.retired,
            "evidence": {"reference": row.evidence_reference,
                         "checked_on": day.isoformat() if day else None,
                         "status": row.evidence_status},
        })
    return {
        "tool_name": evaluation.tool_name,
        "category": evaluation.category,
        "role": evaluation.role,
        "criteria_version": evaluation.criteria_version,
        "current_criteria_version": checklist.version,
        "revision": evaluation.version,
        "created_at": evaluation.created_at.isoformat(),
        "updated_at": evaluation.updated_at.isoformat(),
        "share_url": share_url,
        "answers": answers,
        "scores": scores_record(result),
    }


def csv_rows(result: Result) -> list[list]:
    """One row per criterion asked (`CSV_COLUMNS`), then one per retired criterion that
    has an answer."""
    rows = [(d.domain.title, r.criterion.id, r.criterion.question, r.criterion.vigilance,
             f"{r.criterion.weight:g}", r.answer, r.status) for d in result.domains for r in d.rows]
    rows += [("", cid, answer.question, "", "", answer, "retired")
             for cid, answer in result.retired.items()]
    out = []
    for domain, cid, question, vigilance, weight, answer, status in rows:
        day = answer.evidence_checked_on if answer else None
        out.append([domain, cid, question, {True: "oui", False: "non"}.get(vigilance, ""),
                    weight, answer.value if answer else "", answer.comment if answer else "",
                    answer.evidence_reference if answer else "", day.isoformat() if day else "",
                    (answer.evidence_status or "") if answer else "", status])
    return out
