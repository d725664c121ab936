"""The audit log for admins: read it, filter it, export it as CSV (the export is itself audited)."""

from __future__ import annotations

import datetime

from flask import Blueprint, Response, render_template, request, stream_with_context
from flask_login import current_user

from coldcase.audit import service as audit
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


def _wanted() -> audit.AuditFilter:
    until = _day(request.args.get("until"))
    return audit.AuditFilter(
        action=request.args.get("action", "")[:40],
        actor=request.args.get("actor", "")[:254],
        target=request.args.get("target", "")[:120],
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
    events = audit.events(_wanted(), page=page)
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("audit/index.html", events=events, args=args, actions=audit.known_actions())


@bp.route("/export.csv")
@role_required(Role.ADMIN)
def export():
    """The filtered log as a CSV file. The export is recorded before the file is sent."""
    wanted = _wanted()
    described = ", ".join(f"{key}={value}" for key, value in request.args.items() if value) or "everything"
    audit.record(current_user, audit.EXPORT, "audit_log", f"CSV export of {described}")
    db.session.commit()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    return Response(
        stream_with_context(audit.csv_rows(wanted)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.csv"', "Cache-Control": "no-store"},
    )


@bp.record_once
def _menu(state) -> None:
    from flask_babel import lazy_gettext as _l

    from coldcase.auth.menu import add_staff_link

    add_staff_link(state.app, _l("Audit log"), "audit.index", [Role.ADMIN],
                   _l("Who looked at or changed what, and when; export as CSV."))
