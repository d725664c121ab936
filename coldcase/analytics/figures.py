"""The yield figures: the SQL aggregates of :mod:`coldcase.analytics.queries` joined with what the edition
files say (featured weeks, distribution points and their copies), as :class:`~coldcase.analytics.tables.Table`s.

The dashboard, the CSV exports, the PDF report and ``coldcase yield summary`` all call :func:`compute`, so they
show the same numbers. Needs an app context (the database), no request.
"""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field, replace

from coldcase.analytics import queries, stats
from coldcase.analytics.filters import CHANNELS, Choices, YieldFilter
from coldcase.analytics.handling import handling_tables
from coldcase.analytics.queries import Scope
from coldcase.analytics.tables import Column, Table
from coldcase.analytics.uplift import EditionWeeks, fold_edition, uplift_table, week_table
from coldcase.analytics.words import N_, Joined, Nn_, Text
from coldcase.cases.model import Library

NO_EDITION = N_("no edition")
GENERAL = N_("general (no case)")


@dataclass
class Figures:
    """Every table of the dashboard, by key, in the order the page shows them."""

    wanted: YieldFilter
    tables: dict[str, Table] = field(default_factory=dict)
    #: The editions the figures cover (those with tips in the filter), oldest first.
    editions: list[int] = field(default_factory=list)
    #: Messages about the data as a whole ("Edition 2027 has no tips yet.").
    notices: list[Text] = field(default_factory=list)
    #: What pages derive from the figures (their rendered HTML), remembered with them.
    derived: dict = field(default_factory=dict)
    #: Per edition, its case × week counts folded (:func:`~coldcase.analytics.uplift.fold_edition`): the memo
    #: hands these on to the next figures for the editions whose counts did not change.
    folded: dict[int, EditionWeeks] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Table:
        return self.tables[key]


def choices(library: Library) -> Choices:
    """What the filter may name: the editions, units and distribution points of the case library."""
    points = {p.code for edition in library.editions.values() for p in edition.distribution} | {"UNKNOWN"}
    return Choices(editions=set(library.editions), units={c.unit for c in library.cases.values()},
                   points=points)


def scope_for(wanted: YieldFilter, library: Library) -> Scope:
    """The filter for SQL: unit and kind become the set of case ids that have them."""
    if wanted.unit is None and wanted.kind is None:
        return Scope(wanted)
    case_ids = {case.id for case in library.cases.values()
                if wanted.unit in (None, case.unit) and wanted.kind in (None, case.kind)}
    return Scope(wanted, frozenset(case_ids))


def copies_of(library: Library, year: int | None) -> int | None:
    """Copies printed of an edition: the sum over its distribution points (``None`` when unknown)."""
    edition = library.editions.get(year) if year is not None else None
    if edition is None or not edition.distribution:
        return None
    return sum(point.copies for point in edition.distribution)


def compute(wanted: YieldFilter, library: Library, today: datetime.date,
            counts: dict[str, list[tuple]] | None = None, *, weeks_by_edition: dict | None = None,
            folded: dict[int, EditionWeeks] | None = None) -> Figures:
    """Every figure for ``wanted``, from ``counts`` (:func:`coldcase.analytics.queries.count_all` of its scope)
    or, without them, from the database now.

    ``weeks_by_edition`` (``{edition: its case_weeks rows}``, when the caller has them grouped) and ``folded``
    (the folds of :attr:`Figures.folded` still true of those rows, of the same library) save folding again the
    editions that did not change: the only figure work that grows with the number of tips."""
    scope = scope_for(wanted, library)
    if counts is None:
        counts = queries.count_all(scope)
    figures = Figures(wanted)
    editions = editions_table(counts["editions"], library, wanted)
    figures.tables["editions"] = editions
    figures.editions = [year for year in editions.column("edition") if isinstance(year, int)]
    if wanted.edition is not None and wanted.edition not in figures.editions:
        others = replace(wanted, edition=None)
        figures.notices.append(N_("Edition %(year)s has no tips.", year=wanted.edition) if others.is_empty else
                               N_("Edition %(year)s has no tips that match the other filters.",
                                  year=wanted.edition))
    listed = set(figures.editions) | ({wanted.edition} if wanted.edition else set())
    figures.tables["cases"] = cases_table(counts["cases"], library, listed, scope)
    if weeks_by_edition is None:
        weeks_by_edition = defaultdict(list)
        for row in counts["case_weeks"]:
            weeks_by_edition[row[0]].append(row)
    folded = folded or {}
    figures.folded = {year: folded[year] if year in folded else fold_edition(year, rows, library)
                      for year, rows in weeks_by_edition.items() if year is not None}
    figures.tables["weeks"] = week_table(figures.folded, library, figures.editions)
    figures.tables["uplift"] = uplift_table(figures.folded, library, figures.editions, wanted)
    figures.tables["channels"] = channels_table([row[1:] for row in counts["channel_weeks"]])
    figures.tables["points"] = points_table(counts["points"], library, figures.editions, wanted)
    figures.tables.update(handling_tables(counts, today))
    score_counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for _edition, score, yes, no in counts["score_outcomes"]:
        score_counts[score][0] += yes
        score_counts[score][1] += no
    figures.tables["calibration"], figures.tables["score"] = calibration_tables(
        [(score, yes, no) for score, (yes, no) in sorted(score_counts.items())])
    return figures


