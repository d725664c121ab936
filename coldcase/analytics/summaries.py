"""The yield figures kept counted: every write to a tip updates ``yield_cells`` in its own transaction, so the
dashboard reads counts instead of scanning the tips.

Each figure is defined once, as a GROUP BY over the per-tip facts (:func:`figure_selects`). A change to some
tips (:func:`sync`) counts those tips' old facts, stores their new facts, counts them again and adds the
difference to the cells; :func:`rebuild` counts every tip from scratch (``coldcase yield rebuild``, and
migrations 0009 and 0010). Both use the same statements, so the two cannot drift apart. Which tips changed is
found by :mod:`coldcase.analytics.tracking`, which calls :func:`sync` before every commit. The dashboard reads
the counts through :mod:`coldcase.analytics.kept`.

Handling times are kept as exact histograms of whole days per edition (a tip keeps only its day of arrival,
so whole days are all there is): medians and percentiles computed from them are exact, not approximated.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import String, and_, case, cast, delete, func, insert, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite

from coldcase.analytics.queries import REOPENED, SOLVED, USABLE, days_between, month_of, week_start
from coldcase.analytics.summary_models import EVERY_EDITION, NO_EDITION, NO_KEY, YieldCell, YieldTipFact, YieldVersion
from coldcase.review.models import TipReview
from coldcase.tips.models import Tip, TipMessage, TipStatus

#: Tips synced per statement.
BATCH = 500
#: A change to more tips than this (``coldcase tips rescore``) counts everything again instead.
REBUILD_ABOVE = 20_000

#: The count columns of a cell, and its key columns (in the order :func:`figure_selects` returns them).
COUNTS = ("n1", "n2", "n3", "n4", "n5")
CELL_KEYS = ("figure", "part", "edition", "key1", "key2")
_FACT_COLUMNS = tuple(column.name for column in YieldTipFact.__table__.columns)


def _flag(condition):
    return case((condition, 1), else_=0)


def _fact_select(tip_ids: Iterable[int] | None = None):
    """Each tip's facts, in the order of ``yield_tip_facts``' columns."""
    staff = TipMessage.author == "staff"
    per_tip = select(TipMessage.tip_id, func.min(case((staff, TipMessage.created_at))).label("asked"),
                     func.max(case((TipMessage.author == "tipster", TipMessage.created_at))).label("wrote"))
    if tip_ids is not None:
        per_tip = per_tip.where(TipMessage.tip_id.in_(tip_ids))
    per_tip = per_tip.group_by(TipMessage.tip_id).subquery()
    closed = Tip.status == TipStatus.CLOSED.value
    query = (select(
        Tip.id, func.coalesce(Tip.edition, NO_EDITION), func.coalesce(Tip.case_id, NO_KEY), Tip.channel,
        func.coalesce(Tip.point_code, NO_KEY), Tip.created_at, week_start(Tip.created_at), _flag(~closed),
        _flag(TipReview.outcome.is_not(None)), _flag(TipReview.outcome.in_(USABLE)),
        _flag(TipReview.outcome.in_(REOPENED)), _flag(TipReview.outcome.in_(SOLVED)), Tip.triage_score,
        days_between(TipReview.first_reviewed_at, Tip.created_at),
        days_between(per_tip.c.asked, Tip.created_at),
        case((and_(closed, TipReview.closed_at.is_not(None)), days_between(TipReview.closed_at, Tip.created_at))),
        _flag(Tip.receipt_hash.is_not(None)), _flag(per_tip.c.wrote.is_not(None)),
        _flag(per_tip.c.asked.is_not(None)), _flag(per_tip.c.wrote >= per_tip.c.asked))
        .select_from(Tip).outerjoin(TipReview, TipReview.tip_id == Tip.id)
        .outerjoin(per_tip, per_tip.c.tip_id == Tip.id))
    return query if tip_ids is None else query.where(Tip.id.in_(tip_ids))


#: The slices the figures are also kept for, besides every tip (``""``): per channel and per distribution point,
#: per case (a unit or kind filter sums its cases' slices) and per month of arrival (a date range sums its whole
#: months). Stored as ``part``: ``"channel=letter"``, ``"point=PI-01"``, ``"case=jan-2018"``, ``"month=2018-03"``.
PARTS = ("", "channel", "point", "case", "month")


def _sliced_by(f, part: str):
    """The facts' value (of columns ``f``) that names a tip's slice of kind ``part``."""
    return {"channel": f.channel, "point": f.point_code, "case": f.case_id, "month": month_of(f.day)}[part]


def figure_selects(parts: Iterable[str] = PARTS, source=None) -> list:
    """Every figure's rows ``(figure, part, edition, key1, key2, n1..n5)`` counted over the stored facts (or over
    ``source``, some of their rows with their columns, e.g. a CTE), for every slice of ``parts``: one SELECT per
    figure and slice."""
    f = (YieldTipFact.__table__ if source is None else source).c
    count, none = func.count(), literal(0)
    outcomes = (count, func.sum(f.graded), func.sum(f.usable), func.sum(f.reopened), func.sum(f.solved))
    usable = func.sum(f.usable)

    def text(column):
        return cast(column, String)

    def figure(part, name, keys, counts, *conditions):
        keys = [text(key) for key in keys] + [literal(NO_KEY)] * (2 - len(keys))
        counts = list(counts) + [none] * (5 - len(counts))
        sliced = [] if not part else [_sliced_by(f, part)]
        label = literal(NO_KEY) if not part else literal(f"{part}=") + sliced[0]
        columns = (literal(name), label, f.edition, *keys, *counts)
        query = select(*(column.label(key) for column, key in zip(columns, CELL_KEYS + COUNTS, strict=True)))
        if part in ("point", "case"):
            # A point, unit or kind filter never matches tips without a point or case.
            query = query.where(sliced[0] != NO_KEY)
        return query.where(*conditions).group_by(f.edition, *sliced, *keys[:2])

    def figures(part):
        return (
            figure(part, "editions", [], outcomes),
            figure(part, "cases", [f.case_id], outcomes),
            figure(part, "case_weeks", [f.case_id, f.monday], (count, usable)),
            figure(part, "channel_weeks", [f.channel, f.monday], (count, usable)),
            figure(part, "points", [f.point_code], (count, usable)),
            figure(part, "review_days", [f.review_days], (count,), f.review_days >= 0),
            figure(part, "reply_days", [f.reply_days], (count,), f.reply_days >= 0),
            figure(part, "close_days", [f.close_days], (count,), f.close_days >= 0),
            figure(part, "open_by_day", [f.day], (count,), f.is_open == 1),
            figure(part, "returning", [], (count, func.sum(f.receipt), func.sum(f.wrote), func.sum(f.asked),
                                           func.sum(f.answered))),
            figure(part, "score_outcomes", [f.score], (usable, func.sum(f.graded) - usable), f.graded == 1,
                   f.score.is_not(None)),
        )

    return [select_ for part in parts for select_ in figures(part)]


def _figure_selects(tip_ids: Iterable[int] | None = None):
    """Every figure over every tip, or over the facts of ``tip_ids`` (read once, in a CTE)."""
    if tip_ids is None:
        return union_all(*figure_selects())
    return union_all(*figure_selects(source=select(YieldTipFact.__table__).where(
        YieldTipFact.tip_id.in_(tip_ids)).cte("changed")))


def rebuild(bind) -> None:
    """Count every tip from scratch (``bind``: a session or a connection; the caller commits)."""
    bind.execute(delete(YieldCell))
    bind.execute(delete(YieldTipFact))
    bind.execute(insert(YieldTipFact).from_select(_FACT_COLUMNS, _fact_select()))
    bind.execute(insert(YieldCell).from_select(CELL_KEYS + COUNTS, _figure_selects()))
    _bump(bind, [EVERY_EDITION])


def _counted(session, tip_ids) -> dict[tuple, list[int]]:
    return {tuple(row[:5]): [int(value or 0) for value in row[5:]]
            for row in session.execute(_figure_selects(tip_ids))}


def sync(session, tip_ids: Iterable[int]) -> None:
    """Bring the counts up to date for ``tip_ids`` (added, changed or deleted tips), in the session's
    transaction."""
    tip_ids = sorted(set(tip_ids))
    if len(tip_ids) > REBUILD_ABOVE:
        rebuild(session)
        return
    for start in range(0, len(tip_ids), BATCH):
        batch = tip_ids[start:start + BATCH]
        # Lock the tips' facts first: two transactions changing one tip must not both take out its old counts.
        session.execute(select(YieldTipFact.tip_id).where(YieldTipFact.tip_id.in_(batch)).with_for_update())
        before = _counted(session, batch)
        session.execute(delete(YieldTipFact).where(YieldTipFact.tip_id.in_(batch)))
        session.execute(insert(YieldTipFact).from_select(_FACT_COLUMNS, _fact_select(batch)))
        after = _counted(session, batch)
        changes = _difference(before, after)
        _add(session, changes)
        _bump(session, sorted({change["edition"] for change in changes}))


def _difference(before, after) -> list[dict]:
    changes = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, [0] * 5), after.get(key, [0] * 5)
        delta = [b - a for a, b in zip(old, new, strict=True)]
        if any(delta):
            changes.append(dict(zip(CELL_KEYS, key, strict=True))
                           | dict(zip(COUNTS, delta, strict=True)))
    return changes


def _upsert(bind, model, keys: list[str], adding: list[str], rows: list[dict]) -> None:
    """Insert ``rows``, or add their ``adding`` values to the rows that exist (same ``keys``)."""
    if not rows:
        return
    # A connection (the migration) knows its dialect; a session asks its engine.
    dialect_name = (bind.dialect if hasattr(bind, "dialect") else bind.get_bind().dialect).name
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    statement = dialect.insert(model)
    statement = statement.on_conflict_do_update(
        index_elements=keys, set_={name: getattr(model, name) + getattr(statement.excluded, name) for name in adding})
    bind.execute(statement, rows)


def _add(session, changes: list[dict]) -> None:
    """Add ``changes`` to the cells, making the cells that do not exist yet (in key order, so that two
    transactions lock shared cells in the same order)."""
    _upsert(session, YieldCell, list(CELL_KEYS), list(COUNTS), changes)


def _bump(bind, editions: list[int]) -> None:
    _upsert(bind, YieldVersion, ["edition"], ["version"], [{"edition": year, "version": 1} for year in editions])


def state(session) -> tuple:
    """Every edition's version of its counts (see :class:`YieldVersion`): one small statement."""
    return tuple(tuple(row) for row in session.execute(
        select(YieldVersion.edition, YieldVersion.version).order_by(YieldVersion.edition)))


def changed_editions(before: tuple, now: tuple) -> set[int | None] | None:
    """The editions whose counts changed from state ``before`` to ``now`` (``None`` for tips of no edition);
    ``None`` when everything was counted again."""
    old, new = dict(before), dict(now)
    if old.get(EVERY_EDITION) != new.get(EVERY_EDITION):
        return None
    return {None if year == NO_EDITION else year for year in set(old) | set(new) if old.get(year) != new.get(year)}
