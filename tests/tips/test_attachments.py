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


SECRETS = (b"Kees", b"Tipgever", b"GPS", b"Canon", b"52.5")


def _photo_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = "Kees de Tipgever"  # Artist
    exif[0x010F] = "Canon"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 30.0, 5.0), "E", (5.0, 7.0, 1.0)
    out = io.BytesIO()
    Image.new("RGB", (16, 8), (200, 30, 30)).save(out, "JPEG", exif=exif, comment=b"Kees de Tipgever")
    assert b"GPS" not in out.getvalue() or True  # the GPS block is binary; Pillow reads it back below
    assert Image.open(io.BytesIO(out.getvalue())).getexif().get_ifd(0x8825)
    return out.getvalue()


def _pdf_with_identifying_image() -> bytes:
    """A one-page PDF whose JPEG has EXIF (GPS, Artist, Make) and a comment, with XMP on the page and the image,
    /PieceInfo on the page and the document, and a note whose author is the tipster."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 50))
    page = pdf.pages[0]
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Kees de Tipgever</dc:creator></x:xmpmeta>'
    image = pikepdf.Stream(pdf, _photo_with_exif())
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = 16, 8, 8
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.DCTDecode
    image.Metadata = pdf.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(b"q 100 0 0 50 0 0 cm /Im0 Do Q")
    page.obj.Metadata = pdf.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)
    piece = pikepdf.Dictionary(Illustrator=pikepdf.Dictionary(Private=pikepdf.String("Kees de Tipgever")))
    page.obj.PieceInfo = piece
    pdf.Root.PieceInfo = pikepdf.Dictionary(piece)
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[0, 0, 10, 10],
        Contents=pikepdf.String("zie foto"), T=pikepdf.String("Kees de Tipgever"),
    )]))
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    assert b"Kees" in out.getvalue()
    return out.getvalue()


def _everything_in(pdf_bytes: bytes) -> bytes:
    """The file, every stream decoded where it can be, and every object's dictionary, in one blob to search."""
    parts = [pdf_bytes]
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        parts.append(repr(pdf.trailer).encode())
        for obj in pdf.objects:
            parts.append(repr(obj).encode("utf-8", "replace"))
            if isinstance(obj, pikepdf.Stream):
                parts.append(obj.read_raw_bytes())
                try:
                    parts.append(obj.read_bytes())
                except pikepdf.PdfError:
                    pass
    return b"\n".join(parts)


def _jpegs_in(pdf_bytes: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        return [obj.read_raw_bytes() for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") == pikepdf.Name.DCTDecode]


def test_pdf_images_annotations_and_object_metadata_lose_what_identifies_the_tipster(send_tip):
    from sqlalchemy import select

    from coldcase.extensions import db
    from coldcase.tips.intake import decode_attachment
    from coldcase.tips.models import TipAttachment

    response = send_tip(attachments=[(io.BytesIO(_pdf_with_identifying_image()), "kees-gps.pdf")])
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    (attachment,) = db.session.scalars(select(TipAttachment)).all()
    stored = decode_attachment(attachment)
    blob = _everything_in(stored)
    for secret in SECRETS:
        assert secret not in blob, secret
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert "/PieceInfo" not in pdf.Root and "/PieceInfo" not in pdf.pages[0].obj
        assert "/Metadata" not in pdf.pages[0].obj
        (annotation,) = pdf.pages[0].obj.Annots
        assert "/T" not in annotation and str(annotation.Contents) == "zie foto"
    (jpeg,) = _jpegs_in(stored)
    photo = Image.open(io.BytesIO(jpeg))
    assert not photo.getexif() and "comment" not in photo.info
    assert photo.size == (16, 8) and photo.convert("RGB").getpixel((8, 4))[0] > 150  # still the red picture


def test_the_same_pdf_cleaned_twice_gives_the_same_bytes():
    data = _pdf_with_identifying_image()
    assert clean(data).content == clean(data).content
