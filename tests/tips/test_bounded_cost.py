"""No upload can make a worker take more than about 100 MB or more than a second or two of CPU: bombs are refused
with a message in the tipster's words, the text comes back with it, and the rate limit comes before any parsing.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from coldcase.extensions import db
from coldcase.tips import attachments, photos
from coldcase.tips.attachments import AttachmentError, clean
from coldcase.tips.models import Tip, TipAttachment
from tests.tips import bombs

ROOT = Path(__file__).resolve().parents[2]

PDF_BOMBS = {
    "content-1gib": lambda: bombs.pdf_content_bomb(),
    "nested-flate-1gib": lambda: bombs.pdf_nested_bomb(),
    "image-data-1gib": lambda: bombs.pdf_image_bomb(100, 100),
    "image-claims-400mp": lambda: bombs.pdf_image_bomb(20_000, 20_000, size=1024),
    "jpeg-in-flate-1gib": lambda: bombs.pdf_image_bomb(100, 100, jpeg=True),
    "object-stream-1gib": lambda: bombs.pdf_object_stream_bomb(),
}


def stored() -> tuple[int, int]:
    return tuple(db.session.scalar(select(func.count()).select_from(model)) for model in (Tip, TipAttachment))


def _photo(width: int, height: int, orientation: int = 1, progressive: bool = False) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(out, "JPEG", exif=exif, progressive=progressive)
    return out.getvalue()


@pytest.mark.parametrize("name", list(PDF_BOMBS))
def test_pdf_bombs_are_refused_as_too_complex_within_a_second_of_cpu(name):
    data = PDF_BOMBS[name]()
    assert len(data) < 1_200_000
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with pytest.raises(AttachmentError) as refused:
        clean(data)
    assert str(refused.value) == "too_complex"
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime < 1.5  # CPU of the check


def test_a_39_megapixel_png_of_150_kb_is_refused_from_its_header(monkeypatch):
    data = bombs.png_of_size(7200, 5400)
    assert len(data) < 200_000

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("the PNG was decoded")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    with pytest.raises(AttachmentError) as refused:
        clean(data, isolated=False)
    assert str(refused.value) == "too_large_image"


def test_a_png_at_the_pixel_limit_is_accepted_and_one_past_it_refused():
    assert clean(bombs.png_of_size(4096, 3072)).media_type == "image/png"
    with pytest.raises(AttachmentError, match="too_large_image"):
        clean(bombs.png_of_size(4096, 3073))


def test_a_large_jpeg_is_decoded_at_a_smaller_scale_instead_of_whole():
    result = Image.open(io.BytesIO(clean(_photo(6000, 4000)).content))
    assert result.size == (3000, 2000)


def test_a_12_megapixel_phone_photo_keeps_its_size_and_is_turned_upright():
    result = Image.open(io.BytesIO(clean(_photo(4032, 3024, orientation=6)).content))
    assert result.size == (3024, 4032)


@pytest.mark.parametrize(("width", "height", "progressive"), [(13_000, 13_000, False), (4097, 3072, True)],
                         ids=["baseline-169mp", "progressive-over-limit"])
def test_jpegs_claiming_too_many_pixels_are_refused(width, height, progressive):
    with pytest.raises(AttachmentError, match="too_large_image"):
        clean(bombs.jpeg_claiming(width, height, progressive=progressive))


@pytest.mark.parametrize("name", list(bombs.other_formats()))
def test_bombs_in_formats_the_form_does_not_take_are_refused_by_their_content(send_tip, name, monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(attachments, "clean", no_parsing)
    response = send_tip(attachments=[(io.BytesIO(bombs.other_formats()[name]), name)])
    assert response.status_code == 400
    assert f"“{name}” is not a photo (JPEG or PNG) or a PDF" in response.get_data(as_text=True)
    assert stored() == (0, 0)


def test_a_bomb_sent_through_the_form_is_refused_and_the_text_comes_back(send_tip):
    response = send_tip(text="Zie de bijlage: de auto stond er om tien uur.",
                        attachments=[(io.BytesIO(bombs.pdf_content_bomb()), "rapport.pdf")])
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "“rapport.pdf” is too large or too complicated for us to check safely" in html
    assert "What you wrote is kept" in html and "Zie de bijlage: de auto stond er om tien uur." in html
    assert stored() == (0, 0)


def test_the_refusal_is_in_the_tipsters_language(send_tip):
    response = send_tip(url="/tips/new?lang=nl", attachments=[(io.BytesIO(bombs.png_of_size(7200, 5400)), "x.png")])
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "“x.png” heeft te veel pixels" in html and "Wat u schreef is bewaard" in html


def test_the_rate_limit_refuses_before_any_attachment_is_parsed(app, send_tip, monkeypatch):
    app.config["TIPS_RATE_LIMITS"] = {"submit": (1, 600), "status": (10, 600)}
    calls = []
    real_clean = attachments.clean

    def counting_clean(data, *args, **kwargs):
        calls.append(len(data))
        return real_clean(data, *args, **kwargs)

    monkeypatch.setattr(attachments, "clean", counting_clean)
    first = send_tip(attachments=[(io.BytesIO(_photo(40, 30)), "a.jpg")])
    assert first.status_code == 200 and len(calls) == 1
    second = send_tip(attachments=[(io.BytesIO(bombs.pdf_content_bomb()), "bomb.pdf")])
    assert second.status_code == 429
    assert len(calls) == 1  # the bomb was never parsed
    assert stored() == (1, 1)


def test_a_check_that_needs_more_memory_than_allowed_is_refused_and_the_worker_does_not_grow(monkeypatch):
    monkeypatch.setattr(attachments, "MEMORY_BYTES", 64 * 1024 * 1024)
    monkeypatch.setattr(photos, "MAX_DECODED_PIXELS", 10**9)  # as if the pixel limit were forgotten
    with pytest.raises(AttachmentError, match="too_complex"):
        clean(bombs.png_of_size(7200, 5400))


@pytest.fixture
def heap_kept_after_free():
    """A worker whose allocator keeps freed memory mapped (glibc does so for blocks below its moving mmap
    threshold, and for whole thread arenas): here made certain with mallopt, restored afterwards."""
    import ctypes

    libc = ctypes.CDLL("libc.so.6")
    m_trim_threshold, m_mmap_threshold = -1, -3
    libc.mallopt(m_mmap_threshold, 512 * 1024 * 1024)
    libc.mallopt(m_trim_threshold, 1024 * 1024 * 1024)
    yield
    libc.mallopt(m_mmap_threshold, 128 * 1024)
    libc.mallopt(m_trim_threshold, 128 * 1024)
    libc.malloc_trim(0)


def test_the_memory_limit_holds_in_a_worker_that_already_has_free_heap_to_reuse(monkeypatch, heap_kept_after_free):
    """The address-space limit binds only new mappings: a child could fill the free heap it inherits without
    asking for more. The child's own written memory is watched too."""
    monkeypatch.setattr(attachments, "MEMORY_BYTES", 64 * 1024 * 1024)
    monkeypatch.setattr(photos, "MAX_DECODED_PIXELS", 10**9)
    big = bombs.png_of_size(7200, 5400)
    with Image.open(io.BytesIO(big)) as image:  # here, in the parent: 450 MB of heap, freed but kept mapped
        image.load()
        copies = [image.copy(), image.convert("RGBA")]
    del copies
    with pytest.raises(AttachmentError, match="too_complex"):
        clean(big)


