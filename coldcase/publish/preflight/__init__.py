"""Preflight: check a calendar PDF before it goes to a print shop, and mark it when it must not.

    report = run_preflight(Path("output/2027/calendar-2027-print.pdf"))
    if report.errors:
        mark_not_for_print(report.pdf_path)

A print run is tens of thousands of copies, so every check reads the finished PDF itself (with
pikepdf) rather than trusting the code that wrote it (one memo aside: a build hands over the ink it measured of
each photo as it converted it, by the sha256 of the photo's bytes, the same measurement of the same bytes; see
`run_preflight`). The checks, by name:

pages        the number of pages and their order match the manifest written next to the PDF
             (`calendar-2027-print.json`). Order is read from the PDF's page labels: each page is
             labelled with its manifest entry's `key` (`cover`, `intro`, `week-01`, ..., `back`).
boxes        print: every page has a TrimBox of the edition's paper size and a BleedBox 3 mm beyond it.
fonts        every font is embedded (Type 3 fonts draw their own glyphs and count as embedded).
output-intent  print: a GTS_PDFX output intent whose profile is a CMYK ICC profile.
colour       print: no RGB image, no RGB fill or stroke (rg/RG, or cs/CS choosing an RGB space), no
             RGB shading, anywhere in pages, forms or patterns.
resolution   every image's pixels per inch at the size it is placed (from the content stream's
             `cm` matrices at its `Do`), naming the case of the page; 300 for print, 150 for screen.
text         no text is clipped or overflows its box. Two sources: the renderer measures the laid-out
             HTML with `layout_overflows()` and lists overflows in the manifest (`overflow` on a page
             entry); and the PDF is read for text drawn outside its clipping box or outside the page.
file-size    screen: at most 8 MB (it is downloaded on prison and probation office PCs); print: a
             warning above 25 MB.
crop-marks, ink, font-subsets, tip-line, contact: see `press.py`.

Every problem is listed with its page number (1-based, as a PDF viewer counts).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pikepdf

from coldcase.publish.preflight import checks as _checks
from coldcase.publish.preflight import press
from coldcase.publish.preflight.content import scan_page
from coldcase.publish.preflight.overflow import layout_overflows
from coldcase.publish.preflight.report import (
    CHECKS,
    NOT_FOR_PRINT_SUFFIX,
    CheckResult,
    Finding,
    PreflightReport,
)
from coldcase.publish.preflight.stamp import mark_not_for_print, not_for_print_path

__all__ = ["CheckResult", "Finding", "PreflightReport", "layout_overflows", "mark_not_for_print",
           "not_for_print_path", "run_preflight"]


def run_preflight(pdf_path: Path | str, manifest_path: Path | str | None = None,
                  variant: str | None = None, known_inks: dict[str, float | None] | None = None) -> PreflightReport:
    """Check `pdf_path`; see the module docstring for the checks.

    `known_inks` (from the build, which measures each photo as it converts it) maps the sha256 of a JPEG's
    bytes to its ink: an image whose stream holds exactly those bytes is not decoded and measured again.

    The manifest defaults to the `.json` of the same name next to the PDF. The variant comes from
    `variant`, else the manifest, else the file name (`calendar-2027-screen.pdf`), else print (the
    strictest). A file that is not a PDF gives a report with one error rather than an exception.
    """
    pdf_path = Path(pdf_path)
    manifest_path = Path(manifest_path) if manifest_path else _manifest_beside(pdf_path)
    manifest, manifest_problem = _read_manifest(manifest_path)
    variant = variant or (manifest or {}).get("variant") or _variant_from_name(pdf_path) or "print"
    checks = {name: CheckResult(name, title) for name, title in CHECKS}
    if manifest_problem:
        checks["pages"].findings.append(Finding("pages", manifest_problem, severity="warning"))
    try:
        pdf = pikepdf.open(pdf_path)
    except (pikepdf.PdfError, OSError) as error:
        checks["pages"].findings.append(Finding("pages", f"cannot be read as a PDF: {error}"))
        return PreflightReport(pdf_path, variant, manifest_path if manifest else None, list(checks.values()))
    with pdf:
        scans = [scan_page(page) for page in pdf.pages]
        _checks.check_pages(pdf, manifest, checks["pages"])
        _checks.check_boxes(pdf, manifest, variant, checks["boxes"])
        _checks.check_fonts(pdf, checks["fonts"])
        _checks.check_output_intent(pdf, variant, checks["output-intent"])
        _checks.check_colour(scans, variant, checks["colour"])
        _checks.check_resolution(scans, manifest, variant, checks["resolution"])
        _checks.check_text(pdf, scans, manifest, checks["text"])
        press.check_crop_marks(pdf, scans, variant, checks["crop-marks"], manifest)
        press.check_ink(scans, variant, checks["ink"], known_inks)
        press.check_font_subsets(pdf, checks["font-subsets"])
    _checks.check_size(pdf_path, variant, checks["file-size"])
    press.check_tip_line(pdf_path, manifest, checks["tip-line"])
    press.check_contact(manifest, variant, checks["contact"])
    return PreflightReport(pdf_path, variant, manifest_path if manifest else None, list(checks.values()))


def _manifest_beside(pdf_path: Path) -> Path:
    stem = pdf_path.stem.removesuffix(NOT_FOR_PRINT_SUFFIX)
    return pdf_path.with_name(f"{stem}.json")


def _read_manifest(path: Path) -> tuple[dict | None, str | None]:
    if not path.is_file():
        return None, f"no manifest {path.name}: page count, order and cases are not checked"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return None, f"the manifest {path.name} cannot be read ({error}): page order is not checked"
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        return None, f"the manifest {path.name} lists no pages: page order is not checked"
    return data, None


def _variant_from_name(pdf_path: Path) -> str | None:
    match = re.match(r"calendar-\d{4}-(print|screen|cards|card)\b", pdf_path.name)
    return match.group(1) if match else None
