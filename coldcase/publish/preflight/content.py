"""A reader of PDF page content: the graphics state, clips, text positions, images and colour spaces.

    scan = scan_page(page)   # -> PageScan: placed images, RGB use, where each run of text starts

It interprets `q`/`Q`/`cm`, forms with their `/Matrix`, clipping paths and text matrices, far enough
for preflight's resolution, colour and text checks; it draws nothing.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from coldcase.publish.preflight.report import MM

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF order: a point is transformed by m first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
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
class PageScan:
    images: list[PlacedImage] = field(default_factory=list)
    rgb: Counter = field(default_factory=Counter)
    # Where each run of text starts, in page space, with the clip in force (None: unclipped).
    text_points: list[tuple[float, float, tuple[float, float, float, float] | None]] = field(default_factory=list)
    # Lines stroked in registration colour (Separation /All): the crop marks, as (x0, y0, x1, y1) in page space.
    registration_lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    # The highest total of the four inks (1.0 = 100%) of any CMYK colour set on the page, and how many exceed 3.0.
    max_ink: float = 0.0
    ink_over: int = 0
    # The CMYK images drawn on the page, for the ink check of their pixels.
    cmyk_images: list[Any] = field(default_factory=list)


def scan_page(page: pikepdf.Page) -> PageScan:
    scan = PageScan()
    _scan_stream(page.obj, page.obj.get("/Resources"), IDENTITY, None, scan, depth=0)
    group = page.obj.get("/Group")
    if group is not None and colour_space_kind(group.get("/CS"), None) == "RGB":
        scan.rgb["transparency blending space"] += 1
    return scan


def _scan_stream(stream, resources, ctm: Matrix, clip, scan: PageScan, depth: int) -> None:
    """Interpret one content stream: the graphics state stack, clips, text positions, images, colours."""
    if depth > 12:  # a form drawing itself; a real calendar nests two or three deep
        return
    try:
        instructions = pikepdf.parse_content_stream(stream)
    except pikepdf.PdfError:
        return
    stack: list[tuple[Matrix, Any, bool, bool, bool]] = []
    path: list[tuple[float, float]] = []
    segments: list[tuple[float, float, float, float]] = []
    registration = fill_cmyk = stroke_cmyk = False
    pending_clip = False
    text_matrix = line_matrix = IDENTITY
    leading = 0.0
    for operands, operator in instructions:
        op = str(operator)
        if op == "q":
            stack.append((ctm, clip, registration, fill_cmyk, stroke_cmyk))
        elif op == "Q":
            if stack:
                ctm, clip, registration, fill_cmyk, stroke_cmyk = stack.pop()
        elif op == "cm":
            ctm = multiply(tuple(float(v) for v in operands), ctm)
        elif op == "re":
            x, y, w, h = (float(v) for v in operands)
            path += [apply(ctm, x, y), apply(ctm, x + w, y + h), apply(ctm, x + w, y), apply(ctm, x, y + h)]
        elif op in ("m", "l"):
            point = apply(ctm, float(operands[0]), float(operands[1]))
            if op == "l" and path:
                segments.append((*path[-1], *point))
            path.append(point)
        elif op in ("c", "v", "y"):
            values = [float(v) for v in operands]
            path += [apply(ctm, values[i], values[i + 1]) for i in range(0, len(values), 2)]
        elif op in ("W", "W*"):
            pending_clip = True
        elif op in ("n", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*"):
            if registration and op in ("S", "s"):
                scan.registration_lines.extend(segments)
            segments = []
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
            text_matrix = line_matrix = multiply((1, 0, 0, 1, tx, ty), line_matrix)
        elif op == "TL":
            leading = float(operands[0])
        elif op in ("T*", "'", '"'):
            text_matrix = line_matrix = multiply((1, 0, 0, 1, 0, -leading), line_matrix)
            if op != "T*":
                scan.text_points.append((*apply(multiply(text_matrix, ctm), 0, 0), clip))
        elif op in ("Tj", "TJ"):
            scan.text_points.append((*apply(multiply(text_matrix, ctm), 0, 0), clip))
        elif op in ("rg", "RG"):
            scan.rgb["fill colour (rg)" if op == "rg" else "stroke colour (RG)"] += 1
        elif op in ("cs", "CS"):
            kind = colour_space_kind(operands[0], resources)
            if kind == "RGB":
                scan.rgb[f"colour space {operands[0]} chosen ({op})"] += 1
            if op == "CS":
                registration, stroke_cmyk = _is_registration(operands[0], resources), kind == "CMYK"
            else:
                fill_cmyk = kind == "CMYK"
        elif op in ("k", "K"):
            _record_ink(operands, scan)
        elif op in ("sc", "scn", "SC", "SCN"):
            if (fill_cmyk if op in ("sc", "scn") else stroke_cmyk) and len(operands) == 4:
                _record_ink(operands, scan)
        elif op == "sh":
            shading = _resource(resources, "/Shading", operands[0])
            if shading is not None and colour_space_kind(shading.get("/ColorSpace"), resources) == "RGB":
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
                _scan_stream(xobject, form_resources, multiply(matrix, ctm), clip, scan, depth + 1)
        elif op == "BI":  # an inline image: no resource, colour space in the operands
            _record_inline_image(operands, ctm, resources, scan)
    # Patterns' colours are not placed by Do; their colour spaces and images are checked here.
    for _, pattern in ((resources or {}).get("/Pattern") or {}).items() if isinstance(resources, pikepdf.Dictionary) else ():
        if pattern.get("/PatternType") == 2:
            shading = pattern.get("/Shading")
            if shading is not None and colour_space_kind(shading.get("/ColorSpace"), resources) == "RGB":
                scan.rgb["shading pattern"] += 1


def _check_form_group(form, resources, scan: PageScan) -> None:
    group = form.get("/Group")
    if group is not None and colour_space_kind(group.get("/CS"), resources) == "RGB":
        scan.rgb["transparency blending space"] += 1


def _resource(resources, category: str, name) -> Any:
    if not isinstance(resources, pikepdf.Dictionary):
        return None
    return (resources.get(category) or {}).get(str(name))


def _record_ink(operands, scan: PageScan) -> None:
    try:
        total = sum(float(v) for v in operands)
    except (TypeError, ValueError):
        return
    scan.max_ink = max(scan.max_ink, total)
    if total > 3.0 + 1e-6:
        scan.ink_over += 1


def _is_registration(space, resources) -> bool:
    """Whether a colour space is the registration colour: a Separation named /All (every ink)."""
    if isinstance(space, pikepdf.Name) and str(space) not in ("/DeviceCMYK", "/DeviceGray", "/DeviceRGB"):
        space = _resource(resources, "/ColorSpace", space)
    return (isinstance(space, pikepdf.Array) and len(space) > 1 and str(space[0]) == "/Separation"
            and str(space[1]) == "/All")


def _record_image(image, ctm: Matrix, resources, scan: PageScan) -> None:
    if image.get("/ImageMask"):
        return  # a stencil: painted in the current fill colour, which the colour operators cover
    if colour_space_kind(image.get("/ColorSpace"), resources) == "CMYK":
        scan.cmyk_images.append(image)
    if colour_space_kind(image.get("/ColorSpace"), resources) == "RGB":
        scan.rgb[f"image ({int(image.get('/Width', 0))}×{int(image.get('/Height', 0))} px)"] += 1
    _place(int(image.get("/Width", 0)), int(image.get("/Height", 0)), ctm, scan)


def _record_inline_image(operands, ctm: Matrix, resources, scan: PageScan) -> None:
    try:
        inline = operands[0]
        width, height = int(inline.obj.get("/W", inline.obj.get("/Width", 0))), int(
            inline.obj.get("/H", inline.obj.get("/Height", 0)))
        space = inline.obj.get("/CS", inline.obj.get("/ColorSpace"))
    except (AttributeError, IndexError, TypeError, ValueError):
        return
    if str(space) in ("/RGB", "/DeviceRGB") or colour_space_kind(space, resources) == "RGB":
        scan.rgb["inline image"] += 1
    _place(width, height, ctm, scan)


def _place(width: int, height: int, ctm: Matrix, scan: PageScan) -> None:
    # An image fills the unit square; the CTM's column lengths are its printed width and height.
    w_pt, h_pt = math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])
    if w_pt < 2 or h_pt < 2:  # smaller than a millimetre: a rule or a dot, not a photo
        return
    scan.images.append(PlacedImage((width, height), (w_pt / MM, h_pt / MM)))


def colour_space_kind(space, resources) -> str | None:
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
        return colour_space_kind(named, None) if named is not None else None
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
            return colour_space_kind(space[1], resources)
        if family in ("/Separation", "/DeviceN") and len(space) > 2:
            # The alternate space is what a press without the named ink prints: RGB there is RGB.
            return colour_space_kind(space[2], resources)
        if family == "/Pattern":
            return "Pattern"
    return None


def page_box(page: pikepdf.Dictionary, name: str) -> tuple[float, float, float, float] | None:
    """A page box (`/TrimBox`, ...) as (left, bottom, right, top), or None when the page has none."""
    box = page.get(name)
    if box is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
