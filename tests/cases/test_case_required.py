"""Every required field of a case file missing and empty; photo sizes, file size and nesting depth at their
limits; dates written in other scripts' digits.

Like ``test_case_edges.py``, each test changes one thing in the complete case file of ``case_files.py``.
"""

from __future__ import annotations

import pytest

from coldcase.cases import loader, rules
from tests.cases.case_files import (
    CASE_EN_MD,
    CASE_MD,
    LINE,
    edit,
    png_header,
    problems_of,
    without,
    write_case,
)
from tests.cases.conftest import TODAY

#: Without an age, a change to the date cannot also make the age wrong.
NO_AGE = edit(CASE_MD, "  age: 22", "  age: ~")

# (field, the start of its line in CASE_MD, the line the "missing" problem is reported on: the file's first
# line for a top-level field, else the first line of the set of fields that lacks it, once it is removed)
REQUIRED = [
    ("id", "id:", 1), ("title", "title:", 1), ("kind", "kind:", 1), ("status", "status:", 1),
    ("victim", "victim:", 1), ("victim.name", "  name:", 8), ("date", "date:", 1), ("place", "place:", 1),
    ("unit", "unit:", 1), ("photos", "photos:", 1), ("photos[1].file", "  - file:", 17),
    ("key_dates[1].date", "  - date:", 21), ("key_dates[1].label", "    label:", 21),
    ("summary", "summary:", 1), ("question", "question:", 1), ("consent", "consent:", 1),
    ("consent.family", "  family:", 26), ("consent.recorded", "  recorded:", 26),
]  # fmt: skip


def _drop(text: str, line_start: str) -> str:
    """Remove a field; a list item's first field is removed by moving the '- ' to the next one."""
    if not line_start.startswith("  - "):
        return without(text, line_start)
    lines = text.splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.startswith(line_start)]
    lines[index + 1] = "  - " + lines[index + 1][4:]
    del lines[index]
    return "".join(lines)


@pytest.mark.parametrize(("name", "line_start", "line"), REQUIRED)
def test_each_required_field_missing_is_named(tmp_path, name, line_start, line):
    text = _drop(CASE_MD, line_start)
    if name == "date":  # the age can no longer be checked against it; keep the problem list to the one asked
        text = edit(text, "  age: 22", "  age: ~")
    case, problems = problems_of(tmp_path, text)
    assert case is None
    assert problems == [("case.md", line, f"required field '{name}' is missing")]


@pytest.mark.parametrize("name", [name for name, _, _ in REQUIRED if name not in ("victim", "photos", "consent")])
def test_each_required_field_left_empty_is_named(tmp_path, name):
    line_start = {field: start for field, start, _ in REQUIRED}[name]
    text = edit(CASE_MD, line_start, f"{line_start} ~  #")
    if name == "date":
        text = edit(text, "  age: 22", "  age: ~")
    case, problems = problems_of(tmp_path, text)
    assert case is None
    assert problems == [("case.md", LINE[name], f"required field '{name}' is empty")]


@pytest.mark.parametrize("name", ["title", "place", "summary", "victim.name", "key_dates[1].label"])
def test_text_of_only_spaces_is_empty(tmp_path, name):
    line_start = {field: start for field, start, _ in REQUIRED}[name]
    case, problems = problems_of(tmp_path, edit(CASE_MD, line_start, f"{line_start} '   '  #"))
    assert problems == [("case.md", LINE[name], f"required field '{name}' is empty")]


@pytest.mark.parametrize(("name", "line_start"), [("reference", "reference:"), ("photos[1].caption", "    caption:")])
def test_an_optional_text_may_be_empty(tmp_path, name, line_start):
    case, problems = problems_of(tmp_path, edit(CASE_MD, line_start, f"{line_start} '  '  #"))
    assert problems == [] and case is not None


# --- Photos ----------------------------------------------------------------------------------------------------

PRINT = "printing at 120×90 mm needs 1417×1063 px"


