"""Preflight: check a calendar PDF before it goes to a print shop, and mark it when it must not.

    report = run_preflight(Path("output/2027/calendar-2027-print.pdf"))
    if report.errors:
        mark_not_for_print(report.pdf_path)

A print run is tens of thousands of copies, so every check reads the finished PDF itself (with
pikepdf) rather than trusting the code that wrote it. The checks, by name:

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

Every problem is listed with its page number (1-based, as a PDF viewer counts).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

MM = 72 / 25.4  # PDF points per millimetre
BLEED_MM = 3.0
#: Paper sizes (portrait, mm) that a manifest's `size` may name.
PAPER_MM = {"A3": (297.0, 420.0), "A4": (210.0, 297.0), "A5": (148.0, 210.0)}
MIN_DPI = {"print": 300, "cards": 300, "screen": 150}
SCREEN_MAX_BYTES = 8 * 1000 * 1000
PRINT_WARN_BYTES = 25 * 1000 * 1000
#: Resampling to exactly 300 dpi can land a hair under it after rounding to whole pixels.
DPI_TOLERANCE = 0.99
#: Text may start this far (pt) outside its clip or the page before it counts as cut off.
TEXT_TOLERANCE_PT = 1.0
NOT_FOR_PRINT_SUFFIX = "-NOT-FOR-PRINT"
#: Variants printed in CMYK with an output intent (the others are screen-only).
CMYK_VARIANTS = ("print", "cards")

CHECKS = (
    ("pages", "page count and order against the manifest"),
    ("boxes", "trim and bleed boxes"),
    ("fonts", "fonts embedded"),
    ("output-intent", "CMYK output intent"),
    ("colour", "no RGB colour or image"),
    ("resolution", "photo resolution at its printed size"),
    ("text", "no text clipped or overflowing its box"),
    ("file-size", "file size"),
)


@dataclass(frozen=True)
class Finding:
    """One problem: which check found it, on which page (1-based; None for the whole file), and how bad."""

    check: str
    message: str
    page: int | None = None
    severity: str = "error"  # error | warning

    def to_text(self) -> str:
        """`page 7: ...` or the message alone for a file-wide problem."""
        where = f"page {self.page}: " if self.page is not None else ""
        return f"{where}{self.message}"


@dataclass
class CheckResult:
    """The outcome of one check: its findings, or why it did not apply."""

    name: str
    title: str
    findings: list[Finding] = field(default_factory=list)
    skipped: str | None = None  # why the check did not apply to this file

    @property
    def result(self) -> str:
        """`pass`, `fail` (an error), `warn` (warnings only) or `skipped`."""
        if any(f.severity == "error" for f in self.findings):
            return "fail"
        if self.findings:
            return "warn"
        return "skipped" if self.skipped else "pass"


@dataclass
class PreflightReport:
    """Everything preflight found in one PDF."""

    pdf_path: Path
    variant: str
    manifest_path: Path | None
    checks: list[CheckResult]

    @property
    def errors(self) -> list[Finding]:
        """Problems that stop the file going to print."""
        return [f for c in self.checks for f in c.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Problems worth a look that do not stop the print."""
        return [f for c in self.checks for f in c.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """Whether the file may go to print (no errors)."""
        return not self.errors

    def to_text(self) -> str:
        """A report for the terminal or a build log: one line a check, then every problem."""
        lines = [f"preflight {self.pdf_path.name} ({self.variant}): "
                 + ("OK" if self.ok else f"{len(self.errors)} error(s), NOT FOR PRINT")
                 + (f", {len(self.warnings)} warning(s)" if self.warnings else "")]
        for check in self.checks:
            note = f" ({check.skipped})" if check.skipped and not check.findings else ""
            lines.append(f"  {check.result.upper():7} {check.name}: {check.title}{note}")
            for finding in check.findings:
                label = "error" if finding.severity == "error" else "warning"
                lines.append(f"          {label}: {finding.to_text()}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (stored with a build, printed by `--format json`)."""
        return {
            "file": self.pdf_path.name,
            "variant": self.variant,
            "manifest": self.manifest_path.name if self.manifest_path else None,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "checks": [{"name": c.name, "title": c.title, "result": c.result, "skipped": c.skipped,
                        "findings": [{"page": f.page, "severity": f.severity, "message": f.message}
                                     for f in c.findings]}
                       for c in self.checks],
        }


# ---------- entry points ----------

def run_preflight(pdf_path: Path | str, manifest_path: Path | str | None = None,
                  variant: str | None = None) -> PreflightReport:
    """Check `pdf_path`; see the module docstring for the checks.

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
        scans = [_scan_page(page) for page in pdf.pages]
        _check_pages(pdf, manifest, checks["pages"])
        _check_boxes(pdf, manifest, variant, checks["boxes"])
        _check_fonts(pdf, checks["fonts"])
        _check_output_intent(pdf, variant, checks["output-intent"])
        _check_colour(scans, variant, checks["colour"])
        _check_resolution(scans, manifest, variant, checks["resolution"])
        _check_text(pdf, scans, manifest, checks["text"])
    _check_size(pdf_path, variant, checks["file-size"])
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
    match = re.match(r"calendar-\d{4}-(print|screen|cards)\b", pdf_path.name)
    return match.group(1) if match else None


# ---------- the checks ----------

def _check_pages(pdf: pikepdf.Pdf, manifest: dict | None, check: CheckResult) -> None:
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


def _check_boxes(pdf: pikepdf.Pdf, manifest: dict | None, variant: str, check: CheckResult) -> None:
    if variant != "print":
        check.skipped = f"{variant}: no bleed"
        return
    paper = PAPER_MM.get((manifest or {}).get("size") or "")
    for number, page in enumerate(pdf.pages, start=1):
        trim, bleed = _box(page.obj, "/TrimBox"), _box(page.obj, "/BleedBox")
        if trim is None or bleed is None:
            missing = " and ".join(n for n, b in (("TrimBox", trim), ("BleedBox", bleed)) if b is None)
            check.findings.append(Finding(check.name, f"has no {missing}", page=number))
            continue
        margins = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
        if any(abs(m / MM - BLEED_MM) > 0.1 for m in margins):
            shown = ", ".join(f"{m / MM:.1f}" for m in margins)
            check.findings.append(Finding(check.name, f"the bleed is {shown} mm (left, bottom, right, top); "
                                                      f"it must be {BLEED_MM:g} mm on every side", page=number))
        media = _box(page.obj, "/MediaBox")
        if media and (bleed[0] < media[0] - 0.01 or bleed[1] < media[1] - 0.01
                      or bleed[2] > media[2] + 0.01 or bleed[3] > media[3] + 0.01):
            check.findings.append(Finding(check.name, "the BleedBox reaches outside the MediaBox", page=number))
        if paper:
            width, height = (trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM
            if abs(width - paper[0]) > 0.5 or abs(height - paper[1]) > 0.5:
                check.findings.append(Finding(
                    check.name, f"is trimmed to {width:.0f}×{height:.0f} mm; the edition is "
                                f"{manifest['size']} ({paper[0]:g}×{paper[1]:g} mm)", page=number))


def _box(page: pikepdf.Dictionary, name: str) -> tuple[float, float, float, float] | None:
    box = page.get(name)
    if box is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _check_fonts(pdf: pikepdf.Pdf, check: CheckResult) -> None:
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


def _check_output_intent(pdf: pikepdf.Pdf, variant: str, check: CheckResult) -> None:
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
    header = profile.read_bytes()[:20]
    if int(profile.get("/N", 0)) != 4 or header[16:20] != b"CMYK":
        space = header[16:20].decode("latin-1").strip() or "unknown"
        check.findings.append(Finding(check.name, f"the output intent's profile is {space}, not CMYK"))


def _check_colour(scans: list[_PageScan], variant: str, check: CheckResult) -> None:
    if variant not in CMYK_VARIANTS:
        check.skipped = f"{variant}: RGB allowed"
        return
    for number, scan in enumerate(scans, start=1):
        for what, count in sorted(scan.rgb.items()):
            times = f" ({count}×)" if count > 1 else ""
            check.findings.append(Finding(check.name, f"RGB {what}{times}", page=number))


def _check_resolution(scans: list[_PageScan], manifest: dict | None, variant: str, check: CheckResult) -> None:
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


def _check_text(pdf: pikepdf.Pdf, scans: list[_PageScan], manifest: dict | None, check: CheckResult) -> None:
    entries = (manifest or {}).get("pages") or []
    for number, entry in enumerate(entries, start=1):
        for overflow in entry.get("overflow") or []:
            check.findings.append(Finding(check.name, _overflow_text(overflow), page=number))
    for number, (page, scan) in enumerate(zip(pdf.pages, scans, strict=True), start=1):
        trim = _box(page.obj, "/TrimBox") or _box(page.obj, "/MediaBox")
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


def _check_size(pdf_path: Path, variant: str, check: CheckResult) -> None:
    size = pdf_path.stat().st_size
    if variant == "screen" and size > SCREEN_MAX_BYTES:
        check.findings.append(Finding(check.name, f"the screen PDF is {size / 1e6:.1f} MB; it must be at most "
                                                  f"{SCREEN_MAX_BYTES / 1e6:.0f} MB"))
    elif variant != "screen" and size > PRINT_WARN_BYTES:
        check.findings.append(Finding(check.name, f"the PDF is {size / 1e6:.1f} MB, more than "
                                                  f"{PRINT_WARN_BYTES / 1e6:.0f} MB", severity="warning"))


# ---------- reading a page's content ----------

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF order: a point is transformed by m first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


@dataclass
class PlacedImage:
    """An image drawn on a page: its pixels and the size it is printed at."""

    pixels: tuple[int, int]
    size_mm: tuple[float, float]

    @property
    def dpi(self) -> float:
        """The lower of the horizontal and vertical effective resolutions."""
        w, h = self.size_mm
        if w <= 0 or h <= 0:
            return math.inf
        return min(self.pixels[0] / (w / 25.4), self.pixels[1] / (h / 25.4))


@dataclass
class _PageScan:
    images: list[PlacedImage] = field(default_factory=list)
    rgb: Counter = field(default_factory=Counter)
    # Where each run of text starts, in page space, with the clip in force (None: unclipped).
    text_points: list[tuple[float, float, tuple[float, float, float, float] | None]] = field(default_factory=list)


def _scan_page(page: pikepdf.Page) -> _PageScan:
    scan = _PageScan()
    _scan_stream(page.obj, page.obj.get("/Resources"), IDENTITY, None, scan, depth=0)
    group = page.obj.get("/Group")
    if group is not None and _colour_space_kind(group.get("/CS"), None) == "RGB":
        scan.rgb["transparency blending space"] += 1
    return scan


def _scan_stream(stream, resources, ctm: Matrix, clip, scan: _PageScan, depth: int) -> None:
    """Interpret one content stream: the graphics state stack, clips, text positions, images, colours."""
    if depth > 12:  # a form drawing itself; a real calendar nests two or three deep
        return
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except pikepdf.PdfError:
        return
    stack: list[tuple[Matrix, Any]] = []
    path: list[tuple[float, float]] = []
    pending_clip = False
    text_matrix = line_matrix = IDENTITY
    leading = 0.0
    for operands, operator in instructions:
        op = str(operator)
        if op == "q":
            stack.append((ctm, clip))
        elif op == "Q":
            if stack:
                ctm, clip = stack.pop()
        elif op == "cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif op == "re":
            x, y, w, h = (float(v) for v in operands)
            path += [_apply(ctm, x, y), _apply(ctm, x + w, y + h), _apply(ctm, x + w, y), _apply(ctm, x, y + h)]
        elif op in ("m", "l"):
            path.append(_apply(ctm, float(operands[0]), float(operands[1])))
        elif op in ("c", "v", "y"):
            values = [float(v) for v in operands]
            path += [_apply(ctm, values[i], values[i + 1]) for i in range(0, len(values), 2)]
        elif op in ("W", "W*"):
            pending_clip = True
        elif op in ("n", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*"):
            if pending_clip and path:
                xs, ys = [p[0] for p in path], [p[1] for p in path]
                box = (min(xs), min(ys), max(xs), max(ys))
                clip = box if clip is None else (max(clip[0], box[0]), max(clip[1], box[1]),
                                                 min(clip[2], box[2]), min(clip[3], box[3]))
            pending_clip, path = False, []
        elif op == "BT":
            text_matrix = line_matrix = IDENTITY
        elif op == "Tm":
            text_matrix = line_matrix = tuple(float(v) for v in operands)
        elif op in ("Td", "TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if op == "TD":
                leading = -ty
            text_matrix = line_matrix = _multiply((1, 0, 0, 1, tx, ty), line_matrix)
        elif op == "TL":
            leading = float(operands[0])
        elif op in ("T*", "'", '"'):
            text_matrix = line_matrix = _multiply((1, 0, 0, 1, 0, -leading), line_matrix)
            if op != "T*":
                scan.text_points.append((*_apply(_multiply(text_matrix, ctm), 0, 0), clip))
        elif op in ("Tj", "TJ"):
            scan.text_points.append((*_apply(_multiply(text_matrix, ctm), 0, 0), clip))
        elif op in ("rg", "RG"):
            scan.rgb["fill colour (rg)" if op == "rg" else "stroke colour (RG)"] += 1
        elif op in ("cs", "CS"):
            if _colour_space_kind(operands[0], resources) == "RGB":
                scan.rgb[f"colour space {operands[0]} chosen ({op})"] += 1
        elif op == "sh":
            shading = _resource(resources, "/Shading", operands[0])
            if shading is not None and _colour_space_kind(shading.get("/ColorSpace"), resources) == "RGB":
                scan.rgb["shading"] += 1
        elif op == "Do":
            xobject = _resource(resources, "/XObject", operands[0])
            if xobject is None:
                continue
            subtype = xobject.get("/Subtype")
            if subtype == "/Image":
                _record_image(xobject, ctm, resources, scan)
            elif subtype == "/Form":
                matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
                form_resources = xobject.get("/Resources", resources)
                _check_form_group(xobject, form_resources, scan)
                _scan_stream(xobject, form_resources, _multiply(matrix, ctm), clip, scan, depth + 1)
        elif op == "BI":  # an inline image: no resource, colour space in the operands
            _record_inline_image(operands, ctm, resources, scan)
    # Patterns' colours are not placed by Do; their colour spaces and images are checked here.
    for _, pattern in ((resources or {}).get("/Pattern") or {}).items() if isinstance(resources, pikepdf.Dictionary) else ():
        if pattern.get("/PatternType") == 2:
            shading = pattern.get("/Shading")
            if shading is not None and _colour_space_kind(shading.get("/ColorSpace"), resources) == "RGB":
                scan.rgb["shading pattern"] += 1


def _check_form_group(form, resources, scan: _PageScan) -> None:
    group = form.get("/Group")
    if group is not None and _colour_space_kind(group.get("/CS"), resources) == "RGB":
        scan.rgb["transparency blending space"] += 1


def _resource(resources, category: str, name) -> Any:
    if not isinstance(resources, pikepdf.Dictionary):
        return None
    return (resources.get(category) or {}).get(str(name))


def _record_image(image, ctm: Matrix, resources, scan: _PageScan) -> None:
    if image.get("/ImageMask"):
        return  # a stencil: painted in the current fill colour, which the colour operators cover
    if _colour_space_kind(image.get("/ColorSpace"), resources) == "RGB":
        scan.rgb[f"image ({int(image.get('/Width', 0))}×{int(image.get('/Height', 0))} px)"] += 1
    _place(int(image.get("/Width", 0)), int(image.get("/Height", 0)), ctm, scan)


def _record_inline_image(operands, ctm: Matrix, resources, scan: _PageScan) -> None:
    try:
        inline = operands[0]
        width, height = int(inline.obj.get("/W", inline.obj.get("/Width", 0))), int(
            inline.obj.get("/H", inline.obj.get("/Height", 0)))
        space = inline.obj.get("/CS", inline.obj.get("/ColorSpace"))
    except (AttributeError, IndexError, TypeError, ValueError):
        return
    if str(space) in ("/RGB", "/DeviceRGB") or _colour_space_kind(space, resources) == "RGB":
        scan.rgb["inline image"] += 1
    _place(width, height, ctm, scan)


def _place(width: int, height: int, ctm: Matrix, scan: _PageScan) -> None:
    # An image fills the unit square; the CTM's column lengths are its printed width and height.
    w_pt, h_pt = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
    if w_pt < 2 or h_pt < 2:  # smaller than a millimetre: a rule or a dot, not a photo
        return
    scan.images.append(PlacedImage((width, height), (w_pt / MM, h_pt / MM)))


def _colour_space_kind(space, resources) -> str | None:
    """`RGB`, `CMYK`, `Gray`, `Lab`, `Pattern` or None (unknown) for a colour space name or array."""
    if space is None:
        return None
    if isinstance(space, pikepdf.Name):
        name = str(space)
        plain = {"/DeviceRGB": "RGB", "/RGB": "RGB", "/DeviceCMYK": "CMYK", "/CMYK": "CMYK",
                 "/DeviceGray": "Gray", "/G": "Gray", "/Pattern": "Pattern"}
        if name in plain:
            return plain[name]
        named = _resource(resources, "/ColorSpace", space)
        return _colour_space_kind(named, None) if named is not None else None
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family == "/ICCBased":
            return {1: "Gray", 3: "RGB", 4: "CMYK"}.get(int(space[1].get("/N", 0)))
        if family == "/CalRGB":
            return "RGB"
        if family == "/CalGray":
            return "Gray"
        if family == "/Lab":
            return "Lab"
        if family == "/Indexed" and len(space) > 1:
            return _colour_space_kind(space[1], resources)
        if family in ("/Separation", "/DeviceN") and len(space) > 2:
            # The alternate space is what a press without the named ink prints: RGB there is RGB.
            return _colour_space_kind(space[2], resources)
        if family == "/Pattern":
            return "Pattern"
    return None


# ---------- the layout side of the text check ----------

def layout_overflows(document) -> list[list[dict[str, Any]]]:
    """For a rendered WeasyPrint `Document`, per page, the boxes whose text does not fit them.

    A box overflows when a line of its text ends below the bottom, or beyond the right edge, of a
    box with a fixed height or `overflow: hidden` that contains it. Each item has `box` (tag and
    classes, such as `p.summary`), `by_mm` and the start of the text that does not fit. The
    renderer stores these in the manifest's page entries as `overflow`, where preflight reads them.
    """
    pages = []
    for page in document.pages:
        found: list[dict[str, Any]] = []
        _find_overflows(page._page_box, [], found)
        # The box itself was only kept to report each box once.
        pages.append([{k: v for k, v in item.items() if k != "_box"} for item in found])
    return pages


def _find_overflows(box, containers: list, found: list[dict[str, Any]]) -> None:
    from weasyprint.formatting_structure import boxes

    bounded = (isinstance(box, boxes.BlockBox) and not isinstance(box, boxes.PageBox)
               and (box.style["overflow"] != "visible" or box.style["height"] != "auto"))
    if bounded:
        containers = [*containers, box]
    if isinstance(box, boxes.LineBox) and containers:
        limit = containers[-1]
        bottom = limit.padding_box_y() + limit.padding_height()
        right = limit.padding_box_x() + limit.padding_width()
        over_y = box.position_y + box.height - bottom
        over_x = max((child.position_x + child.width - right for child in box.descendants()
                      if isinstance(child, boxes.TextBox)), default=0)
        over = max(over_y, over_x)
        if over > 0.5:  # CSS px; a half-pixel is rounding
            by_mm = round(over * 25.4 / 96, 1)
            known = next((f for f in found if f["_box"] is limit), None)
            if known is not None:  # one finding per box: by how much its last line overflows
                known["by_mm"] = max(known["by_mm"], by_mm)
            else:  # ...and the first line that does not fit
                text = "".join(child.text for child in box.descendants() if isinstance(child, boxes.TextBox))
                found.append({"_box": limit, "box": _describe(limit), "by_mm": by_mm, "text": text.strip()[:60]})
        return
    for child in getattr(box, "children", ()):
        _find_overflows(child, containers, found)


def _describe(box) -> str:
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    return (box.element_tag or "box") + "".join(f".{c}" for c in classes)


# ---------- marking a file that failed ----------

# Helvetica-Bold advance widths (thousandths of an em) of the letters of the stamp, to centre it.
_HELVETICA_BOLD = {"N": 722, "O": 778, "T": 611, " ": 278, "F": 611, "R": 722, "P": 667, "I": 278}
STAMP = "NOT FOR PRINT"


def not_for_print_path(pdf_path: Path | str) -> Path:
    """`calendar-2027-print.pdf` -> `calendar-2027-print-NOT-FOR-PRINT.pdf` (unchanged if already so)."""
    pdf_path = Path(pdf_path)
    stem = pdf_path.stem.removesuffix(NOT_FOR_PRINT_SUFFIX)
    return pdf_path.with_name(f"{stem}{NOT_FOR_PRINT_SUFFIX}{pdf_path.suffix}")


def mark_not_for_print(pdf_path: Path | str) -> Path:
    """Stamp every page with a large diagonal NOT FOR PRINT and rename the file to `...-NOT-FOR-PRINT.pdf`.

    The original name disappears, so nothing that looks finished is left behind. Returns the new path.
    """
    pdf_path = Path(pdf_path)
    target = not_for_print_path(pdf_path)
    with pikepdf.open(pdf_path) as pdf:
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name("/Helvetica-Bold"),
                                                    Encoding=pikepdf.Name.WinAnsiEncoding))
        faint = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.45, CA=0.45))
        for page in pdf.pages:
            _stamp(pdf, page, font, faint)
        partial = target.with_name(f".{target.name}.part")
        pdf.save(partial, deterministic_id=True)
    partial.replace(target)
    if target != pdf_path:
        pdf_path.unlink()
    return target


def _stamp(pdf: pikepdf.Pdf, page: pikepdf.Page, font, faint) -> None:
    x0, y0, x1, y1 = _box(page.obj, "/TrimBox") or _box(page.obj, "/MediaBox")
    width, height = x1 - x0, y1 - y0
    angle = math.atan2(height, width)
    diagonal = math.hypot(width, height)
    em = sum(_HELVETICA_BOLD[ch] for ch in STAMP) / 1000
    size = 0.8 * diagonal / em  # the stamp spans four fifths of the diagonal
    cos, sin = math.cos(angle), math.sin(angle)
    cx, cy = x0 + width / 2, y0 + height / 2
    # Start the text so that its middle (half its width, a third of the cap height up) sits on the centre.
    dx, dy = -em * size / 2, -0.36 * size
    tx, ty = cx + dx * cos - dy * sin, cy + dx * sin + dy * cos
    resources = _child(page.obj, "/Resources")
    _child(resources, "/Font")["/NotForPrintFont"] = font
    _child(resources, "/ExtGState")["/NotForPrintGS"] = faint
    band = 14.0
    content = (
        f"q /NotForPrintGS gs 0 1 1 0 k BT /NotForPrintFont {size:.2f} Tf "
        f"{cos:.5f} {sin:.5f} {-sin:.5f} {cos:.5f} {tx:.2f} {ty:.2f} Tm ({STAMP}) Tj ET Q "
        # A solid band along the top says it plainly even where the page is dark.
        f"q 0 1 1 0 k {x0:.2f} {y1 - band * 1.6:.2f} {width:.2f} {band * 1.6:.2f} re f "
        f"0 0 0 0 k BT /NotForPrintFont {band:.1f} Tf {x0 + 12:.2f} {y1 - band * 1.2:.2f} Td "
        f"({STAMP} - preflight found errors) Tj ET Q"
    )
    # Wrap the page's own content in q/Q so that its graphics state cannot leak into the stamp.
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, b"\nQ\n" + content.encode("latin-1")), prepend=False)


def _child(dictionary: pikepdf.Dictionary, key: str) -> pikepdf.Dictionary:
    """`dictionary[key]`, created empty if missing (pikepdf dictionaries have no setdefault)."""
    if key not in dictionary:
        dictionary[key] = pikepdf.Dictionary()
    return dictionary[key]


# ---------- before the build: the edition's checklist ----------

@dataclass
class ChecklistItem:
    """One line of the edition's checklist: whether it holds, and the details when it does not."""

    title: str
    ok: bool
    details: list[str] = field(default_factory=list)
    severity: str = "error"  # what a failure means: error (no build) or warning (worth fixing)
    #: Which line this is, and the values in its title, so that the print staff's page can say the title in
    #: its own language (``title`` is the English, for the command line).
    code: str = ""
    params: dict = field(default_factory=dict)

    @property
    def result(self) -> str:
        """`pass`, `fail` or `warn`."""
        return "pass" if self.ok else ("fail" if self.severity == "error" else "warn")


def edition_checklist(library, year: int, size: str = "A4") -> list[ChecklistItem]:
    """What print staff check before building edition `year`: 52 valid open cases, consent, printable
    photos, translations in every language of the edition, and the case files' own problems.

    Reads only the loaded library (no rendering), so the page that shows it is fast.
    """
    from coldcase.publish.images import required_pixels
    from coldcase.publish.pages import PAPER_SIZES, WEEK_PHOTO_MM

    edition = library.editions.get(year)
    if edition is None:
        # The loader leaves out an edition whose file is wrong; say why, and what is wrong with the cases it names.
        own = [p.message for p in library.errors if Path(p.path).stem == str(year)]
        named = {m for line in own for m in re.findall(r"case '([a-z0-9-]+)'", line)}
        cases = [p.format(Path(library.root)) for p in library.errors if p.case_id in named]
        return [ChecklistItem(f"edition {year} can be read", False,
                              own + cases if own else [f"there is no edition {year}"],
                              code="edition", params={"year": year})]
    items = [ChecklistItem("52 cases, one a week", len(edition.weeks) == 52,
                           [] if len(edition.weeks) == 52 else [f"the edition lists {len(edition.weeks)} cases"],
                           code="weeks")]
    cases, bad, seen = [], [], set()
    for week, case_id in enumerate(edition.weeks, start=1):
        case = library.cases.get(case_id)
        if case_id in seen:
            bad.append(f"week {week}: {case_id} is listed twice")
        elif case is None:
            why = "has errors" if case_id in library.invalid_case_ids else "is unknown"
            bad.append(f"week {week}: {case_id} {why}")
            # The case file's own errors, with their lines, so print staff can tell the investigator what to fix.
            bad.extend(p.format(Path(library.root)) for p in library.errors if p.case_id == case_id)
        elif not case.is_open:
            bad.append(f"week {week}: {case_id} is {case.status}")
        else:
            cases.append((week, case))
        seen.add(case_id)
    items.append(ChecklistItem("every case is valid and open", not bad, bad, code="cases"))
    no_consent = [f"week {w}: {c.id}" for w, c in cases if not getattr(c, "consent_recorded", None)]
    items.append(ChecklistItem("the family's consent is recorded for every case", not no_consent, no_consent,
                               code="consent"))
    scale = PAPER_SIZES.get(size, PAPER_SIZES["A4"])[0] / 210.0
    frame = (WEEK_PHOTO_MM[0] * scale, WEEK_PHOTO_MM[1] * scale)
    need_w, need_h = required_pixels(*frame, dpi=300)
    small = []
    for week, case in cases:
        photo = case.printed_photo
        if not photo.path.is_file():
            small.append(f"week {week}: {case.id}: {photo.file} is missing")
        elif photo.width < need_w or photo.height < need_h:
            small.append(f"week {week}: {case.id}: {photo.file} is {photo.width}×{photo.height} px, "
                         f"needs {need_w}×{need_h}")
    items.append(ChecklistItem(f"photos print at 300 dpi ({size}, {frame[0]:.0f}×{frame[1]:.0f} mm)", not small,
                               small, code="photos",
                               params={"size": size, "width": f"{frame[0]:.0f}", "height": f"{frame[1]:.0f}"}))
    for language in edition.languages[1:]:
        missing = [f"week {w}: {c.id}" for w, c in cases if language not in c.translations]
        items.append(ChecklistItem(f"'{language}' translation of every case", not missing, missing, "warning",
                                   code="translation", params={"language": language}))
    ids = {case.id for _, case in cases}
    warnings = [p.format(Path(library.root)) for p in library.warnings if p.case_id in ids]
    items.append(ChecklistItem("case files without warnings", not warnings, warnings, "warning",
                               code="warnings"))
    return items
