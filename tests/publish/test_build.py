"""Building an edition: manifest, attribution links, reproducibility, cache, and problems before rendering."""

from __future__ import annotations

import json
import re

import pikepdf
import pytest
from conftest import BASE_URL, TODAY, write_case, write_edition

from coldcase.cases.loader import load_library
from coldcase.publish.build import BuildOptions, build_calendar, check_edition

FEW = (1, 11)


def _build(library, out, variant="print", **kwargs):
    kwargs.setdefault("weeks", FEW)
    kwargs.setdefault("workers", 1)
    kwargs.setdefault("base_url", BASE_URL)
    return build_calendar(library, 2027, BuildOptions(variant=variant, out_dir=out, **kwargs))


def test_print_build_writes_pdf_and_manifest_in_page_order(sample_library, tmp_path):
    result = _build(sample_library, tmp_path)
    assert result.pdf_path.name == "calendar-2027-print.pdf"
    manifest = json.loads(result.manifest_path.read_text())
    assert [p["kind"] for p in manifest["pages"]] == ["cover", "intro", "week", "week", "index", "back"]
    week1 = manifest["pages"][2]
    assert (week1["iso_year"], week1["iso_week"], week1["case"]) == (2027, 1, "case-01")
    # 1-3 January 2027 lie in ISO week 53 of 2026 and are printed on week 1's page.
    assert week1["dates"][:7] == ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31",
                                  "2027-01-01", "2027-01-02", "2027-01-03"]
    assert manifest["edition"]["year"] == 2027 and manifest["variant"] == "print"
    assert manifest["coldcase_version"]
    assert "case-01/case.md" in manifest["sources"] and "editions/2027.yaml" in manifest["sources"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in manifest["sources"].values())
    with pikepdf.open(result.pdf_path) as pdf:
        assert len(pdf.pages) == len(manifest["pages"])


def test_print_variant_is_pdf_x4_with_cmyk_output_intent_bleed_and_metadata(sample_library, tmp_path):
    result = _build(sample_library, tmp_path)
    with pikepdf.open(result.pdf_path) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4
        assert b"PDF/X-4" in pdf.Root.Metadata.read_bytes()
        page = pdf.pages[2]
        trim, bleed = [float(v) for v in page.TrimBox], [float(v) for v in page.BleedBox]
        assert round(trim[0] - bleed[0], 1) == round(3 / 25.4 * 72, 1)  # 3 mm bleed
        assert str(pdf.docinfo["/Title"]) == "Cold case kalender 2027"
        images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert images and all(img.ColorSpace == "/DeviceCMYK" for img in images)
        assert 945 in [img.Width for img in images]  # the 80 mm portrait at 300 dpi


def test_screen_variant_is_rgb_without_bleed_and_links_to_the_case(sample_library, tmp_path):
    result = _build(sample_library, tmp_path, variant="screen")
    with pikepdf.open(result.pdf_path) as pdf:
        page = pdf.pages[2]
        assert [float(v) for v in page.MediaBox] == pytest.approx([0, 0, 595.28, 841.89], abs=0.1)
        uris = [str(a.A.URI) for a in page.get("/Annots", []) if "/A" in a]
        assert "https://cold-case-kalender.nl/cases/case-01?e=2027" in uris
    assert result.pdf_path.stat().st_size < 8_000_000


def test_distribution_run_carries_the_attribution_code_in_links_and_name(sample_library, tmp_path):
    result = _build(sample_library, tmp_path, variant="screen", distribution="pi-vught",
                    base_url="https://tips.example.nl")
    assert result.pdf_path.name == "calendar-2027-screen-PI-VUGHT.pdf"
    with pikepdf.open(result.pdf_path) as pdf:
        uris = {str(a.A.URI) for a in pdf.pages[3].get("/Annots", []) if "/A" in a}
    assert uris == {"https://tips.example.nl/cases/case-11?e=2027&d=PI-VUGHT"}
    text = _page_text(result.pdf_path, 4)
    assert "tips.example.nl/cases/case-11?e=2027&d=PI-VUGHT" in text


def test_unknown_distribution_point_is_a_problem(sample_library, tmp_path):
    result = _build(sample_library, tmp_path, distribution="NOWHERE")
    assert result.pdf_path is None
    assert any("unknown distribution point 'NOWHERE'" in p for p in result.problems)


