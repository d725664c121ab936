"""Why a tip scored as it did, for its page: the words of the tip that the score counted as new, as published
and as held back (to highlight in the text), and the held-back facts its reasons name, in words for
investigators of the case's unit only (everyone else sees that a fact matched, not which)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from coldcase.audit import service as audit
from coldcase.review import held_back, triage
from coldcase.tips.published import published_facts_from_case
from coldcase.tips.scoring import score_tip


@dataclass(frozen=True)
class Explanation:
    """``pieces``: the tip's text cut into ``(text, kind)``, kind None or new/published/held_back. ``reasons``:
    the stored reasons with held-back facts named for those who may read them. ``unit_member``: the viewer
    belongs to the case's unit; ``named_held_back``: facts were named (an audit event waits in the session)."""

    pieces: list[tuple[str, str | None]]
    reasons: list
    unit_member: bool
    named_held_back: bool = False


def pieces_of(text: str, highlights) -> list[tuple[str, str | None]]:
    """``text`` cut at the highlights (which do not overlap once sorted; a later one inside an earlier one is
    left out)."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for highlight in sorted(highlights, key=lambda h: (h.start, -h.end)):
        if highlight.start < position or highlight.end > len(text):
            continue
        if highlight.start > position:
            pieces.append((text[position:highlight.start], None))
        pieces.append((text[highlight.start:highlight.end], highlight.kind))
        position = highlight.end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def explain(tip, user) -> Explanation:
    """The explanation of ``tip``'s score as ``user`` may see it; naming held-back facts is audited."""
    case = triage.case_for(tip.case_id)
    member = held_back.may_read(user, case)
    facts = held_back.for_scoring(case.id) if member else ()
    published = published_facts_from_case(case) if case is not None else None
    # Scored again only to find the words; the stored score and reasons stay as they are.
    highlights = score_tip(tip.text, tip.how_known, False, False, published, facts).highlights
    labels = {fact.ref: fact.label for fact in facts}
    reasons = []
    named = []
    for reason in tip.triage_reasons or []:
        if isinstance(reason, (list, tuple)) and len(reason) == 3 and reason[1] == "held_back":
            refs = [ref.strip() for ref in str(reason[2] or "").split(",") if ref.strip()]
            if member:
                named.extend(refs)
                detail = ", ".join(labels.get(ref, _("a fact since removed")) for ref in refs)
            else:
                detail = _("only investigators of %(unit)s see which", unit=case.unit if case else "")
            reason = [reason[0], reason[1], detail]
        reasons.append(reason)
    if named:
        audit.record(user, held_back.HELD_BACK_VIEWED, audit.tip_target(tip), {"refs": list(named)})
    return Explanation(pieces_of(tip.text, highlights), reasons, member, bool(named))
