"""Tipster text on staff pages, shown safely, and times in the reader's language.

Text a tipster wrote may carry invisible direction controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin), which
make ``‮gnp.exe‬`` read as an innocent file name or turn a sentence around. On staff pages such text is shown
isolated (``<bdi dir="auto">``: it cannot reorder what stands around it) and each control is replaced by a
visible marker such as ``⟨U+202E⟩``; the tip's page says that there were some.
"""

from __future__ import annotations

import datetime

from flask_babel import format_date, format_time
from markupsafe import Markup, escape

#: Embeddings, overrides, isolates and marks of the Unicode bidirectional algorithm.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def bidi_controls(*texts: str | None) -> int:
    """How many direction controls ``texts`` hold together."""
    return sum(1 for text in texts if text for ch in text if ch in BIDI_CONTROLS)


def visible_controls(text: str) -> Markup:
    """``text`` escaped, each direction control replaced by a visible, harmless marker."""
    parts = []
    for ch in text or "":
        if ch in BIDI_CONTROLS:
            parts.append(Markup('<mark class="bidi-control" title="U+{0:04X}">⟨U+{0:04X}⟩</mark>').format(ord(ch)))
        else:
            parts.append(escape(ch))
    return Markup("").join(parts)


def tipster_text(text: str | None) -> Markup:
    """Tipster text for a staff page: isolated from the page around it, with its direction controls shown."""
    return Markup('<bdi dir="auto" class="tipster-text">{}</bdi>').format(visible_controls(text or ""))


def when(moment: datetime.date | datetime.datetime | None, to_the_hour: bool = False) -> str:
    """A date, or a date and time of day (UTC), in the reader's language. ``to_the_hour`` for the tipster's
    messages, which are kept to the hour: "1 Dec 2026, 14:00–15:00"."""
    if moment is None:
        return ""
    if not isinstance(moment, datetime.datetime):
        return format_date(moment, "medium")
    if moment.tzinfo is None:  # SQLite hands back timestamps without a zone; they were stored in UTC
        moment = moment.replace(tzinfo=datetime.UTC)
    time = format_time(moment, "short")
    if to_the_hour:
        time = f"{time}–{format_time(moment + datetime.timedelta(hours=1), 'short')}"
    return f"{format_date(moment, 'medium')}, {time}"


def init_app(app) -> None:
    """Offer ``tipster_text`` and ``when`` to every template (the review pages and the audit log use them)."""
    app.jinja_env.filters["tipster_text"] = tipster_text
    app.jinja_env.filters["visible_controls"] = visible_controls
    app.jinja_env.globals["when"] = when
