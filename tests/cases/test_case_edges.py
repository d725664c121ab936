"""Every limit of a case file at its edge and one past it, every required field missing, every consent value.

Each test changes one field of a complete case file (``tests/cases/case_files.py``) and pins the exact problem,
with its line: a limit that moved by one, a message that changed or a rule that stopped firing fails here.
"""

from __future__ import annotations

import datetime

import pytest

from tests.cases.case_files import (
    CASE_EN_MD,
    CASE_ID,
    CASE_MD,
    LINE,
    TRANSLATION_LINE,
    edit,
    problems_of,
    without,
)
from tests.cases.conftest import TODAY

PAGE = "fit on the calendar page"

# (field, the line as in CASE_MD up to its value, the limit, where the text must fit)
TEXT_LIMITS = [
    ("title", "title: Wie doodde Anna de Vries?", 70, "fit in the page heading"),
    ("victim.name", "  name: Anna de Vries", 60, "are allowed"),
    ("place", "place: Zwolle, Stadsgracht", 80, "are allowed"),
    ("unit", "unit: Team Cold Cases Oost-Nederland", 80, "are allowed"),
    ("reference", "reference: 1994-ON-0042", 32, "are allowed"),
    ("photos[1].caption", "    caption: Anna in 1993", 120, "fit under the photo"),
    ("photos[1].credit", "    credit: Familie de Vries", 80, "are allowed"),
    ("key_dates[1].label", "    label: Laatst gezien", 40, "fit in a day of the calendar"),
    ("summary", "summary: Anna fietste op 15 maart 1994 naar huis.", 600, PAGE),
    ("question", "question: Wie zag Anna na 22.00 uur?", 240, PAGE),
]


def _with_text(line: str, length: int) -> str:
    key = line.split(":")[0]
    return edit(CASE_MD, line, f"{key}: {'é' * length}")  # characters, not bytes, are counted


def test_the_complete_case_file_has_no_problem(tmp_path):
    case, problems = problems_of(tmp_path)
    assert problems == []
    assert case.id == CASE_ID and case.reference == "1994-ON-0042" and case.tags == ("zwolle",)


@pytest.mark.parametrize(("name", "line", "limit", "room"), TEXT_LIMITS)
def test_text_at_its_limit_is_accepted(tmp_path, name, line, limit, room):
    case, problems = problems_of(tmp_path, _with_text(line, limit))
    assert problems == []
    assert case is not None


@pytest.mark.parametrize(("name", "line", "limit", "room"), TEXT_LIMITS)
def test_text_one_past_its_limit_is_refused(tmp_path, name, line, limit, room):
    case, problems = problems_of(tmp_path, _with_text(line, limit + 1))
    assert case is None
    assert problems == [("case.md", LINE[name], f"'{name}' is {limit + 1} characters; at most {limit} {room}")]


def test_a_tag_at_and_past_its_limit(tmp_path):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "tags: [zwolle]", f"tags: [zwolle, {'a' * 32}]"))
    assert problems == [] and case.tags == ("zwolle", "a" * 32)
    case, problems = problems_of(tmp_path, edit(CASE_MD, "tags: [zwolle]", f"tags: [zwolle, {'a' * 33}]"))
    assert problems == [("case.md", 28, "'tags[2]' is 33 characters; at most 32 are allowed")]


def test_spaces_around_a_text_do_not_count_and_are_not_kept(tmp_path):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "title: Wie doodde Anna de Vries?",
                                                f'title: "  {"x" * 70}  "'))
    assert problems == [] and case.title == "x" * 70


