"""The copies of an edition, one per distribution point: laid out once, each stamped with its own code."""

from __future__ import annotations

import json
import subprocess

import pikepdf
import pytest
from conftest import BASE_URL, TODAY

from coldcase.cases.loader import load_library
from coldcase.publish import workers
from coldcase.publish.build import BuildOptions, build_calendar, build_copies

FEW = (1, 11)
#: The longest code of the 2027 edition: it sets the width of every slot.
LONG = "PI-ROTTERDAM-DE-SCHIE"
CODES = ["PI-VUGHT", LONG]


@pytest.fixture
def library(copy_root):
    edition = copy_root / "editions" / "2027.yaml"
    edition.write_text(edition.read_text() + f"  - code: {LONG}\n    name: PI Rotterdam De Schie\n"
                                             "    kind: prison\n    copies: 385\n")
    return load_library(copy_root, today=TODAY)


def _options(out, variant="print", **kwargs):
    kwargs.setdefault("weeks", FEW)
    kwargs.setdefault("workers", 1)
    return BuildOptions(variant=variant, out_dir=out, base_url=BASE_URL, **kwargs)


def _text(pdf_path, page=None, bbox=False, raw=False) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    flags = (["-bbox"] if bbox else []) + (["-raw"] if raw else [])  # -raw: no hyphen dropped at a line's end
    return subprocess.run(["pdftotext", *flags, *pages, str(pdf_path), "-"],
                          capture_output=True, text=True, check=True).stdout


def _qr_codes(pdf_path, page: int) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    prefix = pdf_path.with_name(f"{pdf_path.stem}-p{page}")
    subprocess.run(["pdftoppm", "-r", "300", "-f", str(page), "-l", str(page), "-png", "-singlefile",
                    str(pdf_path), str(prefix)], check=True)
    found = zxingcpp.read_barcodes(Image.open(f"{prefix}.png"))
    return sorted(code.text for code in found if code.format == zxingcpp.BarcodeFormat.QRCode)


def _url(case_id: str, code: str) -> str:
    return f"{BASE_URL}/cases/{case_id}?e=2027&d={code}"


def test_each_copy_carries_its_own_code_in_qr_codes_urls_cover_and_colophon(library, tmp_path):
    results = build_copies(library, 2027, _options(tmp_path), CODES)
    assert [r.pdf_path.name for r in results] == [f"calendar-2027-print-{code}.pdf" for code in CODES]
    for code, result in zip(CODES, results, strict=True):
        assert result.ok, [f.to_text() for f in result.preflight.errors]
        assert _qr_codes(result.pdf_path, 3) == [_url("case-01", code)]
        assert _qr_codes(result.pdf_path, 4) == [_url("case-11", code)]
        text = _text(result.pdf_path, raw=True).replace("\n", "")  # the longest code's URL takes two lines
        assert _url("case-01", code).removeprefix("https://") in text
        assert _url("case-11", code).removeprefix("https://") in text
        assert f"Nederlands · English · {code}" in _text(result.pdf_path, 1)
        assert f"Cold case kalender 2027 · coldcase · {code}" in _text(result.pdf_path, 6)
        other = next(c for c in CODES if c != code)
        assert f"d={other}" not in text


def test_each_copy_has_its_manifest_job_ticket_and_passing_preflight(library, tmp_path):
    results = build_copies(library, 2027, _options(tmp_path), CODES)
    for code, copies, result in zip(CODES, (700, 385), results, strict=True):
        manifest = json.loads(result.manifest_path.read_text())
        assert manifest["distribution"] == code
        assert manifest["job"]["copies"] == {code: copies} and manifest["job"]["copies_total"] == copies
        assert manifest["job"]["preflight"] == {"ok": True, "errors": 0, "warnings": 0}
        assert manifest["job"]["pdf"] == result.pdf_path.name


def test_copies_are_laid_out_once_and_differ_only_in_their_marks(library, tmp_path, monkeypatch):
    laid_out = []
    original = workers.render_pages

    def counting(html, base_url, fetcher, options, *args, **kwargs):
        laid_out.append(len(options))
        return original(html, base_url, fetcher, options, *args, **kwargs)

    monkeypatch.setattr(workers, "render_pages", counting)
    first, second = build_copies(library, 2027, _options(tmp_path), CODES)
    assert sum(laid_out) == first.pages == 6  # every page once, for both copies
    assert (first.chunks_rendered, second.chunks_rendered, second.chunks_cached) == (6, 0, 6)
    with pikepdf.open(first.pdf_path) as a, pikepdf.open(second.pdf_path) as b:
        for number, (page_a, page_b) in enumerate(zip(a.pages, b.pages, strict=True), start=1):
            streams_a = [s.read_bytes() for s in page_a.obj.Contents]
            streams_b = [s.read_bytes() for s in page_b.obj.Contents]
            if number in (2, 5):  # intro and index carry no code: nothing is stamped on them
                assert streams_a == streams_b and not any(b"CCStamp" in s for s in streams_a)
                continue
            # The page's own content is the same; only the stamp after it differs.
            assert streams_a[1:-1] == streams_b[1:-1] and streams_a[-1] != streams_b[-1], number
            assert streams_a[0] == b"q\n"


