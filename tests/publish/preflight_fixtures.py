"""Small calendar-like PDFs for the preflight tests, made with pikepdf so that every property is chosen.

`good_print_spec()` describes a PDF that passes every check; each test changes one thing in it and
expects exactly that check to fail. `write_calendar_pdf(path, spec)` writes the PDF and its manifest.
"""

from __future__ import annotations

import json
import random
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf

MM = 72 / 25.4
REPO = Path(__file__).resolve().parents[2]
FONT = REPO / "static" / "fonts" / "NotoSans-Regular.ttf"
BOLD = REPO / "static" / "fonts" / "NotoSans-Bold.ttf"
ICC_DIR = Path("/usr/share/color/icc/ghostscript")
CMYK_PROFILE = REPO / "static" / "icc" / "coldcase-fogra39-coated.icc"
SWOP_PROFILE = ICC_DIR / "default_cmyk.icc"
RGB_PROFILE = ICC_DIR / "default_rgb.icc"


@dataclass(frozen=True)
class PageSpec:
    """One page: its manifest entry and what is drawn on it."""

    key: str
    kind: str
    case: str | None = None
    photo_px: tuple[int, int] | None = None  # pixels of the photo, placed at 120 x 90 mm
    photo_space: str = "/DeviceCMYK"
    rgb_fill: bool = False
    text_below_clip: bool = False  # a line of text drawn under the bottom of its clipping box
    lines: tuple[str, ...] = ()  # lines of text drawn on the page (ASCII)
    ink: str | None = None  # a CMYK fill ("1 1 1 0.5") painted as a small box
    other_font: bool = False  # text in a second font program that carries the first one's name


@dataclass(frozen=True)
class PdfSpec:
    """A whole PDF: its pages and the file-wide properties the checks look at."""

    variant: str = "print"
    pages: tuple[PageSpec, ...] = ()
    labels: tuple[str, ...] | None = None  # page labels in the PDF; None: the pages' keys
    bleed_mm: float | None = 3.0  # None: no TrimBox or BleedBox
    embed_font: bool = True
    output_intent: Path | None = CMYK_PROFILE
    extra_manifest_pages: int = 0
    overflow_on_page: int | None = None  # index of a page whose manifest entry records an overflow
    padding_bytes: int = 0  # makes the file large
    crop_marks: str = "outside"  # outside (in the slug, as they must be) | inside (in the bleed) | short | none
    tipline: dict | None = None  # the manifest's edition tip line (None: the good one)
    base_url: str = "https://cold-case-kalender.nl"
    sample: bool = False  # the edition says it is a sample (fictional contacts)
    languages: tuple[str, ...] = ("nl", "en")


GOOD_TIPLINE = {"phone": "0800-6070", "postal": "Antwoordnummer 12345, 1000 AB Amsterdam",
                "email": "tips@cold-case-kalender.nl", "web": "https://cold-case-kalender.nl/tips"}


def good_print_spec(**changes) -> PdfSpec:
    """A four-page print PDF (cover, two weeks, back) that passes every check."""
    pages = (
        PageSpec("cover", "cover", lines=("Bel gratis 0800-6070",)),
        PageSpec("week-01", "week", case="anna-de-vries-1994", photo_px=(1418, 1063)),
        PageSpec("week-02", "week", case="jan-bakker-1988", photo_px=(1418, 1063)),
        PageSpec("back", "back", lines=("Call free 0800-6070",)),
    )
    return replace(PdfSpec(pages=pages), **changes)


def good_screen_spec(**changes) -> PdfSpec:
    """The same pages as a screen PDF: RGB, no bleed, no output intent, photos at 150 dpi."""
    spec = good_print_spec(variant="screen", bleed_mm=None, output_intent=None)
    pages = tuple(replace(p, photo_space="/DeviceRGB", photo_px=(709, 532)) if p.photo_px else p
                  for p in spec.pages)
    return replace(spec, pages=pages, **changes)


def with_page(spec: PdfSpec, index: int, **changes) -> PdfSpec:
    """`spec` with page `index` changed."""
    pages = list(spec.pages)
    pages[index] = replace(pages[index], **changes)
    return replace(spec, pages=tuple(pages))


def write_calendar_pdf(folder: Path, spec: PdfSpec, name: str | None = None) -> Path:
    """Write `calendar-2027-<variant>.pdf` and its manifest into `folder`; return the PDF's path."""
    name = name or f"calendar-2027-{spec.variant}"
    folder.mkdir(parents=True, exist_ok=True)
    pdf = pikepdf.new()
    font = _font(pdf, spec.embed_font)
    other = _font(pdf, True, BOLD)
    width, height = 210 * MM, 297 * MM
    for page_spec in spec.pages:
        _add_page(pdf, page_spec, font, width, height, spec.bleed_mm, spec.crop_marks, other)
    labels = spec.labels if spec.labels is not None else tuple(p.key for p in spec.pages)
    pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(
        [x for i, label in enumerate(labels) for x in (i, pikepdf.Dictionary(P=pikepdf.String(label)))]))
    if spec.output_intent is not None:
        profile = spec.output_intent.read_bytes()
        stream = pikepdf.Stream(pdf, profile)
        stream.N = 4 if profile[16:20] == b"CMYK" else 3
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX, OutputConditionIdentifier="test",
            DestOutputProfile=pdf.make_indirect(stream))])
    if spec.padding_bytes:
        # Incompressible bytes in an unused stream: a stand-in for photos that were not downsampled.
        noise = random.Random(0).randbytes(spec.padding_bytes)
        pdf.Root.Padding = pdf.make_indirect(pikepdf.Stream(pdf, noise))
    path = folder / f"{name}.pdf"
    pdf.save(path)
    entries = []
    for index, page_spec in enumerate(spec.pages):
        entry = {"kind": page_spec.kind, "key": page_spec.key}
        if page_spec.case:
            entry["case"] = page_spec.case
        if spec.overflow_on_page == index:
            entry["overflow"] = [{"box": "p.summary", "by_mm": 4.2, "text": "Op de avond van 15 maart"}]
        entries.append(entry)
    entries += [{"kind": "week", "key": f"week-{n:02d}"} for n in range(90, 90 + spec.extra_manifest_pages)]
    edition = {"year": 2027, "languages": list(spec.languages),
               "tipline": GOOD_TIPLINE if spec.tipline is None else spec.tipline, "base_url": spec.base_url,
               "sample": spec.sample}
    manifest = {"edition": edition, "variant": spec.variant, "size": "A4", "page_count": len(entries),
                "pages": entries}
    path.with_suffix(".json").write_text(json.dumps(manifest), encoding="utf-8")
    return path


