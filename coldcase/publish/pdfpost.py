"""PDF post-processing with pikepdf: each rendered page made CMYK-only and compressed, then the pages merged.

Runs after WeasyPrint, on the PDFs it wrote: `finished_page` in the workers, `merge_chunks` in the build.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from pathlib import Path


def finished_page(pdf_bytes: bytes, cmyk: bool) -> bytes:
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
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue()


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
                 labels: list[str] | None = None) -> None:
    """Concatenate chunk PDFs into one, keeping the first chunk's catalogue (output intent, XMP).

    Saved with a content-derived file identifier and no timestamps, so it is reproducible.
    """
    import pikepdf

    with pikepdf.open(chunk_paths[0]) as merged:
        others = [pikepdf.open(path) for path in chunk_paths[1:]]
        try:
            for other in others:
                merged.pages.extend(other.pages)
            _share_colour_profiles(merged)
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

