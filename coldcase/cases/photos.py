"""Case photos for the web: smaller copies for the gallery and the case page, made once and kept on disk.

A print photo is at least 1417 px wide and up to 250 KB; a phone showing 52 of them in the gallery would
fetch many megabytes. So the web pages ask for one of a few fixed widths, made with Pillow on first use and
cached in the instance folder under a name that changes whenever the original changes.

Nothing here looks at a request: the caller decides which file may be served (only photos a case names).
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from PIL import Image, ImageOps

from coldcase.cases.rules import MAX_PHOTO_PIXELS

#: The widths the pages ask for. A fixed list: an arbitrary ``?w=`` would let anyone fill the disk.
WEB_WIDTHS = (480, 960)

_lock = threading.Lock()


class PhotoTooLarge(OSError):
    """The photo has more pixels than ``MAX_PHOTO_PIXELS``: decoding it could exhaust memory. An ``OSError``,
    so that callers treating an unreadable original as missing do the same for this one."""


def version(path: Path) -> str:
    """A short token that changes when the file changes (for cache-busting URLs); empty if it is missing."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return hashlib.blake2s(f"{st.st_size}:{st.st_mtime_ns}".encode(), digest_size=5).hexdigest()


def resized(original: Path, width: int, cache_dir: Path) -> Path:
    """The path of a JPEG copy of ``original`` at most ``width`` pixels wide, made if it is not cached yet.

    Raises ``ValueError`` for a width not in ``WEB_WIDTHS`` and ``OSError`` (or Pillow's errors) when the
    original cannot be read (``PhotoTooLarge``, an ``OSError``, when it has more than ``MAX_PHOTO_PIXELS``);
    an original narrower than ``width`` is returned as it is.
    """
    if width not in WEB_WIDTHS:
        raise ValueError(f"width {width} is not one of {WEB_WIDTHS}")
    token = version(original)
    if not token:
        raise FileNotFoundError(original)
    key = hashlib.blake2s(f"{original.resolve()}:{token}:{width}".encode(), digest_size=12).hexdigest()
    target = cache_dir / f"{key}.jpg"
    if target.exists():
        return target
    with _lock:
        if target.exists():
            return target
        try:
            opened = Image.open(original)  # reads the header only; Pillow refuses far larger images itself
        except Image.DecompressionBombError as exc:
            raise PhotoTooLarge(f"{original.name}: {exc}") from None
        with opened as image:
            if image.width * image.height > MAX_PHOTO_PIXELS:
                raise PhotoTooLarge(
                    f"{original.name} is {image.width}×{image.height} px; at most {MAX_PHOTO_PIXELS:,} pixels"
                )
            if image.width <= width:
                return original
            image = ImageOps.exif_transpose(image).convert("RGB")
            height = round(image.height * width / image.width)
            small = image.resize((width, height), Image.Resampling.LANCZOS)
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Write to a temporary name and rename: a second worker never serves a half-written file.
        partial = target.with_suffix(f".{os.getpid()}.part")
        small.save(partial, "JPEG", quality=82, optimize=True, progressive=True)
        os.replace(partial, target)
    return target
