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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import holidays

#: The number of week pages (and cases) in every edition.
WEEKS_PER_EDITION = 52


@dataclass(frozen=True)
class KeyDateMark:
    """A case's key date, marked on its day in every year's calendar.

    `case_id`, `name` and `year` (when it happened) let a page that is not the case's own say whose date
    it is and how long ago; the page number of the case's own week comes from `week_pages`.
    """

    month: int
    day: int
    label: str
    case_id: str | None = None
    name: str = ""
    year: int | None = None


@dataclass(frozen=True)
class DayMark:
    """A key date as one day of a grid shows it: whose, on which page, and the words printed."""

    label: str
    case_id: str | None
    week: int  # the page of the case the date belongs to
    own: bool  # printed on that case's own page
    years_ago: int | None
    text: str


@dataclass(frozen=True)
class DayCell:
    """One day in a week grid."""

    date: dt.date
    in_year: bool
    holiday: str | None  # a day off (printed red)
    key_dates: tuple[DayMark, ...]
    observance: str | None = None  # a named day that is not a day off (printed without red)

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
    def key_dates(self) -> list[dict]:
        """Every key date marked on this page, as the manifest lists it."""
        return [{"date": day.iso, "case": mark.case_id, "label": mark.text}
                for grid in self.grids for day in grid.days for mark in day.key_dates]

    @property
    def days_in_year(self) -> list[dt.date]:
        """The days of the edition's year that this page shows (not greyed)."""
        return [day.date for grid in self.grids for day in grid.days if day.in_year]


#: The `holidays` library lists Good Friday among the Dutch public holidays, but it is no day off in the
#: Netherlands: Dutch calendars print its name without the red of a holiday.
_NOT_A_DAY_OFF = frozenset({"Good Friday"})


@dataclass(frozen=True)
class Observance:
    """A day that an edition's readers keep, from another country's calendar in the `holidays` library
    (Eid al-Fitr from Suriname's, for example): `holiday` is its English name there."""

    country: str
    holiday: str


def dutch_holidays(year: int) -> dict[dt.date, str]:
    """Dutch public holidays (days off) of `year` and its neighbours, with their Dutch names.

    Neighbouring years are included because a grid at the edge of the year shows greyed
    days of the previous or next year, and a greyed 25 December should still say why it is red.
    """
    years = (year - 1, year, year + 1)
    dutch = holidays.NL(years=years, language="nl")
    english = holidays.NL(years=years, language="en_US")
    return {day: str(name) for day, name in dutch.items() if english.get(day) not in _NOT_A_DAY_OFF}


def observed_days(year: int, observances: Iterable[Observance] = ()) -> dict[dt.date, str]:
    """Named days that are not days off, around `year`: the Dutch days of remembrance that Dutch calendars
    print (Bevrijdingsdag every year; Good Friday) and the edition's own `observances`, in Dutch where the
    library has Dutch names, else in English; "(estimated)" dates keep the library's date without the note.
    """
    years = (year - 1, year, year + 1)
    english = holidays.NL(years=years, language="en_US")
    days = {day: str(name) for day, name in holidays.NL(years=years, language="nl").items()
            if english.get(day) in _NOT_A_DAY_OFF}
    optional = holidays.NL(years=years, language="nl", categories=("optional",))
    days.update({day: str(name) for day, name in optional.items()})
    for observance in observances:
        country = holidays.country_holidays(observance.country, years=years, language="en_US")
        local = _in_dutch(observance.country, years)
        for day, name in country.items():
            names = [part.strip() for part in str(name).split(";")]
            if any(_plain(part) == observance.holiday for part in names):
                days.setdefault(day, _plain(str(local.get(day) or observance.holiday).split(";")[0]))
    return days


def _in_dutch(country: str, years: tuple[int, ...]) -> Mapping[dt.date, str]:
    try:
        return holidays.country_holidays(country, years=years, language="nl")
    except (NotImplementedError, KeyError, ValueError):
        return {}


def _plain(name: str) -> str:
    """A holiday's name without the library's note that its date is estimated."""
    for note in (" (estimated)", " (geschat)"):
        name = name.replace(note, "")
    return name.strip()


