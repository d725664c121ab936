"""Scoring stored tips: gathers what :func:`coldcase.review.scoring.score_tip` needs (the case's facts from the
case library, recent tips on the same case from the database, the configured weights) and stores the result.

Intake calls :func:`score_new_tip`; ``coldcase tips rescore`` calls :func:`rescore_all` after the weights change.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from coldcase.extensions import db
from coldcase.review.scoring import EarlierTip, Score, case_facts_from, score_tip
from coldcase.tips.models import Tip

#: How many earlier tips of the same case a new tip is compared with.
RECENT_TIPS = 200


def configured_weights() -> dict:
    """The ``TRIAGE_WEIGHTS`` setting (only the weights it changes; the rest keep their defaults)."""
    return dict(current_app.config.get("TRIAGE_WEIGHTS") or {})


def _case(case_id: str | None):
    if not case_id:
        return None
    from coldcase.cases.store import store_for

    return store_for(current_app).case(case_id)


def earlier_tips(tip: Tip, limit: int = RECENT_TIPS) -> list[EarlierTip]:
    """Up to ``limit`` tips on the same case that came before ``tip``, newest first (none for a general tip)."""
    if not tip.case_id:
        return []
    query = select(Tip.number, Tip.text).where(Tip.case_id == tip.case_id)
    if tip.id is not None:
        query = query.where(Tip.id < tip.id)
    rows = db.session.execute(query.order_by(Tip.id.desc()).limit(limit))
    return list(map(EarlierTip._make, rows))


def score_stored_tip(tip: Tip) -> Score:
    """Score ``tip`` (stored or about to be) against its case and the tips before it."""
    case = _case(tip.case_id)
    return score_tip(
        tip.text,
        tip.how_known,
        has_contact=tip.contact_encrypted is not None,
        has_attachment=bool(tip.attachments),
        case_facts=case_facts_from(case) if case is not None else None,
        earlier_tips=earlier_tips(tip),
        weights=configured_weights(),
    )


def apply_score(tip: Tip, score: Score) -> None:
    """Store ``score`` on ``tip``, its reasons as ``[points, code, detail]`` (such as ``[15, "case_place",
    "Stadsgracht"]``; the pages translate them, see :mod:`coldcase.review.reasons`)."""
    tip.triage_score = score.value
    tip.triage_reasons = score.reasons_as_stored()


def score_new_tip(tip: Tip) -> Score:
    """For intake: score a new tip and store the score on it. The returned score also answers to ``.score``
    and ``.reasons``."""
    score = score_stored_tip(tip)
    apply_score(tip, score)
    return score


def rescore_all(batch: int = 500) -> tuple[int, int]:
    """Score every stored tip again with today's weights and case facts; returns (tips, changed scores).
    Commits per batch, so a long run can be stopped and started again."""
    seen = changed = 0
    last_id = 0
    while True:
        tips = list(db.session.scalars(select(Tip).where(Tip.id > last_id).order_by(Tip.id).limit(batch)))
        if not tips:
            return seen, changed
        for tip in tips:
            before = (tip.triage_score, tip.triage_reasons)
            apply_score(tip, score_stored_tip(tip))
            seen += 1
            changed += (tip.triage_score, tip.triage_reasons) != before
        last_id = tips[-1].id
        db.session.commit()