def test_same_sources_give_byte_identical_pdfs(sample_library, tmp_path):
    first = _build(sample_library, tmp_path / "a").pdf_path.read_bytes()
    second = _build(sample_library, tmp_path / "b").pdf_path.read_bytes()
    assert first == second


def test_pages_laid_out_together_give_the_same_bytes_as_pages_laid_out_alone(sample_library, tmp_path):
    # Each page is cached as its own PDF whatever batch laid it out, so a rebuild of one page must
    # give the bytes a cold build gives (WeasyPrint re-serialises the ICC profile differently the
    # second time it writes it; render.py keeps the first bytes).
    alone = _build(sample_library, tmp_path / "alone", chunk_pages=1)
    together = _build(sample_library, tmp_path / "together", chunk_pages=6)
    assert alone.chunks_rendered == together.chunks_rendered == 6
    assert alone.pdf_path.read_bytes() == together.pdf_path.read_bytes()


def test_worker_processes_give_the_same_bytes_as_one_process(sample_library, tmp_path):
    # Two workers from the forkserver pool (what the CLI and the web app use) against the build's own process.
    alone = _build(sample_library, tmp_path / "one", workers=1)
    pooled = _build(sample_library, tmp_path / "two", workers=2)
    assert pooled.chunks_rendered == 6 and pooled.ok
    assert alone.pdf_path.read_bytes() == pooled.pdf_path.read_bytes()


def test_rebuild_after_editing_one_case_rerenders_only_its_page(copy_root, tmp_path):
    library = load_library(copy_root, today=TODAY)
    cold = _build(library, tmp_path)
    assert cold.chunks_rendered == 6 and cold.chunks_cached == 0
    again = _build(library, tmp_path)
    assert again.chunks_rendered == 0
    case_md = copy_root / "case-11" / "case.md"
    case_md.write_text(case_md.read_text().replace("en met wie?", "en wie kende zaak 11?"))
    edited = _build(load_library(copy_root, today=TODAY), tmp_path)
    assert edited.chunks_rendered == 1
    assert "wie kende zaak 11?" in _page_text(edited.pdf_path, 4)


def test_rebuild_of_one_page_renders_it_without_starting_workers(copy_root, tmp_path, monkeypatch):
    # Starting the worker pool (a forkserver importing WeasyPrint) takes longer than rendering one
    # page; the page must come out the same as a cold build with workers gives.
    from coldcase.publish import workers

    library = load_library(copy_root, today=TODAY)
    _build(library, tmp_path / "out", workers=2)
    case_md = copy_root / "case-11" / "case.md"
    case_md.write_text(case_md.read_text().replace("en met wie?", "en wie kende zaak 11?"))
    started = []
    with monkeypatch.context() as patch:
        patch.setattr(workers.EarlyPool, "_begin", lambda pool: started.append(pool))
        edited = _build(load_library(copy_root, today=TODAY), tmp_path / "out", workers=2)
    assert edited.chunks_rendered == 1 and edited.ok and started == []
    cold = _build(load_library(copy_root, today=TODAY), tmp_path / "fresh", workers=2)
    assert cold.chunks_rendered == 6
    assert cold.pdf_path.read_bytes() == edited.pdf_path.read_bytes()


def test_rebuild_of_many_pages_uses_the_workers(copy_root, tmp_path, monkeypatch):
    from coldcase.publish import workers

    library = load_library(copy_root, today=TODAY)
    _build(library, tmp_path, workers=2)
    for number in (1, 11):
        case_md = copy_root / f"case-{number:02d}" / "case.md"
        case_md.write_text(case_md.read_text().replace("en met wie?", f"en met wie, zaak {number}?"))
    monkeypatch.setattr(workers, "IN_PROCESS_PAGES", 1)
    begun = []
    original = workers.EarlyPool._begin
    monkeypatch.setattr(workers.EarlyPool, "_begin", lambda pool: (begun.append(pool), original(pool)))
    edited = _build(load_library(copy_root, today=TODAY), tmp_path, workers=2)
    assert edited.chunks_rendered >= 2 and edited.ok and len(begun) == 1


def test_missing_translation_is_a_warning_not_a_hole(sample_library, tmp_path):
    result = _build(sample_library, tmp_path)
    assert result.pdf_path is not None
    # Odd case numbers have English; case 11 has, case 1 has: no warning for either.
    assert not [w for w in result.warnings if "translation" in w]


