"""Print-ready and screen-ready copies of case photos.

A photo is cropped to the shape of its frame on the page, resampled to the resolution the variant
needs at its printed size (300 dpi for print, 150 dpi for screen) and, for print, converted to CMYK
with the output intent's ICC profile, so that the print shop receives no RGB image and the PDF
carries no more pixels than the press can use.

Converted files are named after the hash of everything that shapes them (source bytes, size, dpi,
colour profile), so a rebuild finds an unchanged photo in the cache and skips the work.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

MM_PER_INCH = 25.4

#: Bump when the conversion itself changes, so that old cache entries are not reused.
_CONVERSION_VERSION = "4"


@dataclass(frozen=True)
class PhotoTarget:
    """How a photo is printed: its frame in millimetres, the resolution and the colour space."""

    width_mm: float
    height_mm: float
    dpi: int
    cmyk_profile: Path | None = None  # None: keep sRGB (screen)
    #: 80 with optimised Huffman tables: 52 photos of 120 x 90 mm at 300 dpi in CMYK stay near 20 MB,
    #: under the print shop's 25 MB, with no visible loss at print size.
    quality: int = 80

    def pixels(self) -> tuple[int, int]:
        """The pixel size that gives exactly `dpi` at the printed size."""
        return (round(self.width_mm / MM_PER_INCH * self.dpi),
                round(self.height_mm / MM_PER_INCH * self.dpi))


def required_pixels(width_mm: float, height_mm: float, dpi: int = 300) -> tuple[int, int]:
    """The smallest source photo (width, height) that prints at `dpi` in a frame of this size."""
    return PhotoTarget(width_mm, height_mm, dpi).pixels()


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def photo_destination(source_hash: str, target: PhotoTarget, cache_dir: Path,
                      profile_hash: str = "srgb") -> Path:
    """Where the converted copy of a photo lives in the cache.

    The name is a hash of everything that shapes the result, so it can be written into a page's
    HTML before the photo is converted (the conversion then runs in a worker process).
    """
    key = hashlib.sha256(
        f"{_CONVERSION_VERSION}|{source_hash}|{target.width_mm}|{target.height_mm}|{target.dpi}|"
        f"{profile_hash if target.cmyk_profile else 'srgb'}|{target.quality}".encode()
    ).hexdigest()[:32]
    return cache_dir / f"photo-{key}.jpg"


def ensure_photo(source: Path, target: PhotoTarget, destination: Path) -> Path:
    """Convert `source` for `target` into `destination` unless a previous build already did.

    Raises OSError if the source cannot be read or is not an image.
    """
    if destination.exists():
        return destination
    destination.parent.mkdir(parents=True, exist_ok=True)
    data = convert_photo(source, target)
    # Write under a temporary name first: a parallel build must never read half a file.
    partial = destination.with_name(f"{destination.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(destination)
    return destination


def prepared_photo(source: Path, target: PhotoTarget, cache_dir: Path) -> Path:
    """A JPEG of `source` cropped, resampled and colour-converted for `target`, cached by content."""
    profile_hash = file_sha256(target.cmyk_profile) if target.cmyk_profile else "srgb"
    destination = photo_destination(file_sha256(source), target, cache_dir, profile_hash)
    return ensure_photo(source, target, destination)


def convert_photo(source: Path, target: PhotoTarget) -> bytes:
    """The converted JPEG's bytes (see `prepared_photo`)."""
    width, height = target.pixels()
    with Image.open(source) as original:
        _decode_reduced(original, width, height)
        original.load()
        # In place: a turned copy would hold another 12 MB for a 2000 x 1500 photo, at the worker's peak.
        ImageOps.exif_transpose(original, in_place=True)
        image = original if original.mode == "RGB" else original.convert("RGB")
    del original
    # Crop to the frame's shape and resample down to the target: never
    # stretch a face, and never enlarge (a photo too small to print is refused before the build).
    # Bicubic: for these mild reductions (1.4x for a 2000 px photo) as sharp as Lanczos, at half the time.
    shape = _frame_shape(image.size, width, height)
    if shape[0] > width:
        shape = (width, height)
    # A little above the centre when the height is cut: a face sits in the upper part of a portrait, and a
    # card's wide frame would otherwise cut through the eyes.
    fitted = ImageOps.fit(image, shape, method=Image.Resampling.BICUBIC, centering=(0.5, 0.3))
    del image  # the decoded source, before the CMYK copy and the encoder's buffers are made
    buffer = io.BytesIO()
    if target.cmyk_profile is not None:
        converted = ImageCms.applyTransform(fitted, _cmyk_transform(str(target.cmyk_profile)))
        converted.save(buffer, "JPEG", quality=target.quality, optimize=True, dpi=(target.dpi,) * 2)
    else:
        fitted.save(buffer, "JPEG", quality=target.quality, optimize=True, dpi=(target.dpi,) * 2)
    return buffer.getvalue()


#: Pixels to spare when a JPEG is decoded at a reduced scale: rounding must never leave the frame's crop a
#: pixel short of the target (which would then be enlarged).
_DRAFT_MARGIN = 2


def _decode_reduced(original: Image.Image, width: int, height: int) -> None:
    """Have a JPEG decoded at 1/2, 1/4 or 1/8 of its size (libjpeg scales while decoding, several times faster
    than decoding it whole and resampling) when the frame's crop of the smaller picture still holds at least
    `width` x `height` pixels: the resampling then starts nearer its target, and nothing is ever enlarged.

    A week page's photo from a 2000 x 1500 source needs the whole source; a cover tile (35 x 37.5 mm) or a
    photo from a phone's 4000 x 3000 picture does not.
    """
    if original.format != "JPEG":
        return
    size = original.size
    if (original.getexif().get(0x0112) or 1) in (5, 6, 7, 8):  # stored on its side: the frame turns with it
        width, height = height, width
    crop_w, crop_h = _frame_shape(size, width, height)
    scale = max(width / crop_w, height / crop_h)
    if scale >= 0.5:
        return  # not even half the size would do
    wanted = (min(size[0], -(-size[0] * scale // 1) + _DRAFT_MARGIN),
              min(size[1], -(-size[1] * scale // 1) + _DRAFT_MARGIN))
    # libjpeg picks the largest reduction that keeps both sides at least `wanted`, so the crop keeps the target.
    original.draft(original.mode, (int(wanted[0]), int(wanted[1])))


_TRANSFORMS: dict[str, ImageCms.ImageCmsTransform] = {}


def _cmyk_transform(profile: str) -> ImageCms.ImageCmsTransform:
    """sRGB -> the CMYK profile, relative colorimetric; built once per process and profile."""
    if profile not in _TRANSFORMS:
        _TRANSFORMS[profile] = ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(profile), "RGB", "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    return _TRANSFORMS[profile]


def _frame_shape(size: tuple[int, int], width: int, height: int) -> tuple[int, int]:
    """The largest size no bigger than `size` with the frame's aspect ratio."""
    have_w, have_h = size
    ratio = width / height
    if have_w / have_h > ratio:
        return (max(1, round(have_h * ratio)), have_h)
    return (have_w, max(1, round(have_w / ratio)))