@pytest.mark.parametrize(("width", "height", "problem"), [
    (1417, 1063, None),
    (1416, 1063, f"photo 'photo.png' is 1416×1063 px; {PRINT}"),
    (1417, 1062, f"photo 'photo.png' is 1417×1062 px; {PRINT}"),
    (10_000, 8_000, None),  # 80 megapixels: the most accepted
    (10_001, 8_000, "photo 'photo.png' is 10001×8000 px; at most 80 megapixels are accepted"),
    (8_000, 10_001, "photo 'photo.png' is 8000×10001 px; at most 80 megapixels are accepted"),
])  # fmt: skip
def test_printed_photo_at_and_past_its_size_limits(tmp_path, width, height, problem):
    folder = write_case(tmp_path)
    png_header(folder / "photo.png", width, height)
    case, problems = loader.load_case(folder, TODAY)
    assert [(p.line, p.message) for p in problems] == ([] if problem is None else [(17, problem)])
    if problem is None:
        assert (case.printed_photo.width, case.printed_photo.height) == (width, height)


@pytest.mark.parametrize(("width", "problem"), [
    (800, None),
    (799, "photo 'second.png' is 799 px wide; the web page needs at least 800"),
])  # fmt: skip
def test_a_further_photo_narrower_than_the_web_page_is_a_warning(tmp_path, width, problem):
    text = edit(CASE_MD, "key_dates:", "  - file: second.png\nkey_dates:")
    folder = write_case(tmp_path, text)
    png_header(folder / "second.png", width, 100)  # too small to print, but only the first photo is printed
    case, problems = loader.load_case(folder, TODAY)
    assert [(p.line, p.message, p.severity) for p in problems] == (
        [] if problem is None else [(20, problem, "warning")]
    )
    assert [photo.file for photo in case.photos] == ["photo.png", "second.png"]


def test_the_pixel_limit_is_below_pillows_own():
    from PIL import Image

    assert rules.MAX_PHOTO_PIXELS < Image.MAX_IMAGE_PIXELS  # so Pillow never warns about an accepted photo


# --- File size and nesting depth -------------------------------------------------------------------------------

def _padded(size: int) -> str:
    text = CASE_MD
    return text + "x" * (size - len(text.encode("utf-8")))


def test_a_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_not(tmp_path):
    assert loader.MAX_FILE_BYTES == 256 * 1024
    case, problems = problems_of(tmp_path / "at", _padded(loader.MAX_FILE_BYTES))
    assert problems == [] and case is not None
    case, problems = problems_of(tmp_path / "past", _padded(loader.MAX_FILE_BYTES + 1))
    assert problems == [("case.md", None, "case.md is larger than 256 KB; is this a case or edition file?")]


def test_the_size_limit_holds_for_a_translation_too(tmp_path):
    padded = CASE_EN_MD + "x" * (loader.MAX_FILE_BYTES + 1 - len(CASE_EN_MD))
    case, problems = problems_of(tmp_path, translations={"en": padded})
    assert problems == [("case.en.md", None, "case.en.md is larger than 256 KB; is this a case or edition file?")]


def _nested(levels: int, flow: bool) -> str:
    """CASE_MD with tags nested ``levels`` deep, counting the front matter (a set of fields) as the first."""
    if flow:
        return edit(CASE_MD, "tags: [zwolle]", "tags: " + "[" * (levels - 1) + "x" + "]" * (levels - 1))
    return edit(CASE_MD, "tags: [zwolle]", "tags:\n  " + "- " * (levels - 1) + "x")


@pytest.mark.parametrize(("flow", "line"), [(True, 28), (False, 29)])
def test_nesting_at_the_depth_limit_is_checked_and_one_level_deeper_is_refused(tmp_path, flow, line):
    assert rules.MAX_DEPTH == 50
    case, problems = problems_of(tmp_path / "at", _nested(rules.MAX_DEPTH, flow))
    assert problems == [("case.md", line, "'tags[1]' must be text, not a list")]
    case, problems = problems_of(tmp_path / "past", _nested(rules.MAX_DEPTH + 1, flow))
    assert problems == [("case.md", line, "case.md: nested more than 50 levels deep; is this a case file?")]


# --- Dates in every language -----------------------------------------------------------------------------------

LABELS = {"en": "Last seen", "es": "Vista por última vez", "ar": "شوهدت آخر مرة", "ru": "Последний раз видели",
          "de": "Zuletzt gesehen", "fr": "Vue pour la dernière fois", "tr": "En son görüldü",
          "pl": "Ostatnio widziana", "fa": "آخرین بار دیده شد"}  # fmt: skip


@pytest.mark.parametrize("language", sorted(LABELS))
def test_a_translations_key_date_in_any_language_is_matched_to_case_md(tmp_path, language):
    translation = edit(CASE_EN_MD, "    label: Last seen", f"    label: {LABELS[language]}")
    case, problems = problems_of(tmp_path, translations={language: translation})
    assert problems == []
    (key_date,) = case.localized(language).key_dates
    assert (key_date.date.isoformat(), key_date.label) == ("1994-03-15", LABELS[language])


