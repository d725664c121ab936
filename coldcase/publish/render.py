"""HTML -> PDF with WeasyPrint, reading only what the calendar is allowed to read.

The calendar's HTML is built from case files written by many people. WeasyPrint follows every
`url(...)` and `src=` it meets, so the fetcher below refuses other hosts and every local file
outside the few folders a calendar legitimately uses (cases, static files, the build's own
temporary files). A stray `<img src="file:///etc/passwd">` or a tracking pixel then fails the
page instead of leaking into the PDF or out to the network.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coldcase.resources import STATIC_DIR

BUILD_SCHEME = "coldcase-build"


class FetchRefused(ValueError):
    """A page asked for a resource the calendar may not read."""


@dataclass(frozen=True)
class RestrictedFetcher:
    """The calendar's fetch policy: local files inside `allowed_dirs`, nothing else.

    A plain picklable object, so that it can travel to worker processes; `url_fetcher()` makes
    the WeasyPrint fetcher that enforces it.
    """

    allowed_dirs: tuple[Path, ...] = field(default_factory=tuple)
    #: The build's own folder, reachable as `coldcase-build:/name`. Converted photos are named that
    #: way so that their URL (which WeasyPrint hashes into the PDF) does not depend on where the
    #: output folder lies: two builds in two folders give the same bytes.
    work_dir: Path | None = None

    def resolve(self, url: str) -> Path:
        """The local file `url` names, if it lies inside an allowed folder; else `FetchRefused`."""
        parts = urlsplit(url)
        if parts.scheme == BUILD_SCHEME and self.work_dir is not None:
            path = (self.work_dir / unquote(parts.path).lstrip("/")).resolve()
        elif parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise FetchRefused(f"refused to fetch {url!r}: the calendar reads no other host")
        else:
            path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(folder.resolve()) for folder in self.allowed_dirs):
            raise FetchRefused(f"refused to read {path}: outside the cases, static and build folders")
        if not path.is_file():
            raise FetchRefused(f"refused to read {path}: no such file")
        return path

    def url_fetcher(self):
        """A WeasyPrint `URLFetcher` that serves what `resolve` allows and stops the render otherwise."""
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        policy = self

        class _Fetcher(URLFetcher):
            def fetch(self, url, headers=None):
                path = policy.resolve(url)
                mime = _mime_type(path)
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime} if mime else None)

        # fail_on_errors: a refused or missing resource stops the render instead of leaving a hole.
        return _Fetcher(fail_on_errors=True)


def _mime_type(path: Path) -> str | None:
    return {
        ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".svg": "image/svg+xml",
        ".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".icc": "application/vnd.iccprofile",
    }.get(path.suffix.lower())


@dataclass(frozen=True)
class PdfOptions:
    """What WeasyPrint is asked for: the PDF variant and reproducibility settings."""

    pdf_variant: str | None = None  # "pdf/x-4" for print
    identifier: bytes = b"coldcase"  # fixed file identifier: same input, same bytes
    uncompressed: bool = False


class _FetchProblems(logging.Handler):
    """Collects WeasyPrint's complaints about resources it could not load."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class RenderError(RuntimeError):
    """WeasyPrint could not load everything a page needs."""


def html_to_pdf(html: str, base_url: str, fetcher: RestrictedFetcher, options: PdfOptions,
                strict: bool = True) -> bytes:
    """Render one HTML document to PDF bytes.

    WeasyPrint only logs a resource it cannot load and goes on; with `strict` such a warning
    (a missing font or photo) raises `RenderError`, because a calendar with a blank where the
    photo should be must not look finished.
    """
    with _rendered(html, base_url, fetcher, strict) as document:
        return document.write_pdf(
            pdf_variant=options.pdf_variant,
            pdf_identifier=options.identifier,
            uncompressed_pdf=options.uncompressed,
        )


