"""Where a laid-out page leaves room for a distribution point's marks: its stamp slots.

The copies of an edition differ only in the point's code, printed in the QR codes, the printed URLs, the cover's
language line and the back's colophon (`build.build_copies`). Their pages are laid out once with an empty slot
in each of those places (`data-stamp` elements in `templates/publish/_pages.html`: a QR placeholder of the QR's
size, or the widest point's text set invisibly); this module reads each slot's box and type style from
WeasyPrint's laid-out pages, and `stamps.py` draws each copy's marks into them.

Slots are plain dicts (stored as JSON beside each rendered page in the cache), in CSS px from the top left
corner of the page's trim, as WeasyPrint lays a page out:

    {"kind": "qr" | "url" | "code", "case": "case-01" | None, "align": "left" | "center",
     "x": 53.4, "y": 120.0, "width": 56.7, "height": 56.7, "baseline": 134.3, "line": 18.2,
     "size": 13.33, "bold": True, "colour": ["cmyk", [0, 0, 0, 1]], "wrap": False}
"""

from __future__ import annotations

from typing import Any


def layout_slots(document) -> list[list[dict[str, Any]]]:
    """For a rendered WeasyPrint `Document`, per page, its stamp slots in document order."""
    pages = []
    for page in document.pages:
        found: list[dict[str, Any]] = []
        _find(page._page_box, found)
        pages.append(found)
    return pages


def _find(box, found: list[dict[str, Any]]) -> None:
    element = getattr(box, "element", None)
    kind = element.get("data-stamp") if element is not None else None
    # An element is split into several boxes only across lines or pages; a slot is one box (block or one line).
    if kind and getattr(box, "element_tag", None) and not any(slot["_element"] is element for slot in found):
        found.append(_slot(box, element, kind))
    for child in getattr(box, "children", ()):
        _find(child, found)


def _slot(box, element, kind: str) -> dict[str, Any]:
    from weasyprint.formatting_structure import boxes

    style = box.style
    lines = [child for child in box.descendants() if isinstance(child, boxes.LineBox)]
    texts = [child for child in box.descendants() if isinstance(child, boxes.TextBox)]
    first = lines[0] if lines else (texts[0] if texts else None)
    baseline = (first.position_y + first.baseline) if first is not None and first.baseline is not None else None
    line = first.height if first is not None else None
    return {
        "_element": element,
        "kind": kind,
        "case": element.get("data-case"),
        "align": element.get("data-align") or "left",
        "x": round(box.content_box_x(), 3),
        "y": round(box.content_box_y(), 3),
        "width": round(box.width, 3),
        "height": round(box.height, 3),
        "baseline": round(baseline, 3) if baseline is not None else None,
        "line": round(line, 3) if line is not None else None,
        "lines": max(1, len(lines)),
        "size": round(float(style["font_size"]), 3),
        "bold": int(style["font_weight"]) >= 600,
        "colour": _colour(style["color"]),
        # Only text that may break anywhere (the URLs) is broken onto further lines.
        "wrap": style["word_break"] == "break-all" or style["overflow_wrap"] == "anywhere",
    }


def _colour(colour) -> list:
    """`["cmyk", [c, m, y, k]]` for a device-cmyk() colour (print, cards), else `["rgb", [r, g, b]]`."""
    space = getattr(colour, "space", None)
    coordinates = [float(v) for v in getattr(colour, "coordinates", ())]
    if space == "device-cmyk" and len(coordinates) == 4:
        return ["cmyk", coordinates]
    try:
        rgb = [float(v) for v in colour.to("srgb").coordinates]
    except (AttributeError, TypeError, ValueError):
        rgb = [0.0, 0.0, 0.0]
    return ["rgb", rgb]


def without_elements(pages: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """The slots without the layout elements that found them: what is stored as JSON."""
    return [[{k: v for k, v in slot.items() if k != "_element"} for slot in page] for page in pages]
