"""Photo conversion for the calendar: the printed pixels, whatever size the source photo has."""

from __future__ import annotations

import io

import pikepdf
from conftest import BASE_URL
from PIL import Image, ImageDraw

from coldcase.publish import images, pdfpost
from coldcase.publish.build import DEFAULT_CMYK_PROFILE, BuildOptions, build_calendar
from coldcase.publish.images import PhotoTarget, convert_photo
from coldcase.publish.preflight import content, press

WEEK = PhotoTarget(80.0, 90.0, 300, DEFAULT_CMYK_PROFILE)
COVER_TILE = PhotoTarget(35.0, 37.5, 300, DEFAULT_CMYK_PROFILE)


def _photo(path, size, orientation=None):
    """A JPEG whose top half is red and bottom half blue (as stored; `orientation` is its EXIF tag)."""
    image = Image.new("RGB", size, (30, 60, 200))
    ImageDraw.Draw(image).rectangle((0, 0, size[0], size[1] // 2), fill=(210, 30, 30))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(path, "JPEG", quality=92, exif=exif)
    return path


def _converted(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_a_large_photo_is_converted_to_exactly_the_printed_pixels(tmp_path):
    source = _photo(tmp_path / "phone.jpg", (4000, 3000))
    for target in (WEEK, COVER_TILE):
        picture = _converted(convert_photo(source, target))
        assert picture.size == target.pixels() and picture.mode == "CMYK"


def test_a_large_photo_looks_as_if_it_had_been_decoded_whole(tmp_path, monkeypatch):
    source = _photo(tmp_path / "phone.jpg", (4000, 3000))
    reduced = _converted(convert_photo(source, COVER_TILE)).convert("RGB")
    monkeypatch.setattr(images, "_decode_reduced", lambda *args: None)
    whole = _converted(convert_photo(source, COVER_TILE)).convert("RGB")
    # Same picture: the colours agree pixel by pixel to within what JPEG compression itself changes.
    difference = [abs(a - b) for a, b in zip(reduced.tobytes(), whole.tobytes(), strict=True)]
    assert sum(difference) / len(difference) < 2


def test_a_photo_just_large_enough_is_decoded_whole(tmp_path, monkeypatch):
    source = _photo(tmp_path / "exact.jpg", (2000, 1500))
    as_before = convert_photo(source, WEEK)
    monkeypatch.setattr(images, "_decode_reduced", lambda *args: None)
    assert convert_photo(source, WEEK) == as_before


def test_a_large_photo_stored_on_its_side_is_printed_upright_at_full_size(tmp_path):
    # Stored landscape, red on top; EXIF 6 turns it a quarter clockwise: upright, red on the right.
    source = _photo(tmp_path / "turned.jpg", (4000, 3000), orientation=6)
    picture = _converted(convert_photo(source, WEEK)).convert("RGB")
    assert picture.size == WEEK.pixels()
    width, height = picture.size
    right, left = picture.getpixel((width - 5, height // 2)), picture.getpixel((5, height // 2))
    assert right[0] > 150 > left[0]


def test_every_page_carries_the_same_compressed_colour_profile(tmp_path):
    profile = DEFAULT_CMYK_PROFILE.read_bytes()

    def page() -> bytes:
        pdf = pikepdf.new()
        pdf.add_blank_page()
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            S=pikepdf.Name.GTS_PDFX, DestOutputProfile=pikepdf.Stream(pdf, profile, N=4))])
        out = io.BytesIO()
        pdf.save(out)
        return pdfpost.finished_page(out.getvalue(), cmyk=True)

    first, second = page(), page()
    assert first == second
    with pikepdf.open(io.BytesIO(first)) as pdf:
        stream = pdf.Root.OutputIntents[0].DestOutputProfile
        assert stream.Filter == pikepdf.Name.FlateDecode and stream.read_bytes() == profile


def test_the_build_measures_each_photo_once_as_preflight_would(sample_library, tmp_path, monkeypatch):
    def build(out):
        return build_calendar(sample_library, 2027, BuildOptions(out_dir=out, weeks=(1, 11), workers=1,
                                                                 base_url=BASE_URL))

    measured = []
    original = press._measure_ink
    monkeypatch.setattr(press, "_measure_ink", lambda image: measured.append(image) or original(image))
    monkeypatch.setattr(press, "_INK_BY_DIGEST", {})
    result = build(tmp_path / "out")
    assert result.ok and measured == []  # every photo's ink came from its conversion
    with pikepdf.open(result.pdf_path) as pdf:
        photos = [image for page in pdf.pages for image in content.scan_page(page).cmyk_images]
        assert photos and [press.jpeg_ink(image.read_raw_bytes()) for image in photos] == [
            original(image) for image in photos]


def test_preflight_measures_a_photo_whose_ink_record_is_missing_or_unreadable(sample_library, tmp_path,
                                                                               monkeypatch):
    options = BuildOptions(out_dir=tmp_path / "out", weeks=(1,), workers=1, base_url=BASE_URL)
    assert build_calendar(sample_library, 2027, options).ok
    records = sorted((tmp_path / "out" / ".cache" / "photos").glob("*.ink.json"))
    assert records
    records[0].write_text("{not json")
    for record in records[1:]:
        record.unlink()
    measured = []
    original = press._measure_ink
    monkeypatch.setattr(press, "_measure_ink", lambda image: measured.append(image) or original(image))
    monkeypatch.setattr(press, "_INK_BY_DIGEST", {})
    result = build_calendar(sample_library, 2027, options.replace(out_dir=tmp_path / "again",
                                                                  cache_dir=tmp_path / "out" / ".cache"))
    assert result.ok and len(measured) == len(records)