def test_a_copy_puts_the_url_where_a_single_build_of_that_point_prints_it(library, tmp_path):
    # The slots are as wide as the longest code: its copy must match its own full build to a fraction of a point.
    copy = build_copies(library, 2027, _options(tmp_path / "copies"), CODES)[1]
    single = build_calendar(library, 2027, _options(tmp_path / "single", distribution=LONG))

    def url_lines(path):
        # The URL takes two lines: the word holding its start, and the next.
        words = [line for line in _text(path, 3, bbox=True).splitlines() if "<word " in line]
        start = next(n for n, line in enumerate(words) if "cases/case-01?" in line)
        return [[float(part.split('"')[1]) for part in line.split()[1:5]] for line in words[start:start + 2]]

    stamped, printed = url_lines(copy.pdf_path), url_lines(single.pdf_path)
    assert "SCHIE" in _text(copy.pdf_path, 3, bbox=True).split("cases/case-01?")[1].split("</word>")[1]
    for mine, theirs in zip(stamped, printed, strict=True):
        # Centred: no kerning in the stamp makes a line a point or two wider, so it starts up to a point sooner.
        assert mine[0] == pytest.approx(theirs[0], abs=1.0) and mine[1] == pytest.approx(theirs[1], abs=0.5)
        assert mine[2] - mine[0] == pytest.approx(theirs[2] - theirs[0], abs=3)


def test_the_stamped_text_is_the_calendar_font_and_the_qr_is_k_only(library, tmp_path):
    result = build_copies(library, 2027, _options(tmp_path), ["PI-VUGHT"])[0]
    with pikepdf.open(result.pdf_path) as pdf:
        page = pdf.pages[2]
        stamp = page.obj.Contents[-1].read_bytes().decode()
        font = page.obj.Resources.Font.CCStampBold
        assert str(font.BaseFont).endswith("+NotoSans-Bold") and "/FontFile2" in font.DescendantFonts[0].FontDescriptor
        assert "0 0 0 1 k" in stamp and " rg" not in stamp
    # Pages 3 and 4 share one subset of each weight: the copy embeds it once.
    fonts = subprocess.run(["pdffonts", str(result.pdf_path)], capture_output=True, text=True, check=True).stdout
    assert sum("+NotoSans-Bold " in line for line in fonts.splitlines()) == 1


def test_copies_of_the_cards_carry_their_code_on_every_card(library, tmp_path):
    results = build_copies(library, 2027, _options(tmp_path, variant="cards"), CODES)
    for code, result in zip(CODES, results, strict=True):
        assert result.ok, [f.to_text() for f in result.preflight.errors]
        assert _qr_codes(result.pdf_path, 1) == sorted([_url("case-01", code), _url("case-11", code)])
        flat = _text(result.pdf_path, 1, raw=True).replace("\n", "")
        assert flat.count(f"d={code}") == 2


def test_same_sources_give_byte_identical_copies_in_this_process_or_shared_between_workers(library, tmp_path):
    first = build_copies(library, 2027, _options(tmp_path / "a"), CODES)
    second = build_copies(library, 2027, _options(tmp_path / "b", workers=2), CODES)
    assert [r.chunks_rendered for r in second] == [6, 0] and all(r.ok for r in second)
    for a, b in zip(first, second, strict=True):
        assert a.pdf_path.read_bytes() == b.pdf_path.read_bytes()
    assert first[0].pdf_path.read_bytes() != first[1].pdf_path.read_bytes()


def test_an_unknown_code_or_the_screen_variant_builds_nothing(library, tmp_path):
    [unknown] = build_copies(library, 2027, _options(tmp_path), ["PI-VUGHT", "NOWHERE"])
    assert unknown.pdf_path is None and "unknown distribution point 'NOWHERE'" in unknown.problems
    [screen] = build_copies(library, 2027, _options(tmp_path, variant="screen"), ["PI-VUGHT"])
    assert screen.pdf_path is None and any("live links" in p for p in screen.problems)
    [missing] = build_copies(library, 2031, _options(tmp_path), ["PI-VUGHT"])
    assert missing.pdf_path is None and missing.problems
    assert not list(tmp_path.glob("*.pdf"))


def test_a_page_whose_slots_went_missing_from_the_cache_is_a_problem_not_a_copy_without_its_code(library, tmp_path):
    options = _options(tmp_path)
    build_copies(library, 2027, options, CODES)
    for path in options.cache.glob("chunks/*.slots.json"):
        path.unlink()
    for pdf in tmp_path.glob("*.pdf"):
        pdf.unlink()
    [result] = build_copies(library, 2027, options, CODES)
    assert result.pdf_path is None
    assert any(problem.startswith("week-01: 0 of 2 places") for problem in result.problems), result.problems
    assert not list(tmp_path.glob("*.pdf"))