def test_an_ordinary_photo_passes_the_memory_watch_in_a_grown_worker():
    junk = [{"n": n, "s": str(n)} for n in range(400_000)]  # a worker with a large heap of its own
    assert clean(_photo(1200, 900)).media_type == "image/jpeg"
    assert len(junk) == 400_000


# --- peak memory, measured in a child Python process -------------------------------------------------------------

MEASURE = textwrap.dedent("""
    import io, json, resource, sys
    from PIL import Image
    from coldcase.tips.attachments import AttachmentError, clean

    def rss_kb(field):
        for line in open("/proc/self/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1])

    data = open(sys.argv[1], "rb").read()
    isolated = sys.argv[2] == "isolated"
    tiny = io.BytesIO()
    Image.new("RGB", (8, 8)).save(tiny, "JPEG")
    clean(tiny.getvalue(), isolated=isolated)  # imports and first use
    base_peak, base_now = rss_kb("VmHWM"), rss_kb("VmRSS")
    try:
        result = "accepted:%d" % len(clean(data, isolated=isolated).content)
    except AttachmentError as error:
        result = str(error)
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"result": result, "worker_mb": (rss_kb("VmHWM") - base_peak) / 1024,
                      "child_mb": max(0, child_peak - base_now) / 1024}))
""")

