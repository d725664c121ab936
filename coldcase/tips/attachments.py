"""Attachments: the type is read from the content (magic bytes), never from the name; images are re-encoded
by Pillow so that EXIF, GPS and every other metadata block is left behind; PDFs lose their document information
and XMP metadata. The result is encrypted before it is stored."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow logs every EXIF tag it reads (camera, software, GPS position) at DEBUG level. A tipster's photo must not
# reach the log even when someone turns debug logging on, so Pillow's loggers never go below INFO.
logging.getLogger("PIL").setLevel(logging.INFO)

MAX_FILES = 3
MAX_BYTES = 8 * 1024 * 1024
#: A 40-megapixel photo is plenty; larger claims are refused before decoding (decompression bombs).
MAX_PIXELS = 40_000_000

#: Content signature -> (media type, file extension).
_SIGNATURES = (
    (b"\xff\xd8\xff", ("image/jpeg", "jpg")),
    (b"\x89PNG\r\n\x1a\n", ("image/png", "png")),
    (b"%PDF-", ("application/pdf", "pdf")),
)


class AttachmentError(ValueError):
    """A file that cannot be accepted; the message is meant for the tipster."""


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


def _clean_image(data: bytes, media_type: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise AttachmentError("too_large_image")
            image.load()
            # Apply the orientation before the EXIF block (which held it) is dropped.
            upright = ImageOps.exif_transpose(image)
            # A new image from the pixels alone: nothing of the original's metadata comes along.
            mode = "RGBA" if media_type == "image/png" and upright.mode in ("RGBA", "LA", "P") else "RGB"
            pixels = upright.convert(mode)
            clean = Image.new(mode, pixels.size)
            clean.paste(pixels)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError) as error:
        if isinstance(error, AttachmentError):
            raise
        raise AttachmentError("unreadable") from None
    out = io.BytesIO()
    if media_type == "image/jpeg":
        clean.save(out, "JPEG", quality=90)
    else:
        clean.save(out, "PNG", optimize=False)
    return out.getvalue()


def _clean_pdf(data: bytes) -> bytes:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            if "/Metadata" in pdf.Root:
                del pdf.Root["/Metadata"]
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False)
    except pikepdf.PdfError:
        raise AttachmentError("unreadable") from None
    return out.getvalue()


def clean(data: bytes) -> CleanFile:
    """Check one uploaded file and return it without metadata.

    Raises :class:`AttachmentError` with a reason code: ``empty``, ``too_big``, ``type``, ``unreadable`` or
    ``too_large_image``.
    """
    if not data:
        raise AttachmentError("empty")
    if len(data) > MAX_BYTES:
        raise AttachmentError("too_big")
    kind = sniff(data[:16])
    if kind is None:
        raise AttachmentError("type")
    media_type, extension = kind
    content = _clean_pdf(data) if media_type == "application/pdf" else _clean_image(data, media_type)
    return CleanFile(media_type, extension, content)