@pytest.mark.parametrize(
    ("name", "line", "limit", "room"),
    [("title", "title: Who killed Anna de Vries?", 70, "fit in the page heading"),
     ("place", "place: Zwolle, city moat", 80, "are allowed"),
     ("summary", "summary: Anna cycled home on 15 March 1994.", 600, PAGE),
     ("question", "question: Who saw Anna after 10 pm?", 240, PAGE),
     ("key_dates[1].label", "    label: Last seen", 40, "fit in a day of the calendar"),
     ("photos[1].caption", "  - caption: Anna in 1993", 120, "fit under the photo")],
)  # fmt: skip
def test_translated_text_at_and_one_past_its_limit(tmp_path, name, line, limit, room):
    key = line.split(":")[0]
    at_limit = edit(CASE_EN_MD, line, f"{key}: {'ü' * limit}")
    case, problems = problems_of(tmp_path / "at", translations={"en": at_limit})
    assert problems == [] and case.languages == ("nl", "en")
    past = edit(CASE_EN_MD, line, f"{key}: {'ü' * (limit + 1)}")
    case, problems = problems_of(tmp_path / "past", translations={"en": past})
    assert case is None
    assert problems == [
        ("case.en.md", TRANSLATION_LINE[name], f"'{name}' is {limit + 1} characters; at most {limit} {room}")
    ]


# --- Whole numbers ---------------------------------------------------------------------------------------------

# The victim's birth date is left empty so that any age is consistent.
NO_BIRTH = edit(CASE_MD, "  born: 1971-05-02", "  born: ~")


@pytest.mark.parametrize(("age", "problem"), [
    (-1, "'victim.age' must be from 0 to 120, not -1"),
    (0, None),
    (120, None),
    (121, "'victim.age' must be from 0 to 120, not 121"),
])  # fmt: skip
def test_age_from_0_to_120(tmp_path, age, problem):
    case, problems = problems_of(tmp_path, edit(NO_BIRTH, "  age: 22", f"  age: {age}"))
    assert problems == ([] if problem is None else [("case.md", 10, problem)])
    if problem is None:
        assert case.victim.age == age


@pytest.mark.parametrize(("reward", "problem"), [
    (0, "'reward' must be from 1 to 1,000,000, not 0"),
    (1, None),
    (1_000_000, None),
    (1_000_001, "'reward' must be from 1 to 1,000,000, not 1,000,001"),
])  # fmt: skip
def test_reward_from_1_to_a_million_euros(tmp_path, reward, problem):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "reward: 15000", f"reward: {reward}"))
    assert problems == ([] if problem is None else [("case.md", 15, problem)])
    if problem is None:
        assert case.reward == reward


@pytest.mark.parametrize("value", ["15000.0", "'15000'", "true", "[15000]"])
def test_reward_that_is_not_a_whole_number_is_refused(tmp_path, value):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "reward: 15000", f"reward: {value}"))
    shown = {"'15000'": "'15000'", "[15000]": "a list"}.get(value, repr(value))
    assert problems == [("case.md", 15, f"'reward' must be a whole number of euros, not {shown}")]


# --- The id ----------------------------------------------------------------------------------------------------

ID_RULE = ("is not a valid id: use a-z, 0-9 and '-', 3 to 64 characters, starting and ending with a letter or "
           "digit")  # fmt: skip


@pytest.mark.parametrize("case_id", ["abc", "a-1", "a" * 64, "0" * 3, "x-" * 31 + "yz"])
def test_id_of_3_to_64_letters_digits_and_dashes_is_accepted(tmp_path, case_id):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "id: edge-case", f"id: {case_id}"), folder=case_id)
    assert problems == [] and case.id == case_id


@pytest.mark.parametrize("case_id", ["ab", "a" * 65, "-abc", "abc-", "Abc", "ab_c", "ab c", "abç"])
def test_id_too_short_too_long_or_with_other_characters_is_refused(tmp_path, case_id):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "id: edge-case", f"id: '{case_id}'"), folder="x")
    assert case is None
    assert problems == [
        ("case.md", 2, f"'id' {case_id} {ID_RULE}"),
        ("case.md", 2, f"'id' {case_id} must equal the folder name 'x'"),
    ]


@pytest.mark.parametrize(("language", "problem"), [
    ("en", None), ("e", True), ("eng", True), ("EN", True), ("e1", True)
])  # fmt: skip
def test_language_is_two_lowercase_letters(tmp_path, language, problem):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "language: nl", f"language: {language}"))
    if problem is None:
        assert problems == [] and case.language == language
    else:
        assert problems == [
            ("case.md", 3, f"'language' must be a two-letter language code such as 'nl', not '{language}'")
        ]


