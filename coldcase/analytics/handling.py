"""Handling figures: how long tips wait for a first look, a first reply and closing; open tips by age; and how
often tipsters come back. Counts from :mod:`coldcase.analytics.queries`, summaries from
:mod:`coldcase.analytics.stats`."""

from __future__ import annotations

import datetime
from collections import defaultdict

from coldcase.analytics import stats
from coldcase.analytics.tables import Column, Table

#: The EU whistleblower directive (2019/1937) asks for an acknowledgement within 7 days.
ACKNOWLEDGE_DAYS = 7
#: The age bands of open tips, in days (inclusive), the last one open-ended.
AGE_BANDS = ((0, 7), (8, 30), (31, 90), (91, 365), (366, None))

HANDLING_COLUMNS = (
    Column("step", "From arrival to", "text"), Column("tips", "Tips"), Column("median", "Median", "days"),
    Column("p90", "90th percentile", "days"), Column("within_7", "Within 7 days", "share"),
)


def _histogram(rows) -> dict[int, int]:
    histogram: dict[int, int] = defaultdict(int)
    for _edition, days, tips in rows:
        histogram[days] += tips
    return histogram


def handling_tables(counts: dict[str, list[tuple]], today: datetime.date) -> dict[str, Table]:
    """The handling, open-tips-by-age and returning-tipsters tables, from the counts of
    :func:`coldcase.analytics.queries.count_all`."""
    table = Table("handling", "Handling times", HANDLING_COLUMNS)
    for label, name in (("first review", "review_days"), ("first reply", "reply_days"), ("closing", "close_days")):
        summary = stats.handling(_histogram(counts[name]))
        table.rows.append((label, summary.count, summary.median, summary.p90, summary.within_7_days))
    table.notes.append(f"Whole days (a tip keeps only the day it arrived). Within {ACKNOWLEDGE_DAYS} days is the "
                       "EU directive's acknowledgement time. Tips not yet reviewed, answered or closed are "
                       "not counted here; see open tips by age.")
    totals = [sum(values) for values in zip(*(row[1:] for row in counts["returning"]), strict=True)] or [0] * 5
    return {"handling": table, "open_age": open_age_table([row[1:] for row in counts["open_by_day"]], today),
            "returning": returning_table(totals)}


def _band_label(low: int, high: int | None) -> str:
    return f"{low}–{high} days" if high is not None else f"over {low - 1} days"


def open_age_table(rows, today: datetime.date) -> Table:
    """Tips still open, by days since they arrived."""
    counts = [0] * len(AGE_BANDS)
    for day, tips in rows:
        age = max(0, (today - day).days)
        for index, (low, high) in enumerate(AGE_BANDS):
            if age >= low and (high is None or age <= high):
                counts[index] += tips
                break
    table = Table("open_age", "Open tips by age", (Column("age", "Age", "text"), Column("tips", "Open tips")))
    table.rows = [(_band_label(low, high), count) for (low, high), count in zip(AGE_BANDS, counts, strict=True)]
    table.notes.append(f"Age on {today.isoformat()}.")
    return table


def returning_table(counts) -> Table:
    """Tipsters coming back: receipt codes used again, and questions answered."""
    tips, with_receipt, came_back, asked, answered = counts
    table = Table("returning", "Tipsters coming back", (
        Column("measure", "Measure", "text"), Column("count", "Tips"), Column("of", "Of"),
        Column("share", "Share", "share")))
    table.rows = [
        ("tips with a receipt code", with_receipt, tips, stats.share(with_receipt, tips)),
        ("receipt code used again to write", came_back, with_receipt, stats.share(came_back, with_receipt)),
        ("team asked the tipster something", asked, tips, stats.share(asked, tips)),
        ("tipster answered the team", answered, asked, stats.share(answered, asked)),
    ]
    table.notes.append("A tipster who comes back leaves one trace: a message written with the receipt code. "
                       "Visits to the status page are not recorded, to keep fewer records about tipsters.")
    return table
