"""ISO weeks -> calendar pages: which days each week page shows, and what is marked on them.

Pure: no Flask, no database, no rendering. The templates and the manifest both read the
`WeekPage` objects made here, so what is printed and what the manifest says cannot disagree.

The rule (documented for staff in docs/calendar.md): an edition has 52 week pages, one case each.
Page k shows ISO week k of the edition's year. A calendar year touches 53 or even 54 ISO weeks,
so the days that fall outside ISO weeks 1-52 go onto the first or last page as a second grid:

* 1-3 January that lie in the previous ISO year (e.g. 1-3 January 2027 in week 53 of 2026)
  are shown as an extra grid above week 1 on the first page;
* ISO week 53 of a 53-week year, and 29-31 December that lie in week 1 of the next ISO year,
  are shown as an extra grid below week 52 on the last page.

Every day from 1 January to 31 December therefore appears in exactly one grid. Grid days that
belong to another calendar year are shown greyed (`DayCell.in_year` is False).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import holidays

#: The number of week pages (and cases) in every edition.
WEEKS_PER_EDITION = 52


@dataclass(frozen=True)
class KeyDateMark:
    """A case's key date, marked on its day in every year's calendar."""

    month: int
    day: int
    label: str


@dataclass(frozen=True)
class DayCell:
    """One day in a week grid."""

    date: dt.date
    in_year: bool
    holiday: str | None
    key_dates: tuple[str, ...]

    @property
    def iso(self) -> str:
        """The day as an ISO string, as the manifest lists it."""
        return self.date.isoformat()


@dataclass(frozen=True)
class WeekGrid:
    """Monday to Sunday of one ISO week."""

    iso_year: int
    iso_week: int
    days: tuple[DayCell, ...]


@dataclass(frozen=True)
class WeekPage:
    """One week page of an edition: its number 1-52 and its grid(s), main grid included."""

    number: int
    iso_year: int
    iso_week: int
    grids: tuple[WeekGrid, ...]

    @property
    def dates(self) -> list[str]:
        """ISO strings of every day shown in this page's grids, greyed days included."""
        return [day.iso for grid in self.grids for day in grid.days]

    @property
    def days_in_year(self) -> list[dt.date]:
        """The days of the edition's year that this page shows (not greyed)."""
        return [day.date for grid in self.grids for day in grid.days if day.in_year]


def dutch_holidays(year: int) -> dict[dt.date, str]:
    """Dutch public holidays of `year` and its neighbours, with their Dutch names.

    Neighbouring years are included because a grid at the edge of the year shows greyed
    days of the previous or next year, and a greyed 25 December should still say why it is red.
    """
    found = holidays.NL(years=(year - 1, year, year + 1), language="nl")
    return {day: str(name) for day, name in found.items()}


def key_date_marks(key_dates: Iterable[tuple[dt.date, str]]) -> tuple[KeyDateMark, ...]:
    """Turn a case's (date, label) key dates into yearly marks (same month and day)."""
    return tuple(KeyDateMark(d.month, d.day, label) for d, label in key_dates)


def _marks_on(day: dt.date, marks: Iterable[KeyDateMark]) -> tuple[str, ...]:
    """Labels of the marks that fall on `day`.

    A key date on 29 February is marked on 28 February in a year without a 29th, so that an
    anniversary never silently disappears from three calendars out of four.
    """
    labels = []
    for mark in marks:
        if (mark.month, mark.day) == (day.month, day.day):
            labels.append(mark.label)
        elif (mark.month, mark.day) == (2, 29) and (day.month, day.day) == (2, 28):
            if not _is_leap(day.year):
                labels.append(mark.label)
    return tuple(labels)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _grid(iso_year: int, iso_week: int, year: int, holiday_names: Mapping[dt.date, str],
          marks: tuple[KeyDateMark, ...]) -> WeekGrid:
    monday = dt.date.fromisocalendar(iso_year, iso_week, 1)
    days = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        days.append(DayCell(date=day, in_year=day.year == year,
                            holiday=holiday_names.get(day), key_dates=_marks_on(day, marks)))
    return WeekGrid(iso_year, iso_week, tuple(days))


def week_pages(year: int,
               key_dates_by_week: Mapping[int, tuple[KeyDateMark, ...]] | None = None,
               ) -> list[WeekPage]:
    """The 52 week pages of `year`'s edition.

    `key_dates_by_week` maps a page number (1-52) to the marks of the case printed on that
    page; a case's key dates are marked only on its own page's grid(s).
    """
    if not 1 <= year <= 9998:
        raise ValueError(f"year {year} is out of range")
    key_dates_by_week = key_dates_by_week or {}
    holiday_names = dutch_holidays(year)
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    pages = []
    for number in range(1, WEEKS_PER_EDITION + 1):
        marks = key_dates_by_week.get(number, ())
        weeks: list[tuple[int, int]] = [(year, number)]
        if number == 1 and jan1.isocalendar()[:2] != (year, 1):
            # 1-3 January belong to the last ISO week of the previous year.
            weeks.insert(0, tuple(jan1.isocalendar()[:2]))
        if number == WEEKS_PER_EDITION:
            if dt.date(year, 12, 28).isocalendar()[1] == 53:
                weeks.append((year, 53))
            elif dec31.isocalendar()[0] == year + 1:
                weeks.append((year + 1, 1))
        grids = tuple(_grid(iy, iw, year, holiday_names, marks) for iy, iw in weeks)
        pages.append(WeekPage(number=number, iso_year=year, iso_week=number, grids=grids))
    return pages
