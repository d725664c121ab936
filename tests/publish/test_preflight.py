"""Preflight: each check passes a good calendar PDF and fails one that has exactly that fault."""

from __future__ import annotations

import json
import subprocess

import pikepdf
import pytest

from coldcase.publish.preflight import layout_overflows, mark_not_for_print, run_preflight
from tests.publish.preflight_fixtures import (
    GOOD_TIPLINE,
    RGB_PROFILE,
    SWOP_PROFILE,
    PageSpec,
    good_print_spec,
    good_screen_spec,
    with_page,
    write_calendar_pdf,
)


def results(report) -> dict[str, str]:
    return {check.name: check.result for check in report.checks}


def failed_checks(report) -> set[str]:
    return {name for name, result in results(report).items() if result == "fail"}


def messages(report, check: str) -> list[str]:
    return [f.to_text() for c in report.checks if c.name == check for f in c.findings]


def test_good_print_pdf_passes_every_check(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec()))
    assert report.ok, report.to_text()
    assert report.variant == "print"
    assert set(results(report).values()) == {"pass"}


def test_good_screen_pdf_passes_and_may_use_rgb(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_screen_spec()))
    assert report.ok, report.to_text()
    assert results(report)["colour"] == "skipped"
    assert results(report)["boxes"] == "skipped"


def test_a_page_missing_from_the_pdf_is_an_error(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(extra_manifest_pages=1)))
    assert failed_checks(report) == {"pages"}
    assert "the PDF has 4 pages, the manifest lists 5" in messages(report, "pages")[0]


def test_pages_in_the_wrong_order_are_named(tmp_path):
    spec = good_print_spec(labels=("cover", "week-02", "week-01", "back"))
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert failed_checks(report) == {"pages"}
    assert messages(report, "pages") == [
        "page 2: is labelled 'week-02', the manifest expects 'week-01' here",
        "page 3: is labelled 'week-01', the manifest expects 'week-02' here",
    ]


def test_without_a_manifest_order_is_not_checked_but_the_rest_is(tmp_path):
    path = write_calendar_pdf(tmp_path, good_print_spec())
    path.with_suffix(".json").unlink()
    report = run_preflight(path)
    assert report.ok
    assert results(report)["pages"] == "warn"
    assert "no manifest" in messages(report, "pages")[0]


def test_print_pages_without_trim_and_bleed_boxes_fail(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(bleed_mm=None)))
    assert failed_checks(report) == {"boxes"}
    assert messages(report, "boxes")[0] == "page 1: has no TrimBox and BleedBox"
    assert len(messages(report, "boxes")) == 4


def test_a_bleed_of_2_mm_fails(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(bleed_mm=2.0)))
    assert failed_checks(report) == {"boxes"}
    assert "the bleed is 2.0, 2.0, 2.0, 2.0 mm" in messages(report, "boxes")[0]


def test_a_font_that_is_not_embedded_fails(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(embed_font=False)))
    assert failed_checks(report) == {"fonts"}
    assert messages(report, "fonts")[0] == "page 1: the font NotoSans is not embedded"


def test_print_without_output_intent_fails(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(output_intent=None)))
    assert failed_checks(report) == {"output-intent"}


def test_an_rgb_output_profile_fails(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(output_intent=RGB_PROFILE)))
    assert failed_checks(report) == {"output-intent"}
    assert "not CMYK" in messages(report, "output-intent")[0]


def test_rgb_colour_on_a_print_page_fails_with_its_page(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, with_page(good_print_spec(), 0, rgb_fill=True)))
    assert failed_checks(report) == {"colour"}
    assert messages(report, "colour") == ["page 1: RGB fill colour (rg)"]


def test_an_rgb_photo_in_print_fails(tmp_path):
    spec = with_page(good_print_spec(), 2, photo_space="/DeviceRGB")
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert failed_checks(report) == {"colour"}
    assert messages(report, "colour") == ["page 3: RGB image (1418×1063 px)"]


def test_a_photo_under_300_dpi_names_its_case(tmp_path):
    spec = with_page(good_print_spec(), 2, photo_px=(800, 600))
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert failed_checks(report) == {"resolution"}
    assert messages(report, "resolution") == [
        "page 3: the photo of case 'jan-bakker-1988' is 800×600 px printed at 120×90 mm: 169 dpi, it needs 300"]


def test_screen_photos_need_only_150_dpi(tmp_path):
    spec = with_page(good_screen_spec(), 1, photo_px=(400, 300))
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert results(report)["resolution"] == "warn"  # a blurry photo on screen is not worth a failed build
    assert "needs 150" in messages(report, "resolution")[0]


def test_text_cut_off_by_its_box_fails(tmp_path):
    spec = with_page(good_print_spec(), 1, text_below_clip=True)
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert failed_checks(report) == {"text"}
    assert messages(report, "text") == ["page 2: 1 line(s) of text lie outside the box that clips them and are cut off"]


