"""Weeks of an edition, and the featured-week uplift per case: each case against its own rate.

Week k of an edition is ISO week k of its year (see :mod:`coldcase.publish.layout`). A case featured in week k
has a window of that week and the 4 after it (up to week 52); its rate there is compared with its rate in the
edition's other weeks, as a rate ratio with an exact interval (:func:`coldcase.analytics.stats.rate_ratio`).
Comparing a case with itself keeps one case that drew half of all tips from making every other week look weak.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass

from coldcase.analytics import stats
from coldcase.analytics.filters import YieldFilter
from coldcase.analytics.tables import Column, Table
from coldcase.analytics.words import N_, Nn_, Text
from coldcase.cases.model import Library

WEEKS = 52
#: The featured week and this many weeks after it make the window.
WINDOW_AFTER = 4


def monday_of(year: int, week: int) -> datetime.date:
    """The Monday of ISO week ``week`` of ``year``."""
    return datetime.date.fromisocalendar(year, week, 1)


@functools.lru_cache(maxsize=4096)
def _edition_week(year: int, monday: datetime.date) -> int | None:
    """The week number (1-52) of the edition of ``year`` that starts on ``monday``, or None outside them.
    Remembered: the tables ask it for every case of every week after each change (tens of thousands of rows at
    a million tips), about a few hundred distinct weeks."""
    iso_year, week, _ = monday.isocalendar()
    return week if iso_year == year and week <= WEEKS else None


WEEK_COLUMNS = (
    Column("edition", N_("Edition"), "text"), Column("week", N_("Week")), Column("monday", N_("Monday"), "text"),
    Column("featured", N_("Featured case"), "text"), Column("tips", N_("Tips")),
    Column("featured_tips", N_("About the featured case")), Column("usable", N_("Usable")),
)


@dataclass(frozen=True)
class EditionWeeks:
    """One edition's case × week counts folded once for both tables: per week of the edition ``[tips, tips about
    the week's featured case, usable]``, the tips outside weeks 1-52, and per case featured in the edition its
    tips inside and outside its window. Depends only on that edition's rows and the case library, so the memo
    (:mod:`coldcase.analytics.memo`) keeps it for every edition whose counts did not change."""

    per_week: dict[int, list[int]]
    outside: int
    window_tips: dict[str, int]
    other_tips: dict[str, int]


def _windows(library: Library, year: int) -> dict[str, range]:
    """The window (featured week and the weeks after it) of every case featured in the edition of ``year``."""
    edition = library.editions.get(year)
    return {case_id: range(week, min(WEEKS, week + WINDOW_AFTER) + 1)
            for week, case_id in enumerate(edition.weeks if edition else (), 1)}


def fold_edition(year: int, rows, library: Library) -> EditionWeeks:
    """Fold the ``(edition, case_id, monday, tips, usable)`` rows of the edition of ``year``."""
    per_week: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    window_tips: dict[str, int] = defaultdict(int)
    other_tips: dict[str, int] = defaultdict(int)
    outside = 0
    featured = library.editions[year].weeks if year in library.editions else ()
    windows = _windows(library, year)
    for _year, case_id, monday, tips, usable in rows:
        week = _edition_week(year, monday)
        if week is None:
            outside += tips
            continue
        counts = per_week[week]
        counts[0] += tips
        counts[2] += usable
        if week <= len(featured) and featured[week - 1] == case_id:
            counts[1] += tips
        window = windows.get(case_id)
        if window is not None:
            (window_tips if week in window else other_tips)[case_id] += tips
    return EditionWeeks(dict(per_week), outside, dict(window_tips), dict(other_tips))


def week_table(folded: dict[int, EditionWeeks], library: Library, editions: list[int]) -> Table:
    """Tips per ISO week of each edition, with that week's featured case (``folded``: :func:`fold_edition` of
    each edition)."""
    table = Table("weeks", N_("Per ISO week"), WEEK_COLUMNS)
    for year in editions:
        edition = library.editions.get(year)
        weeks = edition.weeks if edition else ()
        per_week = folded[year].per_week if year in folded else {}
        for week in range(1, WEEKS + 1):
            tips, featured_tips, usable = per_week.get(week, (0, 0, 0))
            table.rows.append((year, week, monday_of(year, week).isoformat(),
                               weeks[week - 1] if week <= len(weeks) else None, tips, featured_tips, usable))
    for year in sorted(editions):
        tips = folded[year].outside if year in folded else 0
        if tips:
            table.notes.append(Nn_("Edition %(year)s: %(num)d tip arrived outside its weeks 1-52 (before or after "
                                   "the year) and is not in this table.",
                                   "Edition %(year)s: %(num)d tips arrived outside its weeks 1-52 (before or "
                                   "after the year) and are not in this table.", tips, year=year))
    return table


UPLIFT_COLUMNS = (
    Column("edition", N_("Edition"), "text"), Column("case", N_("Case"), "text"),
    Column("week", N_("Featured week")), Column("inside", N_("Tips in window")),
    Column("inside_weeks", N_("Window weeks")), Column("outside", N_("Tips in other weeks")),
    Column("outside_weeks", N_("Other weeks")), Column("ratio", N_("Rate ratio"), "ratio"),
    # The level as a parameter: a literal "95% low" reads to pybabel as a format ("% lo").
    Column("low", N_("%(level)d%% low", level=95), "ratio"),
    Column("high", N_("%(level)d%% high", level=95), "ratio"),
    Column("verdict", N_("Reading"), "text"),
)


@functools.lru_cache(maxsize=256)
def _weeks_shown(year: int, since: datetime.date | None, until: datetime.date | None) -> tuple[bool, ...]:
    """For weeks 1-52 of the edition of ``year``: does the week overlap the date range? (index 0 is unused)"""
    flags = [False]
    for week in range(1, WEEKS + 1):
        monday = monday_of(year, week)
        sunday = monday + datetime.timedelta(days=6)
        flags.append((since is None or sunday >= since) and (until is None or monday <= until))
    return tuple(flags)


def _weeks_in_range(year: int, weeks: range, wanted: YieldFilter) -> int:
    """How many of ``weeks`` of the edition overlap the filter's date range."""
    return _count_shown(year, weeks.start, weeks.stop, wanted.since, wanted.until)


