"""Attachments: the type is read from the content (magic bytes), never from the name; images are re-encoded
by Pillow so that EXIF, GPS and every other metadata block is left behind; PDFs lose their document information,
every XMP and /PieceInfo block, annotation authors, and the EXIF/XMP/IPTC/comment segments of their JPEG images. The result is encrypted before it is stored."""

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


#: JPEG segments kept in a PDF's images: APP0 (JFIF), APP2 (only an ICC profile) and APP14 (Adobe) keep colours
#: right; SOFn, DHT, DQT, DRI and the scans are the picture. Every other APPn (APP1 EXIF/XMP, APP13 IPTC, vendor
#: blocks) and COM is dropped, and so is whatever follows the end of the image (a second, "multi-picture" image).
_JPEG_KEEP_APP = {0xE0, 0xEE}
_PDF_DROP_KEYS = ("/Metadata", "/PieceInfo", "/LastModified")
_ANNOTATION_DROP_KEYS = ("/T", "/M", "/CreationDate")


def _strip_jpeg(data: bytes) -> bytes:
    """The JPEG ``data`` without its metadata segments (see :data:`_JPEG_KEEP_APP`); the coded picture is copied
    byte for byte. Raises :class:`AttachmentError` for data that is not a well-formed JPEG."""
    if not data.startswith(b"\xff\xd8"):
        raise AttachmentError("unreadable")
    out = bytearray(b"\xff\xd8")
    i, size = 2, len(data)
    while i + 1 < size:
        if data[i] != 0xFF:
            raise AttachmentError("unreadable")
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xD9:  # end of image: nothing after it is kept
            out += b"\xff\xd9"
            return bytes(out)
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # no length
            out += data[i:i + 2]
            i += 2
            continue
        if i + 4 > size:
            raise AttachmentError("unreadable")
        length = int.from_bytes(data[i + 2:i + 4], "big")
        end = i + 2 + length
        if length < 2 or end > size:
            raise AttachmentError("unreadable")
        segment = data[i:end]
        keep = not (0xE0 <= marker <= 0xEF or marker == 0xFE)
        keep = keep or marker in _JPEG_KEEP_APP or (marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\x00")
        if keep:
            out += segment
        i = end
        if marker == 0xDA:  # a scan: entropy-coded data up to the next marker (0xFF00 and RSTn belong to it)
            j = i
            while j + 1 < size and not (data[j] == 0xFF and data[j + 1] not in (0x00, 0xFF)
                                        and not 0xD0 <= data[j + 1] <= 0xD7):
                j += 1
            if j + 1 >= size:  # no end-of-image marker: keep the scan, close the image
                out += data[i:size]
                if not out.endswith(b"\xff\xd9"):
                    out += b"\xff\xd9"
                return bytes(out)
            out += data[i:j]
            i = j
    raise AttachmentError("unreadable")


def _filters(stream) -> tuple[list, list]:
    import pikepdf

    filters = stream.get("/Filter")
    parms = stream.get("/DecodeParms")
    if filters is None:
        return [], []
    if isinstance(filters, pikepdf.Name):
        return [filters], [parms]
    filters = list(filters)
    parms = list(parms) if isinstance(parms, pikepdf.Array) else [None] * len(filters)
    return filters, parms + [None] * (len(filters) - len(parms))


def _clean_pdf_jpeg(stream) -> None:
    """Drop the metadata segments of a JPEG (/DCTDecode) image and write it back raw, with the same filter."""
    import pikepdf

    filters, parms = _filters(stream)
    if pikepdf.Name.DCTDecode not in filters:
        return
    if filters[-1] != pikepdf.Name.DCTDecode:
        raise AttachmentError("unreadable")
    dct_parms = parms[-1]
    if len(filters) == 1:
        jpeg = stream.read_raw_bytes()
    else:  # e.g. [/FlateDecode /DCTDecode]: undo the filters before the DCT one
        stream.Filter = pikepdf.Array(filters[:-1])
        if "/DecodeParms" in stream:
            stream.DecodeParms = pikepdf.Array([p if p is not None else pikepdf.Object.parse(b"null")
                                                for p in parms[:-1]])
        jpeg = stream.read_bytes()
    stream.write(_strip_jpeg(jpeg), filter=pikepdf.Name.DCTDecode,
                 decode_parms=dct_parms if isinstance(dct_parms, pikepdf.Dictionary) else None)


def _scrub_pdf_object(obj) -> None:
    """Drop metadata keys from ``obj`` and from the direct objects inside it (indirect ones are visited on their
    own)."""
    import pikepdf

    containers = (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for key in list(obj.keys()):
            if key in _PDF_DROP_KEYS:
                del obj[key]
                continue
            value = obj[key]
            if isinstance(value, containers) and not value.is_indirect:
                _scrub_pdf_object(value)
    elif isinstance(obj, pikepdf.Array):
        for value in obj:
            if isinstance(value, containers) and not value.is_indirect:
                _scrub_pdf_object(value)


def _clean_pdf(data: bytes) -> bytes:
    """The PDF without document information, XMP (of the document and of every object), /PieceInfo, annotation
    authors and dates, and without the metadata segments of its JPEG images."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            for obj in pdf.objects:
                _scrub_pdf_object(obj)
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image:
                    _clean_pdf_jpeg(obj)
            for page in pdf.pages:
                for annotation in page.obj.get("/Annots", []):
                    # A form field's /T is its name, not an author.
                    if isinstance(annotation, pikepdf.Dictionary) and annotation.get("/Subtype") != "/Widget":
                        for key in _ANNOTATION_DROP_KEYS:
                            if key in annotation:
                                del annotation[key]
            out = io.BytesIO()
            # A deterministic /ID: made from the content, not from the time of saving (and the same file sent
            # twice gives the same bytes).
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
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
