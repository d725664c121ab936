"""The yield figures for any filter, read from the kept counts (:mod:`coldcase.analytics.summaries`), never by
scanning the tips.

A filter that narrows along one dimension besides the edition reads the slices of ``yield_cells`` that make it
up: a channel or a point its own slice, a unit or kind (a set of cases) the sum of its cases' slices, a date
range the sum of the whole months in it plus, for a month cut by the range, that month's days counted from the
narrow fact rows (``yield_tip_facts``, indexed by edition and day). A filter that narrows along two or more
(a channel and a point, a unit and a date range, ...) is counted from the fact rows alone, through the indexes
of migration 0010. Either way the figures are the GROUP BYs of :func:`coldcase.analytics.summaries.figure_selects`,
the ones that fill the cells, so each rule is written once; the sums are done in the database.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import and_, func, or_, select, union_all

from coldcase.analytics.queries import Scope
from coldcase.analytics.summaries import COUNTS, figure_selects
from coldcase.analytics.summary_models import NO_EDITION, NO_KEY, YieldCell, YieldTipFact

_ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Plan:
    """Where a filter's counts come from: the cells whose ``part`` meets ``cells`` (``None``: none) and the
    fact rows that meet ``facts`` (``None``: none), added together, less the fact rows that meet ``minus``.
    ``single``: ``cells`` names one slice."""

    cells: object = None
    facts: tuple | None = None
    single: bool = False
    #: Fact rows whose counts are taken away (``None``: none): the tips of a slice outside a date range.
    minus: tuple | None = None


def _whole_months(since: datetime.date | None, until: datetime.date | None):
    """The first day of the first whole month in the range and the last day of the last one (``None``: open)."""
    start = since if since is None or since.day == 1 else (since.replace(day=28) + 4 * _ONE_DAY).replace(day=1)
    end = until if until is None or (until + _ONE_DAY).day == 1 else until.replace(day=1) - _ONE_DAY
    return start, end


def _days(since: datetime.date | None, until: datetime.date | None) -> tuple:
    f = YieldTipFact
    return tuple(condition for condition in (f.day >= since if since else None, f.day <= until if until else None)
                 if condition is not None)


def _month_cells(since: datetime.date | None, until: datetime.date | None) -> Plan:
    start, end = _whole_months(since, until)
    if start is not None and end is not None and start > end:
        return Plan(facts=_days(since, until))  # no whole month: the range's days are counted from the facts
    # Month slices sort as their text ("month=2018-03"), so the whole months are one range of the index on
    # (edition, part), bounded on both sides even for an open range (the LIKE only makes sure).
    part = YieldCell.part
    cells = [part.like("month=%"), part >= f"month={start:%Y-%m}" if start else part >= "month=",
             part <= f"month={end:%Y-%m}" if end else part <= "month=9999-12"]
    cut = []  # the days of the months the range cuts
    if since is not None and since < start:
        cut.append(and_(*_days(since, start - _ONE_DAY)))
    if until is not None and until > end:
        cut.append(and_(*_days(end + _ONE_DAY, until)))
    return Plan(cells=and_(*cells), facts=(or_(*cut),) if cut else None)


def _narrowing(scope: Scope) -> list:
    """The conditions on the fact rows of the filter's channel, point and set of cases."""
    wanted, f = scope.wanted, YieldTipFact
    facts = []
    if wanted.channel is not None:
        facts.append(f.channel == wanted.channel)
    if wanted.point is not None:
        facts.append(f.point_code == wanted.point)
    if scope.case_ids is not None:
        facts.append(f.case_id.in_(sorted(scope.case_ids)))
    return facts


def plan(scope: Scope) -> Plan:
    """Which cells and fact rows make up the counts of ``scope`` (its editions aside)."""
    wanted, part = scope.wanted, YieldCell.part
    dated = wanted.since is not None or wanted.until is not None
    narrowing = _narrowing(scope)
    if len(narrowing) + dated > 1:
        return Plan(facts=(*_days(wanted.since, wanted.until), *narrowing))
    if dated:
        return _month_cells(wanted.since, wanted.until)
    if scope.case_ids is not None:
        return Plan(cells=part.in_([f"case={case_id}" for case_id in sorted(scope.case_ids) if case_id]))
    name = (f"channel={wanted.channel}" if wanted.channel is not None
            else f"point={wanted.point}" if wanted.point is not None else NO_KEY)
    return Plan(cells=part == name, single=True)


def _mostly_inside(year: int, since: datetime.date | None, until: datetime.date | None) -> bool:
    """Does the date range hold most days of the year of an edition (where most of its tips arrive)?"""
    first = max(since or datetime.date(year, 1, 1), datetime.date(year, 1, 1))
    last = min(until or datetime.date(year, 12, 31), datetime.date(year, 12, 31))
    return (last - first).days + 1 > 183


