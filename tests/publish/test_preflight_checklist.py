"""The edition's checklist that print staff read before a build."""

from __future__ import annotations

from coldcase.cases.loader import load_library
from coldcase.publish.edition_checks import check_edition
from tests.publish.conftest import TODAY, write_case, write_edition


def edition_checklist(library, year):
    return check_edition(library, year)[1]


def by_title(items):
    return {item.title.split(" (")[0]: item for item in items}


def test_a_sound_edition_passes_and_missing_translations_are_warnings(sample_library):
    items = by_title(edition_checklist(sample_library, 2027))
    assert all(items[t].result == "pass" for t in ("52 cases, one a week", "every case is valid and open",
                                                   "the family's consent is recorded for every case",
                                                   "photos print at 300 dpi"))
    english = items["'en' translation of every case"]
    assert english.result == "warn"  # half the sample cases have no English text
    assert "week 2: case-02" in english.details


def test_an_edition_with_bad_weeks_fails_the_checklist_with_its_cases_problems(copy_root):
    write_case(copy_root, "case-03", 3, status="solved")
    write_case(copy_root, "case-05", 5, photo_size=(900, 675))
    write_edition(copy_root, 2027, [f"case-{n:02d}" for n in range(1, 52)])  # one week short
    library = load_library(copy_root, today=TODAY)
    items = {item.title: item for item in edition_checklist(library, 2027)}
    count = items["52 cases, one a week"]
    assert count.result == "fail" and "lists 51 cases" in "\n".join(count.details)
    valid = items["every case is valid and open"]
    text = "\n".join(valid.details)
    assert valid.result == "fail" and "case 'case-03' is solved" in text
    assert "case-05/case.md:" in text and "900×675 px" in text  # the case's own problem, with its line


def test_an_edition_file_that_cannot_be_read_is_one_failed_line_with_the_reason(copy_root):
    write_edition(copy_root, 2027, [f"case-{n:02d}" for n in range(1, 53)])
    edition_file = copy_root / "editions" / "2027.yaml"
    edition_file.write_text(edition_file.read_text().replace("year: 2027", "year: 2026"))
    library = load_library(copy_root, today=TODAY)
    [item] = edition_checklist(library, 2027)
    assert item.result == "fail" and item.title == "edition 2027 can be read"
    assert any("must equal the file name" in line for line in item.details)


def test_an_unknown_edition_is_one_failed_line(sample_library):
    items = edition_checklist(sample_library, 1999)
    assert [(i.title, i.result) for i in items] == [("edition 1999 can be read", "fail")]
