"""Preflight checks of what a press and a reader need: crop marks, ink, font subsets, the tip line and contacts.

crop-marks    print: crop marks outside the bleed, at least 5 mm long, in registration colour (Separation /All),
              on a media box that holds them: two at each corner of the trim.
ink           print and cards: no CMYK colour or photo pixel with more than 300% ink in total.
font-subsets  two different embedded font programs never share one name (`ABCDEF+NotoSans-Bold`).
tip-line      the phone number appears digit for digit in the text of every language of the edition (on the
              intro page), never reversed by right-to-left text ("6070-0800").
contact       print and cards: the tip line, free-post address and email are set, and neither the web address
              nor the printed links are a placeholder (example.org, *.invalid, *.test, localhost, ...).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf

from coldcase.publish.preflight.content import PageScan, page_box
from coldcase.publish.preflight.report import BLEED_MM, BLEED_VARIANTS, CMYK_VARIANTS, MM, CheckResult, Finding

MIN_MARK_MM = 5.0
#: At most this much ink (1.0 = 100%) in total; JPEG compression may overshoot a converted photo slightly.
MAX_INK = 3.0
PHOTO_INK_TOLERANCE = 0.08
#: Reserved for examples and tests (RFC 2606, RFC 6761): never a real address.
PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example\.(com|org|net)|example|invalid|test|localhost)$", re.IGNORECASE)


def check_crop_marks(pdf: pikepdf.Pdf, scans: list[PageScan], variant: str, check: CheckResult,
                     manifest: dict | None = None) -> None:
    """The `crop-marks` check (see the module docstring)."""
    if variant == "cards":
        _check_sheet_marks(scans, manifest, check)
        return
    if variant not in BLEED_VARIANTS:
        check.skipped = f"{variant}: no bleed"
        return
    for number, (page, scan) in enumerate(zip(pdf.pages, scans, strict=True), start=1):
        trim, bleed, media = (page_box(page.obj, name) for name in ("/TrimBox", "/BleedBox", "/MediaBox"))
        if trim is None or media is None:
            continue  # the boxes check names a missing box
        bleed = bleed or tuple(v + d * BLEED_MM * MM for v, d in zip(trim, (-1, -1, 1, 1), strict=True))
        good = [line for line in scan.registration_lines if _outside(line, bleed) and _inside(line, media)
                and _length_mm(line) >= MIN_MARK_MM - 0.05]
        if len(good) >= 8:
            continue
        inside = [line for line in scan.registration_lines if not _outside(line, bleed)]
        short = [line for line in scan.registration_lines if _length_mm(line) < MIN_MARK_MM - 0.05]
        if not scan.registration_lines:
            why = "there are no crop marks in registration colour"
        elif inside:
            why = f"{len(inside)} crop mark(s) lie inside the bleed, where they are cut into the picture"
        elif short:
            why = f"{len(short)} crop mark(s) are shorter than {MIN_MARK_MM:g} mm"
        else:
            why = "the crop marks lie outside the media box, or there are fewer than two at each corner"
        check.findings.append(Finding(check.name, why, page=number))


def _check_sheet_marks(scans: list[PageScan], manifest: dict | None, check: CheckResult) -> None:
    """A sheet of cards: eight marks of at least 5 mm in registration colour for every card on it."""
    entries = (manifest or {}).get("pages") or []
    for number, scan in enumerate(scans, start=1):
        cards = len((entries[number - 1] if number <= len(entries) else {}).get("cases") or [])
        good = [line for line in scan.registration_lines if _length_mm(line) >= MIN_MARK_MM - 0.05]
        if cards and len(good) < 8 * cards:
            check.findings.append(Finding(check.name, f"{len(good)} crop marks for {cards} cards: each card "
                                                      f"needs its own eight", page=number))


def _outside(line, box) -> bool:
    x0, y0, x1, y1 = min(line[0], line[2]), min(line[1], line[3]), max(line[0], line[2]), max(line[1], line[3])
    return x1 <= box[0] + 0.01 or x0 >= box[2] - 0.01 or y1 <= box[1] + 0.01 or y0 >= box[3] - 0.01


def _inside(line, box) -> bool:
    return all(box[0] - 0.01 <= x <= box[2] + 0.01 for x in (line[0], line[2])) and all(
        box[1] - 0.01 <= y <= box[3] + 0.01 for y in (line[1], line[3]))


def _length_mm(line) -> float:
    return ((line[2] - line[0]) ** 2 + (line[3] - line[1]) ** 2) ** 0.5 / MM


def check_ink(scans: list[PageScan], variant: str, check: CheckResult,
              known: dict[str, float | None] | None = None) -> None:
    """The `ink` check (see the module docstring). `known` maps the sha256 of an image's stream bytes to its
    ink as `jpeg_ink` measured those very bytes (the build measures each photo as it converts it)."""
    if variant not in CMYK_VARIANTS:
        check.skipped = f"{variant}: RGB"
        return
    measured: dict = {}
    for number, scan in enumerate(scans, start=1):
        if scan.ink_over:
            check.findings.append(Finding(check.name, f"{scan.ink_over} colour(s) carry up to {scan.max_ink:.0%} "
                                                      f"ink; at most {MAX_INK:.0%}", page=number))
        for image in scan.cmyk_images:
            key = image.objgen if image.is_indirect else id(image)
            if key not in measured:
                measured[key] = _image_ink(image, known or {})
            ink = measured[key]
            if ink is not None and ink > MAX_INK + PHOTO_INK_TOLERANCE:
                check.findings.append(Finding(check.name, f"a photo carries up to {ink:.0%} ink; at most "
                                                          f"{MAX_INK:.0%}", page=number))


#: Measured inks by the sha256 of the image's stream: the copies of an edition (`build.build_copies`) are
#: preflighted one after another in one process, and share every photo.
_INK_BY_DIGEST: dict[str, float | None] = {}


def _image_ink(image, known: dict[str, float | None]) -> float | None:
    """`_measure_ink` of `image`, remembered by its bytes (or `known` for them)."""
    import hashlib

    try:
        digest = hashlib.sha256(image.read_raw_bytes()).hexdigest()
    except pikepdf.PdfError:
        return _measure_ink(image)
    if digest in known:
        return known[digest]
    if digest not in _INK_BY_DIGEST:
        if len(_INK_BY_DIGEST) > 4096:  # a long-running web process builds many editions
            _INK_BY_DIGEST.clear()
        _INK_BY_DIGEST[digest] = _measure_ink(image)
    return _INK_BY_DIGEST[digest]


def _measure_ink(image) -> float | None:
    """The highest total ink of a CMYK image, measured over areas of about half a millimetre (the picture
    shrunk to at most 300 pixels a side) at its 99.9th percentile: a stray JPEG pixel is no spot of ink."""
    try:
        picture = pikepdf.PdfImage(image).as_pil_image().convert("CMYK")
    except Exception:  # noqa: BLE001 - an image pikepdf cannot decode is the resolution check's business
        return None
    return _picture_ink(picture)


def jpeg_ink(data: bytes) -> float | None:
    """The ink `_measure_ink` finds in a PDF image whose stream holds these JPEG bytes as they are (DCTDecode):
    pikepdf hands such a stream to Pillow as it is, so the pixels, and the figure, are the same (tested)."""
    import io

    from PIL import Image

    try:
        picture = Image.open(io.BytesIO(data)).convert("CMYK")
    except Exception:  # noqa: BLE001 - as `_measure_ink`
        return None
    return _picture_ink(picture)


def _picture_ink(picture) -> float | None:
    import numpy
    from PIL import Image

    picture.thumbnail((300, 300), Image.Resampling.BOX)
    # Summed and sorted by numpy: the same totals as a Python loop over the pixels, in a twentieth of the time
    # (the loop was most of preflight's CPU time on a calendar of 76 photos).
    totals = numpy.asarray(picture, dtype=numpy.uint8).reshape(-1, 4).sum(axis=1, dtype=numpy.uint32)
    if not totals.size:
        return None
    totals.sort()
    return int(totals[min(totals.size - 1, int(totals.size * 0.999))]) / 255.0


def check_font_subsets(pdf: pikepdf.Pdf, check: CheckResult) -> None:
    """The `font-subsets` check (see the module docstring)."""
    programs: dict[str, set[str]] = {}
    import hashlib

    seen = set()
    for page in pdf.pages:
        for _, font in ((page.obj.get("/Resources") or {}).get("/Font") or {}).items():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            target = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" and font.get("/DescendantFonts") \
                else font
            descriptor = target.get("/FontDescriptor")
            program = next((descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile")
                            if descriptor is not None and k in descriptor), None)
            if program is None:
                continue
            name = str(target.get("/BaseFont", "")).lstrip("/")
            programs.setdefault(name, set()).add(hashlib.sha256(program.read_raw_bytes()).hexdigest())
    shared = sorted(name for name, digests in programs.items() if len(digests) > 1)
    for name in shared:
        check.findings.append(Finding(check.name, f"{len(programs[name])} different font subsets are all named "
                                                  f"{name}: a RIP may take them for one font"))


def check_tip_line(pdf_path: Path, manifest: dict | None, check: CheckResult) -> None:
    """The `tip-line` check (see the module docstring). Reads the text in drawing order with poppler's
    `pdftotext -raw`: glyphs are drawn left to right as they are seen, so a number that right-to-left text
    turned round reads reversed there too. Counted on the intro page (every language's "how to give a tip");
    a file without one (playing cards) must show it at all."""
    edition = (manifest or {}).get("edition") or {}
    phone = str((edition.get("tipline") or {}).get("phone") or "").strip()
    if not phone:
        check.skipped = "the manifest names no tip line"
        return
    if shutil.which("pdftotext") is None:
        check.skipped = "pdftotext (poppler-utils) is not installed"
        return
    text = subprocess.run(["pdftotext", "-raw", str(pdf_path), "-"], capture_output=True, text=True,
                          check=False).stdout
    pages = re.sub(r"[\u2066-\u2069\u200e\u200f\u202a-\u202e]", "", text).split("\f")
    groups = re.findall(r"\d+", phone)
    if len(groups) > 1:
        reversed_pattern = _digits_pattern(list(reversed(groups)))
        for number, page_text in enumerate(pages, start=1):
            wrong = len(re.findall(reversed_pattern, page_text))
            if wrong:
                check.findings.append(Finding(check.name, f"the tip line is printed {wrong}× as "
                                                          f"{'-'.join(reversed(groups))}: right-to-left text turned "
                                                          f"it round, and a reader dials the wrong number",
                                              page=number))
    entries = (manifest or {}).get("pages") or []
    intro = next((n for n, entry in enumerate(entries, start=1) if entry.get("kind") == "intro"), None)
    if intro is None or intro > len(pages):
        # Playing cards and files without an intro: the number must be there at all.
        if not re.search(_digits_pattern(groups), text):
            check.findings.append(Finding(check.name, f"the tip line {phone} appears nowhere digit for digit"))
        return
    right = len(re.findall(_digits_pattern(groups), pages[intro - 1]))
    languages = edition.get("languages") or []
    if right < len(languages):
        check.findings.append(Finding(check.name, f"the tip line {phone} appears {right}× digit for digit on "
                                                  f"this page; each of the {len(languages)} languages must show "
                                                  f"it", page=intro))


def _digits_pattern(groups: list[str]) -> str:
    return r"(?<!\d)" + r"\D{0,2}".join(groups) + r"(?!\d)"


def check_contact(manifest: dict | None, variant: str, check: CheckResult) -> None:
    """The `contact` check (see the module docstring): a warning for the screen variant, an error for print."""
    edition = (manifest or {}).get("edition") or {}
    if "tipline" not in edition:
        check.skipped = "the manifest names no tip line"
        return
    severity = "error" if variant in CMYK_VARIANTS else "warning"
    # A sample edition says of itself that its contacts are fictional: warned about, so that the whole build can
    # be tried; only an edition without `sample: true` can be a real one, and there they are refused.
    sample = bool(edition.get("sample"))
    if sample:
        severity = "warning"
    tip = edition.get("tipline") or {}
    for field, what in (("phone", "tip line"), ("postal", "free-post address"), ("email", "email address")):
        if not str(tip.get(field) or "").strip():
            check.findings.append(Finding(check.name, f"the {what} is not set", severity=severity))
    addresses = [("the web address", tip.get("web") or ""),
                 ("the address of the printed links", edition.get("base_url") or "")]
    email = str(tip.get("email") or "")
    if "@" in email:
        addresses.append(("the email address", "mailto://" + email.split("@", 1)[1]))
    for what, url in addresses:
        host = urlsplit(url if "//" in url else f"https://{url}").hostname or ""
        if url and PLACEHOLDER_HOSTS.search(host):
            check.findings.append(Finding(
                check.name, f"{what} is a placeholder ({host}): it must not go to print"
                + (" (a sample edition: give real contacts and remove 'sample: true' before printing)" if sample
                   else ""), severity=severity))
