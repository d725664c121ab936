"""The week pages cover every day of the year exactly once, with holidays and key dates marked."""

import datetime as dt
from collections import Counter

import pytest

from coldcase.publish.layout import KeyDateMark, key_date_marks, week_pages


@pytest.mark.parametrize("year", range(2000, 2041))
def test_every_day_of_the_year_is_in_exactly_one_grid(year):
    pages = week_pages(year)
    assert len(pages) == 52
    shown = Counter(day for page in pages for day in page.days_in_year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    expected = {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
    assert set(shown) == expected
    assert all(count == 1 for count in shown.values())


@pytest.mark.parametrize("year", range(2000, 2041))
def test_each_page_is_its_own_iso_week_and_grids_run_monday_to_sunday(year):
    for number, page in enumerate(week_pages(year), start=1):
        assert (page.iso_year, page.iso_week) == (year, number)
        assert 1 <= len(page.grids) <= 2
        for grid in page.grids:
            assert [d.date.isoweekday() for d in grid.days] == [1, 2, 3, 4, 5, 6, 7]
            assert all(d.date.isocalendar()[:2] == (grid.iso_year, grid.iso_week) for d in grid.days)


def test_2026_has_53_iso_weeks_and_week_53_shares_the_last_page():
    pages = week_pages(2026)
    last = pages[-1]
    assert [(g.iso_year, g.iso_week) for g in last.grids] == [(2026, 52), (2026, 53)]
    assert last.dates[-7:] == ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31",
                               "2027-01-01", "2027-01-02", "2027-01-03"]
    greyed = [d.iso for d in last.grids[1].days if not d.in_year]
    assert greyed == ["2027-01-01", "2027-01-02", "2027-01-03"]
    # 1 January 2026 is a Thursday in ISO week 1 of 2026: the first page has one grid.
    assert [(g.iso_year, g.iso_week) for g in pages[0].grids] == [(2026, 1)]
    assert pages[0].dates[0] == "2025-12-29"


def test_2027_starts_with_1_to_3_january_from_iso_week_53_of_2026():
    pages = week_pages(2027)
    first = pages[0]
    assert [(g.iso_year, g.iso_week) for g in first.grids] == [(2026, 53), (2027, 1)]
    in_year = [d.iso for d in first.grids[0].days if d.in_year]
    assert in_year == ["2027-01-01", "2027-01-02", "2027-01-03"]
    assert first.grids[1].days[0].iso == "2027-01-04"
    # 31 December 2027 is a Friday in ISO week 52 of 2027.
    assert [(g.iso_year, g.iso_week) for g in pages[-1].grids] == [(2027, 52)]


def test_a_year_touching_54_iso_weeks_puts_extra_grids_on_first_and_last_page():
    # 1 January 2040 is a Sunday and 2040 is a leap year: 31 December is a Monday in 2041-W01.
    pages = week_pages(2040)
    assert [(g.iso_year, g.iso_week) for g in pages[0].grids] == [(2039, 52), (2040, 1)]
    assert [(g.iso_year, g.iso_week) for g in pages[-1].grids] == [(2040, 52), (2041, 1)]


def test_dutch_public_holidays_are_marked_with_their_dutch_names():
    pages = week_pages(2027)
    days = {d.date: d for p in pages for g in p.grids for d in g.days}
    assert days[dt.date(2027, 4, 27)].holiday == "Koningsdag"
    assert days[dt.date(2027, 12, 25)].holiday == "Eerste kerstdag"
    assert days[dt.date(2027, 3, 28)].holiday == "Eerste paasdag"
    assert days[dt.date(2027, 3, 30)].holiday is None


def test_key_dates_are_marked_on_the_same_month_and_day_on_the_case_page():
    marks = key_date_marks([(dt.date(1994, 3, 15), "Anna last seen")], "anna", "Anna de Vries")
    # 15 March 2027 is a Monday in ISO week 11.
    pages = week_pages(2027, {11: marks})
    marked = [(p.number, d.iso, [(m.text, m.own) for m in d.key_dates]) for p in pages for g in p.grids
              for d in g.days if d.key_dates]
    assert marked == [(11, "2027-03-15", [("Anna last seen", True)])]


def test_a_key_date_in_another_week_is_marked_there_with_whose_it_is_and_how_long_ago():
    marks = key_date_marks([(dt.date(2016, 5, 3), "last seen")], "yvonne", "Yvonne Bakker")

    def words(mark, week, years_ago, own):
        return f"{years_ago} years ago: {mark.name} {mark.label} (week {week})"

    # Yvonne's case is on page 1; 3 May 2027 falls in ISO week 18.
    pages = week_pages(2027, {1: marks}, words=words)
    [(page, day, mark)] = [(p.number, d.iso, m) for p in pages for g in p.grids for d in g.days
                           for m in d.key_dates]
    assert (page, day) == (18, "2027-05-03")
    assert not mark.own and mark.week == 1 and mark.case_id == "yvonne" and mark.years_ago == 11
    assert mark.text == "11 years ago: Yvonne Bakker last seen (week 1)"
    assert pages[17].key_dates == [{"date": "2027-05-03", "case": "yvonne", "label": mark.text}]
    assert pages[0].key_dates == []


def test_bevrijdingsdag_is_named_every_year_and_good_friday_is_no_red_day_off():
    for year in (2025, 2026, 2027, 2028):
        days = {d.date: d for p in week_pages(year) for g in p.grids for d in g.days}
        liberation = days[dt.date(year, 5, 5)]
        assert "Bevrijdingsdag" in (liberation.holiday, liberation.observance)
    days = {d.date: d for p in week_pages(2027) for g in p.grids for d in g.days}
    good_friday = days[dt.date(2027, 3, 26)]
    assert good_friday.holiday is None and good_friday.observance == "Goede vrijdag"


def test_an_edition_observance_comes_from_the_library_with_its_dutch_name():
    from coldcase.publish.layout import Observance

    pages = week_pages(2027, observances=[Observance("SR", "Eid al-Fitr"), Observance("SR", "Eid al-Adha")])
    named = {d.date: d.observance for p in pages for g in p.grids for d in g.days if d.observance}
    assert named[dt.date(2027, 3, 9)] == "Ied-Ul-Fitre"
    # Eid al-Adha 2027 falls on Whit Sunday: the day off is named, the observance gives way.
    assert dt.date(2027, 5, 16) not in named
    assert not any(d.holiday for p in pages for g in p.grids for d in g.days if d.date == dt.date(2027, 3, 9))


def test_29_february_is_shown_in_a_leap_year():
    pages = week_pages(2028)
    page = next(p for p in pages if "2028-02-29" in p.dates)
    assert dt.date(2028, 2, 29) in page.days_in_year


def test_a_29_february_key_date_falls_on_28_february_in_other_years():
    marks = (KeyDateMark(2, 29, "Disappeared"),)
    leap = week_pages(2028, {9: marks})
    common = week_pages(2027, {8: marks})
    leap_marked = [d.iso for g in leap[8].grids for d in g.days if d.key_dates]
    common_marked = [d.iso for g in common[7].grids for d in g.days if d.key_dates]
    assert leap_marked == ["2028-02-29"]
    assert common_marked == ["2027-02-28"]


def test_a_year_out_of_range_is_refused():
    with pytest.raises(ValueError):
        week_pages(0)
