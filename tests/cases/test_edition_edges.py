"""Every field of an edition file missing, every limit at its edge and one past it.

Each test changes one field of a complete edition (52 weeks, a tip line, two languages, one distribution point)
and pins the exact problem with its line.
"""

from __future__ import annotations

import datetime

import pytest

from coldcase.cases.editions import load_edition
from coldcase.cases.loader import load_case
from tests.cases.case_files import CASE_EN_MD, CASE_MD, edit, without, write_case
from tests.cases.conftest import TODAY

#: One more case than an edition needs, to try 53 weeks.
CASE_IDS = [f"case-{week:02d}" for week in range(1, 54)]
WEEK_IDS = CASE_IDS[:52]

EDITION = """\
year: 2027
title: Cold case kalender 2027
languages: [nl, en]
tipline:
  phone: 0800-6070
  postal: Antwoordnummer 12345, 1000 AB Amsterdam
  email: tips@example.org
  web: https://example.org/tips
distribution:
  - code: PI-VUGHT
    name: PI Vught
    kind: prison
    copies: 700
weeks:
""" + "".join(f"  - {case_id}\n" for case_id in WEEK_IDS)

LINE = {
    "year": 1, "title": 2, "languages": 3, "tipline": 4, "tipline.phone": 5, "tipline.postal": 6,
    "tipline.email": 7, "tipline.web": 8, "distribution": 9, "distribution[1].code": 10,
    "distribution[1].name": 11, "distribution[1].kind": 12, "distribution[1].copies": 13, "weeks": 14,
}  # fmt: skip


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    """52 valid cases, each translated into English (the same case under 52 ids: the edition checks only
    that each id names a valid, open case and which languages it has)."""
    root = tmp_path_factory.mktemp("cases")
    translated, _ = load_case(write_case(root, translations={"en": CASE_EN_MD}), TODAY)
    dutch_only = edit(CASE_MD, "id: edge-case", "id: dutch-only")
    untranslated, _ = load_case(write_case(root, dutch_only, folder="dutch-only"), TODAY)
    solved_md = edit(edit(CASE_MD, "id: edge-case", "id: solved"), "status: open", "status: solved")
    solved, _ = load_case(write_case(root, solved_md, {"en": CASE_EN_MD}, folder="solved"), TODAY)
    assert translated and untranslated and solved
    return {"translated": translated, "untranslated": untranslated, "solved": solved}


def load(tmp_path, text, cases, *, name="2027.yaml", today=TODAY, untranslated=(), solved=()):
    """Load ``text`` as an edition file: the edition (or ``None``) and its problems as (line, message, severity).

    Every week's case is translated into English, except the weeks named in ``untranslated``; the weeks in
    ``solved`` are solved cases."""
    by_id = {case_id: cases["translated"] for case_id in CASE_IDS}
    by_id.update({WEEK_IDS[week - 1]: cases["untranslated"] for week in untranslated})
    by_id.update({WEEK_IDS[week - 1]: cases["solved"] for week in solved})
    path = tmp_path / "editions" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    edition, problems = load_edition(path, by_id, today, root=tmp_path)
    return edition, [(problem.line, problem.message, problem.severity) for problem in problems]


def test_the_complete_edition_has_no_problem(tmp_path, cases):
    edition, problems = load(tmp_path, EDITION, cases)
    assert problems == []
    assert (edition.year, edition.languages, edition.weeks[0], edition.weeks[-1]) == (
        2027, ("nl", "en"), "case-01", "case-52"
    )
    assert edition.tipline.phone == "0800-6070" and edition.tipline.web == "https://example.org/tips"
    (point,) = edition.distribution
    assert (point.code, point.name, point.kind, point.copies) == ("PI-VUGHT", "PI Vught", "prison", 700)


# --- Required fields -------------------------------------------------------------------------------------------

REQUIRED = [
    ("year", "year:", 1), ("title", "title:", 1), ("languages", "languages:", 1), ("tipline", "tipline:", 1),
    ("tipline.phone", "  phone:", 5), ("tipline.postal", "  postal:", 5), ("tipline.email", "  email:", 5),
    ("tipline.web", "  web:", 5), ("distribution", "distribution:", 1), ("weeks", "weeks:", 1),
    ("distribution[1].name", "    name:", 10), ("distribution[1].kind", "    kind:", 10),
    ("distribution[1].copies", "    copies:", 10),
]  # fmt: skip


@pytest.mark.parametrize(("name", "line_start", "line"), REQUIRED)
def test_each_required_field_missing_is_named_and_leaves_the_edition_out(tmp_path, cases, name, line_start,
                                                                         line):
    edition, problems = load(tmp_path, without(EDITION, line_start), cases)
    assert edition is None
    assert problems == [(line, f"required field '{name}' is missing", "error")]


