"""Each scenario folder loads with exactly the problems listed in its expected.txt (path:line: message).

The expected files are the readable record of every rule's message and line; the named tests below pin
down the behaviour around them (what is left out, what keeps working).
"""

from __future__ import annotations

import datetime
import re

import pytest

from coldcase.cases.loader import load_case, load_library
from coldcase.cases.model import Problem
from tests.cases.case_files import CASE_MD, edit, write_case
from tests.cases.conftest import SCENARIOS, TODAY, formatted

SCENARIO_NAMES = sorted(path.name for path in SCENARIOS.iterdir() if (path / "expected.txt").exists())


#: The YAML parser's own description of a syntax error follows "YAML does not parse: "; its wording is the
#: library's and may change with any release, so only our part of the message (file, line, our hints) is compared.
_LIBRARY_WORDING = re.compile(r"(YAML does not parse: )[^(]*?(?=( \(|$))")


def _ours(lines: list[str]) -> list[str]:
    return [_LIBRARY_WORDING.sub(r"\1…", line) for line in lines]


@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_scenario_reports_exactly_the_expected_problems(load, name):
    expected = (SCENARIOS / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert _ours(formatted(load(name))) == _ours(expected)


def test_valid_scenario_loads_every_case_and_edition(load):
    library = load("valid")
    assert library.problems == []
    assert len(library.cases) == 52
    assert list(library.editions) == [2027]
    assert library.editions[2027].weeks[0] == "anna-de-vries-1994"


def test_broken_files_never_hide_the_good_case_among_them(load):
    library = load("files")
    assert list(library.cases) == ["f-good"]
    assert "a-empty" in library.invalid_case_ids and "j-front-matter-list" in library.invalid_case_ids


def test_folders_starting_with_underscore_are_not_cases(load):
    library = load("files")
    assert not any("_drafts" in str(problem.path) for problem in library.problems)


def test_case_with_only_warnings_stays_on_the_site(load):
    library = load("fields")
    assert sorted(library.cases) == ["age-mismatch", "warnings-only"]
    assert [problem.severity for problem in library.case_problems("age-mismatch")] == ["warning"]


def test_every_case_with_an_error_is_listed_as_invalid(load):
    library = load("fields")
    assert "typo-palce" in library.invalid_case_ids
    assert set(library.invalid_case_ids).isdisjoint(library.cases)


def test_problem_carries_field_and_case(load):
    library = load("fields")
    (problem,) = library.case_problems("reward-lots")
    assert (problem.field, problem.case_id, problem.line, problem.severity) == (
        "reward",
        "reward-lots",
        13,
        "error",
    )


def test_photo_link_leading_out_of_the_folder_is_refused(scenario):
    root = scenario("photos")
    case, problems = load_case(root / "photo-symlink", TODAY)
    assert case is None
    assert [problem.message for problem in problems] == ["photo 'linked.jpg' lies outside the case folder"]


def test_photo_in_a_subfolder_is_fine(load):
    case = load("photos").cases["photo-in-subfolder"]
    assert (case.printed_photo.width, case.printed_photo.height) == (1500, 1100)
    assert case.printed_photo.path.name == "anna.png"


def test_second_photo_that_is_narrow_is_only_a_warning(load):
    library = load("photos")
    assert len(library.cases["photo-second-narrow"].photos) == 2


def test_translation_error_leaves_the_case_out(load):
    library = load("translations")
    assert list(library.cases) == ["good"]
    good = library.cases["good"]
    assert good.languages == ("nl", "en")
    assert good.localized("en").photos[0].caption == "A photo from 1993"


def test_duplicate_id_keeps_the_case_whose_folder_has_that_name(load):
    library = load("duplicate-ids")
    assert sorted(library.cases) == ["anna-de-vries-1994", "other"]
    assert library.invalid_case_ids == ["anna-copy"]


def test_edition_with_errors_is_left_out_but_a_past_edition_may_name_solved_cases(load):
    library = load("editions")
    assert list(library.editions) == [2019]
    assert library.cases["solved-case"].status == "solved"
    assert library.editions[2019].weeks[1] == "solved-case"


def test_date_in_the_future_depends_on_today(scenario):
    root = scenario("fields")
    case, problems = load_case(root / "key-date-future", today=TODAY.replace(year=2028))
    assert case is not None and problems == []


def test_missing_cases_folder_is_one_problem_not_a_crash(tmp_path):
    library = load_library(tmp_path / "nowhere", today=TODAY)
    assert library.cases == {}
    assert [problem.message for problem in library.problems] == [
        f"the cases folder {tmp_path / 'nowhere'} does not exist or is not a folder"
    ]


def test_utf8_byte_order_mark_is_accepted(scenario):
    root = scenario("valid")
    path = root / "anna-de-vries-1994" / "case.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    case, problems = load_case(root / "anna-de-vries-1994", TODAY)
    assert case is not None and problems == []


def _edit_anna(root, old, new):
    path = root / "anna-de-vries-1994" / "case.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_case(root / "anna-de-vries-1994", TODAY)


def test_yaml_alias_repeating_a_block_is_refused(scenario):
    case, problems = _edit_anna(scenario("valid"), "photos:\n  - file", "photos: &p\n  - file")
    assert case is not None  # the anchor alone is harmless
    case, problems = _edit_anna(scenario("valid"), "tags: [zwolle, 1990s]", "tags: &t [zwolle]\nextra: *t")
    assert [(p.line, p.message) for p in problems] == [(33, "unknown field 'extra'")]
    root = scenario("valid")
    case, problems = _edit_anna(root, "key_dates:\n", "key_dates: &k\n")
    case, problems = _edit_anna(root, "tags: [zwolle, 1990s]", "tags: *k")
    assert [(p.line, p.message) for p in problems][0] == (
        32,
        "'tags' repeats other fields with a YAML alias; write it out",
    )


def test_photo_name_with_a_nul_byte_is_refused(scenario):
    case, problems = _edit_anna(scenario("valid"), "file: photo.jpg", 'file: "photo.jpg\\0"')
    assert case is None
    assert problems[0].message == "photo 'photo.jpg\x00' lies outside the case folder"


def test_unforeseen_failure_stays_with_its_case(scenario, monkeypatch):
    from coldcase.cases import loader

    root = scenario("valid")
    real = loader._check_consent

    def explode(values, findings):
        if values.get("id") == "anna-de-vries-1994":
            raise KeyError("boom")
        real(values, findings)

    monkeypatch.setattr(loader, "_check_consent", explode)
    library = load_library(root, today=TODAY)
    assert "anna-de-vries-1994" not in library.cases and len(library.cases) == 51
    assert (
        library.errors[0].format(root)
        == "anna-de-vries-1994/case.md: could not be checked (KeyError: 'boom')"
    )


# --- The library as a whole: folders that are not cases, edition files, ids claimed by several folders, and the
# day "today" that every check is made against. Cases from tests/cases/case_files.py.


def _claiming(root, folder, case_id="edge-case"):
    return write_case(root, edit(CASE_MD, "id: edge-case", f"id: {case_id}"), folder=folder)


def test_a_missing_cases_folder_is_an_empty_library_with_one_problem(tmp_path):
    library = load_library(tmp_path / "nowhere", today=TODAY)
    assert (library.root, library.cases, library.editions) == (tmp_path / "nowhere", {}, {})
    (problem,) = library.problems
    assert (problem.path, problem.line, problem.severity) == (tmp_path / "nowhere", None, "error")


def test_folders_starting_with_a_dot_or_underscore_are_not_cases(tmp_path):
    write_case(tmp_path)
    for hidden in (".git", "_drafts", ".trash"):
        (tmp_path / hidden).mkdir()
        (tmp_path / hidden / "case.md").write_text("not a case\n", encoding="utf-8")
    library = load_library(tmp_path, today=TODAY)
    assert library.problems == [] and list(library.cases) == ["edge-case"]


def test_only_yaml_files_in_editions_are_editions(tmp_path):
    write_case(tmp_path)
    editions = tmp_path / "editions"
    editions.mkdir()
    (editions / "notes.txt").write_text("year: 2027\n", encoding="utf-8")
    (editions / "old.yaml").mkdir()  # a folder, however named
    (editions / "2027.yml").write_text("year: 2027\n", encoding="utf-8")
    library = load_library(tmp_path, today=TODAY)
    assert [p.format(tmp_path) for p in library.problems][0] == (
        "editions/2027.yml: 2027.yml is not an edition file name: name it after its year, such as 2027.yaml"
    )
    assert all("notes.txt" not in str(p.path) and "old.yaml" not in str(p.path) for p in library.problems)


def test_an_id_claimed_by_three_folders_stays_with_the_folder_of_that_name(tmp_path):
    _claiming(tmp_path, "aaa-own-id", "aaa-own-id")  # sorted first, and alone with its id
    _claiming(tmp_path, "edge-case")
    _claiming(tmp_path, "edge-case-copy")
    _claiming(tmp_path, "edge-case-old")
    library = load_library(tmp_path, today=TODAY)
    assert sorted(library.cases) == ["aaa-own-id", "edge-case"]
    assert library.invalid_case_ids == ["edge-case-copy", "edge-case-old"]
    duplicates = sorted((p.path.parent.name, p.line, p.message, p.severity, p.field, p.case_id)
                        for p in library.problems if "also used by" in p.message)  # fmt: skip
    assert duplicates == [
        ("edge-case", 2, "case id 'edge-case' is also used by edge-case-copy/case.md, edge-case-old/case.md",
         "warning", "id", "edge-case"),
        ("edge-case-copy", 2, "case id 'edge-case' is also used by edge-case/case.md, edge-case-old/case.md",
         "error", "id", "edge-case-copy"),
        ("edge-case-old", 2, "case id 'edge-case' is also used by edge-case/case.md, edge-case-copy/case.md",
         "error", "id", "edge-case-old"),
    ]  # fmt: skip
    assert all(isinstance(p, Problem) and p.path.name == "case.md" for p in library.problems)


def test_the_day_given_is_the_day_for_editions_too(tmp_path, time_machine):
    # By the clock (2028) the 2027 edition is a past one; loaded as of TODAY (2026) it is a new one, and a solved
    # case may not go into it.
    time_machine.move_to(datetime.datetime(2028, 6, 1, 12), tick=False)
    solved = edit(CASE_MD, "status: open", "status: solved")
    write_case(tmp_path, solved)
    (tmp_path / "editions").mkdir()
    (tmp_path / "editions" / "2027.yaml").write_text(
        "year: 2027\ntitle: Kalender\nlanguages: [nl]\ntipline:\n  phone: '0800'\n  postal: Postbus 1\n"
        "  email: tips@example.org\n  web: https://example.org\ndistribution:\n  - code: PI\n    name: PI\n"
        "    kind: prison\n    copies: 1\nweeks:\n  - edge-case\n", encoding="utf-8")
    messages = [p.message for p in load_library(tmp_path, today=TODAY).problems]
    assert "week 1: case 'edge-case' is solved; only open cases go into a new edition" in messages
    messages = [p.message for p in load_library(tmp_path).problems]  # as of the clock: a past edition
    assert not any("is solved" in message for message in messages)