def test_an_overflow_recorded_by_the_renderer_fails(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(overflow_on_page=2)))
    assert failed_checks(report) == {"text"}
    assert messages(report, "text") == ["page 3: text overflows p.summary by 4.2 mm: 'Op de avond van 15 maart'"]


def test_a_screen_pdf_over_8_mb_fails(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_screen_spec(padding_bytes=8_100_000)))
    assert failed_checks(report) == {"file-size"}
    assert "at most 8 MB" in messages(report, "file-size")[0]


def test_every_problem_is_listed_not_just_the_first(tmp_path):
    spec = with_page(with_page(good_print_spec(embed_font=False, output_intent=None), 1, rgb_fill=True),
                     2, photo_px=(800, 600))
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert failed_checks(report) == {"fonts", "output-intent", "colour", "resolution"}
    text = report.to_text()
    assert "NOT FOR PRINT" in text.splitlines()[0]
    assert "page 2: RGB fill colour (rg)" in text and "jan-bakker-1988" in text


def test_the_report_as_json(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, with_page(good_print_spec(), 0, rgb_fill=True)))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["ok"] is False and data["errors"] == 1
    colour = next(c for c in data["checks"] if c["name"] == "colour")
    assert colour["findings"] == [{"page": 1, "severity": "error", "message": "RGB fill colour (rg)"}]


def test_a_file_that_is_not_a_pdf_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "calendar-2027-print.pdf"
    path.write_text("not a pdf")
    report = run_preflight(path)
    assert not report.ok
    assert "cannot be read as a PDF" in report.errors[0].message


def test_not_for_print_renames_and_stamps_every_page(tmp_path):
    path = write_calendar_pdf(tmp_path, good_print_spec())
    marked = mark_not_for_print(path)
    assert marked.name == "calendar-2027-print-NOT-FOR-PRINT.pdf"
    assert not path.exists()  # nothing that looks finished is left
    with pikepdf.open(marked) as pdf:
        assert len(pdf.pages) == 4
    for page in range(1, 5):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(marked), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "NOT FOR PRINT" in text
    # The marked file still finds its manifest.
    assert run_preflight(marked).manifest_path == path.with_suffix(".json")


def _render(html: str):
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).render()


def test_layout_overflows_finds_a_summary_too_long_for_its_box():
    words = " ".join(["Op de avond van 15 maart 1994 verliet zij een café."] * 12)
    document = _render(f'<div class="summary" style="height: 20mm; width: 60mm; font-size: 12pt">'
                       f'<p style="margin: 0">{words}</p></div><p>after</p>')
    found = layout_overflows(document)
    assert len(found) == 1 and len(found[0]) == 1
    assert found[0][0]["box"] == "div.summary"
    assert found[0][0]["by_mm"] > 20
    assert found[0][0]["text"]  # the first line that does not fit, to find it by
    json.dumps(found)  # goes into the manifest as it is


def test_layout_overflows_accepts_text_that_fits():
    document = _render('<div style="height: 30mm; width: 80mm; overflow: hidden"><p>Wie zag Anna?</p></div>')
    assert layout_overflows(document) == [[]]


def test_command_prints_the_report_and_exits_1_on_errors(runner, tmp_path):
    from coldcase.publish.cli import calendar_cli

    path = write_calendar_pdf(tmp_path, with_page(good_print_spec(), 2, photo_px=(800, 600)))
    result = runner.invoke(calendar_cli, ["preflight", str(path)])
    assert result.exit_code == 1
    assert "NOT FOR PRINT" in result.output and "jan-bakker-1988" in result.output


def test_command_passes_a_good_file_and_speaks_json(runner, tmp_path):
    from coldcase.publish.cli import calendar_cli

    path = write_calendar_pdf(tmp_path, good_print_spec())
    manifest = path.with_suffix(".json")
    result = runner.invoke(calendar_cli, ["preflight", str(path), "--manifest", str(manifest), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["ok"] is True


# ---------- the press's checks ----------

@pytest.mark.parametrize(("marks", "says"), [
    ("none", "there are no crop marks in registration colour"),
    ("inside", "lie inside the bleed"),
    ("short", "shorter than 5 mm"),
])
def test_crop_marks_must_lie_outside_the_bleed_and_be_5_mm_long(tmp_path, marks, says):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(crop_marks=marks)))
    assert failed_checks(report) == {"crop-marks"}
    assert says in messages(report, "crop-marks")[0] and messages(report, "crop-marks")[0].startswith("page 1:")


def test_more_than_300_percent_ink_fails_with_its_page(tmp_path):
    spec = with_page(good_print_spec(), 2, ink="1 1 1 0.5")
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert failed_checks(report) == {"ink"}
    assert messages(report, "ink") == ["page 3: 1 colour(s) carry up to 350% ink; at most 300%"]


