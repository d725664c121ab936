"""Handling figures: how long tips wait for a first look, a first reply and closing; open tips by age; and how
often tipsters come back. Counts from :mod:`coldcase.analytics.queries`, summaries from
:mod:`coldcase.analytics.stats`."""

from __future__ import annotations

import datetime
from collections import defaultdict

from coldcase.analytics import stats
from coldcase.analytics.tables import Column, Table
from coldcase.analytics.words import N_, Text

#: The EU whistleblower directive (2019/1937) asks for an acknowledgement within 7 days.
ACKNOWLEDGE_DAYS = 7
#: The age bands of open tips, in days (inclusive), the last one open-ended.
AGE_BANDS = ((0, 7), (8, 30), (31, 90), (91, 365), (366, None))

HANDLING_COLUMNS = (
    Column("step", N_("From arrival to"), "text"), Column("tips", N_("Tips")), Column("median", N_("Median"), "days"),
    Column("p90", N_("90th percentile"), "days"),
    Column("within_7", N_("Within %(days)d days", days=ACKNOWLEDGE_DAYS), "share"),
)


def _histogram(rows) -> dict[int, int]:
    histogram: dict[int, int] = defaultdict(int)
    for _edition, days, tips in rows:
        histogram[days] += tips
    return histogram


def handling_tables(counts: dict[str, list[tuple]], today: datetime.date) -> dict[str, Table]:
    """The handling, open-tips-by-age and returning-tipsters tables, from the counts of
    :func:`coldcase.analytics.queries.count_all`."""
    table = Table("handling", N_("Handling times"), HANDLING_COLUMNS)
    for label, name in ((N_("first review"), "review_days"), (N_("first reply"), "reply_days"),
                        (N_("closing"), "close_days")):
        summary = stats.handling(_histogram(counts[name]))
        table.rows.append((label, summary.count, summary.median, summary.p90, summary.within_7_days))
    table.notes.append(N_("Whole days (a tip keeps only the day it arrived). Within %(days)d days is the EU "
                          "directive's acknowledgement time. Tips not yet reviewed, answered or closed are not "
                          "counted here; see open tips by age.", days=ACKNOWLEDGE_DAYS))
    totals = [sum(values) for values in zip(*(row[1:] for row in counts["returning"]), strict=True)] or [0] * 5
    return {"handling": table, "open_age": open_age_table([row[1:] for row in counts["open_by_day"]], today),
            "returning": returning_table(totals)}


def _band_label(low: int, high: int | None) -> Text:
    if high is None:
        return N_("over %(days)d days", days=low - 1)
    return N_("%(low)d–%(high)d days", low=low, high=high)


def open_age_table(rows, today: datetime.date) -> Table:
    """Tips still open, by days since they arrived."""
    counts = [0] * len(AGE_BANDS)
    for day, tips in rows:
        age = max(0, (today - day).days)
        for index, (low, high) in enumerate(AGE_BANDS):
            if age >= low and (high is None or age <= high):
                counts[index] += tips
                break
    table = Table("open_age", N_("Open tips by age"), (Column("age", N_("Age"), "text"),
                                                       Column("tips", N_("Open tips"))))
    table.rows = [(_band_label(low, high), count) for (low, high), count in zip(AGE_BANDS, counts, strict=True)]
    table.notes.append(N_("Age on %(day)s.", day=today.isoformat()))
    return table


def returning_table(counts) -> Table:
    """Tipsters coming back: receipt codes used again, and questions answered."""
    tips, with_receipt, came_back, asked, answered = counts
    table = Table("returning", N_("Tipsters coming back"), (
        Column("measure", N_("Measure"), "text"), Column("count", N_("Tips")), Column("of", N_("Of")),
        Column("share", N_("Share"), "share")))
    table.rows = [
        (N_("tips with a receipt code"), with_receipt, tips, stats.share(with_receipt, tips)),
        (N_("receipt code used again to write"), came_back, with_receipt, stats.share(came_back, with_receipt)),
        (N_("team asked the tipster something"), asked, tips, stats.share(asked, tips)),
        (N_("tipster answered the team"), answered, asked, stats.share(answered, asked)),
    ]
    table.notes.append(N_("A tipster who comes back leaves one trace: a message written with the receipt code. "
                          "Visits to the status page are not recorded, to keep fewer records about tipsters."))
    return table
