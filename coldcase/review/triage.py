"""Scoring stored tips: gathers what the pure scorer :func:`coldcase.tips.scoring.score_tip` needs (the case's
published text from the case library, its held-back facts and recent tips on the same case from the database,
the unit's weights) and stores the result.

Intake calls :func:`apply_triage_score`; ``coldcase tips rescore`` calls :func:`rescore_all` after the weights
change; ``coldcase tips score`` and ``fit-weights`` call :func:`score_text`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from coldcase.extensions import db
from coldcase.review import held_back
from coldcase.tips.duplicates import EarlierTip
from coldcase.tips.models import Tip
from coldcase.tips.published import published_facts_from_case
from coldcase.tips.scoring import Score, merged_weights, score_tip

log = logging.getLogger(__name__)

#: How many earlier tips of the same case a new tip is compared with.
RECENT_TIPS = 200
#: The weights ``coldcase tips fit-weights --apply`` wrote, in the instance folder.
FITTED_WEIGHTS_FILE = "triage_weights.json"


def fitted_weights_path() -> Path:
    """Where the unit's fitted weights are kept."""
    return Path(current_app.instance_path) / FITTED_WEIGHTS_FILE


def configured_weights() -> dict:
    """The weights in force: the fitted ones (if any), then the ``TRIAGE_WEIGHTS`` setting on top. Raises
    ValueError when the fitted file cannot be read."""
    fitted = {}
    path = fitted_weights_path()
    if path.exists():
        try:
            fitted = json.loads(path.read_text(encoding="utf-8")).get("weights", {})
        except (OSError, ValueError, AttributeError) as error:
            raise ValueError(f"{path.name} cannot be read ({error.__class__.__name__})") from None
    return merged_weights(fitted, current_app.config.get("TRIAGE_WEIGHTS") or {})


def case_for(case_id: str | None):
    """The loaded case ``case_id`` (None for a general tip or an unknown case)."""
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


def score_text(text: str, case_id: str | None, how_known: str | None = None, has_contact: bool = False,
               has_attachment: bool = False, earlier: list[EarlierTip] | None = None, weights=None) -> Score:
    """Score ``text`` against case ``case_id`` (published text, held-back facts, its latest tips unless
    ``earlier`` is given) without storing anything."""
    case = case_for(case_id)
    if earlier is None and case is not None:
        earlier = list(map(EarlierTip._make, db.session.execute(
            select(Tip.number, Tip.text).where(Tip.case_id == case.id).order_by(Tip.id.desc()).limit(RECENT_TIPS))))
    return score_tip(
        text, how_known, has_contact=has_contact, has_attachment=has_attachment,
        published=published_facts_from_case(case) if case is not None else None,
        held_back=held_back.for_scoring(case.id) if case is not None else (),
        earlier_tips=earlier or (),
        weights=configured_weights() if weights is None else weights,
    )


def score_stored_tip(tip: Tip, weights=None) -> Score:
    """Score ``tip`` (stored or about to be) against its case and the tips before it."""
    return score_text(tip.text, tip.case_id, tip.how_known, has_contact=tip.contact_encrypted is not None,
                      has_attachment=bool(tip.attachments), earlier=earlier_tips(tip), weights=weights)


def held_back_refs(reasons) -> list[str]:
    """The held-back facts (``#12``) that stored reasons name."""
    refs = []
    for reason in reasons or ():
        if isinstance(reason, (list, tuple)) and len(reason) == 3 and reason[1] == "held_back" and reason[2]:
            refs.extend(part.strip() for part in str(reason[2]).split(","))
    return refs


def apply_score(tip: Tip, score: Score) -> None:
    """Store ``score`` on ``tip``, its reasons as ``[points, code, detail]``; a newly matched held-back fact
    is written to the audit log."""
    before = set(held_back_refs(tip.triage_reasons))
    tip.triage_score = score.value
    tip.triage_reasons = score.reasons_as_stored()
    held_back.record_matches(tip, [ref for ref in held_back_refs(tip.triage_reasons) if ref not in before])


def score_new_tip(tip: Tip) -> Score:
    """Score a tip and store the score on it (intake, and a tip moved to another case)."""
    score = score_stored_tip(tip)
    apply_score(tip, score)
    return score


def apply_triage_score(tip: Tip) -> None:
    """For intake: fill ``tip.triage_score`` and ``tip.triage_reasons``. Scoring must never cost a tip: on a
    failure of the scorer they stay empty (``coldcase tips rescore`` fills them in later). A database error is
    passed on, so that intake spools the tip as it does for any database failure."""
    try:
        score_new_tip(tip)
    except SQLAlchemyError:
        raise
    except Exception as error:  # noqa: BLE001  (any bug in scoring must not lose the tip)
        tip.triage_score = None
        tip.triage_reasons = None
        log.warning("triage scoring failed (%s); the tip is stored unscored", error.__class__.__name__)


def graded_tips(weights) -> list:
    """Every graded tip (an outcome is set) as :class:`coldcase.tips.weightfit.GradedTip`, scored with
    ``weights`` as they stand today."""
    from coldcase.review.models import Outcome, TipReview
    from coldcase.tips.weightfit import GradedTip

    rows = db.session.execute(select(Tip, TipReview.outcome).join(TipReview, TipReview.tip_id == Tip.id)
                              .where(TipReview.outcome.is_not(None)).order_by(Tip.id))
    graded = []
    for tip, outcome in rows:
        score = score_stored_tip(tip, weights)
        graded.append(GradedTip(score.features, outcome != Outcome.NOT_USABLE.value, score.value))
    return graded


def rescore_all(batch: int = 500) -> tuple[int, int]:
    """Score every stored tip again with today's weights and case facts; returns (tips, changed scores).
    Commits per batch, so a long run can be stopped and started again."""
    weights = configured_weights()
    seen = changed = 0
    last_id = 0
    while True:
        tips = list(db.session.scalars(select(Tip).where(Tip.id > last_id).order_by(Tip.id).limit(batch)))
        if not tips:
            return seen, changed
        for tip in tips:
            before = (tip.triage_score, tip.triage_reasons)
            apply_score(tip, score_stored_tip(tip, weights))
            seen += 1
            changed += (tip.triage_score, tip.triage_reasons) != before
        last_id = tips[-1].id
        db.session.commit()