def test_a_distribution_point_without_a_code_is_named(tmp_path, cases):
    text = edit(edit(EDITION, "  - code: PI-VUGHT", "  -"), "    name: PI Vught", "    name: PI Vught")
    text = text.replace("  -\n    name:", "  - name:")
    edition, problems = load(tmp_path, text, cases)
    assert edition is None
    assert problems == [(10, "required field 'distribution[1].code' is missing", "error")]


@pytest.mark.parametrize(("name", "line_start"), [
    ("year", "year:"), ("title", "title:"), ("tipline.phone", "  phone:"), ("tipline.postal", "  postal:"),
    ("tipline.email", "  email:"), ("tipline.web", "  web:"), ("distribution[1].code", "  - code:"),
    ("distribution[1].name", "    name:"), ("distribution[1].kind", "    kind:"),
    ("distribution[1].copies", "    copies:"),
])  # fmt: skip
def test_each_required_field_left_empty_is_named(tmp_path, cases, name, line_start):
    edition, problems = load(tmp_path, edit(EDITION, line_start, f"{line_start} ~  #"), cases)
    assert edition is None
    assert problems == [(LINE[name], f"required field '{name}' is empty", "error")]


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("languages", "[]", "'languages' must list at least 1 language"),
    ("distribution", "[]", "'distribution' must list at least 1 distribution point"),
    ("languages", "nl", "'languages' must be a list, not 'nl'"),
    ("tipline", "0800-6070", "'tipline' must be a set of fields (phone, postal, email, web), not '0800-6070'"),
])  # fmt: skip
def test_an_empty_or_wrongly_shaped_list_or_set_of_fields_is_refused(tmp_path, cases, field, value, problem):
    edition, problems = load(tmp_path, edit(without(EDITION, f"{field}:"), "year: 2027",
                                            f"{field}: {value}\nyear: 2027"), cases)  # fmt: skip
    assert edition is None
    assert problems == [(1, problem, "error")]


def test_a_file_with_no_fields_says_so(tmp_path, cases):
    for text in ("# only a comment\n", "---\n", "~\n"):
        edition, problems = load(tmp_path, text, cases)
        assert edition is None and problems == [(1, "2027.yaml has no fields", "error")]


# --- Weeks -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("count", "problem"), [
    (51, "'weeks' lists 51 cases; an edition needs exactly 52, one a week"),
    (53, "'weeks' lists 53 cases; an edition needs exactly 52, one a week"),
    (1, "'weeks' lists 1 case; an edition needs exactly 52, one a week"),
    (0, "'weeks' lists 0 cases; an edition needs exactly 52, one a week"),
])  # fmt: skip
def test_an_edition_needs_exactly_52_weeks(tmp_path, cases, count, problem):
    head = EDITION.split("weeks:\n")[0]
    weeks = "weeks: []\n" if not count else "weeks:\n" + "".join(f"  - {case_id}\n" for case_id in CASE_IDS[:count])
    edition, problems = load(tmp_path, head + weeks, cases)
    assert problems == [(14, problem, "error")]
    # The edition stays, so that the site can show its good weeks; a build refuses it.
    assert edition is not None and len(edition.weeks) == count


def test_a_solved_case_may_not_go_into_this_years_edition_but_may_stay_in_last_years(tmp_path, cases):
    this_year = edit(EDITION, "year: 2027", "year: 2026").replace("kalender 2027", "kalender 2026")
    edition, problems = load(tmp_path, this_year, cases, name="2026.yaml", solved=[3])
    assert problems == [(17, "week 3: case 'case-03' is solved; only open cases go into a new edition", "error")]
    last_year = edit(EDITION, "year: 2027", "year: 2025")
    edition, problems = load(tmp_path, last_year, cases, name="2025.yaml", solved=[3])
    assert problems == [] and edition.weeks[2] == "case-03"


def test_the_first_five_untranslated_cases_are_named_and_the_rest_counted(tmp_path, cases):
    warning = "cases have no translation into 'en'"
    edition, problems = load(tmp_path, EDITION, cases, untranslated=range(1, 6))
    assert problems == [
        (3, f"5 of 52 {warning} (case-01, case-02, case-03, case-04, case-05); their own text will be printed",
         "warning")
    ]
    assert edition is not None  # a missing translation is only a warning
    edition, problems = load(tmp_path, EDITION, cases, untranslated=range(1, 7))
    assert problems == [
        (3, f"6 of 52 {warning} (case-01, case-02, case-03, case-04, case-05 and 1 more); their own text will "
            "be printed", "warning")
    ]  # fmt: skip


# --- Limits ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "line_start", "limit", "room"), [
    ("title", "title:", 80, "fit on the cover"),
    ("tipline.phone", "  phone:", 32, "are allowed"),
    ("tipline.postal", "  postal:", 120, "are allowed"),
    ("distribution[1].name", "    name:", 80, "are allowed"),
])  # fmt: skip
def test_edition_text_at_its_limit_and_one_past_it(tmp_path, cases, name, line_start, limit, room):
    edition, problems = load(tmp_path, edit(EDITION, line_start, f"{line_start} {'ë' * limit}  #"), cases)
    assert problems == [] and edition is not None
    edition, problems = load(tmp_path, edit(EDITION, line_start, f"{line_start} {'ë' * (limit + 1)}  #"), cases)
    assert edition is None
    assert problems == [(LINE[name], f"'{name}' is {limit + 1} characters; at most {limit} {room}", "error")]


