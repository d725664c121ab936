"""Week pages at the edges: century years (leap or not), the first and last years the layout accepts, and the
days where the extra grids begin and end."""

import datetime as dt

import pytest

from coldcase.publish.layout import KeyDateMark, week_pages

LEAP_DAY = (KeyDateMark(2, 29, "Verdwenen"),)


def _marked(pages):
    """(page, day, labels) of every day that shows a key date; each day is in exactly one week's grid."""
    return [(page.number, day.iso, tuple(mark.label for mark in day.key_dates))
            for page in pages for grid in page.grids for day in grid.days if day.key_dates]  # fmt: skip


@pytest.mark.parametrize(("year", "leap"), [(2000, True), (2100, False), (2096, True), (2099, False),
                                             (2400, True), (1900, False)])  # fmt: skip
def test_a_29_february_key_date_in_century_years(year, leap):
    # 2000 and 2400 are leap years (divisible by 400); 1900 and 2100 are not (divisible by 100).
    week = dt.date(year, 2, 28).isocalendar()[1]
    pages = week_pages(year, {week: LEAP_DAY})
    expected = f"{year}-02-29" if leap else f"{year}-02-28"
    assert [iso for _, iso, _ in _marked(pages)] == [expected]
    assert _marked(pages)[0][2] == ("Verdwenen",)


def test_a_key_date_on_28_february_is_marked_on_28_february_only():
    pages = week_pages(2028, {9: (KeyDateMark(2, 28, "Gevonden"),)})
    assert [iso for _, iso, _ in _marked(pages)] == ["2028-02-28"]


def test_two_key_dates_on_one_day_are_both_marked_in_order():
    marks = (KeyDateMark(3, 15, "Laatst gezien"), KeyDateMark(3, 15, "Auto gevonden"))
    pages = week_pages(2027, {11: marks})
    assert _marked(pages) == [(11, "2027-03-15", ("Laatst gezien", "Auto gevonden"))]


@pytest.mark.parametrize("year", [1, 9998])
def test_the_first_and_last_years_the_layout_accepts(year):
    pages = week_pages(year)
    assert len(pages) == 52
    days = [day for page in pages for day in page.days_in_year]
    assert days[0] == dt.date(year, 1, 1) and days[-1] == dt.date(year, 12, 31) and len(set(days)) == len(days)


@pytest.mark.parametrize("year", [0, -1, 9999, 10_000])
def test_a_year_outside_the_layouts_range_is_refused_with_the_year(year):
    with pytest.raises(ValueError, match=f"year {year} is out of range"):
        week_pages(year)


def test_greyed_days_still_show_their_holiday():
    # 2027's first page starts with Monday 28 December 2026 (ISO week 53 of 2026), greyed.
    first = week_pages(2027)[0]
    greyed = {day.iso: day.holiday for day in first.grids[0].days if not day.in_year}
    assert greyed == {"2026-12-28": None, "2026-12-29": None, "2026-12-30": None, "2026-12-31": None}
    assert first.grids[0].days[4].holiday == "Nieuwjaarsdag" and first.grids[0].days[4].in_year
    # 2026's last page ends with 1-3 January 2027, greyed, New Year's Day still named.
    last = week_pages(2026)[-1]
    assert [(day.iso, day.in_year, day.holiday) for day in last.grids[1].days[3:5]] == [
        ("2026-12-31", True, None), ("2027-01-01", False, "Nieuwjaarsdag")
    ]
    assert [(day.iso, day.holiday) for day in last.grids[0].days[4:]] == [
        ("2026-12-25", "Eerste kerstdag"), ("2026-12-26", "Tweede kerstdag"), ("2026-12-27", None)
    ]


@pytest.mark.parametrize(("year", "first", "last"), [
    (2026, [(2026, 1)], [(2026, 52), (2026, 53)]),  # 1 January a Thursday: week 1 holds it
    (2027, [(2026, 53), (2027, 1)], [(2027, 52)]),  # 1 January a Friday: it lies in 2026-W53
    (2021, [(2020, 53), (2021, 1)], [(2021, 52)]),
    (2024, [(2024, 1)], [(2024, 52), (2025, 1)]),  # 30 and 31 December 2024 lie in 2025-W01
    (2029, [(2029, 1)], [(2029, 52), (2030, 1)]),  # 31 December 2029 lies in 2030-W01
])  # fmt: skip
def test_extra_grids_on_the_first_and_last_page(year, first, last):
    pages = week_pages(year)
    assert [(g.iso_year, g.iso_week) for g in pages[0].grids] == first
    assert [(g.iso_year, g.iso_week) for g in pages[-1].grids] == last
    assert all(len(page.grids) == 1 for page in pages[1:-1])


def test_a_first_page_starting_on_26_december_shows_it_red_though_greyed():
    # 1 January 2023 is a Sunday: the first page's extra grid runs from Monday 26 December 2022.
    first = week_pages(2023)[0]
    assert [(day.iso, day.in_year, day.holiday) for day in first.grids[0].days[:2]] == [
        ("2022-12-26", False, "Tweede kerstdag"), ("2022-12-27", False, None)
    ]
    assert (first.grids[0].days[-1].iso, first.grids[0].days[-1].holiday) == ("2023-01-01", "Nieuwjaarsdag")
