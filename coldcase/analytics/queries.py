"""The SQL aggregates behind the yield figures. Every function runs one GROUP BY over the tips (joined with
their reviews where outcomes count) and returns small rows of counts; no tip is loaded into Python. The pages
read the same rows from the kept counts (:func:`count_all`); these queries are what those counts must equal.

Days, weeks and months are computed in the database with small functions that read the same on SQLite and
PostgreSQL (:class:`week_start`, :class:`month_of`, :class:`days_between`).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import Date, Integer, String, case, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from coldcase.analytics.filters import YieldFilter
from coldcase.extensions import db
from coldcase.review.models import Outcome, TipReview
from coldcase.tips.models import Tip, TipMessage, TipStatus

USABLE = (Outcome.USABLE.value, Outcome.REOPENED.value, Outcome.SOLVED.value)
REOPENED = (Outcome.REOPENED.value, Outcome.SOLVED.value)
SOLVED = (Outcome.SOLVED.value,)


class week_start(FunctionElement):  # noqa: N801  (reads as the SQL function it is)
    """The Monday of the ISO week of a date column."""

    type = Date()
    inherit_cache = True


@compiles(week_start)
def _week_start_sqlite(element, compiler, **kw):
    # From the day six days earlier, SQLite's 'weekday 1' moves forward to the next Monday: this week's.
    return f"date({compiler.process(element.clauses, **kw)}, '-6 days', 'weekday 1')"


@compiles(week_start, "postgresql")
def _week_start_postgresql(element, compiler, **kw):
    return f"CAST(date_trunc('week', {compiler.process(element.clauses, **kw)}) AS DATE)"


class month_of(FunctionElement):  # noqa: N801
    """The month of a date column as text, ``"2018-03"`` (the format written into the SQL, not bound, so that the
    same expression in a SELECT and its GROUP BY is recognised as one)."""

    type = String()
    inherit_cache = True


@compiles(month_of)
def _month_of_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(month_of, "postgresql")
def _month_of_postgresql(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


class days_between(FunctionElement):  # noqa: N801
    """Whole days from the second argument (a date) to the first (a date or timestamp)."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
def _days_between_sqlite(element, compiler, **kw):
    later, earlier = list(element.clauses)
    later, earlier = compiler.process(later, **kw), compiler.process(earlier, **kw)
    return f"CAST(julianday(date({later})) - julianday({earlier}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element, compiler, **kw):
    later, earlier = list(element.clauses)
    later, earlier = compiler.process(later, **kw), compiler.process(earlier, **kw)
    return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"


@dataclass(frozen=True)
class Scope:
    """The filter as SQL needs it: ``case_ids`` is the set of cases that the unit and kind filters leave
    (``None`` when neither is set; the caller derives it from the case library)."""

    wanted: YieldFilter = YieldFilter()
    case_ids: Collection[str] | None = None
    #: Only these editions (``None`` in it: tips of no edition); ``None``: every edition. The remembered
    #: figures count again only the editions whose tips changed (see :mod:`coldcase.analytics.memo`).
    editions: tuple[int | None, ...] | None = None


