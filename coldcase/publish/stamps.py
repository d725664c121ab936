"""Stamp a distribution point's marks onto pages laid out once for every point (see `slots.py`).

Each copy's QR codes are drawn as vector squares in the slot's colour (K-only black in print: 0 0 0 1 k, far
below the ink limit), its URLs and code as real text in the calendar's own font (Noto Sans, a subset embedded
once per copy and font, with a ToUnicode map so that the text can be searched and copied). Everything is
wrapped in q/Q after the page's own content, like the crop marks.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import segno

from coldcase.resources import STATIC_DIR

#: CSS px to PDF points: WeasyPrint lays out in px (96 an inch).
PX = 0.75
FONTS = {False: STATIC_DIR / "fonts" / "NotoSans-Regular.ttf", True: STATIC_DIR / "fonts" / "NotoSans-Bold.ttf"}


def widest(codes: list[str]) -> str:
    """The code that takes the most room in print (bold, as on the week pages; then regular): the slots are
    laid out as wide as it makes them, so that every point's code fits."""
    from fontTools.ttLib import TTFont

    widths = []
    for bold in (True, False):
        font = TTFont(FONTS[bold], lazy=True)
        cmap, metrics = font.getBestCmap(), font["hmtx"]
        widths.append({code: sum(metrics[cmap.get(ord(char), ".notdef")][0] for char in code) for code in codes})
        font.close()
    return max(codes, key=lambda code: (widths[0][code], widths[1][code], code))


@dataclass(frozen=True)
class Mark:
    """What one slot of one copy holds: a QR code of `text`, or `text` itself."""

    slot: dict
    text: str


def marks_for(slots: list[dict], url_of: Callable[[str | None], str], printed: Callable[[str], str],
              code: str) -> list[Mark]:
    """The marks of one page's `slots` for the point `code`: `url_of(case)` is the case's link with the code."""
    marks = []
    for slot in slots:
        if slot["kind"] == "qr":
            marks.append(Mark(slot, url_of(slot.get("case"))))
        elif slot["kind"] == "url":
            marks.append(Mark(slot, printed(url_of(slot.get("case")))))
        else:
            marks.append(Mark(slot, code))
    return marks


def stamp_pages(pdf, marks_by_page: list[list[Mark]]) -> None:
    """Draw every page's marks on the pages of `pdf` (a pikepdf.Pdf), in order."""
    fonts = _Fonts(pdf, marks_by_page)
    for page, marks in zip(pdf.pages, marks_by_page, strict=True):
        if marks:
            _stamp_page(pdf, page, marks, fonts)


def _stamp_page(pdf, page, marks: list[Mark], fonts: _Fonts) -> None:
    import pikepdf

    origin = _origin(page.obj)
    drawn = []
    for mark in marks:
        if mark.slot["kind"] == "qr":
            drawn.append(_qr(mark, origin))
        else:
            drawn.append(_text(mark, origin, fonts, page))
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, ("\nQ\n" + "\n".join(drawn) + "\n").encode()), prepend=False)


def _origin(page) -> tuple[float, float]:
    """The top left corner of the trim in PDF space: where WeasyPrint's layout starts."""
    box = page.get("/TrimBox") or page.get("/MediaBox")
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), max(y0, y1)


def _fill(colour: list) -> str:
    space, values = colour
    numbers = " ".join(f"{v:g}" for v in values)
    return f"{numbers} k" if space == "cmyk" else f"{numbers} rg"


