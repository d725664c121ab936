"""The audit log for admins: read it, filter it, export it as CSV (the export is itself audited)."""

from __future__ import annotations

import datetime

from flask import Blueprint, Response, abort, render_template, request, stream_with_context
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user

from coldcase.audit import service as audit
from coldcase.audit.describe import ACTION_LABELS, action_label, actor_name, describe
from coldcase.auth.access import role_required
from coldcase.auth.models import Role
from coldcase.extensions import db

bp = Blueprint("audit", __name__, url_prefix="/staff/audit")

#: The highest page of the log asked for; a bigger page number shows this (empty) page. The database must
#: never see an offset beyond its integers.
MAX_PAGE = 100_000


def _day(value: str | None) -> datetime.datetime | None:
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        return None
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


class BadFilter(ValueError):
    """A filter that cannot be searched; the message is for the admin."""


def _text(name: str, limit: int) -> str:
    """A filter field as text. Control characters (a NUL, which PostgreSQL refuses in text) are no part of any
    email, code or record name: such a filter is refused with a message rather than searched."""
    value = request.args.get(name, "")[:limit]
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise BadFilter(_("A filter contains control characters; remove them and try again."))
    return value


def _wanted() -> audit.AuditFilter:
    until = _day(request.args.get("until"))
    return audit.AuditFilter(
        action=_text("action", 40),
        actor=_text("actor", 254),
        target=_text("target", 120),
        since=_day(request.args.get("since")),
        until=until + datetime.timedelta(days=1) if until else None,  # "until" includes that day
    )


@bp.route("/")
@role_required(Role.ADMIN)
def index():
    """One page of the log, newest first, with filters."""
    try:
        page = min(max(1, int(request.args.get("page") or 1)), MAX_PAGE)
    except ValueError:
        page = 1
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    try:
        wanted, error = _wanted(), None
    except BadFilter as problem:
        wanted, error, args = audit.AuditFilter(), str(problem), {}
    events = audit.events(wanted, page=page)
    return render_template("audit/index.html", events=events, args=args, describe=describe, error=error,
                           action_label=action_label, actor_name=actor_name,
                           actions=audit.known_actions(ACTION_LABELS)), 200 if error is None else 400


@bp.route("/export.csv")
@role_required(Role.ADMIN)
def export():
    """The filtered log as a CSV file. The export is recorded before the file is sent."""
    try:
        wanted = _wanted()
    except BadFilter:
        abort(400)
    audit.record(current_user, audit.EXPORT, "audit_log",
                 {"what": "audit log (CSV)", "filter": {key: value for key, value in request.args.items() if value}})
    db.session.commit()

    def english(event) -> str:
        with force_locale("en"):  # the export is a record: one language whoever makes it
            return describe(event)

    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    return Response(
        stream_with_context(audit.csv_rows(wanted, describe=english)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.csv"', "Cache-Control": "no-store"},
    )


@bp.record_once
def _menu(state) -> None:
    from flask_babel import lazy_gettext as _l

    from coldcase.auth.menu import add_staff_link

    add_staff_link(state.app, _l("Audit log"), "audit.index", [Role.ADMIN],
                   _l("Who looked at or changed what, and when; export as CSV."))
