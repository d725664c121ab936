"""The anonymous conversation about a tip: the tipster (through the status page) and staff (through the review
workspace) add messages here. These functions add to the session; the caller commits, once, at the end of its
request."""

from __future__ import annotations

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


def add_tipster_message(tip: Tip, body: str) -> TipMessage:
    """Add the tipster's answer or new information to ``tip``. Raises :class:`MessageError` for a bad body."""
    message = TipMessage(author="tipster", body=_checked(body), created_at=today())
    tip.messages.append(message)
    return message


def add_staff_message(tip: Tip, user, body: str) -> TipMessage:
    """Add the reply of staff member ``user`` to ``tip``; the tipster reads it on the status page.

    Raises :class:`MessageError` for an empty, too long or unreadable body.
    """
    message = TipMessage(author="staff", staff_user_id=user.id, body=_checked(body), created_at=today())
    tip.messages.append(message)
    return message


def visible_messages(tip: Tip) -> list[TipMessage]:
    """The conversation as the tipster sees it, oldest first."""
    return sorted(tip.messages, key=lambda message: message.id or 0)
