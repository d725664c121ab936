"""The triage score at intake: a hook into the review workspace's pure scoring function.

``coldcase.review.scoring.score_tip`` belongs to the review workspace; when it is installed, every new tip gets
its score when it is stored. Without it the columns stay empty and the review workspace can score later.
"""

from __future__ import annotations

import importlib
import logging

from sqlalchemy import select

log = logging.getLogger(__name__)

#: How many earlier tips on the same case are compared for repeats.
EARLIER_TIPS = 50


def _scoring_module():
    try:
        return importlib.import_module("coldcase.review.scoring")
    except ImportError:
        return None


def _case_facts(module, case_id: str | None):
    if not case_id or not hasattr(module, "case_facts_from"):
        return None
    from coldcase.tips.attribution import current_library

    case = current_library().cases.get(case_id)
    return module.case_facts_from(case) if case is not None else None


def _earlier_tips(module, case_id: str | None):
    if not case_id or not hasattr(module, "EarlierTip"):
        return ()
    from coldcase.extensions import db
    from coldcase.tips.models import Tip

    rows = db.session.execute(
        select(Tip.number, Tip.text).where(Tip.case_id == case_id).order_by(Tip.id.desc()).limit(EARLIER_TIPS)
    )
    return [module.EarlierTip(number, text) for number, text in rows]


def apply_triage_score(tip) -> None:
    """Fill ``tip.triage_score`` and ``tip.triage_reasons`` with the review workspace's score, if it exists.

    A scorer that is missing or fails leaves the columns empty: scoring must never cost a tip. A database error
    while reading earlier tips is passed on (intake then spools the tip).
    """
    module = _scoring_module()
    score_tip = getattr(module, "score_tip", None)
    if score_tip is None:
        return
    earlier = _earlier_tips(module, tip.case_id)
    try:
        score = score_tip(
            text=tip.text,
            how_known=tip.how_known,
            has_contact=tip.contact_encrypted is not None,
            has_attachment=bool(tip.attachments),
            case_facts=_case_facts(module, tip.case_id),
            earlier_tips=earlier,
        )
        tip.triage_score = int(score.value)
        tip.triage_reasons = score.reasons_as_pairs()
    except Exception as error:  # noqa: BLE001
        log.warning("triage scoring failed (%s); the tip is stored unscored", error.__class__.__name__)
