"""The calendar as one HTML document per page (or batch of pages): the stylesheet, the template, the metadata.

The build's workspace (its cache folder, with the converted photos and the ICC profile) lives here too,
since the HTML names the files in it. Nothing here imports WeasyPrint: the HTML is made in the build's
own process, and laid out in the workers (`workers.py`).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import jinja2

from coldcase.cases.model import Edition, Library
from coldcase.publish import texts
from coldcase.publish.images import file_sha256
from coldcase.publish.pages import (
    VARIANTS,
    WEEK_PHOTO_MM,
    WEEK_PHOTO_SMALL_MM,
    Page,
    PageOptions,
    PageSet,
    Variant,
    edition_pages,
)
from coldcase.publish.render import PdfOptions
from coldcase.resources import STATIC_DIR, TEMPLATES_DIR


class Workspace:
    """The build's own folder (the cache): converted photos, rendered chunks, the ICC profile."""

    def __init__(self, cache_dir: Path, profile: Path | None):
        self.cache_dir = cache_dir
        self.chunks = cache_dir / "chunks"
        self.photos = cache_dir / "photos"
        for folder in (self.chunks, self.photos):
            folder.mkdir(parents=True, exist_ok=True)
        self._hashes: dict[Path, str] = {}
        self.profile: Path | None = None
        self.profile_hash = "srgb"
        if profile is not None:
            # Copied next to the chunks so the restricted fetcher can read it and the cache key holds it.
            self.profile_hash = self.sha256(profile)
            self.profile = cache_dir / f"cmyk-{self.profile_hash[:16]}.icc"
            if not self.profile.exists():
                shutil.copyfile(profile, self.profile)
            self._hashes[self.profile] = self.profile_hash
            self.profile_source = profile

    def sha256(self, path: Path) -> str:
        """The file's sha256, computed once per build."""
        path = Path(path)
        if path not in self._hashes:
            self._hashes[path] = file_sha256(path)
        return self._hashes[path]


def page_set(library: Library, edition: Edition, variant: str, size: str, distribution: str | None,
              base_url: str, work: Workspace, naive: bool, weeks: tuple[int, ...] | None = None,
              stamp_code: str | None = None) -> PageSet:
    """The pages of one variant of `edition`, with the photos named by the hash of their sources (`stamp_code`:
    laid out for stamped copies, see `pages.PageOptions`)."""
    hashes = {}
    for case_id in edition.weeks:
        path = library.cases[case_id].printed_photo.path
        hashes[path] = work.sha256(path)
    options = PageOptions(variant=VARIANTS[variant], size=size, distribution=distribution, base_url=base_url,
                          cache_dir=work.cache_dir, cmyk_profile=work.profile, profile_hash=work.profile_hash,
                          naive=naive, source_hashes=hashes, stamp_code=stamp_code)
    return edition_pages(edition, library.cases, options, weeks=weeks)


_environment: jinja2.Environment | None = None


def _jinja() -> jinja2.Environment:
    global _environment
    if _environment is None:
        _environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
                                          autoescape=jinja2.select_autoescape(["html"]), extensions=["jinja2.ext.do"],
                                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        _environment.globals.update(months=texts.MONTHS_NL, weekdays=texts.WEEKDAYS_NL)
        _environment.filters["ltr"] = texts.isolate_ltr
    return _environment


#: Palette: (device-cmyk for print, sRGB for screen). Rich black is avoided for text on purpose.
_COLOURS = {
    "ink": ((0, 0, 0, 1), "#111"),
    "paper": ((0, 0, 0, 0), "#fff"),
    "white": ((0, 0, 0, 0), "#fff"),
    "navy": ((1, 0.75, 0.1, 0.45), "#12305a"),
    "yellow": ((0, 0.12, 1, 0), "#ffd200"),
    "red": ((0, 0.95, 0.9, 0.05), "#d3212b"),
    "muted": ((0, 0, 0, 0.62), "#5f5f5f"),
    "pale": ((0.15, 0.08, 0, 0.05), "#cdd9ee"),
    "rule": ((0, 0, 0, 0.25), "#bfbfbf"),
    "grey": ((0, 0, 0, 0.1), "#e6e6e6"),
}


def stylesheet(variant: Variant, page_set: PageSet, work: Workspace) -> str:
    scale = page_set.scale
    width, height = page_set.paper_mm

    def mm(value: float) -> str:
        return f"{value * scale:.2f}mm"

    def pt(value: float) -> str:
        return f"{value * scale:.2f}"

    colours = {name: (f"device-cmyk({' '.join(f'{v:g}' for v in cmyk)})" if variant.cmyk else rgb)
               for name, (cmyk, rgb) in _COLOURS.items()}
    content_height = height - 24 * scale
    two = 18 * scale
    return _jinja().get_template("publish/calendar.css").render(
        static=STATIC_DIR.resolve().as_uri(), icc=work.profile.resolve().as_uri() if work.profile else None,
        page_width=width, page_height=height, bleed=variant.bleed_mm, c=colours, mm=mm, pt=pt,
        content_height=f"{content_height:.2f}", photo_w=f"{WEEK_PHOTO_MM[0] * scale:.2f}",
        photo_h=f"{WEEK_PHOTO_MM[1] * scale:.2f}",
        photo_w_small=f"{WEEK_PHOTO_SMALL_MM[0] * scale:.2f}", photo_h_small=f"{WEEK_PHOTO_SMALL_MM[1] * scale:.2f}", cell_h=f"{two:.2f}", cell_h_single=f"{30 * scale:.2f}",
        grid_height=46 * scale,
        grid_num_pt=20, index_pt=9)


def document_html(edition: Edition, chunk: list[Page], page_set: PageSet, variant: Variant, work: Workspace,
                distribution: str | None, css: str | None = None) -> str:
    meta = pdf_metadata(edition, variant.name, distribution)
    return _jinja().get_template("publish/calendar.html").render(
        edition=edition, chunk=chunk, css=css if css is not None else stylesheet(variant, page_set, work),
        author=meta["author"],
        description=meta["subject"], created=meta["created"], modified=meta["created"])


def pdf_metadata(edition: Edition, variant: str, distribution: str | None) -> dict[str, str]:
    # A fixed date derived from the edition, not the clock: the same sources give the same bytes.
    created = f"{edition.year - 1}-12-01T00:00:00+00:00"
    subject = f"{edition.title}, {variant}" + (f", {distribution}" if distribution else "")
    return {"title": edition.title, "author": "coldcase", "subject": subject, "created": created}


def pdf_options(variant: Variant, html: str, work_uri: str = "", uncompressed: bool = False) -> PdfOptions:
    # The identifier must not depend on where the cache lives, or two builds into different
    # folders would differ in their bytes.
    stable = html.replace(work_uri, "") if work_uri else html
    identifier = hashlib.sha256(stable.encode()).hexdigest()[:32].encode()
    return PdfOptions(pdf_variant=variant.pdf_variant, identifier=identifier, uncompressed=uncompressed)

