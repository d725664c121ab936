"""A translation against its case.md: key dates it may translate, how often, and how many captions.

Starts from the complete case of ``case_files.py`` (one key date, 15 March 1994, and one photo) and its English
translation.
"""

from __future__ import annotations

import pytest

from tests.cases.case_files import CASE_EN_MD, CASE_MD, edit, problems_of, without
from tests.cases.conftest import TODAY

SECOND_KEY_DATE = "  - date: 1994-03-19\n    label: Lichaam gevonden\nsummary:"
SECOND_PHOTO = "  - file: photo.png\n    caption: Nog een\nkey_dates:"


def _translation_key_dates(*dates: str) -> str:
    items = "".join(f"  - date: {date}\n    label: Label {index}\n" for index, date in enumerate(dates, 1))
    return CASE_EN_MD.replace("key_dates:\n  - date: 1994-03-15\n    label: Last seen\n", "key_dates:\n" + items)


def test_a_translation_may_translate_some_of_the_key_dates(tmp_path):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "summary:", SECOND_KEY_DATE),
                                 translations={"en": _translation_key_dates("1994-03-19")})  # fmt: skip
    assert problems == []
    assert [key.label for key in case.localized("en").key_dates] == ["Laatst gezien", "Label 1"]


def test_a_key_date_that_case_md_does_not_have_is_named(tmp_path):
    case, problems = problems_of(tmp_path, translations={"en": _translation_key_dates("1994-03-15", "1994-03-16")})
    assert case is None and problems == [("case.en.md", 9, "key date 1994-03-16 is not in case.md")]


def test_a_key_date_translated_twice_is_named_with_the_first_line(tmp_path):
    translation = _translation_key_dates("1994-03-15", "1994-03-15")
    case, problems = problems_of(tmp_path, translations={"en": translation})
    assert case is None and problems == [("case.en.md", 9, "key date 1994-03-15 is listed twice (also on line 7)")]


def test_a_day_with_two_key_dates_in_case_md_may_be_translated_twice(tmp_path):
    primary = edit(CASE_MD, "summary:", "  - date: 1994-03-15\n    label: Fiets gevonden\nsummary:")
    case, problems = problems_of(tmp_path, primary,
                                 translations={"en": _translation_key_dates("1994-03-15", "1994-03-15")})
    assert problems == [] and case is not None


def test_key_dates_in_a_case_without_any_are_refused(tmp_path):
    case, problems = problems_of(tmp_path, without(CASE_MD, "key_dates:"), translations={"en": CASE_EN_MD})
    assert case is None and problems == [("case.en.md", 6, "case.md has no key dates to translate")]


def test_while_a_key_date_of_case_md_is_wrong_the_translations_dates_are_not_blamed(tmp_path):
    primary = edit(CASE_MD, "  - date: 1994-03-15", "  - date: 1994-02-30")
    case, problems = problems_of(tmp_path, primary, translations={"en": _translation_key_dates("1994-03-15")})
    assert problems == [("case.md", 21, "'key_dates[1].date' 1994-02-30 is not a real date")]
    # ... but a good date of case.md translated twice still is.
    primary = edit(primary, "summary:", SECOND_KEY_DATE)
    case, problems = problems_of(tmp_path / "twice", primary,
                                 translations={"en": _translation_key_dates("1994-03-19", "1994-03-19")})
    assert problems == [
        ("case.md", 21, "'key_dates[1].date' 1994-02-30 is not a real date"),
        ("case.en.md", 9, "key date 1994-03-19 is listed twice (also on line 7)"),
    ]  # fmt: skip


def test_an_empty_or_wrong_translated_key_date_is_reported_once(tmp_path):
    translation = CASE_EN_MD.replace("  - date: 1994-03-15\n", "  - date: 1994-15-03\n")
    case, problems = problems_of(tmp_path, translations={"en": translation})
    assert problems == [("case.en.md", 7, "'key_dates[1].date' 1994-15-03 is not a real date")]


@pytest.mark.parametrize(("photos", "captions", "problem"), [
    (1, 1, None),
    (1, 2, "2 photo captions, but case.md has 1 photo"),
    (2, 2, None),
    (2, 3, "3 photo captions, but case.md has 2 photos"),
    (2, 1, None),  # the second photo keeps its caption from case.md
])  # fmt: skip
def test_a_translation_has_at_most_one_caption_per_photo(tmp_path, photos, captions, problem):
    primary = CASE_MD if photos == 1 else edit(CASE_MD, "key_dates:", SECOND_PHOTO)
    items = "".join(f"  - caption: Caption {number}\n" for number in range(1, captions + 1))
    translation = CASE_EN_MD.replace("  - caption: Anna in 1993\n", items)
    case, problems = problems_of(tmp_path, primary, translations={"en": translation})
    assert problems == ([] if problem is None else [("case.en.md", 9, problem)])
    if problem is None:
        shown = [photo.caption for photo in case.localized("en").photos]
        assert shown == [f"Caption {n}" for n in range(1, captions + 1)] + ["Nog een"] * (photos - captions)


def test_captions_are_not_counted_against_a_photos_field_that_is_itself_wrong(tmp_path):
    primary = CASE_MD.replace("photos:\n  - file: photo.png\n    caption: Anna in 1993\n    credit: Familie de Vries\n",
                              "photos: photo.png\n")
    case, problems = problems_of(tmp_path, primary, translations={"en": CASE_EN_MD})
    assert problems == [("case.md", 16, "'photos' must be a list, not 'photo.png'")]


def test_translation_problems_name_the_key_dates_field(tmp_path):
    from coldcase.cases.loader import load_case
    from tests.cases.case_files import write_case

    for primary, translation in (
        (CASE_MD, _translation_key_dates("1994-03-16")),
        (without(CASE_MD, "key_dates:"), CASE_EN_MD),
        (CASE_MD, _translation_key_dates("1994-03-15", "1994-03-15")),
    ):
        case, problems = load_case(write_case(tmp_path / str(len(list(tmp_path.iterdir()))), primary,
                                              {"en": translation}), TODAY)  # fmt: skip
        assert [(p.field, p.case_id) for p in problems] == [("key_dates", "edge-case")]


def test_a_wrong_key_date_in_a_translation_does_not_hide_the_next_one(tmp_path):
    translation = _translation_key_dates("1994-15-03", "1994-03-16")
    case, problems = problems_of(tmp_path, translations={"en": translation})
    assert problems == [
        ("case.en.md", 7, "'key_dates[1].date' 1994-15-03 is not a real date"),
        ("case.en.md", 9, "key date 1994-03-16 is not in case.md"),
    ]


def test_too_many_captions_names_the_photos_field(tmp_path):
    from coldcase.cases.loader import load_case
    from tests.cases.case_files import write_case

    translation = CASE_EN_MD.replace("  - caption: Anna in 1993\n", "  - caption: A\n  - caption: B\n")
    case, problems = load_case(write_case(tmp_path, translations={"en": translation}), TODAY)
    assert [(p.field, p.case_id, p.message) for p in problems] == [
        ("photos", "edge-case", "2 photo captions, but case.md has 1 photo")
    ]