def render_pages(html: str, base_url: str, fetcher: RestrictedFetcher, options: list[PdfOptions],
                 strict: bool = True) -> Iterator[tuple[bytes, list[dict], list[dict]]]:
    """Lay out a document of several pages once and write each page as its own PDF, one after another.

    One WeasyPrint layout pass for many pages (the stylesheet is parsed and the fonts are loaded
    once), but one PDF per page, so that each page can be cached on its own. `options` holds one
    `PdfOptions` per page (its identifier). Each page's PDF is the same whichever pages were laid
    out with it: the pages share no counters, and the ICC profiles are written as read (see
    `_stable_colour_profiles`). Yields (pdf bytes, overflows, stamp slots) per page, the overflows from
    preflight's `layout_overflows` (empty lists when that module is not installed), the slots from
    `slots.layout_slots` (empty unless the page was laid out for stamped copies); raises like `html_to_pdf`,
    but only once every page was yielded: the caller must keep what it got until the generator is done.
    A page's layout is let go once its PDF is written, so that a batch's PDFs and its layout are never all
    held at once.
    """
    from coldcase.publish.slots import layout_slots, without_elements

    with _rendered(html, base_url, fetcher, strict) as document:
        if len(document.pages) != len(options):
            raise RenderError(f"expected {len(options)} pages, WeasyPrint laid out {len(document.pages)}")
        _stable_colour_profiles(document)
        overflows = _overflows(document)
        slots = without_elements(layout_slots(document))
        for index, option in enumerate(options):
            pdf = document.copy([document.pages[index]]).write_pdf(
                pdf_variant=option.pdf_variant, pdf_identifier=option.identifier,
                uncompressed_pdf=option.uncompressed)
            document.pages[index] = None  # its boxes are no longer needed
            yield pdf, overflows[index], slots[index]


@contextmanager
def _rendered(html: str, base_url: str, fetcher: RestrictedFetcher, strict: bool) -> Iterator:
    """Lay out `html` and yield the WeasyPrint document, collecting WeasyPrint's warnings while the
    body writes it; with `strict`, a warning about a resource that failed to load raises `RenderError`
    once the body is done."""
    # Imported here: importing WeasyPrint costs ~0.5 s, which the CLI's --help should not pay.
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    collector = _FetchProblems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        try:
            document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher.url_fetcher()).render()
        except FatalURLFetchingError as error:
            # WeasyPrint's fatal error is a BaseException; make it an ordinary, explained one.
            cause = error.__cause__ or error
            raise RenderError(str(cause)) from error
        yield document
    finally:
        logger.removeHandler(collector)
    fatal = [m for m in collector.messages if _is_fatal(m)]
    if strict and fatal:
        raise RenderError("; ".join(dict.fromkeys(fatal)))


def _stable_colour_profiles(document) -> None:
    """Make every write of the document embed the same ICC bytes.

    WeasyPrint re-serialises each colour profile through LittleCMS at every `write_pdf`, and the
    second serialisation of the same profile object differs from the first (52 bytes longer), so
    the second page written from one layout would differ from the same page rendered alone.
    The bytes of the first serialisation are kept and reused.
    """
    for profile in getattr(document, "color_profiles", {}).values():
        if isinstance(profile, _FrozenProfile) or not hasattr(profile, "_profile"):
            continue
        profile._frozen_content = profile.content
        profile.__class__ = _frozen_class(type(profile))


class _FrozenProfile:
    """Marker base for colour profiles whose bytes were fixed by `_stable_colour_profiles`."""


_FROZEN_CLASSES: dict[type, type] = {}


def _frozen_class(cls: type) -> type:
    if cls not in _FROZEN_CLASSES:
        _FROZEN_CLASSES[cls] = type(f"Frozen{cls.__name__}", (_FrozenProfile, cls),
                                    {"content": property(lambda self: self._frozen_content)})
    return _FROZEN_CLASSES[cls]


def _overflows(document) -> list[list[dict]]:
    try:
        from coldcase.publish.preflight.overflow import layout_overflows
    except ImportError:
        return [[] for _ in document.pages]
    return layout_overflows(document)


def _is_fatal(message: str) -> bool:
    # Unsupported CSS properties are our own stylesheet's business and not worth a failed build;
    # anything that failed to load is.
    lowered = message.lower()
    return any(word in lowered for word in ("failed to load", "refused", "unable to", "error"))


def allowed_dirs(*extra: Path | None) -> tuple[Path, ...]:
    """The folders a calendar may read: the static folder plus `extra` (cases, build temp)."""
    folders: Iterable[Path | None] = (STATIC_DIR, *extra)
    return tuple(Path(folder).resolve() for folder in folders if folder is not None)