@pytest.mark.parametrize(("digits", "written"), [
    ("arabic-indic", "١٩٩٤-٠٣-١٥"), ("persian", "۱۹۹۴-۰۳-۱۵"), ("devanagari", "१९९४-०३-१५"),
    ("full-width", "１９９４-０３-１５"),
])  # fmt: skip
def test_a_date_written_in_other_digits_says_to_use_0_to_9(tmp_path, digits, written):
    hint = f"must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '{written}' (write it with the digits 0-9)"
    case, problems = problems_of(tmp_path / "case", edit(NO_AGE, "date: 1994-03-15", f"date: {written}"))
    assert problems == [("case.md", 11, f"'date' {hint}")]
    translation = edit(CASE_EN_MD, "  - date: 1994-03-15", f"  - date: {written}")
    case, problems = problems_of(tmp_path / "translation", translations={"ar": translation})
    assert problems == [("case.ar.md", 7, f"'key_dates[1].date' {hint}")]


def test_a_date_in_the_wrong_form_with_ascii_digits_gets_no_hint_about_digits(tmp_path):
    case, problems = problems_of(tmp_path, edit(NO_AGE, "date: 1994-03-15", "date: 15.03.1994"))
    assert problems == [
        ("case.md", 11, "'date' must be a date written YYYY, YYYY-MM or YYYY-MM-DD, not '15.03.1994'")
    ]


@pytest.mark.parametrize(("named", "hint"), [
    ("Photo.png", " (did you mean 'photo.png'? names are case-sensitive)"),
    ("photo.pgn", " (did you mean 'photo.png'?)"),
    ("fotoo.png", " (did you mean 'photo.png'?)"),
    ("case.mb", ""),  # close to case.md, but a Markdown file is never suggested as a photo
    ("CASE.MD", ""),
    ("portrait.jpg", ""),
])  # fmt: skip
def test_a_missing_photo_suggests_the_closest_image_in_the_folder(tmp_path, named, hint):
    text = edit(CASE_MD, "  - file: photo.png", "  - file: photo.png\n  - file: " + named)
    case, problems = loader.load_case(write_case(tmp_path, text), TODAY)
    assert [(p.line, p.message) for p in problems] == [(18, f"photo '{named}' is missing{hint}")]


def test_a_jpeg_that_claims_billions_of_pixels_is_refused_from_its_header(tmp_path):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, format="JPEG")
    data = bytearray(buffer.getvalue())
    frame = data.index(b"\xff\xc0")  # the frame header: marker, length, precision, height, width
    data[frame + 5:frame + 9] = (60_000).to_bytes(2, "big") + (60_000).to_bytes(2, "big")
    folder = write_case(tmp_path, edit(CASE_MD, "  - file: photo.png", "  - file: bomb.jpg"))
    (folder / "bomb.jpg").write_bytes(bytes(data))
    case, problems = loader.load_case(folder, TODAY)
    assert [(p.line, p.message) for p in problems] == [
        (17, "photo 'bomb.jpg' is 60000×60000 px; at most 80 megapixels are accepted")
    ]


# --- Stray list items ------------------------------------------------------------------------------------------

def test_a_stray_dash_in_the_tags_is_an_empty_item_not_a_tag_of_none(tmp_path):
    # Before: the case loaded with tags ('zwolle', None), and the triage scorer failed on the None.
    case, problems = problems_of(tmp_path, edit(CASE_MD, "tags: [zwolle]", "tags:\n  - zwolle\n  -"))
    assert case is None and problems == [("case.md", 30, "tags item 2 is empty")]


def test_a_stray_dash_in_a_translations_captions_is_reported_not_a_crash(tmp_path):
    # Before: "could not be checked (AttributeError: ...)" instead of the line to fix.
    case, problems = problems_of(tmp_path, translations={"en": edit(CASE_EN_MD, "  - caption: Anna in 1993", "  -")})
    assert case is None and problems == [("case.en.md", 10, "photos item 1 is empty")]


def test_an_empty_item_in_any_list_is_named_with_its_number(tmp_path):
    text = edit(CASE_MD, "key_dates:", "key_dates:\n  - ~")
    case, problems = problems_of(tmp_path, text)
    assert problems == [("case.md", 21, "key_dates item 1 is empty")]


