"""How much a PDF's streams inflate to, found out in small pieces and given up on as soon as it is too much.

A PDF stream is stored compressed, through a chain of filters. A FlateDecode stream of 1 MB can inflate to 1 GiB
(two FlateDecode filters in a row: a few kilobytes to the same), and a PDF viewer that opens such an attachment
inflates all of it. So every stream of an uploaded PDF is run through its filters here, one chunk of at most
:data:`CHUNK` bytes at a time, counting and throwing the output away, and the file is refused as soon as one stream
passes its cap or all streams together pass :data:`MAX_TOTAL_DECODED` (which also bounds the CPU time: zlib
inflates some 300 MB a second). Nothing is ever held whole.

- FlateDecode: streamed, any number in a row.
- ASCIIHexDecode and ASCII85Decode only shrink; as the first filter they are decoded at once (their input is
  part of the upload, at most 8 MB), later in a chain they are refused (no real file does that).
- DCTDecode, JPXDecode, JBIG2Decode and CCITTFaxDecode are picture codecs: we never decode them, a viewer decodes
  them to the image's /Width x /Height, which :mod:`coldcase.tips.pdfs` limits; their input is counted.
- LZWDecode and RunLengthDecode (old, rare) are decoded by qpdf in one piece; the sandbox's memory limit
  (:mod:`coldcase.tips.sandbox`) is what bounds them.

No Flask here.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections.abc import Iterable, Iterator

from coldcase.tips.errors import AttachmentError

CHUNK = 256 * 1024
#: The most one stream that is not an image may inflate to.
MAX_STREAM_DECODED = 64 * 1024 * 1024
#: The most all streams of one file may inflate to together (the work a file may cause).
MAX_TOTAL_DECODED = 256 * 1024 * 1024

_FLATE = {"/FlateDecode", "/Fl"}
_SHRINKING = {"/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85"}
_PICTURE = {"/DCTDecode", "/DCT", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/CCF"}
_LEGACY = {"/LZWDecode", "/LZW", "/RunLengthDecode", "/RL"}
_WHITESPACE = re.compile(rb"[\x00\t\n\x0c\r ]")


class Budget:
    """What the streams of one file may still inflate to; :meth:`spend` refuses the file once it is used up."""

    def __init__(self, total: int = MAX_TOTAL_DECODED) -> None:
        self.left = total

    def spend(self, count: int) -> None:
        """Count ``count`` more decoded bytes. Raises :class:`AttachmentError` ``too_complex`` past the budget."""
        self.left -= count
        if self.left < 0:
            raise AttachmentError("too_complex")


def _chunks(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(view), CHUNK):
        yield bytes(view[start:start + CHUNK])


def inflate(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Inflate a zlib stream arriving in ``pieces``, yielding at most :data:`CHUNK` bytes at a time. Stops at the
    end of the stream, or quietly at damaged data (viewers show what inflates before it, so that is what counts)."""
    inflater = zlib.decompressobj()
    for piece in pieces:
        data = piece
        while data:
            try:
                out = inflater.decompress(data, CHUNK)
            except zlib.error:
                return
            if out:
                yield out
            if inflater.eof:
                return
            data = inflater.unconsumed_tail
    while not inflater.eof:  # what the last piece left inside the inflater
        try:
            out = inflater.decompress(b"", CHUNK)
        except zlib.error:
            return
        if not out:
            return
        yield out


def _shrinking(name: str, data: bytes) -> bytes:
    """An ASCIIHex or ASCII85 stream decoded (never larger than its input). Damaged data ends it."""
    if name in ("/ASCIIHexDecode", "/AHx"):
        text = _WHITESPACE.sub(b"", data).split(b">", 1)[0]
        try:
            return binascii.unhexlify(text + b"0" * (len(text) % 2))
        except binascii.Error:
            return b""
    text = _WHITESPACE.sub(b"", data).split(b"~>", 1)[0]
    try:
        return base64.a85decode(text.removeprefix(b"<~"))
    except ValueError:
        return b""


def decoded_chunks(raw: bytes, filters: list[str]) -> Iterator[bytes]:
    """The stream's data after its filters, in chunks, up to the first picture codec or old filter (whose input
    is what comes out). Raises :class:`AttachmentError` ``too_complex`` for a shrinking filter after the first."""
    pieces: Iterable[bytes] = _chunks(raw)
    for position, name in enumerate(filters):
        if name in _FLATE:
            pieces = inflate(pieces)
        elif name in _SHRINKING:
            if position:
                raise AttachmentError("too_complex")
            pieces = _chunks(_shrinking(name, raw))
        else:  # a picture codec, an old filter or an unknown one: its input is the last thing we can count
            break
    return iter(pieces)


def stream_filters(stream) -> list[str]:
    """The names of a pikepdf stream's filters, in the order they are undone."""
    import pikepdf

    filters = stream.get("/Filter")
    if filters is None:
        return []
    if isinstance(filters, pikepdf.Name):
        return [str(filters)]
    return [str(name) for name in filters if isinstance(name, pikepdf.Name)]


def needs_qpdf(filters: list[str]) -> bool:
    """True when the chain has an old filter (LZW, RunLength) that only qpdf decodes."""
    return any(name in _LEGACY for name in filters)


def check_stream(stream, budget: Budget, limit: int | None = None) -> None:
    """Refuse the file if ``stream`` inflates to more than ``limit`` bytes (default :data:`MAX_STREAM_DECODED`),
    or the file's ``budget`` runs out. Raises :class:`AttachmentError` ``too_complex``.
    """
    limit = MAX_STREAM_DECODED if limit is None else limit
    filters = stream_filters(stream)
    raw = stream.read_raw_bytes()
    if needs_qpdf(filters):
        # Bounded by the sandbox's memory limit; a bomb ends as a MemoryError there.
        import pikepdf

        try:
            size = len(stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.specialized))
        except pikepdf.PdfError:
            size = len(raw)
        budget.spend(size)
        if size > limit:
            raise AttachmentError("too_complex")
        return
    size = 0
    for chunk in decoded_chunks(raw, filters):
        size += len(chunk)
        budget.spend(len(chunk))
        if size > limit:
            raise AttachmentError("too_complex")


def undo_before_picture(stream, budget: Budget, limit: int) -> bytes:
    """The data of a stream whose last filter is a picture codec (e.g. ``[/FlateDecode /DCTDecode]``) with the
    filters before that undone: the coded picture. Raises :class:`AttachmentError` ``too_complex`` above ``limit``.
    """
    filters = stream_filters(stream)
    if needs_qpdf(filters):
        raise AttachmentError("too_complex")
    out = bytearray()
    for chunk in decoded_chunks(stream.read_raw_bytes(), filters[:-1]):
        out += chunk
        budget.spend(len(chunk))
        if len(out) > limit:
            raise AttachmentError("too_complex")
    return bytes(out)
