"""The preflight checks, one function each, reading the PDF (pikepdf) and the page scans (`content.py`).

Each check appends its findings to the `CheckResult` it is given; `run_preflight` calls them in order.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf

from coldcase.publish.preflight.content import PageScan, page_box
from coldcase.publish.preflight.report import (
    BLEED_MM,
    BLEED_VARIANTS,
    CMYK_VARIANTS,
    DPI_TOLERANCE,
    MIN_DPI,
    MM,
    PAPER_MM,
    PRINT_WARN_BYTES,
    SCREEN_MAX_BYTES,
    TEXT_TOLERANCE_PT,
    CheckResult,
    Finding,
)


def check_pages(pdf: pikepdf.Pdf, manifest: dict | None, check: CheckResult) -> None:
    """The `pages` check (see the package docstring)."""
    if manifest is None:
        check.skipped = "no manifest"
        return
    entries = manifest["pages"]
    if len(pdf.pages) != len(entries):
        check.findings.append(Finding(check.name, f"the PDF has {len(pdf.pages)} pages, the manifest lists "
                                                  f"{len(entries)}: a page is missing or a text ran onto an "
                                                  f"extra page"))
    keys = [entry.get("key") for entry in entries]
    if not all(keys):
        check.findings.append(Finding(check.name, "the manifest gives pages no `key`: page order is not checked",
                                      severity="warning"))
        return
    labels = page_labels(pdf)
    if labels is None:
        check.findings.append(Finding(check.name, "the PDF's pages carry no labels: page order is not checked",
                                      severity="warning"))
        return
    for number, (label, key) in enumerate(zip(labels, keys, strict=False), start=1):  # counts checked above
        if label != key:
            check.findings.append(Finding(check.name, f"is labelled '{label}', the manifest expects '{key}' here",
                                          page=number))


def page_labels(pdf: pikepdf.Pdf) -> list[str] | None:
    """Each page's label (the /PageLabels prefix plus any number), or None when the PDF has none."""
    root = pdf.Root.get("/PageLabels")
    if root is None:
        return None
    ranges: list[tuple[int, pikepdf.Dictionary]] = []
    for start, style in _number_tree(root):
        ranges.append((int(start), style))
    ranges.sort(key=lambda item: item[0])
    labels = []
    for index in range(len(pdf.pages)):
        current = None
        for start, style in ranges:
            if start <= index:
                current = (start, style)
        if current is None:
            labels.append("")
            continue
        start, style = current
        prefix = str(style.get("/P", ""))
        number = int(style.get("/St", 1)) + index - start
        kind = style.get("/S")
        labels.append(prefix + (str(number) if kind is not None else ""))
    return labels


def _number_tree(node: pikepdf.Dictionary) -> Iterator[tuple[int, Any]]:
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree(kid)


