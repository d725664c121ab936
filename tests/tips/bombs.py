"""Hostile files for the tests and the benchmark, made in milliseconds without ever holding what they inflate to.

A zlib stream of N equal bytes is built from one compressed mebibyte repeated (a full flush makes each block
independent of the one before), and its Adler-32 checksum is computed in closed form.
"""

from __future__ import annotations

import io
import struct
import zlib

import pikepdf
from PIL import Image

MIB = 1 << 20
GIB = 1 << 30


def deflate(prefix: bytes, fill: int, length: int) -> bytes:
    """A valid zlib stream of ``prefix`` followed by ``length`` bytes of value ``fill``."""
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(prefix), compressor.flush(zlib.Z_FULL_FLUSH)]
    full, rest = divmod(length, MIB)
    chunk = bytes([fill]) * MIB
    if full:
        parts.append((compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)) * full)
    parts.append(compressor.compress(chunk[:rest]))
    tail = compressor.flush()[:-4]  # its checksum covers only what this compressor saw whole: replace it
    start = zlib.adler32(prefix)
    a0, b0 = start & 0xFFFF, start >> 16
    a = (a0 + fill * length) % 65521
    b = (b0 + length * a0 + fill * length * (length + 1) // 2) % 65521
    return b"".join(parts) + tail + ((b << 16) | a).to_bytes(4, "big")


def _saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
    return out.getvalue()


def _raw_stream(pdf: pikepdf.Pdf, data: bytes, filters: list[str], **keys) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, b"")
    names = [pikepdf.Name(name) for name in filters]
    stream.write(data, filter=names[0] if len(names) == 1 else pikepdf.Array(names))
    for key, value in keys.items():
        stream[f"/{key}"] = value
    return stream


def pdf_content_bomb(size: int = GIB) -> bytes:
    """A one-page PDF (about 1 MB per GiB) whose page content inflates to ``size`` bytes."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Contents = pdf.make_indirect(_raw_stream(pdf, deflate(b"", 0x20, size), ["/FlateDecode"]))
    return _saved(pdf)


def pdf_nested_bomb(size: int = GIB) -> bytes:
    """A PDF of a few kilobytes whose content is deflated twice (``[/FlateDecode /FlateDecode]``) to ``size``."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    twice = zlib.compress(deflate(b"", 0x20, size), 9)
    pdf.pages[0].Contents = pdf.make_indirect(_raw_stream(pdf, twice, ["/FlateDecode", "/FlateDecode"]))
    return _saved(pdf)


def pdf_image_bomb(width: int = 100, height: int = 100, size: int = GIB, jpeg: bool = False) -> bytes:
    """A PDF with an image XObject of ``width`` x ``height`` pixels whose data inflates to ``size`` bytes;
    ``jpeg``: filters ``[/FlateDecode /DCTDecode]`` (a JPEG wrapped in a bomb)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    prefix = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 7 if jpeg else b""
    filters = ["/FlateDecode", "/DCTDecode"] if jpeg else ["/FlateDecode"]
    image = _raw_stream(pdf, deflate(prefix, 0, size), filters, Type=pikepdf.Name.XObject,
                        Subtype=pikepdf.Name.Image, Width=width, Height=height, BitsPerComponent=8,
                        ColorSpace=pikepdf.Name.DeviceRGB)
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=pdf.make_indirect(image)))
    page.Contents = pdf.make_stream(b"q 100 0 0 100 0 0 cm /Im0 Do Q")
    return _saved(pdf)


def pdf_object_stream_bomb(size: int = GIB) -> bytes:
    """A PDF whose objects (catalog, page tree, page) sit in an object stream that inflates to ``size`` bytes:
    qpdf inflates it whole before it can read them, so only the sandbox's limit stops it."""
    objects = [b"<< /Type /Catalog /Pages 3 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 10 10] >>"]
    body, offsets = b"", []
    for obj in objects:
        offsets.append(len(body))
        body += obj + b"\n"
    header = b" ".join(b"%d %d" % pair for pair in zip((2, 3, 4), offsets, strict=True)) + b"\n"
    stream = deflate(header + body, 0x20, size)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    first = len(out)
    out += b"1 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        len(header), len(stream))
    out += stream + b"\nendstream\nendobj\n"
    xref_at = len(out)
    rows = [(0, 0, 65535), (1, first, 0), (2, 1, 0), (2, 1, 1), (2, 1, 2), (1, xref_at, 0)]
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    out += b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 2 0 R /Length %d >>\nstream\n" % len(table)
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_of_size(width: int, height: int) -> bytes:
    """A valid, black RGBA PNG of ``width`` x ``height`` pixels: a few hundred kilobytes for 39 megapixels,
    which Pillow would hold in 4 bytes a pixel."""
    rows = height * (1 + 4 * width)  # each row: filter byte 0, then the pixels; all zero
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", deflate(b"", 0, rows))
            + _png_chunk(b"IEND", b""))


def jpeg_claiming(width: int, height: int, progressive: bool = False) -> bytes:
    """A small JPEG whose frame header claims ``width`` x ``height`` pixels."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 10, 10)).save(out, "JPEG", progressive=progressive)
    data = bytearray(out.getvalue())
    sof = data.find(b"\xff\xc2" if progressive else b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def other_formats() -> dict[str, bytes]:
    """Decompression bombs in formats the form does not take (by content): GIF, TIFF and WebP claiming 65,535 x
    65,535 pixels (16,383 for WebP), and a zip that holds a zip."""
    import zipfile

    gif = bytearray(b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x00\x00\x00"
                    + b",\x00\x00\x00\x00" + struct.pack("<HH", 65535, 65535) + b"\x00\x02\x02\x44\x01\x00;")
    tiff = io.BytesIO()
    Image.new("L", (8, 8)).save(tiff, "TIFF")
    tiff_data = bytearray(tiff.getvalue())
    ifd = struct.unpack_from("<I", tiff_data, 4)[0]
    for n in range(struct.unpack_from("<H", tiff_data, ifd)[0]):
        entry = ifd + 2 + 12 * n
        tag, kind = struct.unpack_from("<HH", tiff_data, entry)
        if tag in (256, 257):  # ImageWidth, ImageLength
            struct.pack_into("<HHII" if kind == 4 else "<HHIH", tiff_data, entry, tag, kind, 1, 65535)
    webp = io.BytesIO()
    Image.new("RGB", (8, 8)).save(webp, "WEBP", lossless=True)
    webp_data = bytearray(webp.getvalue())
    at = webp_data.find(b"VP8L") + 9  # after the chunk header and the signature byte: 14 bits width-1, height-1
    webp_data[at:at + 4] = ((16383 - 1) | ((16383 - 1) << 14)).to_bytes(4, "little")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", bytes(16 * MIB))
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(4):
            archive.writestr(f"inner{n}.zip", inner.getvalue())
    return {"bomb.gif": bytes(gif), "bomb.tiff": bytes(tiff_data), "bomb.webp": bytes(webp_data),
            "nested.zip": outer.getvalue()}
