"""Score an evaluation against the checklist: per domain, overall, verdict, action plan.

Pure functions over the checklist (content) and plain answers: no database, no
Flask. The method is the one stated on the result page:

- each applicable criterion answered earns `weight × points` of its answer, out
  of `weight`; « sans objet » (points null) leaves the score; unanswered
  questions are left out of the score and reported;
- a point of vigilance whose evidence status is a gap (« introuvable ») earns 0
  and counts as a gap, like « ne sait pas »;
- the verdict is the first of the scale's verdicts whose conditions hold.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .criteria import Checklist, Criterion, Domain
from .scale import Verdict

# Status of one criterion's answer, from best to worst.
OK, PARTIAL, EXCLUDED, NO, GAP, UNANSWERED = "ok", "partial", "excluded", "no", "gap", "unanswered"
TO_DO = (NO, GAP, PARTIAL, UNANSWERED)  # statuses that put a line in the action plan


@dataclass(frozen=True)
class Answer:
    value: str
    comment: str = ""
    evidence_reference: str = ""
    evidence_checked_on: dt.date | None = None
    evidence_status: str | None = None
    question: str = ""  # the wording when answered (kept for retired criteria)


@dataclass(frozen=True)
class CriterionRow:
    criterion: Criterion
    answer: Answer | None
    status: str
    earned: float
    possible: float


class Scored:
    """Score and completion of a set of rows (a domain or the whole evaluation)."""

    rows: list[CriterionRow]

    @property
    def earned(self) -> float:
        return sum(r.earned for r in self.rows)

    @property
    def possible(self) -> float:
        return sum(r.possible for r in self.rows)

    @property
    def score(self) -> float | None:
        return self.earned / self.possible if self.possible else None

    @property
    def answered(self) -> int:
        return sum(r.answer is not None for r in self.rows)


@dataclass(frozen=True)
class DomainScore(Scored):
    domain: Domain
    rows: list[CriterionRow]


@dataclass
class Result(Scored):
    category: str
    domains: list[DomainScore]
    verdict: Verdict
    reasons: list[str]  # the conditions of the verdict that held
    retired: dict[str, Answer] = field(default_factory=dict)  # answers to criteria not asked now

    @property
    def rows(self) -> list[CriterionRow]:
        return [row for d in self.domains for row in d.rows]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def completion(self) -> float:
        return self.answered / self.total if self.total else 0.0

    @property
    def vigilance_alerts(self) -> list[CriterionRow]:
        """Points of vigilance answered « non » or left as a gap, « non » first."""
        alerts = [r for r in self.rows if r.criterion.vigilance and r.status in (NO, GAP)]
        return sorted(alerts, key=lambda r: r.status != NO)

    @property
    def unanswered(self) -> list[CriterionRow]:
        return [r for r in self.rows if r.status == UNANSWERED]

    def action_plan(self) -> list[tuple[Domain, list[CriterionRow]]]:
        """One line per criterion not fully met, grouped by domain, vigilance first."""
        plan = []
        for d in self.domains:
            rows = [r for r in d.rows if r.status in TO_DO]
            if rows:
                plan.append((d.domain, sorted(rows, key=lambda r: (not r.criterion.vigilance,
                                                                   TO_DO.index(r.status)))))
        return plan


def classify(checklist: Checklist, criterion: Criterion,
             answer: Answer | None) -> tuple[str, float, float]:
    """(status, earned, possible) of one criterion."""
    if answer is None:
        return UNANSWERED, 0.0, 0.0
    choice = checklist.answers.get(answer.value)
    if choice is None or choice.points is None:
        return EXCLUDED, 0.0, 0.0
    evidence = checklist.evidence_statuses.get(answer.evidence_status or "")
    weight = criterion.weight
    if choice.gap or (criterion.vigilance and evidence is not None and evidence.gap):
        return GAP, 0.0, weight
    if choice.points >= 1:
        return OK, weight, weight
    if choice.points <= 0:
        return NO, 0.0, weight
    return PARTIAL, weight * choice.points, weight


def score(checklist: Checklist, category: str, answers: dict[str, Answer]) -> Result:
    """Score the answers of an evaluation of a tool of `category`."""
    asked = checklist.for_category(category)
    domains = []
    for domain in checklist.domains_for(category):
        rows = []
        for criterion in (c for c in asked if c.domain == domain.id):
            answer = answers.get(criterion.id)
            status, earned, possible = classify(checklist, criterion, answer)
            rows.append(CriterionRow(criterion, answer, status, earned, possible))
        domains.append(DomainScore(domain, rows))
    asked_ids = {c.id for c in asked}
    retired = {cid: a for cid, a in answers.items() if cid not in asked_ids}
    result = Result(category, domains, checklist.verdicts[-1], [], retired)
    result.verdict, result.reasons = verdict(checklist, result)
    return result


def verdict(checklist: Checklist, result: Result) -> tuple[Verdict, list[str]]:
    """The first verdict one of whose conditions holds (the last one otherwise)."""
    vigilance = [r for r in result.rows if r.criterion.vigilance]
    for candidate in checklist.verdicts[:-1]:
        held = []
        for condition in candidate.when:
            if condition == "vigilance-non":
                hit = any(r.status == NO for r in vigilance)
            elif condition == "vigilance-gap":
                hit = any(r.status in (GAP, PARTIAL, UNANSWERED) for r in vigilance)
            elif condition == "unanswered":
                hit = bool(result.unanswered)
            else:  # score-below; no score at all (nothing answered) is below any threshold
                hit = result.score is None or result.score < candidate.threshold
            if hit:
                held.append(condition)
        if held:
            return candidate, held
    return checklist.verdicts[-1], []
