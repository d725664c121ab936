"""Migration 0006 on a database with history: old audit sentences become parameters, conversations get their
turn, and the way back works. On PostgreSQL (``COLDCASE_TEST_POSTGRES_URL``) the triggers are checked as well."""

from __future__ import annotations

import os
import secrets

import pytest
import sqlalchemy as sa

from coldcase import create_app
from coldcase.extensions import db


@pytest.fixture
def empty_database(tmp_path):
    admin_url = os.environ.get("COLDCASE_TEST_POSTGRES_URL")
    if not admin_url:
        yield f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
        return
    name = f"coldcase_migrate_{secrets.token_hex(4)}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield sa.engine.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_upgrade_converts_history_and_downgrade_goes_back(empty_database, tmp_path):
    from flask_migrate import downgrade, upgrade

    app = create_app({"SQLALCHEMY_DATABASE_URI": empty_database, "SECRET_KEY": "m", "INSTANCE_PATH": tmp_path})
    with app.app_context():
        upgrade(revision="0005")
        with db.engine.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO audit_events (at, actor_label, action, target, detail) VALUES "
                "('2026-01-01 10:00:00+00', 'a@b.example', 'tip_status', 'tip:T-1', 'status new → closed (spam)'),"
                "('2026-01-01 10:01:00+00', 'a@b.example', 'tip_moved', 'tip:T-1', 'moved from general to case x'),"
                "('2026-01-01 10:02:00+00', 'a@b.example', 'export', 'audit_log', 'CSV export of everything')"))
            connection.execute(sa.text(
                "INSERT INTO tips (id, uuid, number, channel, text, when_where, status, created_at) VALUES "
                "(1, 'u1', 'T-1', 'web', 'x', '', 'closed', '2026-01-01'),"
                "(2, 'u2', 'T-2', 'web', 'y', '', 'new', '2026-01-01')"))
            connection.execute(sa.text(
                "INSERT INTO tip_messages (tip_id, author, body, created_at) VALUES "
                "(1, 'staff', 'Vraag?', '2026-01-02'), (1, 'tipster', 'Antwoord.', '2026-01-03')"))
        upgrade(revision="0006")
        with db.engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT action, params, detail FROM audit_events ORDER BY id")).all()
            turns = dict(connection.execute(sa.text("SELECT number, waiting_for FROM tips")).all())
        params = [row[1] if isinstance(row[1], dict | None) else __import__("json").loads(row[1]) for row in rows]
        assert params[0] == {"old": "new", "new": "closed", "reason": "spam"}
        assert params[1] == {"old": None, "case": "x"}
        assert params[2] is None and rows[2][2] == "CSV export of everything"  # unknown sentences stay as they are
        assert turns == {"T-1": "us", "T-2": None}
        if db.engine.dialect.name == "postgresql":
            for statement in ("UPDATE audit_events SET detail = ''", "DELETE FROM audit_events",
                              "TRUNCATE audit_events"):
                with pytest.raises(sa.exc.DBAPIError, match="append-only"):
                    with db.engine.begin() as connection:
                        connection.execute(sa.text(statement))
        downgrade(revision="0005")
        upgrade(revision="0006")
        db.engine.dispose()