def _plans(scope: Scope, editions: list[int] | None) -> list[tuple[Plan, list[int] | None]]:
    """The plan of each group of ``editions``. A channel, a point or a set of cases with a date range counts
    the fact rows in the range; for an edition whose year lies mostly in the range, fewer fact rows are those
    outside it, so that edition reads the channel's, point's or cases' slice less those (the counts are sums,
    so the difference is exact). Only for the editions named (after a change): a full count reads the range."""
    wanted = scope.wanted
    whole = plan(scope)
    narrowing = _narrowing(scope)
    if editions is None or len(narrowing) != 1 or (wanted.since is None and wanted.until is None):
        return [(whole, editions)]
    flipped = [year for year in editions if year != NO_EDITION and _mostly_inside(year, wanted.since, wanted.until)]
    if not flipped:
        return [(whole, editions)]
    outside = or_(*(~condition for condition in _days(wanted.since, wanted.until)))  # a fact's day is never NULL
    undated = plan(replace(scope, wanted=replace(wanted, since=None, until=None)))
    plans = [(Plan(cells=undated.cells, minus=(outside, *narrowing)), flipped)]
    rest = [year for year in editions if year not in flipped]
    return plans + [(whole, rest)] if rest else plans


def _editions(scope: Scope) -> list[int] | None:
    """The stored editions ``scope`` covers (``None``: every edition)."""
    years: Iterable[int | None] | None = scope.editions
    if scope.wanted.edition is not None:
        years = [year for year in (years if years is not None else [scope.wanted.edition])
                 if year == scope.wanted.edition]
    return None if years is None else [NO_EDITION if year is None else year for year in years]


def _date(value) -> datetime.date:
    return datetime.date.fromisoformat(str(value)[:10])


def _none(value):
    return None if value == NO_KEY else value


#: How each figure's stored row becomes the row its GROUP BY query returns (after the edition).
_SHAPES = {
    "editions": lambda k1, k2, n: n,
    "cases": lambda k1, k2, n: (_none(k1), *n),
    "case_weeks": lambda k1, k2, n: (_none(k1), _date(k2), *n[:2]),
    "channel_weeks": lambda k1, k2, n: (k1, _date(k2), *n[:2]),
    "points": lambda k1, k2, n: (_none(k1), *n[:2]),
    "review_days": lambda k1, k2, n: (int(k1), n[0]),
    "reply_days": lambda k1, k2, n: (int(k1), n[0]),
    "close_days": lambda k1, k2, n: (int(k1), n[0]),
    "open_by_day": lambda k1, k2, n: (_date(k1), n[0]),
    "returning": lambda k1, k2, n: n,
    "score_outcomes": lambda k1, k2, n: (int(k1), *n[:2]),
}


def _sources(how: Plan, editions: list[int] | None, name: str) -> list:
    """The SELECTs of one plan's rows ``(figure, part, edition, key1, key2, n1..n5)`` for ``editions``."""
    c = YieldCell.__table__.c
    sources = []
    if how.cells is not None:
        cells = select(*(c[column] for column in ("figure", "part", "edition", "key1", "key2", *COUNTS)))
        cells = cells.where(how.cells)
        sources.append(cells if editions is None else cells.where(c.edition.in_(editions)))
    for conditions, sign in ((how.facts, 1), (how.minus, -1)):
        if conditions is None:
            continue
        where = (*conditions, *(() if editions is None else (YieldTipFact.edition.in_(editions),)))
        # The matching fact rows are read once (a CTE used by every figure; PostgreSQL materializes it).
        matching = select(YieldTipFact.__table__).where(*where).cte(f"{name}_{'plus' if sign > 0 else 'minus'}")
        selects = figure_selects(parts=(NO_KEY,), source=matching)
        if sign < 0:
            rows = union_all(*selects).subquery()
            selects = [select(*(rows.c[column] for column in ("figure", "part", "edition", "key1", "key2")),
                              *((-rows.c[column]).label(column) for column in COUNTS))]
        sources.extend(selects)
    return sources


def count(session, scope: Scope) -> dict[str, list[tuple]]:
    """Every figure's rows for ``scope``, as :func:`coldcase.analytics.queries.count_grouped` returns them
    (the same rows, in another order): one statement."""
    plans = _plans(scope, _editions(scope))
    sources = [source for index, (how, editions) in enumerate(plans) for source in _sources(how, editions, f"p{index}")]
    c = YieldCell.__table__.c
    keys = ("figure", "edition", "key1", "key2")
    if len(plans) == 1 and plans[0][0].single:
        query = sources[0].with_only_columns(*(c[name] for name in (*keys, *COUNTS)))
    else:  # several slices, or facts: add up the rows of each figure and key
        rows = union_all(*sources).subquery()
        query = select(*(rows.c[name] for name in keys), *(func.sum(rows.c[name]) for name in COUNTS)).group_by(
            *(rows.c[name] for name in keys))
    found: dict[str, list[tuple]] = defaultdict(list)
    for figure, edition, key1, key2, *values in session.execute(query):
        values = [int(value or 0) for value in values]
        if any(values):
            found[figure].append((None if edition == NO_EDITION else edition, *_SHAPES[figure](key1, key2, values)))
    return {name: found.get(name, []) for name in _SHAPES}
