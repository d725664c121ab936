"""The layout side of preflight's text check: text that does not fit its box in WeasyPrint's laid-out pages."""

from __future__ import annotations

from typing import Any


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
