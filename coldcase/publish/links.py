"""The links a calendar prints: the case's web page, with the edition and attribution code.

A tip that arrives through one of these links tells the analysts which edition, and for a
distribution run which prison or clinic, the tipster saw the case in.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import segno

DEFAULT_BASE_URL = "https://example.org"


def case_url(base_url: str, case_id: str, year: int, distribution: str | None = None) -> str:
    """The case's public web page with `e` (edition) and, for a distribution run, `d` (point code)."""
    query = {"e": str(year)}
    if distribution:
        query["d"] = distribution
    return f"{base_url.rstrip('/')}/cases/{case_id}?{urlencode(query)}"


def printed_url(url: str) -> str:
    """The URL as printed under the QR code: without `https://`, to be typed by hand."""
    parts = urlsplit(url)
    text = parts.netloc + parts.path
    return f"{text}?{parts.query}" if parts.query else text


def qr_svg(url: str, dark: str = "#000") -> str:
    """An inline SVG QR code for `url`: vector, so it stays sharp at any print size.

    Medium error correction survives a fold or a scratch on a cell wall. The SVG has no fixed
    size; the stylesheet sizes it.
    """
    code = segno.make(url, error="m", micro=False)
    # Four modules of quiet zone, as the QR standard asks: with less, phones fail to find the code.
    svg = code.svg_inline(scale=1, dark="#000", border=4, omitsize=True)
    # segno knows only RGB colours; the print variant asks for device-cmyk() black.
    svg = svg.replace('stroke="#000"', f'stroke="{dark}"')
    # Remove the XML declaration and comments, which are not allowed inside HTML.
    return re.sub(r"<\?xml[^>]*>|<!--.*?-->", "", svg)
