"""PDF post-processing with pikepdf: each rendered page made CMYK-only and compressed, then the pages merged.

Runs after WeasyPrint, on the PDFs it wrote: `finished_page` in the workers, `merge_chunks` in the build.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from pathlib import Path


def finished_page(pdf_bytes: bytes, cmyk: bool,
                  cut_boxes: tuple[tuple[float, float, float, float], ...] = ()) -> bytes:
    """A page as WeasyPrint wrote it (uncompressed), made CMYK-only if `cmyk` (print and cards: nothing
    may stay RGB) and compressed, so that the merge only copies its streams.

    WeasyPrint compresses in Python at zlib level 9 (the 190 kB ICC profile of every page too), which
    more than doubled a page's write; pikepdf compresses in C in a third of that time.
    """
    import pikepdf

    from coldcase.publish.colour import convert_rgb_operators

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if cmyk:
            convert_rgb_operators(pdf)
        name_font_subsets(pdf)
        for page in pdf.pages:
            add_crop_marks(pdf, page, cut_boxes)
        _compress_shared_streams(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue()


#: Uncompressed streams at least this long are compressed once per process and the result reused: in practice
#: only the output intent's ICC profile (500 kB for FOGRA39), which every page carries and which took most of
#: a page's post-processing to compress anew each time.
SHARED_STREAM_BYTES = 64 * 1024
_COMPRESSED: dict[str, bytes] = {}


def _compress_shared_streams(pdf) -> None:
    """Flate-compress `pdf`'s large uncompressed streams from a per-process memo of their bytes' sha256.

    zlib at its default level, as pikepdf's save would compress them (the saved bytes are the same); a stream
    that is already compressed is copied as it is by the save.
    """
    import zlib

    import pikepdf

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or "/Filter" in obj:
            continue
        raw = obj.read_raw_bytes()
        if len(raw) < SHARED_STREAM_BYTES:
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest not in _COMPRESSED:
            if len(_COMPRESSED) >= 16:  # a long-running web process: a few profiles, never many
                _COMPRESSED.clear()
            _COMPRESSED[digest] = zlib.compress(raw)
        obj.write(_COMPRESSED[digest], filter=pikepdf.Name.FlateDecode)


MM = 72 / 25.4
#: Crop marks start this far outside the trim (the 3 mm bleed and 1 mm of air) and are this long: the
#: print shop's minimum is 5 mm, and a mark inside the bleed would be cut into the picture.
MARK_OFFSET_MM = 4.0
MARK_LENGTH_MM = 6.0
MARK_WIDTH_PT = 0.25
#: The media box reaches this far beyond the trim on every side, so the marks lie on the sheet.
SLUG_MM = MARK_OFFSET_MM + MARK_LENGTH_MM + 2.0


def add_crop_marks(pdf, page, cut_boxes: tuple[tuple[float, float, float, float], ...] = ()) -> bool:
    """Draw crop marks in registration colour (every ink: Separation /All) outside the bleed of a page whose
    TrimBox lies inside its MediaBox, and widen the MediaBox to hold them; or, for a sheet of cards, around
    each of `cut_boxes` ((left, top, width, height) in mm from the sheet's top left corner), in the gutters
    between the cards' bleeds. Returns whether it drew any.

    WeasyPrint's own marks (`marks: crop`) are 1.5 mm stubs drawn inside the bleed, invisible on a dark
    picture and cut into it; these follow what print shops expect.
    """
    import pikepdf

    trim = _box(page.obj.get("/TrimBox"))
    media = _box(page.obj.get("/MediaBox"))
    if media is None:
        return False
    if cut_boxes:
        top = media[3]
        trims = [(media[0] + left * MM, top - (y + height) * MM, media[0] + (left + width) * MM, top - y * MM)
                 for left, y, width, height in cut_boxes]
    elif trim is None or trim == media:
        return False
    else:
        trims = [trim]
        x0, y0, x1, y1 = trim
        slug = SLUG_MM * MM
        page.obj.MediaBox = pikepdf.Array([x0 - slug, y0 - slug, x1 + slug, y1 + slug])
        if "/CropBox" in page.obj:
            del page.obj["/CropBox"]
    registration = pdf.make_indirect(pikepdf.Array([
        pikepdf.Name.Separation, pikepdf.Name.All, pikepdf.Name.DeviceCMYK,
        pdf.make_indirect(pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[1, 1, 1, 1],
                                             N=1))]))
    resources = page.obj.get("/Resources")
    if resources is None:
        resources = page.obj.Resources = pikepdf.Dictionary()
    if "/ColorSpace" not in resources:
        resources.ColorSpace = pikepdf.Dictionary()
    resources.ColorSpace["/CSRegistration"] = registration
    near, far = MARK_OFFSET_MM * MM, (MARK_OFFSET_MM + MARK_LENGTH_MM) * MM
    lines = []
    for x0, y0, x1, y1 in trims:
        for x, sx in ((x0, -1), (x1, 1)):
            for y, sy in ((y0, -1), (y1, 1)):
                lines.append((x + sx * near, y, x + sx * far, y))  # horizontal, in line with the trim's edge
                lines.append((x, y + sy * near, x, y + sy * far))  # vertical
    path = " ".join(f"{a:.3f} {b:.3f} m {c:.3f} {d:.3f} l" for a, b, c, d in lines)
    # Wrapped in q/Q on both sides so that the page's own graphics state cannot leak into the marks.
    page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
    page.contents_add(pikepdf.Stream(pdf, f"\nQ\nq /CSRegistration CS 1 SCN {MARK_WIDTH_PT} w [] 0 d "
                                          f"{path} S Q\n".encode()), prepend=False)
    return True


def name_font_subsets(pdf) -> int:
    """Give every embedded font subset a tag of its own, derived from its glyphs (`ABCDEF+NotoSans-Bold`).

    WeasyPrint tags every subset of a font alike, so the merged calendar held dozens of different
    `NotoSans-Bold` subsets under one name, which some RIPs take for one font. Derived from the font
    program's bytes, the tag is the same on every build. Returns the number of fonts renamed.
    """
    import pikepdf

    renamed = 0
    for font in _page_fonts(pdf):
        target = font
        if font.get("/Subtype") == "/Type0" and len(font.get("/DescendantFonts") or []):
            target = font.DescendantFonts[0]
        descriptor = target.get("/FontDescriptor")
        program = next((descriptor.get(k) for k in ("/FontFile2", "/FontFile3", "/FontFile")
                        if descriptor is not None and k in descriptor), None)
        if program is None:
            continue
        digest = hashlib.sha256(program.read_raw_bytes()).digest()
        tag = "".join(chr(ord("A") + byte % 26) for byte in digest[:6])
        base = str(target.get("/BaseFont", "")).lstrip("/").split("+", 1)[-1]
        name = pikepdf.Name(f"/{tag}+{base}")
        for holder in (font, target):
            holder.BaseFont = name
        descriptor.FontName = name
        renamed += 1
    return renamed


def _page_fonts(pdf):
    seen = set()
    for page in pdf.pages:
        for _, font in ((page.obj.get("/Resources") or {}).get("/Font") or {}).items():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font


def _box(box) -> tuple[float, float, float, float] | None:
    if box is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _share_colour_profiles(pdf) -> None:
    """Point every page at one copy of each ICC profile: each chunk brought its own (190 kB each)."""
    import pikepdf

    first_by_hash: dict[str, object] = {}
    for page in pdf.pages:
        spaces = page.obj.get("/Resources", {}).get("/ColorSpace")
        if spaces is None:
            continue
        for name, space in list(spaces.items()):
            if isinstance(space, pikepdf.Array) and len(space) == 2 and space[0] == "/ICCBased":
                digest = hashlib.sha256(space[1].read_raw_bytes()).hexdigest()
                keep = first_by_hash.setdefault(digest, space[1])
                if keep.objgen != space[1].objgen:
                    spaces[name] = pikepdf.Array([pikepdf.Name.ICCBased, keep])


def merge_chunks(chunk_paths: list[Path], destination: Path, meta: dict[str, str], identity: str = "",
                 labels: list[str] | None = None, finish=None) -> None:
    """Concatenate chunk PDFs into one, keeping the first chunk's catalogue (output intent, XMP).

    `finish(pdf)`, if given, is called on the merged pikepdf.Pdf before it is saved (a copy's marks are
    stamped then). Saved with a content-derived file identifier and no timestamps, so it is reproducible.
    """
    import pikepdf

    with pikepdf.open(chunk_paths[0]) as merged:
        others = [pikepdf.open(path) for path in chunk_paths[1:]]
        try:
            for other in others:
                merged.pages.extend(other.pages)
            _share_colour_profiles(merged)
            if finish is not None:
                finish(merged)
            # WeasyPrint gives every PDF/X a random XMP document id; derive it from the content
            # (the chunk names are content hashes) so the same sources give the same bytes.
            document_id = uuid.uuid5(uuid.NAMESPACE_URL, identity or "|".join(Path(p).name for p in chunk_paths))
            if "/Metadata" in merged.Root:
                xmp = merged.Root.Metadata.read_bytes()
                xmp = re.sub(rb"xmp\.did:[0-9a-f-]+", f"xmp.did:{document_id}".encode(), xmp)
                merged.Root.Metadata = merged.make_stream(xmp, Type=pikepdf.Name.Metadata,
                                                          Subtype=pikepdf.Name.XML)
            if labels:
                # Preflight reads each page's label to check the page order against the manifest.
                numbers = pikepdf.Array()
                for index, label in enumerate(labels):
                    numbers.extend([index, pikepdf.Dictionary(P=pikepdf.String(label))])
                merged.Root.PageLabels = pikepdf.Dictionary(Nums=numbers)
            merged.docinfo["/Title"] = meta["title"]
            merged.docinfo["/Subject"] = meta["subject"]
            merged.docinfo["/Author"] = meta["author"]
            merged.save(destination, deterministic_id=True, compress_streams=True,
                        object_stream_mode=pikepdf.ObjectStreamMode.generate)
        finally:
            for other in others:
                other.close()

