"""Files built to break the loader (too deep, too large, odd bytes) give a problem with its line, never a crash.

Each test writes its file into a fresh copy of a scenario; the files are made here rather than committed
because some are large or hold bytes that tools reading the repository choke on.
"""

from __future__ import annotations

import subprocess
import sys

from coldcase.cases.loader import load_case, load_library
from tests.cases.conftest import TODAY, formatted

ANNA = "anna-de-vries-1994"


def _problems(problems):
    return [(problem.line, problem.message) for problem in problems]


def test_deeply_nested_case_file_is_refused_before_libyaml_crashes(scenario):
    root = scenario("valid")
    path = root / ANNA / "case.md"
    path.write_text("---\nid: x\ntags: " + "[" * 50_000 + "\n---\n", encoding="utf-8")
    # In a child process: before the fix this killed the interpreter with a segmentation fault.
    code = (
        "import datetime, sys; from coldcase.cases.loader import load_case; "
        "case, problems = load_case(sys.argv[1], datetime.date(2026, 11, 1)); "
        "print([(p.line, p.message) for p in problems])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(root / ANNA)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([(3, "case.md: nested more than 50 levels deep; is this a case file?")])


def test_deep_block_nesting_is_refused_too(scenario):
    root = scenario("valid")
    path = root / ANNA / "case.md"
    path.write_text("---\nid: x\ntags:\n" + "- " * 60 + "x\n---\n", encoding="utf-8")
    case, problems = load_case(root / ANNA, TODAY)
    assert case is None
    assert _problems(problems) == [(4, "case.md: nested more than 50 levels deep; is this a case file?")]


def test_nesting_below_the_limit_is_checked_as_usual(scenario):
    root = scenario("valid")
    path = root / ANNA / "case.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tags: [zwolle, 1990s]", "tags: " + "[" * 30 + "]" * 30), encoding="utf-8")
    case, problems = load_case(root / ANNA, TODAY)
    assert _problems(problems) == [(32, "'tags[1]' must be text, not a list")]


def test_deeply_nested_edition_is_refused(scenario):
    root = scenario("valid")
    (root / "editions" / "2027.yaml").write_text("year: 2027\nweeks: " + "{a: " * 5_000 + "\n")
    library = load_library(root, TODAY)
    assert formatted(library) == [
        "editions/2027.yaml:2: 2027.yaml: nested more than 50 levels deep; is this an edition file?"
    ]


def test_file_over_the_size_limit_is_refused_unread(scenario):
    root = scenario("valid")
    path = root / ANNA / "case.md"
    path.write_text(path.read_text(encoding="utf-8") + "Meer verhaal.\n" * 20_000, encoding="utf-8")
    case, problems = load_case(root / ANNA, TODAY)
    assert case is None
    assert _problems(problems) == [(None, "case.md is larger than 256 KB; is this a case or edition file?")]


def test_file_holding_only_a_byte_order_mark_is_empty_and_hides_nothing(scenario):
    root = scenario("translations")
    (root / "good" / "case.md").write_bytes(b"\xef\xbb\xbf")
    (root / "good" / "case.en.md").write_bytes(b"\xef\xbb\xbf\r\n")
    case, problems = load_case(root / "good", TODAY)
    assert case is None
    assert [(p.path.name, p.line, p.message) for p in problems] == [
        ("case.md", 1, "case.md is empty"),
        ("case.en.md", 1, "case.en.md is empty"),
    ]


def test_control_character_is_reported_on_its_own_line(scenario):
    root = scenario("valid")
    path = root / ANNA / "case.md"
    text = path.read_text(encoding="utf-8")
    for character in ("\x00", "\x07", "\x0c"):
        # 'place' is on line 11. The 'ë' before it makes an offset in bytes differ from one in characters.
        edited = text.replace("name: Anna de Vries", "name: Anna de Vriës").replace(
            "place: Zwolle, Stadsgracht", f"place: Zwolle,{character} Stadsgracht"
        )
        path.write_text(edited, encoding="utf-8")
        case, problems = load_case(root / ANNA, TODAY)
        assert case is None
        (problem,) = problems
        assert problem.line == 11
        assert problem.message.startswith("YAML does not parse: ")  # then the parser's words, naming the character


def _png_header(path, width, height):
    """A PNG that claims ``width``×``height`` pixels: a real header, one tiny data chunk. Image.open reads
    only the header, so this is how a decompression bomb looks to the loader."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
    path.write_bytes(data + chunk(b"IEND", b""))
    return path


def test_photo_above_the_pixel_limit_is_a_problem(scenario, recwarn):
    from PIL import Image

    assert Image.MAX_IMAGE_PIXELS is not None  # Pillow's limit stays in force for the whole process
    root = scenario("valid")
    path = root / ANNA / "case.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("file: photo.jpg", "file: bomb.png"), encoding="utf-8")
    for width, height in ((60_000, 60_000), (10_000, 8_500), (9_000, 9_000)):
        _png_header(root / ANNA / "bomb.png", width, height)
        case, problems = load_case(root / ANNA, TODAY)
        assert case is None
        assert _problems(problems) == [
            (16, f"photo 'bomb.png' is {width}×{height} px; at most 80 megapixels are accepted")
        ]
    assert not [w for w in recwarn if issubclass(w.category, Image.DecompressionBombWarning)]


def test_web_resizer_refuses_a_photo_above_the_pixel_limit(tmp_path):
    import pytest

    from coldcase.cases import photos

    for width, height in ((60_000, 60_000), (9_000, 9_000)):
        bomb = _png_header(tmp_path / f"bomb-{width}.png", width, height)
        with pytest.raises(photos.PhotoTooLarge):
            photos.resized(bomb, 480, tmp_path / "cache")
    assert not (tmp_path / "cache").exists()


def test_markdown_file_linking_out_of_the_case_folder_is_not_read(scenario, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\nNot for the public.\n", encoding="utf-8")
    root = scenario("translations")
    (root / "good" / "case.en.md").unlink()
    (root / "good" / "case.en.md").symlink_to(secret)
    case, problems = load_case(root / "good", TODAY)
    assert case is None
    assert [(p.path.name, p.line, p.message) for p in problems] == [
        ("case.en.md", None, "case.en.md is a link to a file outside the case folder")
    ]
    (root / "good" / "case.md").rename(root / "primary.md")
    (root / "good" / "case.md").symlink_to(root / "primary.md")
    case, problems = load_case(root / "good", TODAY)
    assert [(p.path.name, p.message) for p in problems] == [
        ("case.md", "case.md is a link to a file outside the case folder"),
        ("case.en.md", "case.en.md is a link to a file outside the case folder"),
    ]


def test_markdown_file_linking_inside_the_case_folder_is_fine(scenario):
    root = scenario("translations")
    folder = root / "good"
    (folder / "case.en.md").rename(folder / "english.txt")
    (folder / "case.en.md").symlink_to("english.txt")
    case, problems = load_case(folder, TODAY)
    assert problems == [] and case.languages == ("nl", "en")
