"""Writing and reading the audit log. :func:`record` is the only writer; nothing updates or deletes a row.

``record`` adds the event to the current database session and does not commit: the event is stored with the
change it describes, in the same transaction, or not at all. An event is a code (the constants below) and
parameters (plain JSON data); :mod:`coldcase.audit.describe` says it in the reader's language.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from coldcase.audit.models import AuditEvent
from coldcase.extensions import db


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or remove an audit event."""


# What is recorded. Other features may use their own action names; these are the ones the app writes.
LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGIN_SECOND_FACTOR_FAILED = "login_2fa_failed"
LOGOUT = "logout"
PASSWORD_CHANGED = "password_changed"
TWO_FACTOR_ENROLLED = "2fa_enrolled"
RECOVERY_CODES_MADE = "2fa_recovery_codes"
RECOVERY_CODE_USED = "2fa_recovery_code_used"
TIP_VIEWED = "tip_viewed"
TIP_ENTERED = "tip_entered"
TIP_GRADED = "tip_graded"
TIP_STATUS = "tip_status"
TIP_ASSIGNED = "tip_assigned"
TIP_REPLIED = "tip_replied"
TIP_NOTE = "tip_note"
TIP_TAGGED = "tip_tagged"
TIP_LINKED = "tip_linked"
TIP_MOVED = "tip_moved"
TIP_PURGED = "tip_purged"
TIP_MESSAGE = "tip_message"
TIPS_RESCORED = "tips_rescored"
TIPS_IMPORTED = "tips_imported"
CALENDAR_BUILT = "calendar_built"
CALENDAR_DOWNLOADED = "calendar_downloaded"
EXPORT = "export"
USER_CREATED = "user_created"
USER_ROLES = "user_roles"
USER_DISABLED = "user_disabled"
USER_ENABLED = "user_enabled"
USER_PASSWORD_RESET = "user_password_reset"
USER_2FA_RESET = "user_2fa_reset"


def record(actor, action: str, target: str = "", params: dict | str | None = None, *,
           at: datetime | None = None) -> AuditEvent:
    """Add an audit event to the session (the caller commits). ``actor`` is a user, or a string such as
    ``"system"``, ``"command line"`` or ``"tipster"`` for work nobody signed in for, or None for an unknown
    person. ``params`` is the event's detail as JSON data (say it with :mod:`coldcase.audit.describe`); a
    string is kept as a sentence, as older code wrote it. ``at`` is for events whose time must be coarse (a
    tipster's message is kept to the hour)."""
    if actor is None:
        actor_id, label = None, "unknown"
    elif isinstance(actor, str):
        actor_id, label = None, actor
    else:
        actor_id, label = actor.id, actor.email
    detail, data = (params, None) if isinstance(params, str) else ("", dict(params or {}))
    entry = AuditEvent(actor_id=actor_id, actor_label=label[:254], action=action, target=target[:120],
                       detail=detail, params=data)
    if at is not None:
        entry.at = at
    db.session.add(entry)
    return entry


def tip_target(tip) -> str:
    """The audit target of a tip: its number, which staff use when they talk about it."""
    return f"tip:{tip.number}"


@dataclass(frozen=True)
class AuditFilter:
    """What the admin's audit page narrows the log to; empty fields do not narrow."""

    action: str = ""
    actor: str = ""
    target: str = ""
    since: datetime | None = None
    until: datetime | None = None


def _filtered(query, wanted: AuditFilter):
    if wanted.action:
        query = query.where(AuditEvent.action == wanted.action)
    if wanted.actor:
        query = query.where(func.lower(AuditEvent.actor_label).contains(wanted.actor.strip().lower(),
                                                                         autoescape=True))
    if wanted.target:
        query = query.where(AuditEvent.target.contains(wanted.target.strip(), autoescape=True))
    if wanted.since:
        query = query.where(AuditEvent.at >= wanted.since)
    if wanted.until:
        query = query.where(AuditEvent.at < wanted.until)
    return query


def events(wanted: AuditFilter = AuditFilter(), page: int = 1, per_page: int = 100):
    """One page of the log, newest first (a Flask-SQLAlchemy pagination)."""
    query = _filtered(select(AuditEvent), wanted).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def events_for_target(target: str, actions: tuple[str, ...] | None = None) -> list[AuditEvent]:
    """Every event about one record, oldest first (a tip's timeline is built from these)."""
    query = select(AuditEvent).where(AuditEvent.target == target)
    if actions:
        query = query.where(AuditEvent.action.in_(actions))
    return list(db.session.scalars(query.order_by(AuditEvent.at, AuditEvent.id)))


def known_actions(also=()) -> list[str]:
    """The action names present in the log and ``also`` (the codes the app knows), for the filter's choices."""
    present = set(db.session.scalars(select(AuditEvent.action).distinct()))
    return sorted(present | set(also))


CSV_COLUMNS = ("at", "actor", "action", "target", "detail", "params")


def _cell(value: str) -> str:
    # A cell starting with = + - @ is a formula to a spreadsheet; a tip's text must never run as one.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_rows(wanted: AuditFilter = AuditFilter(), batch: int = 1000, describe=None) -> Iterator[str]:
    """The filtered log as CSV text, a header line then one line per event, oldest first, read in batches so
    a long log is never held in memory. ``detail`` is ``describe(event)`` (the stored sentence without it);
    ``params`` the event's parameters as JSON."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield buffer.getvalue()
    last_id = 0
    while True:
        query = _filtered(select(AuditEvent), wanted).where(AuditEvent.id > last_id)
        chunk = list(db.session.scalars(query.order_by(AuditEvent.id).limit(batch)))
        if not chunk:
            return
        buffer.seek(0)
        buffer.truncate()
        for entry in chunk:
            detail = describe(entry) if describe else entry.detail
            params = "" if entry.params is None else json.dumps(entry.params, ensure_ascii=False, sort_keys=True)
            writer.writerow([entry.at.isoformat(), _cell(entry.actor_label), entry.action, _cell(entry.target),
                             _cell(detail), _cell(params)])
        yield buffer.getvalue()
        last_id = chunk[-1].id


# --- append-only, enforced in the app ---------------------------------------------------------------------------


@event.listens_for(Session, "before_flush")
def _refuse_changes(session: Session, flush_context, instances) -> None:
    for instance in session.deleted:
        if isinstance(instance, AuditEvent):
            raise AuditLogIsAppendOnly("audit events cannot be deleted")
    for instance in session.dirty:
        if isinstance(instance, AuditEvent) and session.is_modified(instance):
            raise AuditLogIsAppendOnly("audit events cannot be changed")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state) -> None:
    statement = state.statement
    # ORM statements carry an annotated copy of the table, so compare by name.
    if (state.is_update or state.is_delete) and getattr(statement.table, "name", None) == AuditEvent.__tablename__:
        raise AuditLogIsAppendOnly("audit events cannot be changed or deleted")
