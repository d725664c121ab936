"""What a tip's fields may hold: shared by the web form and the staff commands. No Flask, no database."""

from __future__ import annotations

import unicodedata

from coldcase.tips.models import Channel, HowKnown, TipStatus

MAX_TEXT = 10_000
MAX_WHEN_WHERE = 2_000
MAX_CONTACT = 500
MAX_MESSAGE = 10_000

CHANNELS = [channel.value for channel in Channel]
HOW_KNOWN = [how.value for how in HowKnown]
STATUSES = [status.value for status in TipStatus]

_ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def unreadable(text: str) -> bool:
    """True when ``text`` holds what no person typed: bytes that were not UTF-8 (decoded to U+FFFD), NUL or
    other control characters. PostgreSQL refuses NUL, so such text must be stopped before it reaches the database.
    """
    for char in text:
        if char == "\ufffd":
            return True
        if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS:
            return True
        if unicodedata.category(char) == "Cs":  # lone surrogates cannot be stored as UTF-8
            return True
    return False


def tidy(text: str | None) -> str:
    """Normalise line ends and strip the surrounding blank space; the text itself is kept as written."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def check_text(value: str | None, *, required: bool, limit: int) -> str | None:
    """Return a problem code for a free-text field (``required``, ``too_long``, ``unreadable``) or ``None``."""
    text = tidy(value)
    if required and not text:
        return "required"
    if len(text) > limit:
        return "too_long"
    if unreadable(text):
        return "unreadable"
    return None
