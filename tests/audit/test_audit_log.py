"""The audit log: append-only, read and exported by admins only."""

import csv
import io

import pytest
from sqlalchemy import delete, select, update

from coldcase.audit import service as audit
from coldcase.audit.models import AuditEvent
from coldcase.audit.service import AuditLogIsAppendOnly
from coldcase.extensions import db


def test_events_cannot_be_changed_or_deleted_through_the_app(app, create_user):
    user = create_user("analyst")
    audit.record(user, audit.TIP_VIEWED, "tip:T-1")
    db.session.commit()
    entry = db.session.scalar(select(AuditEvent))
    entry.detail = "nothing happened"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(AuditEvent)))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.execute(update(AuditEvent).values(detail="x"))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.execute(delete(AuditEvent))
    db.session.rollback()
    assert db.session.scalar(select(AuditEvent.detail)) == ""


def test_the_database_itself_refuses_changes_on_postgresql(app, create_user):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the triggers exist on PostgreSQL only")
    import sqlalchemy as sa

    audit.record("system", "test", "x", {"n": 1})
    db.session.commit()
    # The app's own connections (the engine and its session), with plain SQL that no session hook sees.
    for statement in ("UPDATE audit_events SET detail = 'y'", "DELETE FROM audit_events",
                      "TRUNCATE audit_events", "TRUNCATE audit_events CASCADE",
                      "UPDATE audit_events SET params = NULL WHERE false"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with db.engine.begin() as connection:
                connection.execute(sa.text(statement))
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            db.session.execute(sa.text(statement))
        db.session.rollback()
    assert db.session.scalar(select(AuditEvent.params)) == {"n": 1}


def test_admins_read_and_filter_the_log(client, login_as):
    admin = login_as("admin")
    audit.record("command line", audit.TIP_PURGED, "tip:T-AAAA", "contact details removed")
    audit.record(admin, audit.TIP_VIEWED, "tip:T-BBBB")
    db.session.commit()
    page = client.get("/staff/audit/").get_data(as_text=True)
    assert "tip:T-AAAA" in page and "tip:T-BBBB" in page and admin.email in page
    page = client.get("/staff/audit/?action=tip_purged").get_data(as_text=True)
    assert "tip:T-AAAA" in page and "tip:T-BBBB" not in page
    page = client.get("/staff/audit/?target=T-BBBB&since=2000-01-01&until=2999-01-01").get_data(as_text=True)
    assert "tip:T-BBBB" in page and "tip:T-AAAA" not in page


def test_export_is_csv_without_formulas_and_is_itself_audited(client, login_as):
    admin = login_as("admin")
    audit.record("=cmd|' /C calc'!A0", audit.TIP_NOTE, "tip:T-1", "+1 detail")
    db.session.commit()
    response = client.get("/staff/audit/export.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["at", "actor", "action", "target", "detail", "params"]
    note = next(row for row in rows if row[2] == "tip_note")
    assert note[1].startswith("'=") and note[4] == "'+1 detail"
    assert rows[-1][1:3] == [admin.email, "export"]


@pytest.mark.parametrize("role", ["investigator", "analyst", "print_staff"])
def test_only_admins_see_the_log(client, login_as, role):
    login_as(role)
    assert client.get("/staff/audit/").status_code == 403
    assert client.get("/staff/audit/export.csv").status_code == 403


@pytest.mark.parametrize("page", ["99999999999999999999", "-99999999999999999999", "x", str(2**31 - 1)])
def test_a_bad_or_huge_page_number_is_not_a_server_error(client, login_as, page):
    login_as("admin")
    assert client.get("/staff/audit/", query_string={"page": page}).status_code == 200
