"""trust: structured audit events that nobody can alter, session versions, unread tips, message times

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 00:10:00

- ``audit_events.params``: the event's detail as data (a JSON object), translated when shown. Rows written by
  older versions kept an English sentence in ``detail``; the sentences of a tip's history are converted here,
  once, into parameters (the app itself never parses a sentence again). Other old rows keep their sentence.
- On PostgreSQL the row trigger of 0003 becomes statement triggers refusing UPDATE, DELETE and TRUNCATE.
  Ordinary triggers do not fire for a session with ``session_replication_role = replica``, which only a
  superuser may set: the test suite's teardown uses that to empty the tables, the app never does.
- ``users.session_version``: a signed-in session carries it; bumping it ends every session of that person.
- ``users.recovery_codes``: hashes of the one-time recovery codes for a lost phone.
- ``tips.unread`` and ``tips.waiting_for`` (``us`` or ``tipster``): the conversation's state for the queue.
- ``tip_messages.sent_at``: when a message was written (staff replies to the minute, tipsters' messages to the
  hour, so that the time cannot single a tipster out).
"""
import json
import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

audit_events = sa.table("audit_events", sa.column("id", sa.Integer), sa.column("action", sa.String),
                        sa.column("detail", sa.Text), sa.column("params", sa.JSON))

_OUTCOMES = {"not usable": "not_usable", "usable": "usable", "led to reopening": "reopened",
             "led to a solution": "solved", "no outcome yet": None}
_REASONS = {"spam": "spam", "duplicate": "duplicate", "no lead": "no_lead", "passed on": "passed_on",
            "dealt with": "done"}


def _status(words):
    return words.strip().replace(" ", "_").replace("-", "_")


#: The sentences that versions 0003-0005 wrote into a tip's history, with the parameters each stands for.
_SENTENCES = [
    ("tip_graded", re.compile(r"graded (?P<grade>\S+), (?P<outcome>.+)"),
     lambda m: {"grade": "" if m["grade"] == "ungraded" else m["grade"], "outcome": _OUTCOMES.get(m["outcome"])}),
    ("tip_assigned", re.compile(r"assigned to (?P<email>.+)"), lambda m: {"assignee": m["email"]}),
    ("tip_assigned", re.compile(r"assignment removed"), lambda m: {"assignee": None}),
    ("tip_status", re.compile(r"status (?P<old>[a-z _-]+) → (?P<new>[a-z _-]+?)(?: \((?P<reason>[a-z ]+)\))?"),
     lambda m: {"old": _status(m["old"]), "new": _status(m["new"]), "reason": _REASONS.get(m["reason"] or "")}),
    ("tip_tagged", re.compile(r"tags: (?P<tags>.*)"),
     lambda m: {"tags": [] if m["tags"] == "none" else [t.strip() for t in m["tags"].split(",") if t.strip()]}),
    ("tip_moved", re.compile(r"moved from (?P<old>\S+) to case (?P<case>\S+)"),
     lambda m: {"old": None if m["old"] == "general" else m["old"], "case": m["case"]}),
    ("tip_linked", re.compile(r"linked to (?P<number>\S+)"), lambda m: {"number": m["number"]}),
    ("tip_entered", re.compile(r"entered from (?P<channel>\w+)"), lambda m: {"channel": m["channel"]}),
    ("tip_purged", re.compile(r"contact details removed \(closed more than (?P<days>\d+) days\)"),
     lambda m: {"contact": True, "attachments": 0, "days": int(m["days"])}),
    ("tip_purged", re.compile(r"(?P<count>\d+) attachment\(s\) removed \(closed more than (?P<days>\d+) days\)"),
     lambda m: {"contact": False, "attachments": int(m["count"]), "days": int(m["days"])}),
    ("tip_note", re.compile(r"private note added"), lambda m: {}),
    ("tip_replied", re.compile(r"reply sent to the tipster"), lambda m: {}),
    ("tip_viewed", re.compile(r""), lambda m: {}),
    ("logout", re.compile(r""), lambda m: {}),
]


def _convert_old_rows():
    connection = op.get_bind()
    actions = sorted({action for action, _, _ in _SENTENCES})
    rows = connection.execute(sa.select(audit_events.c.id, audit_events.c.action, audit_events.c.detail)
                              .where(audit_events.c.action.in_(actions)))
    for event_id, action, detail in list(rows):
        for wanted, pattern, params in _SENTENCES:
            match = pattern.fullmatch(detail or "") if wanted == action else None
            if match:
                connection.execute(audit_events.update().where(audit_events.c.id == event_id)
                                   .values(params=params(match)))
                break


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("DROP TRIGGER audit_events_append_only ON audit_events")
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('params', sa.JSON(), nullable=True))
    _convert_old_rows()
    if postgres:
        op.execute("CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   "BEGIN RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP; END $$")
        op.execute("CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()")
        op.execute("CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()")

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('recovery_codes', sa.JSON(), nullable=True))
    op.execute("DROP INDEX ix_tips_queue_order")  # before SQLite's batch copy of the table
    with op.batch_alter_table('tips', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unread', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('waiting_for', sa.String(length=10), nullable=True))
        batch_op.create_index('ix_tips_unread', ['unread'], unique=False)
    with op.batch_alter_table('tip_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True))

    # Who waits for whom, from the last message of each conversation (older messages stay without a time).
    op.execute("UPDATE tips SET waiting_for = (SELECT CASE m.author WHEN 'tipster' THEN 'us' ELSE 'tipster' END "
               "FROM tip_messages m WHERE m.tip_id = tips.id ORDER BY m.id DESC LIMIT 1)")
    # The queue puts unread tips first, then by score and age.
    if postgres:
        op.execute("CREATE INDEX ix_tips_queue_order ON tips (unread DESC, triage_score DESC NULLS LAST, "
                   "created_at, id)")
    else:
        op.execute("CREATE INDEX ix_tips_queue_order ON tips (unread DESC, triage_score DESC, created_at, id)")


def downgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute("DROP INDEX ix_tips_queue_order")
    with op.batch_alter_table('tip_messages', schema=None) as batch_op:
        batch_op.drop_column('sent_at')
    with op.batch_alter_table('tips', schema=None) as batch_op:
        batch_op.drop_index('ix_tips_unread')
        batch_op.drop_column('waiting_for')
        batch_op.drop_column('unread')
    if postgres:
        op.execute("CREATE INDEX ix_tips_queue_order ON tips (triage_score DESC NULLS LAST, created_at, id)")
    else:
        op.execute("CREATE INDEX ix_tips_queue_order ON tips (triage_score DESC, created_at, id)")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('recovery_codes')
        batch_op.drop_column('session_version')
    if postgres:
        op.execute("DROP TRIGGER audit_events_no_truncate ON audit_events")
        op.execute("DROP TRIGGER audit_events_no_change ON audit_events")
    # The parameters are data the older versions do not read; their sentences (where there were) stay in detail.
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('params')
    if postgres:
        op.execute("CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
                   "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()")