def _count_if(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _outcome_counts():
    return (func.count(Tip.id), _count_if(TipReview.outcome.is_not(None)),
            _count_if(TipReview.outcome.in_(USABLE)), _count_if(TipReview.outcome.in_(REOPENED)),
            _count_if(TipReview.outcome.in_(SOLVED)))


def _narrow(query, scope: Scope):
    wanted = scope.wanted
    if wanted.since:
        query = query.where(Tip.created_at >= wanted.since)
    if wanted.until:
        query = query.where(Tip.created_at <= wanted.until)
    if wanted.edition:
        query = query.where(Tip.edition == wanted.edition)
    if wanted.channel:
        query = query.where(Tip.channel == wanted.channel)
    if wanted.point:
        query = query.where(Tip.point_code == wanted.point)
    if scope.case_ids is not None:
        query = query.where(Tip.case_id.in_(sorted(scope.case_ids)))
    if scope.editions is not None:
        years = [year for year in scope.editions if year is not None]
        condition = Tip.edition.in_(years)
        query = query.where(or_(condition, Tip.edition.is_(None)) if None in scope.editions else condition)
    return query


def _with_reviews(*columns):
    return select(*columns).select_from(Tip).outerjoin(TipReview, TipReview.tip_id == Tip.id)


def _rows(query) -> list[tuple]:
    return [tuple(row) for row in db.session.execute(query)]


def edition_totals(scope: Scope) -> list[tuple]:
    """``(edition, tips, graded, usable, reopened, solved)`` per edition (``None`` for tips of no edition)."""
    query = _narrow(_with_reviews(Tip.edition, *_outcome_counts()), scope)
    return _rows(query.group_by(Tip.edition).order_by(Tip.edition))


def case_totals(scope: Scope) -> list[tuple]:
    """``(edition, case_id, tips, graded, usable, reopened, solved)`` per edition and case."""
    query = _narrow(_with_reviews(Tip.edition, Tip.case_id, *_outcome_counts()), scope)
    return _rows(query.group_by(Tip.edition, Tip.case_id).order_by(Tip.edition, Tip.case_id))


def case_weeks(scope: Scope) -> list[tuple]:
    """``(edition, case_id, monday, tips, usable)`` per edition, case and ISO week of arrival: the per-week
    table and the featured-week uplift both fold these."""
    monday = week_start(Tip.created_at)
    query = _narrow(_with_reviews(Tip.edition, Tip.case_id, monday.label("monday"), func.count(Tip.id),
                                  _count_if(TipReview.outcome.in_(USABLE))), scope)
    return [(edition, case_id, _as_date(day), tips, usable) for edition, case_id, day, tips, usable
            in _rows(query.group_by(Tip.edition, Tip.case_id, monday))]


def channel_weeks(scope: Scope) -> list[tuple]:
    """``(edition, channel, monday, tips, usable)`` per edition, channel and ISO week of arrival."""
    monday = week_start(Tip.created_at)
    query = _narrow(_with_reviews(Tip.edition, Tip.channel, monday.label("monday"), func.count(Tip.id),
                                  _count_if(TipReview.outcome.in_(USABLE))), scope)
    return [(edition, channel, _as_date(day), tips, usable)
            for edition, channel, day, tips, usable in _rows(query.group_by(Tip.edition, Tip.channel, monday))]


def point_totals(scope: Scope) -> list[tuple]:
    """``(edition, point_code, tips, usable)`` per edition and distribution point."""
    query = _narrow(_with_reviews(Tip.edition, Tip.point_code, func.count(Tip.id),
                                  _count_if(TipReview.outcome.in_(USABLE))), scope)
    return _rows(query.group_by(Tip.edition, Tip.point_code).order_by(Tip.edition, Tip.point_code))


def _histogram(query) -> list[tuple]:
    return [(edition, int(days), count) for edition, days, count in db.session.execute(query)
            if days is not None and days >= 0]


def review_days(scope: Scope) -> list[tuple]:
    """``(edition, days from arrival to first review, tips)`` for the tips reviewed at all."""
    days = days_between(TipReview.first_reviewed_at, Tip.created_at)
    query = _narrow(select(Tip.edition, days, func.count()).select_from(Tip).join(TipReview, TipReview.tip_id == Tip.id)
                    .where(TipReview.first_reviewed_at.is_not(None)), scope)
    return _histogram(query.group_by(Tip.edition, days))


def close_days(scope: Scope) -> list[tuple]:
    """``(edition, days from arrival to closing, tips)`` for the tips that are closed."""
    days = days_between(TipReview.closed_at, Tip.created_at)
    query = _narrow(select(Tip.edition, days, func.count()).select_from(Tip).join(TipReview, TipReview.tip_id == Tip.id)
                    .where(TipReview.closed_at.is_not(None), Tip.status == TipStatus.CLOSED.value), scope)
    return _histogram(query.group_by(Tip.edition, days))


def reply_days(scope: Scope) -> list[tuple]:
    """``(edition, days from arrival to the team's first message, tips)`` for the tips the team wrote to."""
    first = (select(TipMessage.tip_id, func.min(TipMessage.created_at).label("first"))
             .where(TipMessage.author == "staff").group_by(TipMessage.tip_id).subquery())
    days = days_between(first.c.first, Tip.created_at)
    query = _narrow(select(Tip.edition, days, func.count()).select_from(Tip).join(first, first.c.tip_id == Tip.id),
                    scope)
    return _histogram(query.group_by(Tip.edition, days))


def open_by_day(scope: Scope) -> list[tuple]:
    """``(edition, day of arrival, tips)`` of the tips still open."""
    query = _narrow(select(Tip.edition, Tip.created_at, func.count()).where(Tip.status != TipStatus.CLOSED.value),
                    scope)
    return [(edition, _as_date(day), count)
            for edition, day, count in db.session.execute(query.group_by(Tip.edition, Tip.created_at))]


def returning(scope: Scope) -> list[tuple]:
    """``(edition, tips, with a receipt, tipster wrote again, team asked, tipster answered a question)`` per
    edition.

    "Wrote again" is the one trace a returning tipster leaves: the app does not record visits to the status
    page. A question counts as answered when the tipster wrote on or after the day of the team's first
    message. The messages are grouped per tip first, so each tip is joined with one row."""
    staff = TipMessage.author == "staff"
    per_tip = (select(TipMessage.tip_id,
                      func.min(case((staff, TipMessage.created_at))).label("asked"),
                      func.max(case((TipMessage.author == "tipster", TipMessage.created_at))).label("wrote"))
               .group_by(TipMessage.tip_id).subquery())
    query = _narrow(select(Tip.edition, func.count(Tip.id), _count_if(Tip.receipt_hash.is_not(None)),
                           _count_if(per_tip.c.wrote.is_not(None)), _count_if(per_tip.c.asked.is_not(None)),
                           _count_if(per_tip.c.wrote >= per_tip.c.asked))
                    .select_from(Tip).outerjoin(per_tip, per_tip.c.tip_id == Tip.id), scope)
    return [(edition, *(int(value or 0) for value in values))
            for edition, *values in db.session.execute(query.group_by(Tip.edition))]


def score_outcomes(scope: Scope) -> list[tuple]:
    """``(edition, triage score, usable, not usable)`` for the graded tips that have a score."""
    usable = _count_if(TipReview.outcome.in_(USABLE))
    not_usable = _count_if(TipReview.outcome.not_in(USABLE))
    query = _narrow(select(Tip.edition, Tip.triage_score, usable, not_usable).select_from(Tip)
                    .join(TipReview, TipReview.tip_id == Tip.id)
                    .where(TipReview.outcome.is_not(None), Tip.triage_score.is_not(None)), scope)
    return [(edition, int(score), int(yes), int(no))
            for edition, score, yes, no in _rows(query.group_by(Tip.edition, Tip.triage_score))]


#: Every aggregate the figures need, by name; each returns rows whose first value is the edition.
AGGREGATES = {
    "editions": edition_totals, "cases": case_totals, "case_weeks": case_weeks, "channel_weeks": channel_weeks,
    "points": point_totals, "review_days": review_days, "reply_days": reply_days, "close_days": close_days,
    "open_by_day": open_by_day, "returning": returning, "score_outcomes": score_outcomes,
}


def count_all(scope: Scope) -> dict[str, list[tuple]]:
    """Every aggregate for ``scope``: ``{name: rows}``, read from the kept counts
    (:mod:`coldcase.analytics.kept`); :func:`count_grouped` gives the same rows by counting the tips."""
    from coldcase.analytics import kept

    return kept.count(db.session, scope)


def count_grouped(scope: Scope) -> dict[str, list[tuple]]:
    """Run every aggregate's GROUP BY over the tips for ``scope``: ``{name: rows}``."""
    return {name: aggregate(scope) for name, aggregate in AGGREGATES.items()}


def _as_date(value) -> datetime.date:
    # SQLite returns the computed day as text; PostgreSQL as a date.
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])
