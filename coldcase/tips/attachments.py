"""Attachments: the type is read from the content (magic bytes), never from the name; photos are re-encoded from
their pixels (:mod:`coldcase.tips.photos`), PDFs are rebuilt without metadata and active content
(:mod:`coldcase.tips.pdfs`). The result is encrypted before it is stored (by intake).

Bounded cost: every check runs in a child process held to :data:`MEMORY_BYTES` of address space beyond its own
and :data:`CPU_SECONDS` of CPU (:mod:`coldcase.tips.sandbox`), on top of the caps inside the checks themselves. A
file that needs more is refused as ``too_complex``; the worker serving the tip never grows.
"""

from __future__ import annotations

from dataclasses import dataclass

from coldcase.tips import sandbox
from coldcase.tips.errors import AttachmentError

# Imported here, not in the child: a child must never have to import (another thread of the worker may have held
# an import lock at the moment of the fork).
from coldcase.tips.pdfs import clean_pdf
from coldcase.tips.photos import clean_photo

__all__ = ["AttachmentError", "CleanFile", "MAX_BYTES", "MAX_FILES", "check", "clean", "clean_in_process", "sniff"]

MAX_FILES = 3
MAX_BYTES = 8 * 1024 * 1024
#: The most a cleaned file may be (a photo re-encoded, a PDF rebuilt); more is refused as ``too_complex``.
MAX_CLEAN_BYTES = 3 * MAX_BYTES
#: Address space a check may take beyond what the worker already has (a 12-megapixel photo turned upright needs
#: about 95 MB of address space, of which 85 MB in use).
MEMORY_BYTES = 128 * 1024 * 1024
#: CPU time a check may take (a 12-megapixel photo: about half a second).
CPU_SECONDS = 2
#: Time a check may take in all, waiting for a busy machine included.
WALL_SECONDS = 15.0

#: Content signature -> (media type, file extension).
_SIGNATURES = (
    (b"\xff\xd8\xff", ("image/jpeg", "jpg")),
    (b"\x89PNG\r\n\x1a\n", ("image/png", "png")),
    (b"%PDF-", ("application/pdf", "pdf")),
)


@dataclass(frozen=True)
class CleanFile:
    """An accepted attachment, metadata removed, not yet encrypted."""

    media_type: str
    extension: str
    content: bytes


def sniff(head: bytes) -> tuple[str, str] | None:
    """The (media type, extension) that the first bytes of a file show, or ``None``."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def check(data: bytes) -> tuple[str, str]:
    """The cheap checks, which parse nothing: not empty, not too big, a type we take (by its first bytes).

    Returns ``(media type, extension)``; raises :class:`AttachmentError` ``empty``, ``too_big`` or ``type``.
    """
    if not data:
        raise AttachmentError("empty")
    if len(data) > MAX_BYTES:
        raise AttachmentError("too_big")
    kind = sniff(data[:16])
    if kind is None:
        raise AttachmentError("type")
    return kind


def clean_in_process(data: bytes) -> CleanFile:
    """Check one uploaded file and return it without metadata, in this process (see :func:`clean`)."""
    media_type, extension = check(data)
    if media_type == "application/pdf":
        content = clean_pdf(data)
    else:
        content = clean_photo(data, media_type)
    if len(content) > MAX_CLEAN_BYTES:
        raise AttachmentError("too_complex")
    return CleanFile(media_type, extension, content)


def clean(data: bytes, isolated: bool = True) -> CleanFile:
    """Check one uploaded file and return it without metadata.

    The cheap checks run here; the parsing runs in a child process held to :data:`MEMORY_BYTES` and
    :data:`CPU_SECONDS` (``isolated=False``, or a system without ``fork``, runs it here, with only the checks'
    own caps). Raises :class:`AttachmentError` with a reason code: ``empty``, ``too_big``, ``type``,
    ``unreadable``, ``too_large_image``, ``too_complex`` (over a cap, out of memory or time) or ``encrypted``.
    """
    check(data)
    if not isolated or not sandbox.available():
        return clean_in_process(data)
    try:
        return sandbox.run(clean_in_process, data, memory_bytes=MEMORY_BYTES, cpu_seconds=CPU_SECONDS,
                           wall_seconds=WALL_SECONDS)
    except sandbox.LimitExceeded:
        raise AttachmentError("too_complex") from None
