"""Marking a file that failed preflight: a NOT FOR PRINT stamp on every page and a name that says so."""

from __future__ import annotations

import math
from pathlib import Path

import pikepdf

from coldcase.publish.preflight.content import page_box
from coldcase.publish.preflight.report import NOT_FOR_PRINT_SUFFIX

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
    x0, y0, x1, y1 = page_box(page.obj, "/TrimBox") or page_box(page.obj, "/MediaBox")
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