def _qr(mark: Mark, origin: tuple[float, float]) -> str:
    """The QR code of `mark.text`, as `links.qr_svg` makes it (medium error correction, four modules of quiet
    zone), scaled to the slot."""
    slot = mark.slot
    rows = [list(row) for row in segno.make(mark.text, error="m", micro=False).matrix_iter(scale=1, border=4)]
    module = min(slot["width"], slot["height"]) * PX / len(rows)
    left, top = origin[0] + slot["x"] * PX, origin[1] - slot["y"] * PX
    rects = []
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            # Runs of dark modules as one rectangle each: fewer operators, no hairline seams between modules.
            rects.append(f"{left + start * module:.3f} {top - (r + 1) * module:.3f} "
                         f"{(c - start) * module:.3f} {module:.3f} re")
    colour = mark.slot["colour"] if mark.slot["colour"][0] == "cmyk" else ["rgb", [0, 0, 0]]
    qr_colour = "0 0 0 1 k" if colour[0] == "cmyk" else _fill(colour)
    return f"q {qr_colour}\n" + "\n".join(rects) + "\nf Q"


def _text(mark: Mark, origin: tuple[float, float], fonts: _Fonts, page) -> str:
    """`mark.text` set in the slot's font, size and colour, from its first line's baseline: centred in the slot
    or from its left edge, broken anywhere onto further lines if it is wider than the slot (the card's URL is
    set with `word-break: break-all`)."""
    slot = mark.slot
    font = fonts.font(slot["bold"])
    name = fonts.resource_name(page, slot["bold"])
    size = slot["size"] * PX
    lines = [mark.text]
    if slot.get("wrap"):
        # Broken where the layout broke the widest point's text; WeasyPrint kerns and these marks do not, so a
        # line may come out a little wider than it measured: allowed only if the text needs more lines without.
        for stretch in (1.0, 1.03):
            lines = _break(mark.text, font, size, slot["width"] * PX * stretch)
            if len(lines) <= slot.get("lines", 1):
                break
    baseline = origin[1] - (slot["baseline"] if slot["baseline"] is not None else slot["y"] + slot["size"]) * PX
    step = (slot["line"] or slot["size"] * 1.2) * PX
    if slot["align"] == "center" and len(lines) < slot.get("lines", 1):
        # The widest point's text took more lines than this one: the layout centred the block of them vertically.
        baseline -= (slot["lines"] - len(lines)) * step / 2
    parts = [f"q {_fill(slot['colour'])} BT /{name} {size:.3f} Tf"]
    for number, line in enumerate(lines):
        width = font.width(line, size)
        x = origin[0] + slot["x"] * PX
        if slot["align"] == "center":
            x += max(0.0, (slot["width"] * PX - width) / 2)
        parts.append(f"1 0 0 1 {x:.3f} {baseline - number * step:.3f} Tm <{font.encode(line)}> Tj")
    return " ".join(parts) + " ET Q"


#: Where a URL breaks best: after these (as the layout broke the widest point's URL), else anywhere.
_BREAK_AFTER = "/-?&="


def _break(text: str, font: _Font, size: float, width: float) -> list[str]:
    lines = []
    while text and font.width(text, size) > width:
        fits = 1
        while fits < len(text) and font.width(text[:fits + 1], size) <= width:
            fits += 1
        cut = max((i + 1 for i, char in enumerate(text[:fits]) if char in _BREAK_AFTER and i + 1 < fits), default=0)
        cut = cut or fits
        lines.append(text[:cut])
        text = text[cut:]
    return [*lines, text] if text else lines