def check_boxes(pdf: pikepdf.Pdf, manifest: dict | None, variant: str, check: CheckResult) -> None:
    """The `boxes` check (see the package docstring)."""
    if variant not in BLEED_VARIANTS:
        check.skipped = f"{variant}: no bleed"
        return
    paper = PAPER_MM.get((manifest or {}).get("size") or "")
    for number, page in enumerate(pdf.pages, start=1):
        trim, bleed = page_box(page.obj, "/TrimBox"), page_box(page.obj, "/BleedBox")
        if trim is None or bleed is None:
            missing = " and ".join(n for n, b in (("TrimBox", trim), ("BleedBox", bleed)) if b is None)
            check.findings.append(Finding(check.name, f"has no {missing}", page=number))
            continue
        margins = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
        if any(abs(m / MM - BLEED_MM) > 0.1 for m in margins):
            shown = ", ".join(f"{m / MM:.1f}" for m in margins)
            check.findings.append(Finding(check.name, f"the bleed is {shown} mm (left, bottom, right, top); "
                                                      f"it must be {BLEED_MM:g} mm on every side", page=number))
        media = page_box(page.obj, "/MediaBox")
        if media and (bleed[0] < media[0] - 0.01 or bleed[1] < media[1] - 0.01
                      or bleed[2] > media[2] + 0.01 or bleed[3] > media[3] + 0.01):
            check.findings.append(Finding(check.name, "the BleedBox reaches outside the MediaBox", page=number))
        if paper:
            width, height = (trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM
            if abs(width - paper[0]) > 0.5 or abs(height - paper[1]) > 0.5:
                check.findings.append(Finding(
                    check.name, f"is trimmed to {width:.0f}×{height:.0f} mm; the edition is "
                                f"{manifest['size']} ({paper[0]:g}×{paper[1]:g} mm)", page=number))


def check_fonts(pdf: pikepdf.Pdf, check: CheckResult) -> None:
    """The `fonts` check (see the package docstring)."""
    for number, page in enumerate(pdf.pages, start=1):
        missing = set()
        for font in _fonts(page.obj.get("/Resources"), set()):
            name = str(font.get("/BaseFont", "unnamed font")).lstrip("/")
            if font.get("/Subtype") == "/Type3":
                continue
            if font.get("/Subtype") == "/Type0":
                descendants = font.get("/DescendantFonts") or []
                font = descendants[0] if len(descendants) else font
            descriptor = font.get("/FontDescriptor")
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(name)
        for name in sorted(missing):
            check.findings.append(Finding(check.name, f"the font {name} is not embedded", page=number))


def _fonts(resources, seen: set) -> Iterator[pikepdf.Dictionary]:
    """Every font in `resources` and in the forms, patterns and Type 3 fonts it holds."""
    for nested in _resource_tree(resources, seen):
        for _, font in (nested.get("/Font") or {}).items():
            yield font


def _resource_tree(resources, seen: set) -> Iterator[pikepdf.Dictionary]:
    """`resources` and every resource dictionary nested in its forms, tiling patterns and Type 3 fonts."""
    if resources is None or not isinstance(resources, pikepdf.Dictionary):
        return
    key = resources.objgen if resources.is_indirect else id(resources)
    if key in seen:
        return
    seen.add(key)
    yield resources
    for _, xobject in (resources.get("/XObject") or {}).items():
        if xobject.get("/Subtype") == "/Form":
            yield from _resource_tree(xobject.get("/Resources"), seen)
    for _, pattern in (resources.get("/Pattern") or {}).items():
        if pattern.get("/PatternType") == 1:
            yield from _resource_tree(pattern.get("/Resources"), seen)
    for _, font in (resources.get("/Font") or {}).items():
        if font.get("/Subtype") == "/Type3":
            yield from _resource_tree(font.get("/Resources"), seen)


def check_output_intent(pdf: pikepdf.Pdf, variant: str, check: CheckResult) -> None:
    """The `output-intent` check (see the package docstring)."""
    if variant not in CMYK_VARIANTS:
        check.skipped = f"{variant}: not needed"
        return
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if not intents:
        check.findings.append(Finding(check.name, "there is no PDF/X output intent (GTS_PDFX): the print shop "
                                                  "cannot tell which press the colours were made for"))
        return
    profile = intents[0].get("/DestOutputProfile")
    if profile is None:
        check.findings.append(Finding(check.name, "the output intent carries no ICC profile"))
        return
    data = profile.read_bytes()
    header = data[:20]
    if int(profile.get("/N", 0)) != 4 or header[16:20] != b"CMYK":
        space = header[16:20].decode("latin-1").strip() or "unknown"
        check.findings.append(Finding(check.name, f"the output intent's profile is {space}, not CMYK"))
        return
    name = str(intents[0].get("/OutputConditionIdentifier", "")) + " " + _profile_description(data)
    if "SWOP" in name.upper() or "US WEB" in name.upper():
        check.findings.append(Finding(check.name, f"the output intent is SWOP (US web offset, "
                                                  f"'{_profile_description(data)}'): Dutch printers print on "
                                                  f"European stock (FOGRA39)", severity="warning"))


def _profile_description(data: bytes) -> str:
    """An ICC profile's description, or '' when it cannot be read."""
    import io

    from PIL import ImageCms

    try:
        return ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(data))).strip()
    except (OSError, ImageCms.PyCMSError):
        return ""


