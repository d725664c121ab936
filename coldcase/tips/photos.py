"""Photos (JPEG, PNG): the size is read from the header and limited before a single pixel is decoded, then the
picture is re-encoded by Pillow from its pixels alone, so that EXIF, GPS and every other metadata block is left
behind.

Memory: Pillow holds a decoded picture at 4 bytes a pixel (RGB too), and a photo that must be turned upright is
held twice for a moment. :data:`MAX_DECODED_PIXELS` (12.6 megapixels: every 12-megapixel phone camera) keeps that
under about 100 MB. A larger JPEG is decoded at 1/2, 1/4 or 1/8 of its size (libjpeg scales while it decodes, so
the full picture is never in memory); a progressive JPEG keeps all its coefficients in memory whatever the scale
(about 6 bytes a pixel at most), so it is refused above :data:`MAX_PROGRESSIVE_PIXELS`; a PNG cannot be decoded
smaller and is refused above :data:`MAX_DECODED_PIXELS`. A 39-megapixel PNG of a few kilobytes is thus refused
after reading its first 33 bytes.
"""

from __future__ import annotations

import io
import logging

from PIL import Image, ImageFile, ImageOps, PngImagePlugin, UnidentifiedImageError

from coldcase.tips.errors import AttachmentError

# Pillow logs every EXIF tag it reads (camera, software, GPS position) at DEBUG level. A tipster's photo must not
# reach the log even when someone turns debug logging on, so Pillow's loggers never go below INFO.
logging.getLogger("PIL").setLevel(logging.INFO)

#: The most pixels a photo is decoded to (4096 x 3072).
MAX_DECODED_PIXELS = 4096 * 3072
#: A progressive JPEG above this is refused (its coefficients alone would take about 6 bytes a pixel).
MAX_PROGRESSIVE_PIXELS = MAX_DECODED_PIXELS
#: A JPEG above this (a 108-megapixel phone photo fits) is refused even though it could be decoded at 1/8: libjpeg
#: still reads every block of it.
MAX_HEADER_PIXELS = 150_000_000

# Text chunks are dropped anyway; Pillow's own caps (1 MB a chunk, 64 MB in all) are more than we ever need.
PngImagePlugin.MAX_TEXT_CHUNK = 256 * 1024
PngImagePlugin.MAX_TEXT_MEMORY = 1024 * 1024
# A truncated file is an error, never a half-grey picture.
ImageFile.LOAD_TRUNCATED_IMAGES = False


def _scale(width: int, height: int) -> int:
    """The smallest of 1, 2, 4 and 8 that brings a JPEG of this size within :data:`MAX_DECODED_PIXELS`, or 0."""
    for scale in (1, 2, 4, 8):
        if -(-width // scale) * -(-height // scale) <= MAX_DECODED_PIXELS:
            return scale
    return 0


def _open_within_limits(data: bytes, media_type: str) -> Image.Image:
    """The image opened (header only) and, for a large JPEG, set to decode at a reduced scale.

    Raises :class:`AttachmentError` ``too_large_image`` when its size is over the limits.
    """
    image = Image.open(io.BytesIO(data), formats=["JPEG"] if media_type == "image/jpeg" else ["PNG"])
    width, height = image.size
    pixels = width * height
    if media_type == "image/png":
        if pixels > MAX_DECODED_PIXELS:
            raise AttachmentError("too_large_image")
        return image
    if pixels > MAX_HEADER_PIXELS or (image.info.get("progressive") and pixels > MAX_PROGRESSIVE_PIXELS):
        raise AttachmentError("too_large_image")
    scale = _scale(width, height)
    if not scale:
        raise AttachmentError("too_large_image")
    if scale > 1:
        image.draft("RGB", (-(-width // scale), -(-height // scale)))
    return image


def clean_photo(data: bytes, media_type: str) -> bytes:
    """The photo ``data`` (JPEG or PNG, by content) re-encoded from its pixels alone, upright.

    Raises :class:`AttachmentError` ``too_large_image`` (checked before decoding) or ``unreadable``.
    """
    out = io.BytesIO()
    try:
        image = _open_within_limits(data, media_type)
        with image:
            image.load()
            # Apply the orientation before the EXIF block (which held it) is dropped; in place, so that the
            # unturned picture is let go of at once.
            ImageOps.exif_transpose(image, in_place=True)
            mode = "RGBA" if media_type == "image/png" and image.mode in ("RGBA", "LA", "P", "PA") else "RGB"
            pixels = image if image.mode == mode else image.convert(mode)
            # Nothing of the original's metadata comes along: the encoder gets the pixels and our options only.
            pixels.info = {}
            if media_type == "image/jpeg":
                pixels.save(out, "JPEG", quality=90)
            else:
                # The fastest zlib level: a 12-megapixel PNG in a fraction of a second (level 6 takes seconds).
                pixels.save(out, "PNG", compress_level=1)
    except AttachmentError:
        raise
    except Image.DecompressionBombError:  # Pillow's own limit, from the header too
        raise AttachmentError("too_large_image") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise AttachmentError("unreadable") from None
    return out.getvalue()
