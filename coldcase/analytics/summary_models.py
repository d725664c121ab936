"""The pre-aggregated yield figures (migration 0009). Written only by :mod:`coldcase.analytics.summaries`.

``yield_tip_facts`` holds, per tip, the few values the figures count (its edition, case, week, channel, point,
outcome flags, handling days, conversation flags): the tip's last counted state, so that a change can take its
old contribution out of the counts before adding the new one. ``yield_cells`` holds the counts themselves:
one row per figure, edition and key, exactly the rows the dashboard's GROUP BY queries would return. The
dashboard reads ``yield_cells`` (a few thousand rows at any number of tips), and for a filter the cells do not
hold, the fact rows of the tips it matches (:mod:`coldcase.analytics.kept`).
"""

from __future__ import annotations

import datetime

from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from coldcase.extensions import db

#: Stored instead of NULL in key columns: NULLs are never equal in a primary key or an upsert's conflict target.
NO_EDITION = 0
NO_KEY = ""


class YieldTipFact(db.Model):
    """One tip as the yield figures count it (see the module docstring)."""

    __tablename__ = "yield_tip_facts"
    #: For the filters the cells do not hold (:mod:`coldcase.analytics.kept`): the days of a month a date range
    #: cuts, and the tips of an edition with some cases or some point (migration 0010).
    __table_args__ = (Index("ix_yield_tip_facts_edition_day", "edition", "day"),
                      Index("ix_yield_tip_facts_edition_case", "edition", "case_id"),
                      Index("ix_yield_tip_facts_edition_point", "edition", "point_code", "channel"))

    tip_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    edition: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(10))
    point_code: Mapped[str] = mapped_column(String(40))
    day: Mapped[datetime.date] = mapped_column(Date)
    monday: Mapped[datetime.date] = mapped_column(Date)
    is_open: Mapped[int] = mapped_column(Integer)
    graded: Mapped[int] = mapped_column(Integer)
    usable: Mapped[int] = mapped_column(Integer)
    reopened: Mapped[int] = mapped_column(Integer)
    solved: Mapped[int] = mapped_column(Integer)
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    review_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reply_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    close_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    receipt: Mapped[int] = mapped_column(Integer)
    wrote: Mapped[int] = mapped_column(Integer)
    asked: Mapped[int] = mapped_column(Integer)
    answered: Mapped[int] = mapped_column(Integer)


class YieldCell(db.Model):
    """One row of one figure for one slice of the tips: ``figure`` is an aggregate name of
    :data:`coldcase.analytics.queries.AGGREGATES`, ``key1``/``key2`` its keys after the edition as text,
    ``n1``..``n5`` its counts."""

    __tablename__ = "yield_cells"
    #: For the slices that are summed (:mod:`coldcase.analytics.kept`): one edition's months or cases (0010).
    __table_args__ = (Index("ix_yield_cells_edition_part", "edition", "part"),)

    #: The slice of tips counted: ``""`` (all), ``"channel=letter"``, ``"point=PI-01"``, ``"case=jan-2018"``,
    #: ``"month=2018-03"`` (see :data:`coldcase.analytics.summaries.PARTS`). First in the key, with
    #: the edition, so that a page reads one slice of the editions it needs by the primary key.
    part: Mapped[str] = mapped_column(String(72), primary_key=True)
    edition: Mapped[int] = mapped_column(Integer, primary_key=True)
    figure: Mapped[str] = mapped_column(String(20), primary_key=True)
    key1: Mapped[str] = mapped_column(String(64), primary_key=True)
    key2: Mapped[str] = mapped_column(String(16), primary_key=True)
    n1: Mapped[int] = mapped_column(Integer, default=0)
    n2: Mapped[int] = mapped_column(Integer, default=0)
    n3: Mapped[int] = mapped_column(Integer, default=0)
    n4: Mapped[int] = mapped_column(Integer, default=0)
    n5: Mapped[int] = mapped_column(Integer, default=0)


#: The version row bumped by ``coldcase yield rebuild``: everything may have changed.
EVERY_EDITION = -1


class YieldVersion(db.Model):
    """How often each edition's counts changed: the remembered figures (:mod:`coldcase.analytics.memo`) compare
    these few rows to know which editions to read again. Bumped in the transaction that changes the counts."""

    __tablename__ = "yield_versions"

    edition: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(Integer)