def check_colour(scans: list[PageScan], variant: str, check: CheckResult) -> None:
    """The `colour` check (see the package docstring)."""
    if variant not in CMYK_VARIANTS:
        check.skipped = f"{variant}: RGB allowed"
        return
    for number, scan in enumerate(scans, start=1):
        for what, count in sorted(scan.rgb.items()):
            times = f" ({count}×)" if count > 1 else ""
            check.findings.append(Finding(check.name, f"RGB {what}{times}", page=number))


def check_resolution(scans: list[PageScan], manifest: dict | None, variant: str, check: CheckResult) -> None:
    """The `resolution` check (see the package docstring)."""
    need = MIN_DPI.get(variant, 300)
    entries = (manifest or {}).get("pages") or []
    for number, scan in enumerate(scans, start=1):
        for placed in scan.images:
            if placed.dpi >= need * DPI_TOLERANCE:
                continue
            entry = entries[number - 1] if number <= len(entries) else {}
            cases = [entry["case"]] if entry.get("case") else list(entry.get("cases") or [])
            whose = f"the photo of case '{cases[0]}'" if len(cases) == 1 else (
                f"a photo on the sheet of cases {', '.join(cases)}" if cases else "an image")
            check.findings.append(Finding(
                check.name, f"{whose} is {placed.pixels[0]}×{placed.pixels[1]} px printed at "
                            f"{placed.size_mm[0]:.0f}×{placed.size_mm[1]:.0f} mm: {placed.dpi:.0f} dpi, "
                            f"it needs {need}", page=number,
                severity="error" if variant in CMYK_VARIANTS else "warning"))


def check_text(pdf: pikepdf.Pdf, scans: list[PageScan], manifest: dict | None, check: CheckResult) -> None:
    """The `text` check (see the package docstring)."""
    entries = (manifest or {}).get("pages") or []
    for number, entry in enumerate(entries, start=1):
        for overflow in entry.get("overflow") or []:
            check.findings.append(Finding(check.name, _overflow_text(overflow), page=number))
    for number, (page, scan) in enumerate(zip(pdf.pages, scans, strict=True), start=1):
        trim = page_box(page.obj, "/TrimBox") or page_box(page.obj, "/MediaBox")
        clipped = off_page = 0
        for x, y, clip in scan.text_points:
            if clip is not None and not _inside((x, y), clip):
                clipped += 1
            elif trim is not None and not _inside((x, y), trim):
                off_page += 1
        if clipped:
            check.findings.append(Finding(check.name, f"{clipped} line(s) of text lie outside the box that "
                                                      f"clips them and are cut off", page=number))
        if off_page:
            check.findings.append(Finding(check.name, f"{off_page} line(s) of text start outside the trimmed "
                                                      f"page", page=number))


def _overflow_text(overflow: dict) -> str:
    box = overflow.get("box") or "a box"
    by = overflow.get("by_mm")
    text = overflow.get("text")
    return (f"text overflows {box}" + (f" by {by:.1f} mm" if isinstance(by, (int, float)) else "")
            + (f": '{text}'" if text else ""))


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    x, y = point
    t = TEXT_TOLERANCE_PT
    return box[0] - t <= x <= box[2] + t and box[1] - t <= y <= box[3] + t


def check_size(pdf_path: Path, variant: str, check: CheckResult) -> None:
    """The `size` check (see the package docstring)."""
    size = pdf_path.stat().st_size
    if variant == "screen" and size > SCREEN_MAX_BYTES:
        check.findings.append(Finding(check.name, f"the screen PDF is {size / 1e6:.1f} MB; it must be at most "
                                                  f"{SCREEN_MAX_BYTES / 1e6:.0f} MB"))
    elif variant != "screen" and size > PRINT_WARN_BYTES:
        check.findings.append(Finding(check.name, f"the PDF is {size / 1e6:.1f} MB, more than "
                                                  f"{PRINT_WARN_BYTES / 1e6:.0f} MB", severity="warning"))