def test_two_font_programs_under_one_name_fail(tmp_path):
    spec = with_page(good_print_spec(), 1, other_font=True)
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert failed_checks(report) == {"font-subsets"}
    assert messages(report, "font-subsets") == [
        "2 different font subsets are all named NotoSans: a RIP may take them for one font"]


def test_a_swop_output_intent_is_named_as_a_warning(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(output_intent=SWOP_PROFILE)))
    assert report.ok and results(report)["output-intent"] == "warn"
    assert "SWOP (US web offset" in messages(report, "output-intent")[0]


def test_a_tip_line_turned_round_by_right_to_left_text_fails(tmp_path):
    # What a right-to-left paragraph does to an unisolated number: drawn left to right as "6070-0800".
    spec = with_page(good_print_spec(), 3, lines=("Call free 0800-6070", "ittasal 6070-0800"))
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert failed_checks(report) == {"tip-line"}
    assert messages(report, "tip-line")[0].startswith("page 4: the tip line is printed 1× as 6070-0800")


def test_a_language_without_the_tip_line_on_the_intro_fails(tmp_path):
    from dataclasses import replace

    spec = good_print_spec(languages=("nl", "en", "ar"))
    spec = replace(spec, pages=(spec.pages[0], PageSpec("intro", "intro", lines=("Bel 0800-6070", "Call 0800-6070")),
                                *spec.pages[1:]))
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert failed_checks(report) == {"tip-line"}
    assert messages(report, "tip-line") == [
        "page 2: the tip line 0800-6070 appears 2× digit for digit on this page; each of the 3 languages must show it"]


@pytest.mark.parametrize(("tipline", "base_url", "says"), [
    (dict(GOOD_TIPLINE, web="https://example.org/tips"), None, "the web address is a placeholder (example.org)"),
    (None, "https://example.org", "the address of the printed links is a placeholder (example.org)"),
    (dict(GOOD_TIPLINE, email="tips@kalender.invalid"), None,
     "the email address is a placeholder (kalender.invalid)"),
    (dict(GOOD_TIPLINE, phone=""), None, "the tip line is not set"),
    (dict(GOOD_TIPLINE, postal=" "), None, "the free-post address is not set"),
])
def test_no_placeholder_or_missing_contact_goes_to_print(tmp_path, tipline, base_url, says):
    changes = {"tipline": tipline} if tipline is not None else {}
    if base_url:
        changes["base_url"] = base_url
    report = run_preflight(write_calendar_pdf(tmp_path, good_print_spec(**changes)))
    assert "contact" in failed_checks(report)
    assert any(says in message for message in messages(report, "contact"))


def test_a_sample_editions_fictional_contacts_are_a_warning_even_in_print(tmp_path):
    spec = good_print_spec(tipline=dict(GOOD_TIPLINE, email="tips@kalender.invalid"), base_url="https://example.org",
                           sample=True)
    report = run_preflight(write_calendar_pdf(tmp_path, spec))
    assert report.ok and results(report)["contact"] == "warn"
    assert all("a sample edition" in message for message in messages(report, "contact"))


def test_a_placeholder_on_a_screen_pdf_is_a_warning(tmp_path):
    report = run_preflight(write_calendar_pdf(tmp_path, good_screen_spec(base_url="https://example.org")))
    assert report.ok and results(report)["contact"] == "warn"


def _arabic_pdf(folder, phone: str):
    """A one-page PDF (WeasyPrint) with the tip line in an Arabic sentence, and its manifest."""
    import weasyprint

    html = (f'<p dir="rtl" lang="ar" style="font-family: \'Noto Sans Arabic\'">اتصل مجانًا على {phone}. '
            'لا يظهر رقمك.</p>')
    path = folder / "calendar-2027-screen.pdf"
    weasyprint.HTML(string=html).write_pdf(path)
    manifest = {"edition": {"year": 2027, "languages": ["ar"], "tipline": {"phone": "0800-6070"}},
                "variant": "screen", "pages": [{"kind": "intro", "key": "intro"}]}
    path.with_suffix(".json").write_text(json.dumps(manifest), encoding="utf-8")
    return path


def test_a_number_in_arabic_text_without_isolation_is_caught_turned_round(tmp_path):
    report = run_preflight(_arabic_pdf(tmp_path, "0800-6070"))
    assert messages(report, "tip-line")[0].startswith("page 1: the tip line is printed 1× as 6070-0800")


def test_an_isolated_number_keeps_its_order_in_arabic_text(tmp_path):
    from coldcase.publish.texts import isolate_ltr

    report = run_preflight(_arabic_pdf(tmp_path, isolate_ltr("0800-6070")))
    assert results(report)["tip-line"] == "pass", report.to_text()
