"""Attachments are checked by content and leave their metadata behind."""

from __future__ import annotations

import io

import pikepdf
import pytest
from PIL import Image, PngImagePlugin

from coldcase.tips.attachments import AttachmentError, clean


def test_png_text_chunks_are_dropped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Kees de Tipgever")
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 128)).save(out, "PNG", pnginfo=info)
    result = clean(out.getvalue())
    assert result.media_type == "image/png" and b"Kees" not in result.content
    assert Image.open(io.BytesIO(result.content)).mode == "RGBA"


def test_pdf_document_information_is_dropped():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Author"] = "Kees de Tipgever"
    with pdf.open_metadata() as meta:
        meta["dc:creator"] = ["Kees de Tipgever"]
    out = io.BytesIO()
    pdf.save(out)
    result = clean(out.getvalue())
    assert result.media_type == "application/pdf" and b"Kees" not in result.content


def test_photo_is_turned_upright_before_its_exif_is_dropped():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90 degrees
    out = io.BytesIO()
    Image.new("RGB", (40, 20)).save(out, "JPEG", exif=exif)
    result = Image.open(io.BytesIO(clean(out.getvalue()).content))
    assert result.size == (20, 40) and not result.getexif()


@pytest.mark.parametrize("data", [b"", b"GIF89a....", b"%PDF-1.4 nothing else"], ids=["empty", "gif", "bad-pdf"])
def test_unacceptable_files_raise(data):
    with pytest.raises(AttachmentError):
        clean(data)