@pytest.mark.parametrize(("year", "problem"), [
    (1999, "'year' must be from 2,000 to 2,100, not 1,999"),
    (2000, None),
    (2100, None),
    (2101, "'year' must be from 2,000 to 2,100, not 2,101"),
])  # fmt: skip
def test_year_from_2000_to_2100(tmp_path, cases, year, problem):
    edition, problems = load(tmp_path, edit(EDITION, "year: 2027", f"year: {year}"), cases, name=f"{year}.yaml",
                             today=datetime.date(1999, 1, 1))  # fmt: skip
    assert problems == ([] if problem is None else [(1, problem, "error")])
    assert (edition is None) == (problem is not None)


def test_year_must_equal_the_file_name(tmp_path, cases):
    edition, problems = load(tmp_path, EDITION, cases, name="2028.yaml")
    assert edition is None and problems == [(1, "'year' 2027 must equal the file name 2028.yaml", "error")]


@pytest.mark.parametrize(("copies", "problem"), [
    (0, "'distribution[1].copies' must be at least 1, not 0"),
    (1, None),
    (-5, "'distribution[1].copies' must be at least 1, not -5"),
])  # fmt: skip
def test_copies_at_least_one(tmp_path, cases, copies, problem):
    edition, problems = load(tmp_path, edit(EDITION, "    copies: 700", f"    copies: {copies}"), cases)
    assert problems == ([] if problem is None else [(13, problem, "error")])


@pytest.mark.parametrize(("code", "ok"), [
    ("AB", True), ("A" * 32, True), ("PI-2027", True), ("A", False), ("A" * 33, False), ("pi-vught", False),
    ("PI VUGHT", False), ("PI_VUGHT", False),
])  # fmt: skip
def test_distribution_code_of_2_to_32_capitals_digits_and_dashes(tmp_path, cases, code, ok):
    edition, problems = load(tmp_path, edit(EDITION, "  - code: PI-VUGHT", f"  - code: '{code}'"), cases)
    if ok:
        assert problems == [] and edition.distribution[0].code == code
    else:
        assert edition is None and problems == [
            (10, f"'distribution[1].code' must be A-Z, 0-9 and '-', 2 to 32 characters, not '{code}'", "error")
        ]


@pytest.mark.parametrize(("line_start", "value", "ok"), [
    ("  email:", "tips@example.org", True), ("  email:", "a@b.nl", True), ("  email:", "tips@example", False),
    ("  email:", "tips example.org", False), ("  email:", "@example.org", False),
    ("  email:", "tips@@example.org", False),
    ("  web:", "https://example.org", True), ("  web:", "https://example.org/tips?x=1", True),
    ("  web:", "http://example.org", False), ("  web:", "https://localhost", False),
    ("  web:", "https://example.org/a b", False), ("  web:", "example.org", False),
])  # fmt: skip
def test_tipline_email_and_web_address(tmp_path, cases, line_start, value, ok):
    edition, problems = load(tmp_path, edit(EDITION, line_start, f"{line_start} '{value}'  #"), cases)
    name = "tipline." + line_start.strip(" :")
    wanted = "an email address" if "email" in name else "an https:// address"
    assert problems == ([] if ok else [(LINE[name], f"'{name}' must be {wanted}, not '{value}'", "error")])


@pytest.mark.parametrize(("languages", "problem"), [
    ("[nl, en]", None),
    ("[nl, en, nl]", "language 'nl' is listed twice"),
    ("[nl, eng]", "'languages[2]' must be a two-letter language code such as 'nl', not 'eng'"),
])  # fmt: skip
def test_languages_are_two_letter_codes_each_once(tmp_path, cases, languages, problem):
    edition, problems = load(tmp_path, edit(EDITION, "languages:", f"languages: {languages}  #"), cases)
    assert problems == ([] if problem is None else [(3, problem, "error")])


@pytest.mark.parametrize(("value", "sample"), [("true", True), ("false", False), (None, False)])
def test_an_edition_may_say_it_is_a_sample(tmp_path, cases, value, sample):
    text = EDITION if value is None else edit(EDITION, "year: 2027", f"year: 2027\nsample: {value}")
    edition, problems = load(tmp_path, text, cases)
    assert problems == [] and edition.sample is sample


def test_sample_must_be_yes_or_no(tmp_path, cases):
    edition, problems = load(tmp_path, edit(EDITION, "year: 2027", "year: 2027\nsample: maybe"), cases)
    assert edition is None
    assert [(line, severity) for line, _, severity in problems] == [(2, "error")]
    assert "'sample'" in problems[0][1]
