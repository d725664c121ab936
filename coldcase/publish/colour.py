"""Make a rendered chunk CMYK-only: the print shop's preflight rejects any RGB colour.

Our own stylesheet uses device-cmyk() throughout, but WeasyPrint draws a few things itself in
RGB black: the crop marks (an internal SVG) and a default fill before inline SVGs. Those
operators are rewritten here to their DeviceCMYK equivalent, on pages and in form XObjects.
"""

from __future__ import annotations

import re

import pikepdf


def rgb_to_cmyk(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    """A plain device conversion; greys (the only RGB WeasyPrint emits itself) become pure K."""
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    return tuple(round(v, 4) for v in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k))


#: `r g b rg` or `r g b RG` as a whole content-stream instruction. WeasyPrint writes no literal
#: strings or inline images (text is hex-encoded), so operands and operators are plain tokens.
_DELIMITER = rb"[\s\[\]<>(){}/%]"
_NUMBER = rb"([-+]?(?:\d+\.?\d*|\.\d+))"
_RGB_INSTRUCTION = re.compile(rb"(?<![^\s\[\]<>(){}/%])" + rb"\s+".join([_NUMBER] * 3) + rb"\s+(rg|RG)(?!" +
                              rb"[^\s\[\]<>(){}/%])")


def convert_rgb_operators(pdf: pikepdf.Pdf) -> int:
    """Rewrite every `rg`/`RG` in the pages and form XObjects of `pdf`; return how many."""
    changed = 0
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        changed += _convert_stream_owner(pdf, page.obj, seen, is_page=True)
    return changed


def convert_content(data: bytes) -> tuple[bytes, int]:
    """`data` (a content stream) with every RGB colour operator made DeviceCMYK, and how many there were."""
    if b"rg" not in data and b"RG" not in data:
        return data, 0

    def cmyk(match: re.Match) -> bytes:
        values = rgb_to_cmyk(*(float(v) for v in match.groups()[:3]))
        operator = b"k" if match.group(4) == b"rg" else b"K"
        return b" ".join(f"{v:g}".encode() for v in values) + b" " + operator

    return _RGB_INSTRUCTION.subn(cmyk, data)


def _convert_stream_owner(pdf: pikepdf.Pdf, owner, seen: set, is_page: bool = False) -> int:
    changed = 0
    if is_page:
        contents = owner.get("/Contents")
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        data = b"\n".join(stream.read_bytes() for stream in streams)
        data, changed = convert_content(data)
        if changed:
            owner.Contents = pdf.make_stream(data)
    else:
        if owner.objgen in seen:
            return 0
        seen.add(owner.objgen)
        data, changed = convert_content(owner.read_bytes())
        if changed:
            owner.write(data)
    resources = owner.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    for _, xobject in (xobjects.items() if xobjects is not None else ()):
        if xobject.get("/Subtype") == "/Form":
            changed += _convert_stream_owner(pdf, xobject, seen)
    return changed