def test_a_case_without_a_language_is_dutch(tmp_path):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "language: nl", "language: ~"))
    assert problems == [] and case.language == "nl"


# --- Dates -----------------------------------------------------------------------------------------------------

DAY = datetime.timedelta(days=1)


def test_today_is_not_in_the_future_and_tomorrow_is(tmp_path):
    text = edit(NO_BIRTH, "date: 1994-03-15", f"date: {TODAY}")
    text = edit(text, "  - date: 1994-03-15", f"  - date: {TODAY}")
    case, problems = problems_of(tmp_path / "today", edit(text, "  recorded: 2026-09-01", f"  recorded: {TODAY}"))
    assert problems == [] and case.date.first_day() == TODAY and case.consent_recorded == TODAY
    tomorrow = TODAY + DAY
    text = edit(NO_BIRTH, "date: 1994-03-15", f"date: {tomorrow}")
    text = edit(text, "  - date: 1994-03-15", f"  - date: {tomorrow}")
    case, problems = problems_of(tmp_path / "tomorrow", edit(text, "  recorded: 2026-09-01", f"  recorded: {tomorrow}"))
    assert problems == [
        ("case.md", 11, "'date' 2026-11-02 is in the future"),
        ("case.md", 21, "'key_dates[1].date' 2026-11-02 is in the future"),
        ("case.md", 27, "'consent.recorded' 2026-11-02 is in the future"),
    ]


@pytest.mark.parametrize(("date", "problem"), [
    ("2026-11", None),  # its first day is today
    ("2026", None),
    ("2026-12", "'date' 2026-12 is in the future"),
    ("2027", "'date' 2027 is in the future"),
])  # fmt: skip
def test_a_month_or_year_is_in_the_future_only_when_its_first_day_is(tmp_path, date, problem):
    case, problems = problems_of(tmp_path, edit(NO_BIRTH, "date: 1994-03-15", f"date: {date}"))
    assert problems == ([] if problem is None else [("case.md", 11, problem)])


def test_the_date_is_in_the_future_as_of_the_day_given(tmp_path):
    text = edit(NO_BIRTH, "date: 1994-03-15", "date: 2026-11-02")
    case, problems = problems_of(tmp_path / "a", text, today=datetime.date(2026, 11, 2))
    assert problems == []
    case, problems = problems_of(tmp_path / "b", text, today=datetime.date(2026, 11, 1))
    assert problems == [("case.md", 11, "'date' 2026-11-02 is in the future")]


@pytest.mark.parametrize(("born", "problem"), [
    ("1994-03-15", None),
    ("1994-03", None),  # may be any day of March, including the 15th
    ("1994", None),
    ("1994-03-16", "'victim.born' 1994-03-16 is after 'date' 1994-03-15"),
    ("1994-04", "'victim.born' 1994-04 is after 'date' 1994-03-15"),
    ("1995", "'victim.born' 1995 is after 'date' 1994-03-15"),
])  # fmt: skip
def test_the_victim_is_born_on_or_before_the_date(tmp_path, born, problem):
    text = edit(CASE_MD, "  born: 1971-05-02", f"  born: {born}")
    case, problems = problems_of(tmp_path, edit(text, "  age: 22", "  age: 0"))
    assert problems == ([] if problem is None else [("case.md", 9, problem)])


def test_a_date_only_known_as_a_month_is_after_a_birth_late_in_that_month(tmp_path):
    text = edit(CASE_MD, "  born: 1971-05-02", "  born: 1994-03-31")
    text = edit(edit(text, "  age: 22", "  age: 0"), "date: 1994-03-15", "date: 1994-03")
    case, problems = problems_of(tmp_path, text)
    assert problems == []


