"""Which case, edition and distribution point a tip is attributed to.

The web form's edition (``e``) and distribution code (``d``) come from the calendar's QR code or printed short
URL, so they can be mistyped or forged. A code that no edition knows is never stored as given: the tip records
:data:`~coldcase.tips.models.UNKNOWN_POINT`, so that yield figures count it without trusting it.
"""

from __future__ import annotations

from coldcase.cases.model import Edition, Library
from coldcase.tips.models import UNKNOWN_POINT


def _year(value) -> int | None:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 2000 <= year <= 2999 else None


def edition_for(library: Library, edition) -> Edition | None:
    """The edition of year ``edition`` (a string or number from a URL or CSV), or ``None``."""
    year = _year(edition)
    return library.editions.get(year) if year is not None else None


def resolve(library: Library, edition, point) -> tuple[int | None, str | None]:
    """The (edition year, point code) to record for a web tip.

    - nothing given: ``(None, None)``, a tip that did not come through a printed link;
    - a known edition and one of its codes: both, the code in its canonical spelling;
    - a known edition and no code: the edition alone;
    - anything else given: the edition if it is known, and ``"unknown"`` for the code.
    """
    edition_text = str(edition or "").strip()
    point_text = str(point or "").strip()
    if not edition_text and not point_text:
        return None, None
    known = edition_for(library, edition_text) if edition_text else None
    if not edition_text and point_text:
        # A printed short URL may carry only the code: look for it in the current edition.
        known = library.current_edition()
    year = known.year if known is not None and edition_text else None
    if not point_text:
        return year, (UNKNOWN_POINT if edition_text and known is None else None)
    found = known.point(point_text) if known is not None else None
    if found is None:
        return year, UNKNOWN_POINT
    return known.year, found.code
