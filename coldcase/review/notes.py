"""Private notes and replies to the tipster. Notes stay inside the team; replies go to the tipster's status page
through intake's conversation service. Both are audited; neither changes the review's version (adding a line
never overwrites a colleague's work). The caller commits."""

from __future__ import annotations

from flask_babel import format_number
from flask_babel import gettext as _
from sqlalchemy import select

from coldcase.audit import service as audit
from coldcase.auth.models import User
from coldcase.extensions import db
from coldcase.review.models import TipNote
from coldcase.tips.conversation import add_staff_message
from coldcase.tips.models import Tip, TipMessage

MAX_NOTE = 10_000


class NoteError(ValueError):
    """A note that cannot be added; the message is meant for the investigator."""


def add_note(tip: Tip, user: User, body: str) -> TipNote:
    """Add a private note by ``user``. Raises NoteError for an empty or too long note."""
    body = (body or "").strip()
    if not body:
        raise NoteError(_("Write the note first."))
    if len(body) > MAX_NOTE:
        raise NoteError(_("A note can have at most %(num)s characters.", num=format_number(MAX_NOTE)))
    note = TipNote(tip_id=tip.id, author_id=user.id, body=body)
    db.session.add(note)
    audit.record(user, audit.TIP_NOTE, audit.tip_target(tip), {})
    return note


def notes_of(tip: Tip) -> list[TipNote]:
    """The tip's private notes, oldest first, with their authors (one query)."""
    return list(db.session.scalars(select(TipNote).where(TipNote.tip_id == tip.id).order_by(TipNote.id)))


def reply(tip: Tip, user: User, body: str) -> TipMessage:
    """Send ``user``'s reply to the tipster. Raises intake's MessageError for an empty, too long or unreadable
    reply. The audit keeps that a reply was sent, not its text (the conversation holds that)."""
    message = add_staff_message(tip, user, body)
    audit.record(user, audit.TIP_REPLIED, audit.tip_target(tip), {})
    return message