@pytest.mark.parametrize(("born", "date", "ages"), [
    ("1971-05-02", "1994-03-15", (22, 22)),
    ("1971-03-15", "1994-03-15", (23, 23)),  # the birthday itself
    ("1971-03-16", "1994-03-15", (22, 22)),  # the day before it
    ("1971", "1994-03-15", (22, 23)),
    ("1971-03", "1994-03", (22, 23)),
    ("1994-03", "1994-03-10", (0, 0)),  # born in the month of the case, perhaps after the 10th
])  # fmt: skip
def test_an_age_that_does_not_match_birth_and_date_is_a_warning(tmp_path, born, date, ages):
    youngest, oldest = ages
    expected = str(youngest) if youngest == oldest else f"{youngest} to {oldest}"
    text = edit(edit(CASE_MD, "  born: 1971-05-02", f"  born: {born}"), "date: 1994-03-15", f"date: {date}")
    for age in range(max(youngest - 1, 0), oldest + 2):
        case, problems = problems_of(tmp_path / str(age), edit(text, "  age: 22", f"  age: {age}"))
        if youngest <= age <= oldest:
            assert problems == [] and case.victim.age == age
        else:
            message = (f"'victim.age' {age} does not match 'victim.born' {born} and 'date' {date} "
                       f"(that gives {expected})")  # fmt: skip
            assert problems == [("case.md", 10, f"{message}")]
            assert case is not None  # only a warning


def test_a_birth_date_in_the_future_is_refused_when_the_case_has_no_date(tmp_path):
    text = without(edit(CASE_MD, "  age: 22", "  age: ~"), "date: 1994-03-15")
    case, problems = problems_of(tmp_path / "a", edit(text, "  born: 1971-05-02", "  born: 2026-11-01"))
    assert problems == [("case.md", 1, "required field 'date' is missing")]
    case, problems = problems_of(tmp_path / "b", edit(text, "  born: 1971-05-02", "  born: 2026-11-02"))
    assert problems == [
        ("case.md", 1, "required field 'date' is missing"),
        ("case.md", 9, "'victim.born' 2026-11-02 is in the future"),
    ]


@pytest.mark.parametrize(("field", "line", "value", "problem"), [
    ("date", "date: 1994-03-15", "15-03-1994",
     "'date' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '15-03-1994'"),
    ("date", "date: 1994-03-15", "1994-3-15",
     "'date' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '1994-3-15'"),
    ("date", "date: 1994-03-15", "1994-02-29", "'date' 1994-02-29 is not a real date"),
    ("date", "date: 1994-03-15", "1994-13", "'date' 1994-13 is not a real date"),
    ("date", "date: 1994-03-15", "[1994]",
     "'date' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not a list"),
    ("key_dates[1].date", "  - date: 1994-03-15", "1994-03",
     "'key_dates[1].date' must be a full date YYYY-MM-DD, not 1994-03"),
    ("consent.recorded", "  recorded: 2026-09-01", "2026",
     "'consent.recorded' must be a full date YYYY-MM-DD, not 2026"),
])  # fmt: skip
def test_a_date_that_is_wrongly_written_or_not_real_is_refused(tmp_path, field, line, value, problem):
    key = line.split(":")[0]
    case, problems = problems_of(tmp_path, edit(NO_BIRTH, line, f"{key}: {value}"))
    assert problems == [("case.md", LINE[field], problem)]


def test_29_february_of_a_leap_year_is_a_real_date(tmp_path):
    case, problems = problems_of(tmp_path, edit(NO_BIRTH, "date: 1994-03-15", "date: 1996-02-29"))
    assert problems == [] and case.date.iso() == "1996-02-29"


# --- Consent ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["true", "True", "TRUE", "yes", "Yes", "on"])
def test_consent_given_in_any_yaml_spelling_of_true(tmp_path, value):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "  family: true", f"  family: {value}"))
    assert problems == [] and case is not None


@pytest.mark.parametrize("value", ["false", "False", "no", "NO", "off"])
def test_consent_refused_in_any_spelling_of_false_leaves_the_case_out(tmp_path, value):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "  family: true", f"  family: {value}"))
    assert case is None
    assert problems == [
        ("case.md", 26, "the family's consent to publication is not given (consent.family must be true)")
    ]