@functools.lru_cache(maxsize=8192)
def _count_shown(year: int, start: int, stop: int, since: datetime.date | None, until: datetime.date | None) -> int:
    # Remembered: asked twice per case of every edition shown after each change, about a few hundred windows.
    shown = _weeks_shown(year, since, until)
    return sum(shown[week] for week in range(start, stop))


#: The rate ratio of each window's counts, remembered: after a change most cases' counts are the same as before.
_rate_ratio = functools.lru_cache(maxsize=8192)(stats.rate_ratio)


def verdict(result: stats.RateRatio) -> Text:
    """The rate ratio in words."""
    if not result.enough:
        return N_("too few tips to say (fewer than %(needed)d)", needed=stats.MIN_UPLIFT_TIPS)
    if result.low > 1:
        return N_("more tips in the featured weeks")
    if result.high < 1:
        return N_("fewer tips in the featured weeks")
    return N_("no clear difference")


def uplift_table(folded: dict[int, EditionWeeks], library: Library, editions: list[int],
                 wanted: YieldFilter) -> Table:
    """The featured-week uplift of every case of the editions shown (``folded``: :func:`fold_edition` of each
    edition)."""
    inside: dict[tuple[int, str], int] = {}
    outside: dict[tuple[int, str], int] = {}
    windows: dict[tuple[int, str], range] = {}
    for year in editions:
        for case_id, window in _windows(library, year).items():
            windows[(year, case_id)] = window
        if year in folded:
            inside.update(((year, case_id), tips) for case_id, tips in folded[year].window_tips.items())
            outside.update(((year, case_id), tips) for case_id, tips in folded[year].other_tips.items())
    table = Table("uplift", N_("Featured-week uplift per case"), UPLIFT_COLUMNS)
    for (year, case_id), window in windows.items():
        if (year, case_id) not in inside and (year, case_id) not in outside:
            continue
        weeks_in = _weeks_in_range(year, window, wanted)
        weeks_out = _weeks_in_range(year, range(1, WEEKS + 1), wanted) - weeks_in
        result = _rate_ratio(inside.get((year, case_id), 0), weeks_in, outside.get((year, case_id), 0),
                                  weeks_out)
        table.rows.append((year, case_id, window.start, result.inside, weeks_in, result.outside, weeks_out,
                           result.ratio, result.low, result.high, verdict(result)))
    table.rows.sort(key=lambda r: (r[0], -(r[7] if r[7] is not None else -1), r[1]))
    table.notes.append(N_(
        "Each case against itself: its tips per week in the featured week and the %(after)d weeks after it, "
        "divided by its tips per week in the edition's other weeks (1-52), with an exact 95%% Poisson interval. "
        "Cases with fewer than %(needed)d tips in all: too few to say. Cases without any tip are left out.",
        after=WINDOW_AFTER, needed=stats.MIN_UPLIFT_TIPS))
    return table