EDITION_COLUMNS = (
    Column("edition", N_("Edition"), "text"), Column("copies", N_("Copies printed")), Column("tips", N_("Tips")),
    Column("usable", N_("Usable")), Column("usable_share", N_("Usable %"), "share"),
    Column("reopened", N_("Led to reopening")), Column("solved", N_("Led to a solution")),
    Column("tips_per_1000", N_("Tips per 1,000 copies"), "rate"),
    Column("usable_per_1000", N_("Usable per 1,000 copies"), "rate"),
)


def editions_table(rows, library: Library, wanted: YieldFilter | None = None) -> Table:
    """Editions side by side."""
    table = Table("editions", N_("Editions side by side"), EDITION_COLUMNS)
    missing_copies = []
    for year, tips, _graded, usable, reopened, solved in sorted(rows, key=lambda r: (r[0] is None, r[0] or 0)):
        copies = copies_of(library, year)
        if year is not None and copies is None:
            missing_copies.append(str(year))
        table.rows.append((year if year is not None else NO_EDITION, copies, tips, usable, stats.share(usable, tips),
                           reopened, solved, stats.per_thousand(tips, copies), stats.per_thousand(usable, copies)))
    table.notes.append(N_("Usable counts every tip graded usable or better; led to reopening counts those that "
                          "led to reopening or to a solution. Per 1,000 copies uses the copies the edition file "
                          "records for its distribution points."))
    if missing_copies:
        table.notes.append(Nn_("No copy count for edition %(editions)s (no edition file with distribution "
                               "points): no per-1,000 figures.",
                               "No copy count for editions %(editions)s (no edition file with distribution "
                               "points): no per-1,000 figures.", len(missing_copies),
                               editions=", ".join(missing_copies)))
    empty = sorted(set(library.editions) - {r[0] for r in rows})
    if empty and (wanted is None or wanted.is_empty):  # with a filter, an edition left out may have tips all the same
        table.notes.append(N_("Editions without tips: %(editions)s.", editions=", ".join(map(str, empty))))
    return table


CASE_COLUMNS = (
    Column("case", N_("Case"), "text"), Column("edition", N_("Edition"), "text"),
    Column("week", N_("Featured week")), Column("tips", N_("Tips")), Column("graded", N_("Graded")),
    Column("usable", N_("Usable")), Column("reopened", N_("Led to reopening")),
    Column("solved", N_("Led to a solution")),
)


def cases_table(rows, library: Library, editions: set[int], scope: Scope) -> Table:
    """Per case: every edition it appeared in (with its featured week), its tips and their outcomes."""
    counts = {(edition, case_id): values for edition, case_id, *values in rows}
    keys = set(counts)
    for year in editions:  # the cases that drew nothing are news too
        edition = library.editions.get(year)
        for case_id in edition.weeks if edition else ():
            if scope.case_ids is None or case_id in scope.case_ids:
                keys.add((year, case_id))
    table = Table("cases", N_("Per case"), CASE_COLUMNS)
    for year, case_id in sorted(keys, key=lambda k: (k[1] or "", k[0] or 0)):
        edition = library.editions.get(year) if year is not None else None
        week = edition.weeks.index(case_id) + 1 if edition and case_id in edition.weeks else None
        tips, graded, usable, reopened, solved = counts.get((year, case_id), (0, 0, 0, 0, 0))
        table.rows.append((case_id or GENERAL, year if year is not None else NO_EDITION, week, tips,
                           graded, usable, reopened, solved))
    table.notes.append(N_("A dash for the featured week: the case was not featured in that edition."))
    return table


@functools.lru_cache(maxsize=1024)
def _month(monday: datetime.date) -> str:
    # Remembered: thousands of rows after each change, a few hundred distinct weeks.
    return monday.strftime("%Y-%m")