@pytest.mark.parametrize(("value", "shown"), [
    ("maybe", "'maybe'"), ("1", "'1'"), ("0", "'0'"), ('"yes"', "'yes'"), ("'true'", "'true'"), ("ja", "'ja'"),
    ("[yes]", "a list"), ("{given: yes}", "a set of fields"), ("2026-09-01", "'2026-09-01'"),
])  # fmt: skip
def test_consent_that_is_neither_yes_nor_no_is_refused(tmp_path, value, shown):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "  family: true", f"  family: {value}"))
    assert case is None
    assert problems == [("case.md", 26, f"'consent.family' must be true or false, not {shown}")]


def test_consent_for_unidentified_remains_is_the_prosecutors(tmp_path):
    text = edit(edit(CASE_MD, "kind: homicide", "kind: unidentified"), "  family: true", "  family: false")
    case, problems = problems_of(tmp_path, text)
    assert problems == [
        ("case.md", 26, "the prosecutor's consent to publication is not given (consent.family must be true)")
    ]


@pytest.mark.parametrize(("value", "problem"), [
    ("", "required field 'consent.family' is empty"),
    ("~", "required field 'consent.family' is empty"),
])  # fmt: skip
def test_consent_left_empty_is_refused(tmp_path, value, problem):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "  family: true", f"  family: {value}".rstrip()))
    assert case is None and problems == [("case.md", 26, problem)]


def test_without_a_day_given_the_future_starts_tomorrow_by_the_clock(tmp_path, time_machine):
    from coldcase.cases.loader import load_case, load_library
    from tests.cases.case_files import write_case

    time_machine.move_to(datetime.datetime(2026, 11, 1, 12, 0), tick=False)
    today = edit(NO_BIRTH, "date: 1994-03-15", "date: 2026-11-01")
    assert load_case(write_case(tmp_path / "a", today))[1] == []
    case, problems = load_case(write_case(tmp_path / "b", edit(NO_BIRTH, "date: 1994-03-15", "date: 2026-11-02")))
    assert [p.message for p in problems] == ["'date' 2026-11-02 is in the future"]
    library = load_library(tmp_path / "b")
    assert [p.message for p in library.problems] == ["'date' 2026-11-02 is in the future"]


# --- The field each problem names (`coldcase cases check --format json` gives it to editors and tools) ----------

@pytest.mark.parametrize(("old", "new", "field"), [
    ("id: edge-case", "id: Edge_Case", "id"),
    ("id: edge-case", "id: other-case", "id"),
    ("date: 1994-03-15", "date: 2026-11-02", "date"),
    ("  - date: 1994-03-15", "  - date: 2026-11-02", "key_dates[1].date"),
    ("  recorded: 2026-09-01", "  recorded: 2026-11-02", "consent.recorded"),  # was 'consent'
    ("  born: 1971-05-02", "  born: 1994-03-16", "victim.born"),
    ("  family: true", "  family: false", "consent.family"),
    ("  family: true", "  family: maybe", "consent.family"),
    ("  - file: photo.png", "  - file: ../photo.png", "photos[1].file"),
    ("  - file: photo.png", "  - file: foto.png", "photos[1].file"),
    ("  - file: photo.png", "  - file: case.md", "photos[1].file"),  # not an image
    ("date: 1994-03-15", "date: 15-03-1994", "date"),
    ("date: 1994-03-15", "date: 1994-02-30", "date"),
    ("  - date: 1994-03-15", "  - date: 1994-03", "key_dates[1].date"),
    ("  recorded: 2026-09-01", "  recorded: 2026-09", "consent.recorded"),
])  # fmt: skip
def test_each_problem_names_its_field(tmp_path, old, new, field):
    from coldcase.cases.loader import load_case
    from tests.cases.case_files import write_case

    without_age = edit(CASE_MD, "  age: 22", "  age: ~")  # so that no change also makes the age wrong
    case, problems = load_case(write_case(tmp_path, edit(without_age, old, new)), TODAY)
    assert {problem.field for problem in problems} == {field}
    assert {problem.case_id for problem in problems} == {CASE_ID}


