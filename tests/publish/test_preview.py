"""`coldcase calendar preview`: one week page after editing a case, laid out as the build lays it out, shared
with the build's cache; every problem of the request said in words."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import BASE_URL, write_case, write_edition
from flask import Flask
from PIL import Image

from coldcase.cases.loader import load_library
from coldcase.publish.build import BuildOptions, build_calendar
from coldcase.publish.cli import calendar_cli
from coldcase.publish.preview import PreviewRequest, preview_page


def _app(cases_dir, output_dir):
    app = Flask(__name__)
    app.config.update(CASES_DIR=cases_dir, OUTPUT_DIR=output_dir, PUBLIC_BASE_URL=BASE_URL)
    app.cli.add_command(calendar_cli)
    return app


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_preview_of_a_case_writes_its_week_page_and_a_png_and_then_comes_from_the_cache(copy_root, tmp_path):
    runner = _app(copy_root, tmp_path).test_cli_runner()
    result = runner.invoke(args=["calendar", "preview", "2027", "--case", "case-03", "--png", "30"])
    assert result.exit_code == 0, result.output
    assert "week 3 (case-03), laid out" in result.output
    pdf = tmp_path / "2027" / "preview" / "calendar-2027-print-week-03.pdf"
    with pikepdf.open(pdf) as opened:
        assert len(opened.pages) == 1
    assert "Slachtoffer 3" in _text(pdf)
    with Image.open(pdf.with_suffix(".png")) as png:
        # A4 at 30 dpi (248 x 351 px, give or take poppler's rounding), cropped to the trim: as it hangs.
        assert abs(png.width - 248) <= 1 and abs(png.height - 351) <= 1
    again = runner.invoke(args=["calendar", "preview", "2027", "--week", "3", "--variant", "print"])
    assert again.exit_code == 0 and "from the cache" in again.output


def test_an_edited_case_is_laid_out_again_with_its_new_text(copy_root, tmp_path):
    runner = _app(copy_root, tmp_path).test_cli_runner()
    assert runner.invoke(args=["calendar", "preview", "2027", "--case", "case-05", "--variant", "screen"]).exit_code == 0
    write_case(copy_root, "case-05", 5, summary="Een nieuwe getuige zag die nacht een groene bestelbus bij de brug.")
    result = runner.invoke(args=["calendar", "preview", "2027", "--case", "case-05", "--variant", "screen"])
    assert result.exit_code == 0 and "laid out" in result.output
    assert "groene bestelbus" in _text(tmp_path / "2027" / "preview" / "calendar-2027-screen-week-05.pdf")


def test_the_next_build_takes_the_previewed_page_from_the_cache(sample_root, tmp_path):
    library = load_library(sample_root)
    options = BuildOptions(variant="screen", out_dir=tmp_path / "out", cache_dir=tmp_path / "cache",
                           base_url=BASE_URL, weeks=(7,), workers=1, preflight=False)
    preview = preview_page(library, 2027, PreviewRequest(case_id="case-07"), options.replace(out_dir=tmp_path / "p"))
    assert preview.ok and preview.rendered
    built = build_calendar(library, 2027, options)
    assert built.ok, built.problems
    assert built.chunks_cached == 1  # the week page; cover, intro, index and back were laid out
    with pikepdf.open(preview.pdf_path) as one, pikepdf.open(built.pdf_path) as whole:
        week_page = whole.pages[2]  # cover, intro, week 7, index, back
        assert whole.pages[2].mediabox == one.pages[0].mediabox
        assert "Slachtoffer 7" in _text(built.pdf_path)
        assert week_page.Contents.read_bytes() == one.pages[0].Contents.read_bytes()


@pytest.mark.parametrize("args, message", [
    ([], "name either a case or a week"),
    (["--case", "case-01", "--week", "1"], "name either a case or a week"),
    (["--week", "53"], "week 53 does not exist"),
    (["--week", "0"], "week 0 does not exist"),
    (["--case", "no-such-case"], "case 'no-such-case' is not in edition 2027"),
    (["--case", "case-01", "--png", "5"], "a PNG preview is made at 10 to 300 dpi, not 5"),
    (["--case", "case-01", "--png", "301"], "not 301"),
])
def test_every_wrong_request_is_refused_in_words(sample_root, tmp_path, args, message):
    result = _app(sample_root, tmp_path).test_cli_runner().invoke(args=["calendar", "preview", "2027", *args])
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "2027" / "preview").exists()


def test_a_card_variant_is_refused(sample_root, tmp_path):
    result = preview_page(load_library(sample_root), 2027, PreviewRequest(week=1),
                          BuildOptions(variant="cards", out_dir=tmp_path))
    assert not result.ok and "not a card" in result.problems[0]


def test_a_broken_edition_is_refused_with_its_problem(copy_root, tmp_path):
    write_edition(copy_root, 2027, [f"case-{n:02d}" for n in range(1, 52)] + ["no-such-case"])
    result = _app(copy_root, tmp_path).test_cli_runner().invoke(args=["calendar", "preview", "2027", "--week", "1"])
    assert result.exit_code == 1 and "no-such-case" in result.output


def test_an_edition_that_does_not_exist_is_refused(sample_root, tmp_path):
    result = _app(sample_root, tmp_path).test_cli_runner().invoke(args=["calendar", "preview", "2031", "--week", "1"])
    assert result.exit_code == 1 and "2031" in result.output