MEMORY_CASES = {
    # in the worker itself, with only the checks' own caps (no sandbox): they alone keep it small
    **{f"{name}-in-process": (maker, "in-process", "too_complex") for name, maker in PDF_BOMBS.items()
       if name != "object-stream-1gib"},
    "png-39mp-in-process": (lambda: bombs.png_of_size(7200, 5400), "in-process", "too_large_image"),
    "phone-photo-12mp-turned-in-process": (lambda: _photo(4032, 3024, orientation=6), "in-process", "accepted"),
    # in the sandbox: what qpdf inflates on its own is stopped by the child's limit
    "object-stream-1gib-isolated": (PDF_BOMBS["object-stream-1gib"], "isolated", "too_complex"),
    "phone-photo-12mp-turned-isolated": (lambda: _photo(4032, 3024, orientation=6), "isolated", "accepted"),
}


@pytest.mark.parametrize("case", list(MEMORY_CASES))
def test_peak_memory_of_checking_a_file_stays_near_100_mb(tmp_path, case):
    maker, mode, expected = MEMORY_CASES[case]
    path = tmp_path / "upload"
    path.write_bytes(maker())
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path), mode], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["result"].split(":")[0] == expected
    peak = figures["worker_mb"] if mode == "in-process" else figures["child_mb"]
    assert peak < 100, figures
    if mode == "isolated":
        assert figures["worker_mb"] < 20, figures  # the worker itself did not grow


# --- active content ---------------------------------------------------------------------------------------------

ACTIVE = (b"JavaScript", b"/JS", b"app.alert", b"OpenAction", b"/AA", b"/Launch", b"cmd.exe", b"/URI",
          b"tracker.example", b"EmbeddedFile", b"EMBEDDED-SECRET", b"/EF", b"/FileAttachment", b"/AcroForm",
          b"/XFA", b"xfa:datasets", b"/SubmitForm", b"/RichMedia")