def channels_table(rows) -> Table:
    """Tips per channel and month of arrival (the chart's data)."""
    months: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    usable: dict[str, int] = defaultdict(int)
    for channel, monday, tips, usable_tips in rows:
        months[_month(monday)][channel] += tips
        usable[channel] += usable_tips
    present = [c for c in CHANNELS if any(c in m for m in months.values())]
    columns = (Column("month", N_("Month"), "text"),) + tuple(Column(c, CHANNELS[c]) for c in present)
    table = Table("channels", N_("Per channel over time"), columns)
    for month in sorted(months):
        table.rows.append((month, *(months[month].get(c, 0) for c in present)))
    if present:
        totals = [sum(months[m].get(c, 0) for m in months) for c in present]
        each = [N_("%(channel)s %(usable)d of %(tips)d", channel=CHANNELS[c], usable=usable[c], tips=t)
                for c, t in zip(present, totals, strict=True)]
        table.notes.append(N_("Usable per channel: %(channels)s.", channels=Joined("; ", each)))
    table.notes.append(N_("Months by the Monday of the ISO week the tips arrived in."))
    return table


POINT_COLUMNS = (
    Column("edition", N_("Edition"), "text"), Column("code", N_("Point"), "text"),
    Column("name", N_("Name"), "text"), Column("kind", N_("Kind"), "text"), Column("copies", N_("Copies")),
    Column("tips", N_("Tips")), Column("usable", N_("Usable")),
    Column("tips_per_1000", N_("Tips per 1,000 copies"), "rate"),
    Column("usable_per_1000", N_("Usable per 1,000 copies"), "rate"),
)


#: The kinds of distribution point an edition file may name (see case-format.md), in words.
POINT_KINDS = {"prison": N_("prison"), "probation": N_("probation"), "clinic": N_("clinic"), "other": N_("other")}


def points_table(rows, library: Library, editions: list[int], wanted: YieldFilter) -> Table:
    """Per distribution point and edition: tips and usable tips per 1,000 copies, the points that drew nothing
    included."""
    counts = {(year, code): (tips, usable) for year, code, tips, usable in rows}
    table = Table("points", N_("Per distribution point"), POINT_COLUMNS)
    seen = set()
    for year in editions:
        edition = library.editions.get(year)
        for point in edition.distribution if edition else ():
            if wanted.point not in (None, point.code):
                continue
            tips, usable = counts.get((year, point.code), (0, 0))
            seen.add((year, point.code))
            table.rows.append((year, point.code, point.name, POINT_KINDS.get(point.kind, point.kind), point.copies, tips, usable,
                               stats.per_thousand(tips, point.copies), stats.per_thousand(usable, point.copies)))
    without = False
    for (year, code), (tips, usable) in sorted(counts.items(), key=lambda i: (i[0][0] or 0, i[0][1] or "")):
        if (year, code) in seen or code is None:
            continue
        without = True
        table.rows.append((year if year is not None else NO_EDITION, code, N_("not in the edition file"), None,
                           None, tips, usable, None, None))
    direct = sum(tips for (_, code), (tips, _) in counts.items() if code is None)
    if direct:
        table.notes.append(Nn_("%(num)d tip came without a distribution point (the web site, the phone line "
                               "without a code).",
                               "%(num)d tips came without a distribution point (the web site, the phone line "
                               "without a code).", direct))
    if without:
        table.notes.append(N_("A dash: the point has no copy count in the edition file, so no per-1,000 figure."))
    return table


CALIBRATION_COLUMNS = (Column("band", N_("Triage score"), "text"), Column("graded", N_("Graded tips")),
                       Column("usable", N_("Usable")), Column("usable_rate", N_("Usable rate"), "share"))


def calibration_tables(score_counts) -> tuple[Table, Table]:
    """The usable rate per score band, and the score's AUC and Brier score with the tips they rest on."""
    graded = sum(yes + no for _, yes, no in score_counts)
    bands = Table("calibration", N_("Triage score calibration"), CALIBRATION_COLUMNS)
    summary = Table("score", N_("Does the score rank tips well?"),
                    (Column("measure", N_("Measure"), "text"), Column("value", N_("Value"), "ratio")))
    summary.rows.append((N_("Graded tips with a score"), graded))
    if graded < stats.MIN_GRADED_TIPS:
        note = N_("Not enough graded tips: %(graded)d, and at least %(needed)d are needed for the calibration, "
                  "AUC and Brier score.", graded=graded, needed=stats.MIN_GRADED_TIPS)
        bands.notes.append(note)
        summary.notes.append(note)
        bands.empty = note
        return bands, summary
    for band in stats.calibration(score_counts):
        bands.rows.append((band.label, band.graded, band.usable, band.usable_rate))
    summary.rows.append((N_("ROC AUC (0.5 is chance, 1 is perfect)"), stats.auc(score_counts)))
    summary.rows.append((N_("Brier score of score/100 (lower is better; 0.25 is a coin)"),
                         stats.brier(score_counts)))
    summary.notes.append(N_("Usable means graded usable or better; the score is the triage score at intake."))
    return bands, summary
