"""Make a rendered chunk CMYK-only: the print shop's preflight rejects any RGB colour.

Our own stylesheet uses device-cmyk() throughout, but WeasyPrint draws a few things itself in
RGB black: the crop marks (an internal SVG) and a default fill before inline SVGs. Those
operators are rewritten here to their DeviceCMYK equivalent, on pages and in form XObjects.
"""

from __future__ import annotations

import pikepdf

_RGB_TO_CMYK = {pikepdf.Operator("rg"): pikepdf.Operator("k"), pikepdf.Operator("RG"): pikepdf.Operator("K")}


def rgb_to_cmyk(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    """A plain device conversion; greys (the only RGB WeasyPrint emits itself) become pure K."""
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    return tuple(round(v, 4) for v in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k))


def convert_rgb_operators(pdf: pikepdf.Pdf) -> int:
    """Rewrite every `rg`/`RG` in the pages and form XObjects of `pdf`; return how many."""
    changed = 0
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        changed += _convert_stream_owner(pdf, page.obj, seen, is_page=True)
    return changed


def _convert_stream_owner(pdf: pikepdf.Pdf, owner, seen: set, is_page: bool = False) -> int:
    changed = 0
    if is_page:
        instructions = pikepdf.parse_content_stream(pikepdf.Page(owner))
    else:
        if owner.objgen in seen:
            return 0
        seen.add(owner.objgen)
        instructions = pikepdf.parse_content_stream(owner)
    rewritten = []
    for operands, operator in instructions:
        if operator in _RGB_TO_CMYK and len(operands) == 3:
            operands = [*rgb_to_cmyk(*(float(v) for v in operands))]
            operator = _RGB_TO_CMYK[operator]
            changed += 1
        rewritten.append((operands, operator))
    if changed:
        data = pikepdf.unparse_content_stream(rewritten)
        if is_page:
            owner.Contents = pdf.make_stream(data)
        else:
            owner.write(data)
    resources = owner.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    for _, xobject in (xobjects.items() if xobjects is not None else ()):
        if xobject.get("/Subtype") == "/Form":
            changed += _convert_stream_owner(pdf, xobject, seen)
    return changed
