"""Which tips a transaction changed, so that their yield counts are brought up to date before it commits.

Listens to every session (like the audit log's guards): a tip, its review or a message added, changed or
deleted through the ORM names its tip; an ORM bulk ``UPDATE``/``DELETE`` of those tables (grading's versioned
writes) names the tips its WHERE clause matches, read just before it runs. Before the commit,
:func:`coldcase.analytics.summaries.sync` counts those tips again in the same transaction. So intake, the
spool import, staff tip entry, grading, case moves, closing and reopening, rescoring, messages and the
history seeding need no call of their own, and new write paths are covered as long as they go through the
ORM. Plain SQL text that writes tips is not seen: run ``coldcase yield rebuild`` after such a change.
"""

from __future__ import annotations

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from coldcase.review.models import TipReview
from coldcase.tips.models import Tip, TipMessage

_KEY = "yield_changed_tips"
#: The tables whose rows the figures count, and the column naming each row's tip.
_TIP_COLUMN = {Tip.__tablename__: "id", TipReview.__tablename__: "tip_id", TipMessage.__tablename__: "tip_id"}


def _changed(session: Session) -> set[int]:
    return session.info.setdefault(_KEY, set())


@event.listens_for(Session, "after_flush")
def _note_flushed(session: Session, flush_context) -> None:
    changed = _changed(session)
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, Tip):
            changed.add(instance.id)
        elif isinstance(instance, TipReview | TipMessage):
            changed.add(instance.tip_id)


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state) -> None:
    if not (state.is_update or state.is_delete):
        return
    table = state.statement.table
    column = _TIP_COLUMN.get(getattr(table, "name", None))
    if column is None:
        return
    query = select(table.c[column])
    if state.statement.whereclause is not None:
        query = query.where(state.statement.whereclause)
    _changed(state.session).update(state.session.scalars(query))


@event.listens_for(Session, "before_commit")
def _count_before_commit(session: Session) -> None:
    from coldcase.analytics import summaries

    session.flush()
    while changed := _changed(session):
        session.info[_KEY] = set()
        summaries.sync(session, {tip_id for tip_id in changed if tip_id is not None})
        session.flush()


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_KEY, None)
