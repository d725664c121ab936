"""The case model: partial dates, localized views, problems and the library's helpers."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from coldcase.cases.model import Edition, Library, PartialDate, Problem, Tipline


@pytest.mark.parametrize(
    ("value", "iso"),
    [(1994, "1994"), ("1994", "1994"), ("1994-03", "1994-03"), ("1994-03-15", "1994-03-15"),
     (datetime.date(1994, 3, 15), "1994-03-15")],
)  # fmt: skip
def test_partial_date_reads_year_month_or_day(value, iso):
    assert PartialDate.parse(value).iso() == iso


@pytest.mark.parametrize("value", ["15-03-1994", "1994-3-5", "", "1994-02-30", True, 1994.5, "1994-13"])
def test_partial_date_refuses_what_is_not_a_date(value):
    with pytest.raises(ValueError):
        PartialDate.parse(value)


def test_partial_dates_sort_with_unknown_parts_first():
    dates = [PartialDate.parse(text) for text in ("1994-03-15", "1994", "1994-03", "1993-12-31")]
    assert [date.iso() for date in sorted(dates)] == ["1993-12-31", "1994", "1994-03", "1994-03-15"]


def test_partial_date_spans_its_first_and_last_day():
    assert PartialDate(1996, 2).first_day() == datetime.date(1996, 2, 1)
    assert PartialDate(1996, 2).last_day() == datetime.date(1996, 2, 29)
    assert PartialDate(1994).last_day() == datetime.date(1994, 12, 31)
    assert PartialDate(9999, 12).last_day() == datetime.date(9999, 12, 31)  # was ValueError (year 10000)
    assert PartialDate(9999, 11).last_day() == datetime.date(9999, 11, 30)
    assert PartialDate(1994, 12).last_day() == datetime.date(1994, 12, 31)


def test_problem_formats_path_relative_to_root():
    problem = Problem(Path("/data/cases/anna/case.md"), 12, "unknown field 'palce'")
    assert problem.format(Path("/data/cases")) == "anna/case.md:12: unknown field 'palce'"
    assert problem.format(Path("/elsewhere")) == "/data/cases/anna/case.md:12: unknown field 'palce'"
    warning = Problem(Path("/data/cases/anna/case.md"), None, "no story", "warning")
    assert warning.format(Path("/data/cases")) == "anna/case.md: warning: no story"


def _edition(year: int) -> Edition:
    tipline = Tipline("0800", "Postbus 1", "tips@example.org", "https://example.org")
    return Edition(year, f"Kalender {year}", ("nl",), tipline, (), (), Path(f"{year}.yaml"))


def test_current_edition_is_this_years_next_years_from_october_else_the_latest():
    library = Library(Path("."), {}, {2026: _edition(2026), 2027: _edition(2027)}, [])
    assert library.current_edition(datetime.date(2026, 5, 1)).year == 2026
    assert library.current_edition(datetime.date(2026, 9, 30)).year == 2026
    assert library.current_edition(datetime.date(2026, 10, 1)).year == 2027
    assert library.current_edition(datetime.date(2027, 11, 22)).year == 2027
    assert library.current_edition(datetime.date(2030, 5, 1)).year == 2027
    assert Library(Path("."), {}, {}, []).current_edition() is None


def test_library_separates_errors_and_warnings():
    problems = [
        Problem(Path("a/case.md"), 1, "bad", "error", case_id="a"),
        Problem(Path("b/case.md"), 1, "meh", "warning", case_id="b"),
    ]
    library = Library(Path("."), {}, {}, problems)
    assert [p.message for p in library.errors] == ["bad"]
    assert [p.message for p in library.warnings] == ["meh"]
    assert library.invalid_case_ids == ["a"]
    assert library.case_problems("b") == [problems[1]]


def test_localized_case_falls_back_to_primary_text(load):
    case = load("valid").cases["anna-de-vries-1994"]
    arabic = case.localized("ar")
    assert (arabic.lang, arabic.dir, arabic.is_translation) == ("ar", "rtl", True)
    assert arabic.title == "من قتل آنا دي فريس؟"
    assert arabic.place == case.place and arabic.summary == case.summary
    assert arabic.victim is case.victim and arabic.id == case.id
    assert "مخبز" in arabic.body_html


def test_localized_case_uses_translated_labels_and_captions(load):
    case = load("valid").cases["anna-de-vries-1994"]
    english = case.localized("en")
    assert [key.label for key in english.key_dates] == ["Anna last seen", "Lichaam gevonden"]
    assert english.printed_photo.caption == "Anna in 1993"
    assert english.dir == "ltr"


def test_unknown_language_gives_the_primary_text(load):
    case = load("valid").cases["anna-de-vries-1994"]
    view = case.localized("ru")
    assert (view.lang, view.is_translation, view.title) == ("nl", False, case.title)
    assert view.body_html is case.body_html


def test_case_fields_are_read_from_case_md(load):
    case = load("valid").cases["anna-de-vries-1994"]
    assert case.victim.born == PartialDate(1971, 5, 2) and case.victim.age == 22
    assert case.date.iso() == "1994-03-15" and case.reward == 15000 and case.is_open
    assert case.consent_recorded == datetime.date(2026, 9, 1)
    assert case.tags == ("zwolle", "1990s")
    assert case.summary.startswith("Op de avond") and not case.summary.endswith("\n")
    assert [path.name for path in case.sources] == ["case.md", "case.ar.md", "case.en.md"]
    assert case.languages == ("nl", "ar", "en")
    unknown = load("valid").cases["unknown-man-zeeland-2003"]
    assert unknown.date.iso() == "2003-08" and unknown.victim.born is None and unknown.key_dates == ()


def test_body_is_rendered_only_when_asked(load):
    case = load("valid").cases["anna-de-vries-1994"]
    assert "body_html" not in case.__dict__
    assert "<strong>Diezerstraat</strong>" in case.body_html
    assert "body_html" in case.__dict__


def test_edition_finds_distribution_point_by_code(load):
    edition = load("valid").editions[2027]
    assert edition.primary_language == "nl"
    assert edition.point("pi-vught").name == "PI Vught"
    assert edition.point("NOPE") is None
    assert edition.tipline.web == "https://example.org/tips"


def test_a_partial_date_sorts_before_every_fuller_date_it_contains_and_is_not_before_itself():
    year, month, day = PartialDate(1994), PartialDate(1994, 1), PartialDate(1994, 1, 1)
    assert year < month < day
    assert not year < year and not day < day and not month < year
    assert year <= year and day > month
    assert sorted([day, PartialDate(1993, 12, 31), month, year]) == [PartialDate(1993, 12, 31), year, month, day]


def test_a_localized_view_is_a_plain_value_that_can_be_copied(load):
    import copy

    english = load("valid").cases["anna-de-vries-1994"].localized("en")
    duplicate = copy.copy(english)
    assert (duplicate.lang, duplicate.title, duplicate.id) == ("en", english.title, "anna-de-vries-1994")


def test_a_translated_caption_keeps_the_photo_itself(tmp_path):
    from tests.cases.case_files import CASE_EN_MD, edit, problems_of

    translation = edit(CASE_EN_MD, "  - caption: Anna in 1993", "  - caption: Anna, summer 1993")
    case, problems = problems_of(tmp_path, translations={"en": translation})
    original, translated = case.printed_photo, case.localized("en").printed_photo
    assert (original.caption, translated.caption) == ("Anna in 1993", "Anna, summer 1993")
    assert (translated.file, translated.path, translated.credit, translated.width, translated.height) == (
        "photo.png", tmp_path / "edge-case" / "photo.png", "Familie de Vries", 1417, 1063
    )


def test_a_translation_without_a_field_falls_back_to_the_primary_text_field_by_field(tmp_path):
    from tests.cases.case_files import CASE_EN_MD, problems_of, without

    partial = without(without(without(CASE_EN_MD, "question:"), "place:"), "photos:")
    partial = partial.replace("The story.\n", "  \n")  # an empty body shows the primary story
    case, problems = problems_of(tmp_path, translations={"en": partial})
    english = case.localized("en")
    assert (english.title, english.summary) == ("Who killed Anna de Vries?", "Anna cycled home on 15 March 1994.")
    assert (english.place, english.question) == (case.place, case.question)
    assert english.photos == case.photos and english.body_markdown == case.body_markdown == "Het verhaal.\n"
    assert english.translation is case.translations["en"] and english.is_translation
    assert [(key.date, key.label) for key in english.key_dates] == [(datetime.date(1994, 3, 15), "Last seen")]


def test_the_primary_language_and_an_unknown_one_give_every_primary_field(tmp_path):
    from tests.cases.case_files import CASE_EN_MD, problems_of

    case, problems = problems_of(tmp_path, translations={"en": CASE_EN_MD})
    for lang in ("nl", "ru", None, ""):
        view = case.localized(lang)
        assert (view.lang, view.is_translation, view.translation) == ("nl", False, None)
        assert (view.title, view.place, view.summary, view.question) == (
            case.title, case.place, case.summary, case.question
        )
        assert view.key_dates == case.key_dates and view.photos == case.photos
        assert view.body_markdown == case.body_markdown
    english = case.localized("en")
    assert (english.place, english.question, english.body_markdown) == (
        "Zwolle, city moat", "Who saw Anna after 10 pm?", "The story.\n"
    )


def test_a_localized_view_names_a_missing_special_attribute():
    from coldcase.cases.model import LocalizedCase

    view = LocalizedCase.__new__(LocalizedCase)  # as copy and pickle make it, before its fields are set
    with pytest.raises(AttributeError, match="__setstate_missing__"):
        view.__setstate_missing__  # noqa: B018


def test_problems_of_a_whole_file_come_before_those_on_its_lines():
    path = Path("anna/case.md")
    problems = [Problem(path, 1, "a problem on line 1"), Problem(path, None, "z: the file itself"),
                Problem(Path("anna/case.en.md"), 3, "in another file")]  # fmt: skip
    assert [p.message for p in sorted(problems, key=Problem.sort_key)] == [
        "in another file", "z: the file itself", "a problem on line 1"
    ]


@pytest.mark.parametrize(("now", "year"), [
    (datetime.datetime(2026, 9, 30, 12), 2026), (datetime.datetime(2026, 10, 1, 12), 2027),  # noon: any time zone
])  # fmt: skip
def test_without_a_day_given_next_years_edition_is_current_from_1_october_by_the_clock(time_machine, now, year):
    time_machine.move_to(now, tick=False)
    library = Library(Path("."), {}, {2026: _edition(2026), 2027: _edition(2027)}, [])
    assert library.current_edition().year == year


def test_partial_date_messages_and_odd_inputs():
    with pytest.raises(ValueError, match="^a day needs a month$"):
        PartialDate(1994, None, 5)
    with pytest.raises(ValueError, match="^True is not a date$"):
        PartialDate.parse(True)
    with pytest.raises(ValueError, match="^'1994-02-30' is not a real date$"):
        PartialDate.parse("1994-02-30")
    with pytest.raises(ValueError, match="^'1994-03-15-01' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD$"):
        PartialDate.parse("1994-03-15-01")
    assert PartialDate.parse(datetime.datetime(1994, 3, 15, 22, 30)) == PartialDate(1994, 3, 15)
    assert PartialDate.parse(PartialDate(1994)) == PartialDate(1994)
    assert PartialDate(1994).first_day() == datetime.date(1994, 1, 1)
    assert PartialDate(1994, 3).first_day() == datetime.date(1994, 3, 1)