def test_unknown_language_of_the_edition_is_warned_about(copy_root, tmp_path):
    ids = [f"case-{n:02d}" for n in range(1, 53)]
    write_edition(copy_root, 2027, ids, languages=("nl", "en", "xx"))
    library = load_library(copy_root, today=TODAY)
    result = _build(library, tmp_path)
    assert any("no 'xx' version" in w for w in result.warnings)
    assert any("case-01: no 'xx' translation" in w for w in result.warnings)


# ---------- problems stop the build before rendering ----------

def _problems_for(root, tmp_path, **kwargs):
    library = load_library(root, today=TODAY)
    result = _build(library, tmp_path / "out", **kwargs)
    assert result.pdf_path is None and not result.ok
    assert not list((tmp_path / "out").glob("*.pdf")) if (tmp_path / "out").exists() else True
    return result.problems


def test_edition_with_unknown_case_is_reported_without_output(copy_root, tmp_path):
    ids = [f"case-{n:02d}" for n in range(1, 52)] + ["no-such-case"]
    write_edition(copy_root, 2027, ids)
    problems = _problems_for(copy_root, tmp_path)
    assert any("unknown case 'no-such-case'" in p for p in problems)


def test_edition_with_invalid_case_is_reported(copy_root, tmp_path):
    (copy_root / "case-05" / "case.md").write_text("---\nid: case-05\n---\n")
    problems = _problems_for(copy_root, tmp_path)
    assert any("case-05" in p and "errors" in p for p in problems)


def test_edition_with_solved_case_is_reported(copy_root, tmp_path):
    case_md = copy_root / "case-07" / "case.md"
    case_md.write_text(case_md.read_text().replace("status: open", "status: solved"))
    problems = _problems_for(copy_root, tmp_path)
    assert any("case-07" in p and "solved" in p for p in problems)


def test_edition_with_duplicate_case_is_reported(copy_root, tmp_path):
    ids = [f"case-{n:02d}" for n in range(1, 52)] + ["case-01"]
    write_edition(copy_root, 2027, ids)
    problems = _problems_for(copy_root, tmp_path)
    assert any("case-01" in p and "already in week 1" in p for p in problems)


@pytest.mark.parametrize("count", [51, 53])
def test_edition_with_wrong_number_of_weeks_is_reported(copy_root, tmp_path, count):
    ids = [f"case-{n:02d}" for n in range(1, 53)]
    if count == 53:
        write_case(copy_root, "case-53", 53)
        ids.append("case-53")
    write_edition(copy_root, 2027, ids[:count])
    problems = _problems_for(copy_root, tmp_path)
    assert any(f"{count} cases" in p and "52" in p for p in problems)


def test_missing_photo_is_reported(copy_root, tmp_path):
    (copy_root / "case-09" / "photo.jpg").unlink()
    problems = _problems_for(copy_root, tmp_path)
    assert any("case-09" in p for p in problems)


def test_photo_too_small_for_a3_is_reported_before_rendering(sample_library, tmp_path):
    _, problems = check_edition(sample_library, 2027, BuildOptions(size="A3"))
    assert len(problems) == 52
    assert "needs 1336×1503 px" in problems[0]


def test_missing_edition_is_reported(sample_library, tmp_path):
    result = build_calendar(sample_library, 2031, BuildOptions(out_dir=tmp_path))
    assert result.pdf_path is None
    assert any("2031" in p for p in result.problems)


def test_unknown_variant_and_size_are_reported(sample_library):
    _, problems = check_edition(sample_library, 2027, BuildOptions(variant="poster", size="B5"))
    assert any("unknown variant 'poster'" in p for p in problems)
    assert any("unknown paper size 'B5'" in p for p in problems)


def test_missing_cmyk_profile_is_reported(sample_library, tmp_path):
    result = _build(sample_library, tmp_path, cmyk_profile=tmp_path / "none.icc")
    assert any("CMYK profile" in p for p in result.problems)


def _page_text(pdf_path, page):
    import subprocess

    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf_path), "-"],
                          capture_output=True, text=True, check=True).stdout.replace("\n", " ")