def _font(pdf: pikepdf.Pdf, embed: bool, program: Path | None = None) -> pikepdf.Object:
    descriptor = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/NotoSans"),
                                    Flags=32, FontBBox=[0, -300, 1000, 1000], ItalicAngle=0, Ascent=1000,
                                    Descent=-300, CapHeight=700, StemV=80)
    if embed:
        descriptor.FontFile2 = pdf.make_indirect(pikepdf.Stream(pdf, (program or FONT).read_bytes()))
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType,
                                                BaseFont=pikepdf.Name("/NotoSans"), FirstChar=32, LastChar=126,
                                                Widths=[600] * 95, Encoding=pikepdf.Name.WinAnsiEncoding,
                                                FontDescriptor=pdf.make_indirect(descriptor)))


def _add_page(pdf: pikepdf.Pdf, spec: PageSpec, font, width: float, height: float, bleed_mm: float | None,
              crop_marks: str = "outside", other_font=None) -> None:
    bleed = (bleed_mm or 0) * MM
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font), XObject=pikepdf.Dictionary())
    content = ["q 0 0 0 1 k", "BT /F1 24 Tf 56 760 Td (Cold case) Tj ET"]
    for number, line in enumerate(spec.lines):
        content.append(f"BT /F1 14 Tf 56 {720 - 20 * number} Td ({line}) Tj ET")
    if spec.ink:
        content.append(f"{spec.ink} k 300 700 50 20 re f 0 0 0 1 k")
    if spec.other_font:
        resources.Font.F2 = other_font
        content.append("BT /F2 14 Tf 56 600 Td (Bold) Tj ET")
    if spec.rgb_fill:
        content.append("0.8 0.1 0.1 rg 56 700 100 20 re f")
    if spec.photo_px:
        w_px, h_px = spec.photo_px
        channels = 4 if spec.photo_space == "/DeviceCMYK" else 3
        image = pikepdf.Stream(pdf, zlib.compress(bytes(w_px * h_px * channels)))
        image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
        image.Width, image.Height, image.BitsPerComponent = w_px, h_px, 8
        image.ColorSpace, image.Filter = pikepdf.Name(spec.photo_space), pikepdf.Name.FlateDecode
        resources.XObject.Im1 = pdf.make_indirect(image)
        content.append(f"q {120 * MM:.3f} 0 0 {90 * MM:.3f} 56 400 cm /Im1 Do Q")
    if spec.text_below_clip:
        # A summary box 40 pt high, and a third line of text below it: cut off by the clip.
        content.append("q 56 300 300 40 re W n BT /F1 12 Tf 56 325 Td (line one) Tj 0 -14 Td (line two) Tj "
                       "0 -30 Td (line three) Tj ET Q")
    content.append("Q")
    slug = 12 * MM if bleed_mm is not None and crop_marks != "none" else bleed
    if bleed_mm is not None and crop_marks != "none":
        content.append(_crop_marks(pdf, resources, width, height, crop_marks))
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[-slug, -slug, width + slug, height + slug],
                              Resources=resources,
                              Contents=pdf.make_indirect(pikepdf.Stream(pdf, "\n".join(content).encode())))
    if bleed_mm is not None:
        page.TrimBox = [0, 0, width, height]
        page.BleedBox = [-bleed, -bleed, width + bleed, height + bleed]
    pdf.pages.append(pikepdf.Page(page))


def _crop_marks(pdf: pikepdf.Pdf, resources, width: float, height: float, where: str) -> str:
    """Eight crop marks in registration colour (Separation /All): 6 mm long from 4 mm outside the trim (in the
    slug), or starting 1 mm from the trim (inside the 3 mm bleed), or 3 mm long."""
    resources.ColorSpace = pikepdf.Dictionary(Reg=pikepdf.Array([
        pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK,
        pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1], N=1)]))
    near, length = {"outside": (4, 6), "inside": (1, 6), "short": (4, 3)}[where]
    near, far = near * MM, (near + length) * MM
    path = []
    for x, sx in ((0, -1), (width, 1)):
        for y, sy in ((0, -1), (height, 1)):
            path.append(f"{x + sx * near:.2f} {y:.2f} m {x + sx * far:.2f} {y:.2f} l")
            path.append(f"{x:.2f} {y + sy * near:.2f} m {x:.2f} {y + sy * far:.2f} l")
    return f"q /Reg CS 1 SCN 0.25 w {' '.join(path)} S Q"