def _pdf_with_active_content() -> bytes:
    """A one-page PDF that does everything a PDF can do when opened: JavaScript on open, at page open, in the
    document's name tree, in a bookmark and chained after a jump; a launch, a web link and a form submission;
    an embedded file (in the name tree and in an annotation), a form with XFA, and a RichMedia annotation."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    page = pdf.pages[0]

    def script(code: str) -> pikepdf.Dictionary:
        return pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String(code))

    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
    page.Contents = pdf.make_stream(b"BT /F1 12 Tf 10 50 Td (Zichtbare tekst) Tj ET")
    pdf.Root.OpenAction = pdf.make_indirect(script("app.alert('open')"))
    page.obj.AA = pikepdf.Dictionary(O=script("app.alert('page')"))
    pdf.attachments["secret.txt"] = pikepdf.AttachedFileSpec(pdf, b"EMBEDDED-SECRET-PAYLOAD", mime_type="text/plain")
    pdf.Root.Names.JavaScript = pikepdf.Dictionary(Names=pikepdf.Array(
        [pikepdf.String("init"), pdf.make_indirect(script("app.alert('names')"))]))
    rect = pikepdf.Array([0, 0, 20, 20])
    annotations = [
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=rect, A=pikepdf.Dictionary(
            S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))),
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=rect, A=pikepdf.Dictionary(
            S=pikepdf.Name.URI, URI=pikepdf.String("https://tracker.example/seen"))),
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=rect, A=pikepdf.Dictionary(
            S=pikepdf.Name.GoTo, D=pikepdf.Array([page.obj, pikepdf.Name.Fit]),
            Next=script("app.alert('next')"))),
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=rect,
                           FS=pikepdf.AttachedFileSpec(pdf, b"EMBEDDED-SECRET-TWO").obj),
        pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.RichMedia, Rect=rect),
    ]
    widget = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Btn, T=pikepdf.String("send"),
        Rect=rect, A=pikepdf.Dictionary(S=pikepdf.Name.SubmitForm, F=pikepdf.String("https://tracker.example/f")),
        AA=pikepdf.Dictionary(K=script("app.alert('key')"))))
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([*map(pdf.make_indirect, annotations), widget]))
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([widget]), XFA=pdf.make_stream(
        b"<xdp:xdp><xfa:datasets/><script>app.alert('xfa')</script></xdp:xdp>"))
    outline = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String("Start"), A=script("app.alert('mark')")))
    pdf.Root.Outlines = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines, First=outline,
                                                             Last=outline, Count=1))
    outline.Parent = pdf.Root.Outlines
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    for marker in ACTIVE[:12]:
        assert marker in out.getvalue(), marker
    return out.getvalue()


def test_a_stored_pdf_has_no_scripts_actions_embedded_files_or_forms_and_keeps_its_text_and_jumps(send_tip):
    import pikepdf

    from coldcase.tips.intake import decode_attachment
    from tests.tips.test_attachments import _everything_in

    response = send_tip(attachments=[(io.BytesIO(_pdf_with_active_content()), "brief.pdf")])
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    (attachment,) = db.session.scalars(select(TipAttachment)).all()
    stored_pdf = decode_attachment(attachment)
    blob = _everything_in(stored_pdf)
    for marker in ACTIVE:
        assert marker not in blob, marker
    with pikepdf.open(io.BytesIO(stored_pdf)) as pdf:
        assert not pdf.attachments
        page = pdf.pages[0]
        assert b"Zichtbare tekst" in page.Contents.read_bytes()
        subtypes = [str(annotation.Subtype) for annotation in page.Annots]
        assert subtypes == ["/Link", "/Link", "/Link", "/Widget"]  # the file and the RichMedia are gone
        jumps = [annotation.A for annotation in page.Annots if "/A" in annotation]
        assert len(jumps) == 1 and jumps[0].S == pikepdf.Name.GoTo and "/Next" not in jumps[0]
        assert "/A" not in pdf.Root.Outlines.First and str(pdf.Root.Outlines.First.Title) == "Start"


def test_a_pdf_that_needs_a_password_is_refused_with_its_own_message(send_tip):
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="geheim", owner="geheim"))
    response = send_tip(attachments=[(io.BytesIO(out.getvalue()), "beveiligd.pdf")])
    assert response.status_code == 400
    assert "“beveiligd.pdf” is protected with a password" in response.get_data(as_text=True)
    assert stored() == (0, 0)


def test_a_pdf_with_only_an_owner_password_is_stored_without_encryption():
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="", owner="eigenaar"))
    with pikepdf.open(io.BytesIO(clean(out.getvalue()).content)) as cleaned:
        assert not cleaned.is_encrypted


# --- what must still go through ----------------------------------------------------------------------------------


def test_an_ordinary_pdf_with_many_pages_and_a_large_image_is_accepted_whole():
    import zlib

    import pikepdf

    pdf = pikepdf.new()
    picture = bytes(range(256)) * (3 * 2000 * 2000 // 256)  # 12 MB of pixels, inflated
    image = pdf.make_stream(zlib.compress(picture), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                            Width=2000, Height=2000, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceRGB,
                            Filter=pikepdf.Name.FlateDecode)
    for n in range(60):
        pdf.add_blank_page()
        page = pdf.pages[-1]
        page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
        page.Contents = pdf.make_stream(zlib.compress(f"q 100 0 0 100 0 0 cm /Im0 Do Q % page {n}\n".encode() * 50),
                                        Filter=pikepdf.Name.FlateDecode)
    out = io.BytesIO()
    pdf.save(out)
    with pikepdf.open(io.BytesIO(clean(out.getvalue()).content)) as cleaned:
        assert len(cleaned.pages) == 60
        assert b"% page 59" in cleaned.pages[59].Contents.read_bytes()
        assert cleaned.pages[0].Resources.XObject.Im0.read_bytes() == picture


def test_ascii85_before_flate_is_measured_too():
    import base64

    import pikepdf

    def pdf_with(content: bytes) -> bytes:
        pdf = pikepdf.new()
        pdf.add_blank_page()
        stream = pikepdf.Stream(pdf, b"")
        stream.write(base64.a85encode(content) + b"~>", filter=pikepdf.Array(
            [pikepdf.Name.ASCII85Decode, pikepdf.Name.FlateDecode]))
        pdf.pages[0].Contents = pdf.make_indirect(stream)
        out = io.BytesIO()
        pdf.save(out, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return out.getvalue()

    readable = clean(pdf_with(bombs.deflate(b"BT (hallo) Tj ET ", 0x20, 1000))).content
    with pikepdf.open(io.BytesIO(readable)) as cleaned:
        assert cleaned.pages[0].Contents.read_bytes().startswith(b"BT (hallo) Tj ET")
    with pytest.raises(AttachmentError, match="too_complex"):
        clean(pdf_with(bombs.deflate(b"", 0x20, bombs.GIB)))


def test_a_stream_at_the_cap_is_accepted_and_one_byte_more_refused(monkeypatch):
    from coldcase.tips import pdfstreams

    monkeypatch.setattr(pdfstreams, "MAX_STREAM_DECODED", 1_000_000)
    assert clean(bombs.pdf_content_bomb(1_000_000), isolated=False).media_type == "application/pdf"
    with pytest.raises(AttachmentError, match="too_complex"):
        clean(bombs.pdf_content_bomb(1_000_001), isolated=False)