def test_print_build_has_crop_marks_outside_the_bleed_and_a_job_ticket(sample_library, tmp_path):
    import hashlib

    result = _build(sample_library, tmp_path)
    assert result.ok, result.preflight.to_text()
    passed = {check.name for check in result.preflight.checks if check.result == "pass"}
    assert {"crop-marks", "ink", "font-subsets", "tip-line", "contact"} <= passed
    mm = 72 / 25.4
    with pikepdf.open(result.pdf_path) as pdf:
        page = pdf.pages[2]
        media, trim = [float(v) for v in page.MediaBox], [float(v) for v in page.TrimBox]
        assert trim[0] - media[0] >= (3 + 5) * mm and media[2] - trim[2] >= (3 + 5) * mm
    ticket = json.loads(result.manifest_path.read_text())["job"]
    assert ticket["sha256"] == hashlib.sha256(result.pdf_path.read_bytes()).hexdigest()
    assert ticket["trim_mm"] == [210.0, 297.0] and ticket["bleed_mm"] == 3.0
    assert ticket["output_intent"] == "coldcase FOGRA39 coated offset, TAC 300%"
    assert ticket["preflight"] == {"ok": True, "errors": 0, "warnings": 0}
    assert ticket["copies"] == {"PI-VUGHT": 700} and ticket["copies_total"] == 700


def test_manifest_lists_the_key_dates_of_other_cases_in_the_week_they_fall(sample_library, tmp_path):
    # Every sample case has its key date on 15 March (1994): week 11 shows case-11's own and the others'.
    result = _build(sample_library, tmp_path, variant="screen")
    pages = {page["key"]: page for page in json.loads(result.manifest_path.read_text())["pages"]}
    marks = pages["week-11"]["key_dates"]
    assert len(marks) == 52 and {mark["date"] for mark in marks} == {"2027-03-15"}
    assert {"date": "2027-03-15", "case": "case-11", "label": "Laatst gezien"} in marks
    assert {"date": "2027-03-15", "case": "case-01",
            "label": "33 jaar geleden: Slachtoffer 1: Laatst gezien · week 1"} in marks
    assert pages["week-01"]["key_dates"] == []
    text = _page_text(result.pdf_path, 4)
    assert "33 jaar geleden: Slachtoffer 1: Laatst gezien · week 1" in text


def test_a_swop_edition_builds_with_a_warning(copy_root, tmp_path):
    edition = copy_root / "editions" / "2027.yaml"
    edition.write_text(edition.read_text() + "print_profile: swop\n")
    result = _build(load_library(copy_root, today=TODAY), tmp_path)
    assert any("SWOP" in warning for warning in result.warnings)
    ticket = json.loads(result.manifest_path.read_text())["job"]
    assert ticket["output_intent"] == "Artifex CMYK SWOP Profile"


def test_single_cards_have_3_mm_bleed_and_crop_marks_outside_it(sample_library, tmp_path):
    result = _build(sample_library, tmp_path, variant="card")
    assert result.ok, result.preflight.to_text()
    passed = {check.name for check in result.preflight.checks if check.result == "pass"}
    assert {"boxes", "crop-marks", "ink", "resolution"} <= passed
    mm = 72 / 25.4
    with pikepdf.open(result.pdf_path) as pdf:
        assert len(pdf.pages) == 4  # face and back of two cards
        trim, bleed = [float(v) for v in pdf.pages[0].TrimBox], [float(v) for v in pdf.pages[0].BleedBox]
        assert round((trim[2] - trim[0]) / mm, 1) == 63.0 and round((trim[3] - trim[1]) / mm, 1) == 88.0
        assert round((trim[0] - bleed[0]) / mm, 1) == 3.0


def test_card_sheets_keep_a_gutter_for_each_cards_own_crop_marks(sample_library, tmp_path):
    from coldcase.publish.cards import BLEED_MM, GUTTER_MM
    from coldcase.publish.pdfpost import MARK_LENGTH_MM, MARK_OFFSET_MM

    result = _build(sample_library, tmp_path, variant="cards")
    assert result.ok, result.preflight.to_text()
    assert {c.name: c.result for c in result.preflight.checks}["crop-marks"] == "pass"
    manifest = json.loads(result.manifest_path.read_text())
    assert manifest["size"] == "A3" and [p["kind"] for p in manifest["pages"]] == ["card-face", "card-back"]
    # A card's marks end before the neighbour's bleed begins.
    assert MARK_OFFSET_MM + MARK_LENGTH_MM < 2 * BLEED_MM + GUTTER_MM - BLEED_MM
