"""The anonymous conversation about a tip: the tipster (through the status page) and staff (through the review
workspace) add messages here. These functions add to the session; the caller commits, once, at the end of its
request.

A tipster's message on any tip, closed or not, marks it unread and puts it back in the investigators' queue
(a closed tip is reopened, with the reason in its history): an answer is never left unread. Messages keep the
time they were written: staff replies to the minute, the tipster's to the hour only (a time of day to the minute
could single a tipster out, as the tip itself keeps its day only).
"""

from __future__ import annotations

import datetime
import hmac

from sqlalchemy import select

from coldcase.extensions import db
from coldcase.tips import receipts
from coldcase.tips.models import Tip, TipMessage, today
from coldcase.tips.rules import MAX_MESSAGE, check_text, tidy


class MessageError(ValueError):
    """A message that cannot be added; ``code`` is ``required``, ``too_long`` or ``unreadable``."""

    def __init__(self, code: str) -> None:
        super().__init__(f"the message is {code.replace('_', ' ')}")
        self.code = code


def _checked(body: str) -> str:
    problem = check_text(body, required=True, limit=MAX_MESSAGE)
    if problem:
        raise MessageError(problem)
    return tidy(body)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def add_tipster_message(tip: Tip, body: str) -> TipMessage:
    """Add the tipster's answer or new information to ``tip``: the tip becomes unread, waits for the team, and
    goes back into the queue if it was closed. Raises :class:`MessageError` for a bad body."""
    from coldcase.audit import service as audit
    from coldcase.review.grading import reopen_for_tipster

    hour = _now().replace(minute=0, second=0, microsecond=0)
    message = TipMessage(author="tipster", body=_checked(body), created_at=today(), sent_at=hour)
    tip.messages.append(message)
    tip.unread = True
    tip.waiting_for = "us"
    audit.record("tipster", audit.TIP_MESSAGE, audit.tip_target(tip), {}, at=hour)
    reopen_for_tipster(tip, hour)
    return message


def add_staff_message(tip: Tip, user, body: str) -> TipMessage:
    """Add the reply of staff member ``user`` to ``tip``; the tipster reads it on the status page.

    Raises :class:`MessageError` for an empty, too long or unreadable body.
    """
    moment = _now().replace(second=0, microsecond=0)
    message = TipMessage(author="staff", staff_user_id=user.id, body=_checked(body), created_at=today(),
                         sent_at=moment)
    tip.messages.append(message)
    tip.waiting_for = "tipster"
    return message


#: Hash of a code that matches no tip: a malformed code costs the same work as a well-formed one.
_NO_CODE = "0" * 16


def find_tip_by_code(typed: str) -> Tip | None:
    """The tip whose receipt code was typed, or ``None``. A right and a wrong code cost the same slow hashes
    (one per parameter set in use, see :func:`coldcase.tips.receipts.lookup_hashes`) and one indexed query."""
    code = receipts.normalize_code(typed or "")
    digests = receipts.lookup_hashes(code or _NO_CODE)
    tip = db.session.scalar(select(Tip).where(Tip.receipt_hash.in_(digests)))
    # Constant-time compare as well, although the lookup already decided: it keeps the two paths alike.
    if tip is None or code is None or not any(hmac.compare_digest(tip.receipt_hash, d) for d in digests):
        return None
    if not receipts.is_current(tip.receipt_hash):
        # A code issued with the old, costlier parameters: store its hash with today's (the code is at hand).
        # The caller commits.
        tip.receipt_hash = digests[0]
    return tip


def visible_messages(tip: Tip) -> list[TipMessage]:
    """The conversation as the tipster sees it, oldest first."""
    return sorted(tip.messages, key=lambda message: message.id or 0)