# --- Messages --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("length", "shown"), [(40, "m" * 40), (41, "m" * 37 + "..."), (100, "m" * 37 + "...")])
def test_a_long_wrong_value_is_shortened_to_40_characters_in_the_message(tmp_path, length, shown):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "kind: homicide", f"kind: {'m' * length}"))
    assert problems == [("case.md", 5, f"'kind' must be one of homicide, missing, unidentified, not '{shown}'")]


def test_a_warning_names_its_field_and_case(tmp_path):
    case, problems = loader.load_case(write_case(tmp_path, edit(CASE_MD, "  age: 22", "  age: 30")), TODAY)
    (problem,) = problems
    assert (problem.severity, problem.field, problem.case_id, problem.line) == (
        "warning", "victim.age", "edge-case", 10
    )
    case, problems = loader.load_case(write_case(tmp_path / "b", CASE_MD.replace("Het verhaal.\n", "")), TODAY)
    assert [(p.severity, p.field, p.line) for p in problems] == [("warning", None, 30)]


@pytest.mark.parametrize(("typo", "hint"), [
    ("palce", " (did you mean 'place'?)"), ("titel", " (did you mean 'title'?)"), ("sumary", " (did you mean "
    "'summary'?)"), ("xyz", ""), ("plac", " (did you mean 'place'?)"),
])  # fmt: skip
def test_an_unknown_field_names_the_one_closest_known_field(tmp_path, typo, hint):
    case, problems = problems_of(tmp_path, edit(CASE_MD, "tags: [zwolle]", f"tags: [zwolle]\n{typo}: x"))
    assert problems == [("case.md", 29, f"unknown field '{typo}'{hint}")]


def test_a_bomb_in_another_format_is_refused_without_reading_its_size(tmp_path):
    import io
    import struct

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, format="BMP")
    data = bytearray(buffer.getvalue())
    data[18:26] = struct.pack("<ii", 60_000, 60_000)  # width and height in the BMP header
    folder = write_case(tmp_path, edit(CASE_MD, "  - file: photo.png", "  - file: bomb.bmp"))
    (folder / "bomb.bmp").write_bytes(bytes(data))
    case, problems = loader.load_case(folder, TODAY)
    assert [(p.line, p.message) for p in problems] == [
        (17, "photo 'bomb.bmp' is larger than 80 megapixels; no more are accepted")
    ]


def test_a_photo_outside_the_folder_does_not_hide_the_next_photos_problem(tmp_path):
    text = edit(CASE_MD, "  - file: photo.png", "  - file: ../photo.png\n  - file: foto.png")
    case, problems = loader.load_case(write_case(tmp_path, text), TODAY)
    assert [(p.line, p.message) for p in problems] == [
        (17, "photo '../photo.png' lies outside the case folder"),
        (18, "photo 'foto.png' is missing (did you mean 'photo.png'?)"),
    ]


@pytest.mark.parametrize("first", [
    ("notes.png", None),  # not an image
    ("small.png", (800, 600)),  # too small to print
    ("huge.png", (10_001, 8_000)),  # too large
])  # fmt: skip
def test_a_photo_with_a_problem_does_not_hide_the_next_photos_problems(tmp_path, first):
    name, size = first
    text = edit(CASE_MD, "  - file: photo.png", f"  - file: {name}\n  - file: narrow.png\n  - file: foto.png")
    folder = write_case(tmp_path, text)
    if size is None:
        (folder / name).write_text("not an image", encoding="utf-8")
    else:
        png_header(folder / name, *size)
    png_header(folder / "narrow.png", 640, 480)
    case, problems = loader.load_case(folder, TODAY)
    assert [(p.line, p.field, p.severity) for p in problems] == [
        (17, "photos[1].file", "error"), (18, "photos[2].file", "warning"), (19, "photos[3].file", "error"),
    ]  # fmt: skip
    assert problems[2].message == "photo 'foto.png' is missing (did you mean 'photo.png'?)"


def test_front_matter_may_end_with_three_dots_and_the_story_keeps_its_lines(tmp_path):
    text = CASE_MD.replace("tags: [zwolle]\n---\n", "tags: [zwolle]\n...\n") + "Tweede regel.\n\nDerde.\n"
    case, problems = problems_of(tmp_path, text)
    assert problems == [] and case.body_markdown == "Het verhaal.\nTweede regel.\n\nDerde.\n"