class _Font:
    """A subset of one of the calendar's TrueType fonts holding the characters of one copy's marks."""

    def __init__(self, path: Path, text: str):
        from fontTools import subset
        from fontTools.ttLib import TTFont

        # No timestamp: the same marks give the same font program, and the copy the same bytes.
        font = TTFont(path, recalcTimestamp=False)
        # Removed unread: decompiling Noto's layout tables took most of the subsetting's 0.5 s a font, and the
        # marks are set without them (no ligatures or kerning in a URL).
        for tag in ("GSUB", "GPOS", "GDEF"):
            if tag in font:
                del font[tag]
        options = subset.Options()
        options.layout_features = []
        options.hinting = False
        options.notdef_outline = True
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        self.program = out.getvalue()
        self.units = font["head"].unitsPerEm
        cmap = font.getBestCmap()
        self.gids = {char: font.getGlyphID(cmap[ord(char)]) for char in set(text) if ord(char) in cmap}
        self.advances = {gid: font["hmtx"][font.getGlyphName(gid)][0] for gid in self.gids.values()}
        head, hhea, os2 = font["head"], font["hhea"], font.get("OS/2")
        self.bbox = [head.xMin, head.yMin, head.xMax, head.yMax]
        self.ascent, self.descent = hhea.ascent, hhea.descent
        self.cap_height = getattr(os2, "sCapHeight", hhea.ascent) if os2 is not None else hhea.ascent
        digest = hashlib.sha256(self.program).digest()
        self.name = "".join(chr(ord("A") + byte % 26) for byte in digest[:6]) + "+" + path.stem

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at `size` points (no kerning: a URL or a code reads the same without)."""
        return sum(self.advances.get(self.gids.get(char, 0), 0) for char in text) * size / self.units

    def encode(self, text: str) -> str:
        """`text` as Identity-H glyph ids in hex."""
        return "".join(f"{self.gids.get(char, 0):04x}" for char in text)

    def pdf_font(self, pdf):
        """The Type0 font dictionary (with its CIDFont, descriptor, program and ToUnicode map), made in `pdf`."""
        import pikepdf

        scale = 1000 / self.units
        program = pikepdf.Stream(pdf, self.program)
        program.Length1 = len(self.program)
        descriptor = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/" + self.name), Flags=32,
            FontBBox=[round(v * scale) for v in self.bbox], ItalicAngle=0, Ascent=round(self.ascent * scale),
            Descent=round(self.descent * scale), CapHeight=round(self.cap_height * scale), StemV=80,
            FontFile2=pdf.make_indirect(program)))
        widths = pikepdf.Array()
        for gid in sorted(self.advances):
            widths.extend([gid, pikepdf.Array([round(self.advances[gid] * scale)])])
        cid_font = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2, BaseFont=pikepdf.Name("/" + self.name),
            CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"),
                                             Supplement=0),
            FontDescriptor=descriptor, W=widths, CIDToGIDMap=pikepdf.Name.Identity))
        return pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name("/" + self.name),
            Encoding=pikepdf.Name("/Identity-H"), DescendantFonts=[cid_font],
            ToUnicode=pdf.make_indirect(pikepdf.Stream(pdf, self._to_unicode()))))

    def _to_unicode(self) -> bytes:
        pairs = sorted((gid, char) for char, gid in self.gids.items())
        lines = [f"<{gid:04x}> <{ord(char):04x}>" for gid, char in pairs]
        blocks = []
        for start in range(0, len(lines), 100):  # at most 100 entries in one bfchar block
            chunk = lines[start:start + 100]
            blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
        return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n" + "\n".join(blocks) +
                "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()


class _Fonts:
    """The fonts of one copy's text marks: one subset per weight, shared by every page of the copy."""

    def __init__(self, pdf, marks_by_page: list[list[Mark]]):
        self.pdf = pdf
        text: dict[bool, set[str]] = {}
        for marks in marks_by_page:
            for mark in marks:
                if mark.slot["kind"] != "qr":
                    text.setdefault(bool(mark.slot["bold"]), set()).update(mark.text)
        self._fonts = {bold: _Font(FONTS[bold], "".join(sorted(chars))) for bold, chars in text.items()}
        self._objects: dict[bool, object] = {}

    def font(self, bold: bool) -> _Font:
        return self._fonts[bool(bold)]

    def resource_name(self, page, bold: bool) -> str:
        """The name under which the page's resources hold the font (added to them if missing)."""
        import pikepdf

        bold = bool(bold)
        if bold not in self._objects:
            self._objects[bold] = self._fonts[bold].pdf_font(self.pdf)
        resources = page.obj.get("/Resources")
        if resources is None:
            resources = page.obj.Resources = pikepdf.Dictionary()
        if "/Font" not in resources:
            resources.Font = pikepdf.Dictionary()
        name = "CCStampBold" if bold else "CCStamp"
        resources.Font["/" + name] = self._objects[bold]
        return name