def key_date_marks(key_dates: Iterable[tuple[dt.date, str]], case_id: str | None = None,
                   name: str = "") -> tuple[KeyDateMark, ...]:
    """Turn a case's (date, label) key dates into yearly marks (same month and day)."""
    return tuple(KeyDateMark(d.month, d.day, label, case_id, name, d.year) for d, label in key_dates)


#: Says a mark in words: (mark, its case's week, years since, on its own page?) -> the printed text.
MarkWords = Callable[[KeyDateMark, int, "int | None", bool], str]


def _plain_words(mark: KeyDateMark, week: int, years_ago: int | None, own: bool) -> str:
    return mark.label


def _marks_on(day: dt.date, marks: Iterable[tuple[int, KeyDateMark]], page: int,
              words: MarkWords) -> tuple[DayMark, ...]:
    """The marks (of any case, with their case's week) that fall on `day`.

    A key date on 29 February is marked on 28 February in a year without a 29th, so that an
    anniversary never silently disappears from three calendars out of four.
    """
    found = []
    for week, mark in marks:
        on_day = (mark.month, mark.day) == (day.month, day.day) or (
            (mark.month, mark.day) == (2, 29) and (day.month, day.day) == (2, 28) and not _is_leap(day.year))
        if on_day:
            years = day.year - mark.year if mark.year is not None else None
            own = week == page
            found.append(DayMark(mark.label, mark.case_id, week, own, years, words(mark, week, years, own)))
    # The page's own case first, then by week: the same order on every build.
    return tuple(sorted(found, key=lambda m: (not m.own, m.week)))


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _grid(iso_year: int, iso_week: int, year: int, holiday_names: Mapping[dt.date, str],
          marks: list[tuple[int, KeyDateMark]], page: int, words: MarkWords,
          observed: Mapping[dt.date, str]) -> WeekGrid:
    monday = dt.date.fromisocalendar(iso_year, iso_week, 1)
    days = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        holiday = holiday_names.get(day)
        days.append(DayCell(date=day, in_year=day.year == year, holiday=holiday,
                            key_dates=_marks_on(day, marks, page, words),
                            observance=None if holiday else observed.get(day)))
    return WeekGrid(iso_year, iso_week, tuple(days))


def week_pages(year: int,
               key_dates_by_week: Mapping[int, tuple[KeyDateMark, ...]] | None = None,
               holiday_names: Mapping[dt.date, str] | None = None,
               words: MarkWords = _plain_words, observances: Iterable[Observance] = ()) -> list[WeekPage]:
    """The 52 week pages of `year`'s edition.

    `key_dates_by_week` maps a page number (1-52) to the marks of the case printed on that page.
    Every case's key dates are marked in whichever week they fall, on its own page or another
    (`DayMark.own`), with the number of its own page; `words` says each in print.
    `holiday_names` defaults to the Dutch holidays (`dutch_holidays`); the other named days are the
    Dutch days of remembrance and the edition's `observances` (`observed_days`).
    """
    if not 1 <= year <= 9998:
        raise ValueError(f"year {year} is out of range")
    all_marks = [(week, mark) for week, marks in sorted((key_dates_by_week or {}).items()) for mark in marks]
    holiday_names = dutch_holidays(year) if holiday_names is None else holiday_names
    observed = observed_days(year, observances)
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    pages = []
    for number in range(1, WEEKS_PER_EDITION + 1):
        weeks: list[tuple[int, int]] = [(year, number)]
        if number == 1 and jan1.isocalendar()[:2] != (year, 1):
            # 1-3 January belong to the last ISO week of the previous year.
            weeks.insert(0, tuple(jan1.isocalendar()[:2]))
        if number == WEEKS_PER_EDITION:
            if dt.date(year, 12, 28).isocalendar()[1] == 53:
                weeks.append((year, 53))
            elif dec31.isocalendar()[0] == year + 1:
                weeks.append((year + 1, 1))
        grids = tuple(_grid(iy, iw, year, holiday_names, all_marks, number, words, observed) for iy, iw in weeks)
        pages.append(WeekPage(number=number, iso_year=year, iso_week=number, grids=grids))
    return pages
