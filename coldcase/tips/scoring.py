"""The triage score at intake: every new tip is scored by the review workspace when it is stored.

Scoring must never cost a tip: a scorer that fails leaves the score empty (``coldcase tips rescore`` fills it in
later). A database error is passed on, so that intake spools the tip as it does for any database failure.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError

from coldcase.review.triage import score_new_tip

log = logging.getLogger(__name__)


def apply_triage_score(tip) -> None:
    """Fill ``tip.triage_score`` and ``tip.triage_reasons``; on a failure of the scorer, leave them empty."""
    try:
        score_new_tip(tip)
    except SQLAlchemyError:
        raise
    except Exception as error:  # noqa: BLE001  (any bug in scoring must not lose the tip)
        tip.triage_score = None
        tip.triage_reasons = None
        log.warning("triage scoring failed (%s); the tip is stored unscored", error.__class__.__name__)
