"""PDF attachments, rebuilt by pikepdf (qpdf) without what identifies the tipster and without active content.

Why rebuilt and not rasterised: a tip's PDF is evidence. Rebuilding keeps its text (searchable, copyable), its
vector drawings and its pictures exactly as they were, costs a few milliseconds for a normal file, and its cost
is bounded by the caps below. Rendering every page to pictures would lose the text, make files larger, and cost
hundreds of milliseconds of CPU a page in a renderer that then parses the hostile file itself. What makes a PDF
*act* (run code, open something, send something) is a known, finite set of entries, and they are removed:

- document JavaScript, /OpenAction and every /AA (additional actions: on open, close, print, page or field
  events), and every action other than a jump inside the document (/GoTo without /Next): JavaScript, Launch,
  URI, SubmitForm, ImportData, GoToR/GoToE, Rendition, Sound, Movie ... wherever they hang (links, bookmarks,
  form fields);
- embedded files (the /EmbeddedFiles name tree, every /EF, file attachment annotations, portfolios);
- forms: the /AcroForm dictionary with its fields, scripts and XFA (a filled-in form still shows its values:
  the widgets' appearances stay, inert);
- multimedia annotations (Sound, Movie, Screen, RichMedia, 3D).

Identifying metadata goes too: document information, every /Metadata (XMP), /PieceInfo and /LastModified,
annotation authors and dates, and the EXIF/XMP/IPTC/comment segments of every JPEG (its picture data is copied
byte for byte).

Bounded cost: no stream is ever inflated whole; every stream is measured in small pieces against a cap
(:mod:`coldcase.tips.pdfstreams`), images may not claim more than :data:`MAX_IMAGE_PIXELS`, and the file is saved
without decoding any stream (qpdf copies them as they are). Whatever qpdf inflates on its own (object streams)
is bounded by the sandbox the check runs in (:mod:`coldcase.tips.sandbox`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pikepdf

from coldcase.tips import pdfstreams
from coldcase.tips.errors import AttachmentError

#: The most pixels an image inside a PDF may have (an A3 page scanned at 600 dpi has 70 million).
MAX_IMAGE_PIXELS = 100_000_000
#: The most a JPEG inside a PDF may be once the filters before its DCTDecode are undone.
MAX_JPEG_BYTES = 16 * 1024 * 1024

#: JPEG segments kept in a PDF's images: APP0 (JFIF), APP2 (only an ICC profile) and APP14 (Adobe) keep colours
#: right; SOFn, DHT, DQT, DRI and the scans are the picture. Every other APPn (APP1 EXIF/XMP, APP13 IPTC, vendor
#: blocks) and COM is dropped, and so is whatever follows the end of the image (a second, "multi-picture" image).
_JPEG_KEEP_APP = {0xE0, 0xEE}
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_DROP_KEYS = ("/Metadata", "/PieceInfo", "/LastModified")
# Active content wherever it appears: additional actions, JavaScript, embedded file streams, a link's URI.
_ACTIVE_KEYS = ("/AA", "/JS", "/EF", "/PA")
_CATALOG_DROP = ("/OpenAction", "/AcroForm", "/Collection")
_NAME_TREES_DROP = ("/JavaScript", "/EmbeddedFiles", "/AlternatePresentations", "/Renditions")
_ANNOTATIONS_DROP = {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"}
_ANNOTATION_PERSONAL = ("/T", "/M", "/CreationDate")


def strip_jpeg(data: bytes) -> bytes:
    """The JPEG ``data`` without its metadata segments (see :data:`_JPEG_KEEP_APP`); the coded picture is copied
    byte for byte. Raises :class:`AttachmentError` ``unreadable`` for data that is not a well-formed JPEG, and
    ``too_complex`` for a frame of more than :data:`MAX_IMAGE_PIXELS`."""
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
        if marker in _JPEG_FRAMES and length >= 8:
            height, width = int.from_bytes(segment[5:7], "big"), int.from_bytes(segment[7:9], "big")
            if width * height > MAX_IMAGE_PIXELS:
                raise AttachmentError("too_complex")
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


def _number(value, default: int = 0) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


def _check_image(stream, budget: pdfstreams.Budget) -> None:
    """An image XObject: its claimed size within :data:`MAX_IMAGE_PIXELS`, its data within what that size needs
    (8 bytes a pixel covers 4 components of 16 bits); a JPEG loses its metadata segments."""
    width, height = _number(stream.get("/Width")), _number(stream.get("/Height"))
    if width * height > MAX_IMAGE_PIXELS:
        raise AttachmentError("too_complex")
    pdfstreams.check_stream(stream, budget, max(pdfstreams.MAX_STREAM_DECODED, 8 * width * height + height))
    filters = pdfstreams.stream_filters(stream)
    if "/DCTDecode" not in filters and "/DCT" not in filters:
        return
    if filters[-1] not in ("/DCTDecode", "/DCT"):
        raise AttachmentError("unreadable")
    parms = stream.get("/DecodeParms")
    if isinstance(parms, pikepdf.Array):
        parms = parms[len(filters) - 1] if len(parms) >= len(filters) else None
    jpeg = pdfstreams.undo_before_picture(stream, budget, MAX_JPEG_BYTES) if len(filters) > 1 \
        else stream.read_raw_bytes()
    stream.write(strip_jpeg(jpeg), filter=pikepdf.Name.DCTDecode,
                 decode_parms=parms if isinstance(parms, pikepdf.Dictionary) else None)


def _is_jump(action) -> bool:
    """True for the one harmless action: a jump to a place in this document."""
    return isinstance(action, pikepdf.Dictionary) and action.get("/S") == pikepdf.Name.GoTo


def _scrub(obj) -> None:
    """Drop metadata and active entries from ``obj`` and from the direct objects inside it (indirect ones are
    visited on their own)."""
    containers = (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for key in list(obj.keys()):
            if key in _DROP_KEYS or key in _ACTIVE_KEYS:
                del obj[key]
                continue
            value = obj[key]
            if key == "/A" and isinstance(value, pikepdf.Dictionary) and "/S" in value:  # an action
                if not _is_jump(value):
                    del obj[key]
                    continue
                if "/Next" in value:
                    del value["/Next"]
            if isinstance(value, containers) and not value.is_indirect:
                _scrub(value)
    elif isinstance(obj, pikepdf.Array):
        for value in obj:
            if isinstance(value, containers) and not value.is_indirect:
                _scrub(value)


def _drop_document_actions(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root
    for key in _CATALOG_DROP:
        if key in root:
            del root[key]
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in _NAME_TREES_DROP:
            if key in names:
                del names[key]


def _clean_annotations(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = pikepdf.Array()
        for annotation in annotations:
            if not isinstance(annotation, pikepdf.Dictionary):
                continue
            subtype = annotation.get("/Subtype")
            if str(subtype) in _ANNOTATIONS_DROP:
                continue
            # A form field's /T is its name, not an author.
            if subtype != "/Widget":
                for key in _ANNOTATION_PERSONAL:
                    if key in annotation:
                        del annotation[key]
            kept.append(annotation)
        page.obj.Annots = kept


class _QpdfWarnings(logging.Handler):
    """Notes whether qpdf ran out of memory: it reports that as a warning ("std::bad_alloc") and goes on as if the
    file were damaged, so without this a bomb would be called unreadable."""

    def __init__(self) -> None:
        super().__init__()
        self.out_of_memory = False

    def emit(self, record: logging.LogRecord) -> None:
        if "bad_alloc" in record.getMessage():
            self.out_of_memory = True


@contextmanager
def _watching_qpdf() -> Iterator[_QpdfWarnings]:
    # qpdf's warnings (about the file, never about the tipster) are read here and not passed on to the app's log.
    logger = logging.getLogger("pikepdf._core")
    watcher, propagate = _QpdfWarnings(), logger.propagate
    logger.addHandler(watcher)
    logger.propagate = False
    try:
        yield watcher
    finally:
        logger.removeHandler(watcher)
        logger.propagate = propagate


def clean_pdf(data: bytes) -> bytes:
    """The PDF ``data`` rebuilt without metadata and active content (see the module's docstring).

    Raises :class:`AttachmentError`: ``unreadable``, ``encrypted`` (needs a password to open) or ``too_complex``
    (a stream or image over its cap, or qpdf out of memory).
    """
    budget = pdfstreams.Budget()
    with _watching_qpdf() as qpdf:
        try:
            with pikepdf.open(io.BytesIO(data), suppress_warnings=False) as pdf:
                if "/Info" in pdf.trailer:
                    del pdf.trailer["/Info"]
                _drop_document_actions(pdf)
                _clean_annotations(pdf)
                for obj in pdf.objects:
                    _scrub(obj)
                    if isinstance(obj, pikepdf.Stream):
                        if obj.get("/Subtype") == pikepdf.Name.Image:
                            _check_image(obj, budget)
                        else:
                            pdfstreams.check_stream(obj, budget)
                out = io.BytesIO()
                # Streams are copied as they are, never inflated (decode level "none"); objects nothing refers to
                # any more (the dropped scripts, files and forms) are not written. A deterministic /ID: made from
                # the content, not from the time of saving (and the same file sent twice gives the same bytes).
                pdf.save(out, fix_metadata_version=False, deterministic_id=True, encryption=False,
                         stream_decode_level=pikepdf.StreamDecodeLevel.none)
        except pikepdf.PasswordError:
            raise AttachmentError("encrypted") from None
        except pikepdf.PdfError:
            raise AttachmentError("too_complex" if qpdf.out_of_memory else "unreadable") from None
        if qpdf.out_of_memory:
            raise AttachmentError("too_complex")
    return out.getvalue()