def test_a_birth_in_the_future_names_victim_born(tmp_path):
    from coldcase.cases.loader import load_case
    from tests.cases.case_files import without, write_case

    text = without(edit(edit(CASE_MD, "  age: 22", "  age: ~"), "  born: 1971-05-02", "  born: 2027"), "date:")
    case, problems = load_case(write_case(tmp_path, text), TODAY)
    assert [(p.field, p.message) for p in problems] == [
        ("date", "required field 'date' is missing"),
        ("victim.born", "'victim.born' 2027 is in the future"),  # was 'victim'
    ]


@pytest.mark.parametrize(("size", "field", "severity"), [((800, 600), "photos[1].file", "error"),
                                                          ((640, 480), "photos[2].file", "warning")])  # fmt: skip
def test_a_photo_too_small_names_its_field(tmp_path, size, field, severity):
    from coldcase.cases.loader import load_case
    from tests.cases.case_files import png_header, write_case

    folder = write_case(tmp_path, edit(CASE_MD, "  - file: photo.png", "  - file: photo.png\n  - file: second.png"))
    png_header(folder / ("photo.png" if field == "photos[1].file" else "second.png"), *size)
    if field == "photos[2].file":
        png_header(folder / "photo.png", 1417, 1063)
    else:
        png_header(folder / "second.png", 1417, 1063)
    case, problems = load_case(folder, TODAY)
    assert [(p.field, p.severity) for p in problems] == [(field, severity)]


def test_every_field_of_the_complete_case_file_is_read(tmp_path):
    from coldcase.cases.model import PartialDate, Victim

    case, problems = problems_of(tmp_path, translations={"en": CASE_EN_MD})
    assert (case.id, case.folder, case.language, case.kind, case.status) == (
        CASE_ID, tmp_path / CASE_ID, "nl", "homicide", "open"
    )
    assert (case.title, case.place, case.unit, case.reference, case.reward) == (
        "Wie doodde Anna de Vries?", "Zwolle, Stadsgracht", "Team Cold Cases Oost-Nederland", "1994-ON-0042", 15000
    )
    assert case.victim == Victim("Anna de Vries", PartialDate(1971, 5, 2), 22)
    assert (case.date, case.summary, case.question) == (
        PartialDate(1994, 3, 15), "Anna fietste op 15 maart 1994 naar huis.", "Wie zag Anna na 22.00 uur?"
    )
    assert [(key.date, key.label) for key in case.key_dates] == [(datetime.date(1994, 3, 15), "Laatst gezien")]
    assert case.consent_recorded == datetime.date(2026, 9, 1) and case.tags == ("zwolle",)
    assert case.sources == (tmp_path / CASE_ID / "case.md", tmp_path / CASE_ID / "case.en.md")


def test_the_story_loses_only_its_leading_blank_lines(tmp_path):
    text = CASE_MD.replace("---\nHet verhaal.\n", "---\n\n\n    ingesprongen code\nXavier zag haar.\n")
    case, problems = problems_of(tmp_path, text, translations={"en": CASE_EN_MD.replace("The story.", "\nXavier.")})
    assert case.body_markdown == "    ingesprongen code\nXavier zag haar.\n"
    assert case.translations["en"].body_markdown == "Xavier.\n"


def test_reading_a_case_lists_the_files_of_its_folder(tmp_path):
    from coldcase.cases.loader import read_case
    from tests.cases.case_files import write_case

    folder = write_case(tmp_path, translations={"en": CASE_EN_MD})
    assert read_case(folder, TODAY).files == tuple(folder / name for name in ("case.en.md", "case.md", "photo.png"))
    (folder / "case.md").write_text("---\nid: [\n---\n", encoding="utf-8")  # a case that does not parse
    assert read_case(folder, TODAY).files == tuple(folder / name for name in ("case.en.md", "case.md", "photo.png"))
