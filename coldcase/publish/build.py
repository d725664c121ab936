"""Build an edition's PDFs: check, lay out, render page chunks in parallel, merge, record.

    build_calendar(library, 2027, "print", out_dir) -> BuildResult

1. Check the edition (unknown, invalid, solved or duplicate case, wrong number of weeks, photo
   missing or too small for the paper size). Any problem stops the build before rendering, and
   nothing is written that looks finished.
2. Lay out the pages (`pages.py`) and render each page to HTML: its hash is the page's cache key.
3. Render the pages that are not in the cache, in worker processes (WeasyPrint uses one core) forked
   by a forkserver (`_EarlyPool`): the missing pages are split into a few batches (at least one per
   worker), each batch converts its photos and is laid out by one WeasyPrint call, and each page of
   it is written, compressed, as its own PDF into the cache. The HTML names the converted photos by
   the hash of their sources, so editing one case re-renders one page. With an empty cache the
   forkserver starts as the build begins, so that its start overlaps the page preparation; with a
   cache, a rebuild that leaves at most `IN_PROCESS_PAGES` pages to render renders them in its own
   process and starts no workers at all. Callers with more than one worker need an
   `if __name__ == "__main__":` guard.
4. Merge the page PDFs with pikepdf (their streams are already compressed, so this mostly copies),
   write the manifest, then run preflight.

Same sources give the same bytes: dates come from the edition, identifiers from content hashes.
`render_naive` renders the same pages in one WeasyPrint call from the original photos: the
benchmark's baseline (bench/calendar_build.py).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from coldcase.cases.model import Edition, Library
from coldcase.publish import texts
from coldcase.publish.images import ensure_photo, file_sha256, required_pixels
from coldcase.publish.links import DEFAULT_BASE_URL
from coldcase.publish.pages import (
    CARD_PHOTO_MM,
    PAPER_SIZES,
    VARIANTS,
    WEEK_PHOTO_MM,
    Page,
    PageOptions,
    PageSet,
    Variant,
    edition_pages,
)
from coldcase.publish.render import (
    STATIC_DIR,
    TEMPLATES_DIR,
    PdfOptions,
    RestrictedFetcher,
    allowed_dirs,
    html_to_pdf,
    render_pages,
)

#: Where Debian's libgs-common installs its CMYK profile (the print output intent).
DEFAULT_CMYK_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
#: At most this many pages per WeasyPrint call (a batch). Each call parses the stylesheet and loads
#: the fonts again, so pages are laid out in as few calls as there are workers; the cap bounds a
#: worker's memory (all of a batch's laid-out pages are held at once) and balances the load.
#: The cache stays per page whatever the batch: every page is written as its own PDF.
DEFAULT_CHUNK_PAGES = 14
#: Bump when the rendering changes in a way the page HTML does not show.
_RENDER_VERSION = "5"
#: A rebuild with at most this many pages to render renders them in the build's own process: starting
#: the workers (a forkserver that imports WeasyPrint) would take longer than rendering them.
IN_PROCESS_PAGES = 2

Progress = Callable[[int, int], None]


class BuildProblems(Exception):
    """The edition cannot be built as it is; `problems` says why, one line each."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class BuildResult:
    """What one build produced and found."""

    year: int
    variant: str
    pdf_path: Path | None = None
    manifest_path: Path | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pages: int = 0
    chunks_rendered: int = 0
    chunks_cached: int = 0
    seconds: float = 0.0
    preflight: object | None = None

    @property
    def ok(self) -> bool:
        """Whether the PDF was built and preflight (when it ran) found no error."""
        if self.problems or self.pdf_path is None:
            return False
        return not getattr(self.preflight, "errors", None)

    def summary(self) -> str:
        """One line for the terminal or the build log."""
        if self.pdf_path is None:
            return f"calendar {self.year} {self.variant}: NOT BUILT, {len(self.problems)} problem(s)"
        state = "ok" if self.ok else "NOT FOR PRINT"
        return (f"calendar {self.year} {self.variant}: {state}, {self.pages} pages, {self.pdf_path.name} "
                f"({self.pdf_path.stat().st_size / 1e6:.1f} MB), {self.chunks_rendered} rendered, "
                f"{self.chunks_cached} from cache, {len(self.warnings)} warning(s), {self.seconds:.1f} s")


def output_name(year: int, variant: str, distribution: str | None = None) -> str:
    """`calendar-2027-print` or `calendar-2027-print-PI-VUGHT` (no suffix)."""
    return f"calendar-{year}-{variant}" + (f"-{distribution}" if distribution else "")


def check_edition(library: Library, year: int, variant: str = "print", size: str = "A4",
                  distribution: str | None = None) -> tuple[Edition | None, list[str]]:
    """The edition of `year` and every problem that stops it being built, as readable lines."""
    problems: list[str] = []
    if variant not in VARIANTS:
        problems.append(f"unknown variant '{variant}': choose one of {', '.join(VARIANTS)}")
    if size not in PAPER_SIZES:
        problems.append(f"unknown paper size '{size}': choose one of {', '.join(PAPER_SIZES)}")
    edition = library.editions.get(year)
    edition_file = Path(library.root) / "editions" / f"{year}.yaml"
    # The loader's own findings on the edition file, with their line numbers.
    own = [p.format(library.root) for p in library.errors if Path(p.path) == edition_file]
    if edition is None:
        problems.extend(own or [f"there is no valid edition {year} ({edition_file} is missing)"])
        return None, problems
    problems.extend(own)
    if distribution and edition.point(distribution) is None:
        known = ", ".join(p.code for p in edition.distribution)
        problems.append(f"unknown distribution point '{distribution}' in edition {year} (known: {known})")
    # The loader checks the weeks too; they are checked again (unless the loader already said what is wrong)
    # because a build must never trust that the library it was given came from the loader.
    if len(edition.weeks) != 52 and not own:
        problems.append(f"edition {year} lists {len(edition.weeks)} cases; it needs exactly 52, one a week")
    seen: dict[str, int] = {}
    scale = PAPER_SIZES.get(size, PAPER_SIZES["A4"])[0] / 210.0
    frame = CARD_PHOTO_MM if variant == "cards" else (WEEK_PHOTO_MM[0] * scale, WEEK_PHOTO_MM[1] * scale)
    need_w, need_h = required_pixels(*frame, dpi=300)
    for week, case_id in enumerate(edition.weeks, start=1):
        if case_id in seen:
            if not own:
                problems.append(f"week {week}: case '{case_id}' is already in week {seen[case_id]}")
            continue
        seen[case_id] = week
        case = library.cases.get(case_id)
        if case is None:
            why = "has errors" if case_id in library.invalid_case_ids else "is unknown"
            if not own:
                problems.append(f"week {week}: case '{case_id}' {why}")
            continue
        if not case.is_open and not own:
            problems.append(f"week {week}: case '{case_id}' is {case.status}; only open cases are printed")
        photo = case.printed_photo
        if not photo.path.is_file():
            problems.append(f"week {week}: photo {photo.path} of case '{case_id}' is missing")
        elif variant != "screen" and (photo.width < need_w or photo.height < need_h):
            problems.append(f"week {week}: photo '{photo.file}' of case '{case_id}' is {photo.width}×{photo.height} px;"
                            f" printing at {frame[0]:.0f}×{frame[1]:.0f} mm ({size}) needs {need_w}×{need_h} px")
    return edition, problems


def build_calendar(library: Library, year: int, variant: str, out_dir: Path, distribution: str | None = None,
                   size: str = "A4", progress: Progress | None = None, base_url: str = DEFAULT_BASE_URL,
                   *, cache_dir: Path | None = None, workers: int | None = None,
                   chunk_pages: int = DEFAULT_CHUNK_PAGES, weeks: tuple[int, ...] | None = None,
                   cmyk_profile: Path | None = None, preflight: bool = True) -> BuildResult:
    """Build one variant of the edition of `year` into `out_dir`; see the module docstring.

    `weeks` builds only those week pages (for tests); `cache_dir` defaults to `out_dir/.cache`.
    Never raises for a problem in the cases or the edition: they are listed in the result.
    """
    started = time.perf_counter()
    distribution = distribution.strip().upper() if distribution else None
    result = BuildResult(year, variant)
    edition, result.problems = check_edition(library, year, variant, size, distribution)
    profile = Path(cmyk_profile or DEFAULT_CMYK_PROFILE)
    if VARIANTS.get(variant, VARIANTS["screen"]).cmyk and not profile.is_file():
        result.problems.append(f"the CMYK profile {profile} is missing (Debian: apt-get install libgs-common)")
    if result.problems or edition is None:
        result.seconds = time.perf_counter() - started
        return result

    out_dir = Path(out_dir)
    cache_dir = Path(cache_dir or out_dir / ".cache")
    # With an empty cache every page will be rendered: the workers start now, so that their start
    # (importing WeasyPrint) overlaps the page preparation. With a cache, they start only if the
    # pages left to render need them.
    pool = _EarlyPool(max(1, workers or os.cpu_count() or 1), start=not _has_chunks(cache_dir))
    try:
        return _build(library, edition, variant, out_dir, cache_dir, distribution, size, progress, base_url,
                      pool, chunk_pages, weeks, profile, preflight, result, started)
    finally:
        pool.shutdown()


def _build(library: Library, edition: Edition, variant: str, out_dir: Path, cache_dir: Path,
           distribution: str | None, size: str, progress: Progress | None, base_url: str, pool: _EarlyPool,
           chunk_pages: int, weeks: tuple[int, ...] | None, profile: Path, preflight: bool, result: BuildResult,
           started: float) -> BuildResult:
    work = _Workspace(cache_dir, profile if VARIANTS[variant].cmyk else None)
    page_set = _page_set(library, edition, variant, size, distribution, base_url, work, naive=False,
                         weeks=weeks)
    result.warnings = page_set.warnings
    css = _css(VARIANTS[variant], page_set, work)
    pages = page_set.pages
    documents = [_chunk_html(edition, [page], page_set, VARIANTS[variant], work, distribution, css)
                 for page in pages]
    fetcher = RestrictedFetcher(allowed_dirs(library.root, cache_dir), work_dir=cache_dir.resolve())
    chunk_paths, rendered = _render_chunks(
        documents, pages, fetcher, VARIANTS[variant], work, progress, pool, chunk_pages,
        lambda batch: _chunk_html(edition, batch, page_set, VARIANTS[variant], work, distribution, css))
    # Counted per page: each page is one cache entry ("chunk") whatever batch rendered it.
    result.chunks_rendered, result.chunks_cached = rendered, len(pages) - rendered

    out_dir.mkdir(parents=True, exist_ok=True)
    name = output_name(edition.year, variant, distribution)
    pdf_path, manifest_path = out_dir / f"{name}.pdf", out_dir / f"{name}.json"
    partial = out_dir / f".{name}.pdf.part"
    work_uri = cache_dir.resolve().as_uri() + "/"
    identity = "|".join(_pdf_options(VARIANTS[variant], html, work_uri).identifier.decode() for html in documents)
    merge_chunks(chunk_paths, partial, _metadata(edition, variant, distribution), identity,
                 labels=[page.key for page in page_set.pages])
    overflows = [item for path in chunk_paths for item in _chunk_overflows(path)]
    manifest = build_manifest(library, edition, variant, size, distribution, page_set, work, overflows)
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(pdf_path)  # the finished name appears only once the file is complete
    result.pdf_path, result.manifest_path, result.pages = pdf_path, manifest_path, len(page_set.pages)
    if preflight:
        result.preflight = _run_preflight(pdf_path, manifest_path, result)
    result.seconds = time.perf_counter() - started
    return result


def render_naive(library: Library, year: int, variant: str, out_path: Path, distribution: str | None = None,
                 size: str = "A4", base_url: str = DEFAULT_BASE_URL, cmyk_profile: Path | None = None,
                 cache_dir: Path | None = None, page_range: tuple[int, int] | None = None) -> Path:
    """The benchmark's baseline: every page in one WeasyPrint call, with the original photos.

    No cache, no parallelism, no photo conversion. `page_range` (start, end) renders only those pages:
    the benchmark splits the baseline between processes with it, to measure what parallel rendering
    alone can gain on the machine. Raises `BuildProblems` if the edition has problems.
    """
    edition, problems = check_edition(library, year, variant, size, distribution)
    if problems or edition is None:
        raise BuildProblems(problems)
    cache_dir = Path(cache_dir or Path(out_path).parent / ".cache-naive")
    profile = Path(cmyk_profile or DEFAULT_CMYK_PROFILE)
    work = _Workspace(cache_dir, profile if VARIANTS[variant].cmyk else None)
    page_set = _page_set(library, edition, variant, size, distribution, base_url, work, naive=True)
    pages = page_set.pages[slice(*page_range)] if page_range else page_set.pages
    html = _chunk_html(edition, pages, page_set, VARIANTS[variant], work, distribution)
    fetcher = RestrictedFetcher(allowed_dirs(library.root, cache_dir))
    pdf = html_to_pdf(html, cache_dir.resolve().as_uri() + "/", fetcher, _pdf_options(VARIANTS[variant], html))
    Path(out_path).write_bytes(pdf)
    return Path(out_path)


# ---------- the pieces ----------

class _Workspace:
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


def _page_set(library: Library, edition: Edition, variant: str, size: str, distribution: str | None,
              base_url: str, work: _Workspace, naive: bool, weeks: tuple[int, ...] | None = None) -> PageSet:
    hashes = {}
    for case_id in edition.weeks:
        path = library.cases[case_id].printed_photo.path
        hashes[path] = work.sha256(path)
    options = PageOptions(variant=VARIANTS[variant], size=size, distribution=distribution, base_url=base_url,
                          cache_dir=work.cache_dir, cmyk_profile=work.profile, profile_hash=work.profile_hash,
                          naive=naive, source_hashes=hashes)
    return edition_pages(edition, library.cases, options, weeks=weeks)


_environment: jinja2.Environment | None = None


def _jinja() -> jinja2.Environment:
    global _environment
    if _environment is None:
        _environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
                                          autoescape=jinja2.select_autoescape(["html"]),
                                          undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        _environment.globals.update(months=texts.MONTHS_NL, weekdays=texts.WEEKDAYS_NL)
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


def _css(variant: Variant, page_set: PageSet, work: _Workspace) -> str:
    scale = page_set.scale
    width, height = page_set.paper_mm

    def mm(value: float) -> str:
        return f"{value * scale:.2f}mm"

    def pt(value: float) -> str:
        return f"{value * scale:.2f}"

    colours = {name: (f"device-cmyk({' '.join(f'{v:g}' for v in cmyk)})" if variant.cmyk else rgb)
               for name, (cmyk, rgb) in _COLOURS.items()}
    content_height = height - 24 * scale
    two = 16 * scale
    return _jinja().get_template("publish/calendar.css").render(
        static=STATIC_DIR.resolve().as_uri(), icc=work.profile.resolve().as_uri() if work.profile else None,
        page_width=width, page_height=height, bleed=variant.bleed_mm, c=colours, mm=mm, pt=pt,
        content_height=f"{content_height:.2f}", photo_w=f"{WEEK_PHOTO_MM[0] * scale:.2f}",
        photo_h=f"{WEEK_PHOTO_MM[1] * scale:.2f}", cell_h=f"{two:.2f}", cell_h_single=f"{28 * scale:.2f}",
        grid_height=46 * scale,
        grid_num_pt=18, intro_pt=10, index_pt=8.5)


def _chunk_html(edition: Edition, chunk: list[Page], page_set: PageSet, variant: Variant, work: _Workspace,
                distribution: str | None, css: str | None = None) -> str:
    meta = _metadata(edition, variant.name, distribution)
    return _jinja().get_template("publish/calendar.html").render(
        edition=edition, chunk=chunk, css=css if css is not None else _css(variant, page_set, work),
        author=meta["author"],
        description=meta["subject"], created=meta["created"], modified=meta["created"])


def _metadata(edition: Edition, variant: str, distribution: str | None) -> dict[str, str]:
    # A fixed date derived from the edition, not the clock: the same sources give the same bytes.
    created = f"{edition.year - 1}-12-01T00:00:00+00:00"
    subject = f"{edition.title}, {variant}" + (f", {distribution}" if distribution else "")
    return {"title": edition.title, "author": "coldcase", "subject": subject, "created": created}


def _pdf_options(variant: Variant, html: str, work_uri: str = "", uncompressed: bool = False) -> PdfOptions:
    # The identifier must not depend on where the cache lives, or two builds into different
    # folders would differ in their bytes.
    stable = html.replace(work_uri, "") if work_uri else html
    identifier = hashlib.sha256(stable.encode()).hexdigest()[:32].encode()
    return PdfOptions(pdf_variant=variant.pdf_variant, identifier=identifier, uncompressed=uncompressed)


_fingerprint: str | None = None


def _renderer_fingerprint() -> str:
    """WeasyPrint's version and the fonts' hashes: what shapes a page besides its HTML.

    Computed once per process, and without importing WeasyPrint (0.5 s and 50 MB that the parent
    process would hand on to every worker it forks).
    """
    global _fingerprint
    if _fingerprint is None:
        from importlib import metadata

        digest = hashlib.sha256(metadata.version("weasyprint").encode())
        for font in sorted((STATIC_DIR / "fonts").glob("*.ttf")):
            digest.update(file_sha256(font).encode())
        _fingerprint = digest.hexdigest()
    return _fingerprint


def _chunk_key(html: str, variant: Variant) -> str:
    digest = hashlib.sha256()
    for part in (_RENDER_VERSION, _renderer_fingerprint(), variant.name, str(variant.pdf_variant), html):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _batches(todo: list[int], workers: int, most: int) -> list[list[int]]:
    """Split the pages to render into as few batches as there are workers, each of at most `most` pages.

    Contiguous runs, of as equal a size as can be, so that the workers finish together.
    """
    if not todo:
        return []
    count = max(workers, -(-len(todo) // max(1, most)))
    count = min(count, len(todo))
    size, extra = divmod(len(todo), count)
    batches, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        batches.append(todo[start:end])
        start = end
    return batches


def _render_chunks(documents: list[str], pages: list[Page], fetcher: RestrictedFetcher, variant: Variant,
                   work: _Workspace, progress: Progress | None, pool: _EarlyPool, chunk_pages: int,
                   batch_html: Callable[[list[Page]], str]) -> tuple[list[Path], int]:
    """Render every page whose PDF is not in the cache; return each page's PDF path and how many were rendered."""
    paths = [work.chunks / f"{_chunk_key(html, variant)}.pdf" for html in documents]
    todo = [i for i, path in enumerate(paths) if not path.exists()]
    done = len(paths) - len(todo)
    if progress:
        progress(done, len(paths))
    base_url = work.cache_dir.resolve().as_uri() + "/"
    tasks = [(batch_html([pages[i] for i in batch]), base_url, fetcher,
              [_pdf_options(variant, documents[i], base_url, uncompressed=True) for i in batch],
              [job for i in batch for job in pages[i].photos], [paths[i] for i in batch])
             for batch in _batches(todo, pool.workers, chunk_pages)]
    # With workers, the pages go to them (the build's own process then never imports WeasyPrint),
    # unless this is a rebuild with so few pages to render that starting the workers would cost more.
    in_process = pool.workers <= 1 or not tasks or (not pool.started and len(todo) <= IN_PROCESS_PAGES)
    executor = None if in_process else pool.executor()
    if executor is None:
        for task in tasks:
            with _IN_PROCESS_LOCK:  # two builds in one web process: WeasyPrint is not thread-safe
                _render_chunk(*task)
            done += len(task[-1])
            if progress:
                progress(done, len(paths))
    else:
        futures = [executor.submit(_render_chunk, *task) for task in tasks]
        for future in concurrent.futures.as_completed(futures):
            done += len(future.result())
            if progress:
                progress(done, len(paths))
        pool.shutdown()  # the workers' memory is given back before the merge
    return paths, len(todo)


#: Imported once by the forkserver, which then forks every worker: it imports what the workers need
#: (WeasyPrint alone takes ~0.5 s and ~50 MB) and freezes the garbage collector (see the module).
_WORKER_MODULES = ["coldcase.publish.worker_preload"]
_IN_PROCESS_LOCK = threading.Lock()


def _has_chunks(cache_dir: Path) -> bool:
    """Whether an earlier build left rendered pages in `cache_dir` (a rebuild, not a cold build)."""
    try:
        return any(entry.name.endswith(".pdf") for entry in os.scandir(cache_dir / "chunks"))
    except OSError:
        return False


class _EarlyPool:
    """A process pool started in the background, as soon as the build begins (`start`) or when needed.

    Workers come from a forkserver (never a fork of the calling process, which may be a web
    server with threads): the forkserver imports WeasyPrint once and forks warm workers, and it
    stays up for later builds in the same process. Starting blocks until the forkserver has
    imported its modules, so with `start` it happens in a thread while the build prepares its
    pages. `executor()` waits for it, or starts it then; a build that never asks never waits.
    """

    def __init__(self, workers: int, start: bool = True):
        self.workers = workers
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if workers > 1 and start:
            self._begin()

    @property
    def started(self) -> bool:
        """Whether the workers are starting or running."""
        return self._thread is not None

    def _begin(self) -> None:
        self._thread = threading.Thread(target=self._start, name="calendar-pool-start", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_WORKER_MODULES)
            executor = concurrent.futures.ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
            # Each submission to a pool without an idle worker starts one: all of them now.
            for future in [executor.submit(_warm) for _ in range(self.workers)]:
                future.result()
            self._executor = executor
        except BaseException as error:  # reported by executor(), in the build's own thread
            self._error = error

    def executor(self) -> concurrent.futures.ProcessPoolExecutor:
        """The running pool, once its workers are up (started now if they were not)."""
        if self._thread is None:
            self._begin()
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._executor is not None
        return self._executor

    def shutdown(self) -> None:
        if self._thread is not None:
            self._thread.join()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _warm() -> int:
    """Worker: nothing to do but exist (the forkserver imported what it needs)."""
    return os.getpid()


def _render_chunk(html: str, base_url: str, fetcher: RestrictedFetcher, options: list[PdfOptions],
                  photos: Iterable, destinations: list[Path]) -> list[Path]:
    """Worker: convert the batch's photos (if not cached), lay the batch out once, store each page under its key."""
    photos = [job for job in photos if not job.destination.exists()]
    for job in photos:
        ensure_photo(job.source, job.target, job.destination)
    if photos:
        _give_back_memory()  # the decoded originals, before the layout needs the room
    for (pdf, overflows), option, destination in zip(render_pages(html, base_url, fetcher, options),
                                                     options, destinations, strict=True):
        # Stored next to the page so that a cached page still reports its overflows in the manifest.
        destination.with_suffix(".overflow.json").write_text(json.dumps([overflows]))
        pdf = _finished_page(pdf, cmyk=bool(option.pdf_variant))
        partial = destination.with_name(f"{destination.name}.{os.getpid()}.part")
        partial.write_bytes(pdf)
        partial.replace(destination)
    _give_back_memory()
    return destinations


def _give_back_memory() -> None:
    """Return the freed layout to the system, so a worker's next batch does not stack on the last one's."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc only; elsewhere freed memory just stays with the worker
    except (AttributeError, OSError):
        pass


def _finished_page(pdf_bytes: bytes, cmyk: bool) -> bytes:
    """A page as WeasyPrint wrote it (uncompressed), made CMYK-only if `cmyk` (print and cards: nothing
    may stay RGB) and compressed, so that the merge only copies its streams.

    WeasyPrint compresses in Python at zlib level 9 (the 190 kB ICC profile of every page too), which
    more than doubled a page's write; pikepdf compresses in C in a third of that time.
    """
    import io

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


def _chunk_overflows(chunk_path: Path) -> list[list[dict]]:
    path = chunk_path.with_suffix(".overflow.json")
    return json.loads(path.read_text()) if path.exists() else []


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


def build_manifest(library: Library, edition: Edition, variant: str, size: str, distribution: str | None,
                   page_set: PageSet, work: _Workspace, overflows: list[list[dict]] | None = None) -> dict:
    """What the PDF holds, page by page, and the sha256 of every file it was made from."""
    root = Path(library.root)
    sources: dict[str, str] = {}

    def add(path: Path, base: Path) -> None:
        path = Path(path)
        try:
            name = str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            name = str(path)
        sources[name] = work.sha256(path)

    add(edition.source, root)
    for case_id in dict.fromkeys(edition.weeks):
        case = library.cases[case_id]
        for path in (*case.sources, case.printed_photo.path):
            add(path, root)
    project = STATIC_DIR.parent
    for path in sorted((STATIC_DIR / "fonts").glob("*.ttf")) + sorted((TEMPLATES_DIR / "publish").iterdir()):
        add(path, project)
    if work.profile is not None:
        add(work.profile_source, project)
    return {
        "edition": {"year": edition.year, "title": edition.title, "languages": list(edition.languages)},
        "variant": variant,
        "size": size if variant != "cards" else "A4",
        "distribution": distribution,
        "coldcase_version": coldcase_version(),
        "page_count": len(page_set.pages),
        "pages": [_with_overflow(page.manifest_entry(), overflows, index)
                  for index, page in enumerate(page_set.pages)],
        "sources": dict(sorted(sources.items())),
        "warnings": page_set.warnings,
    }


def _with_overflow(entry: dict, overflows: list[list[dict]] | None, index: int) -> dict:
    if overflows and index < len(overflows) and overflows[index]:
        entry["overflow"] = overflows[index]
    return entry


def coldcase_version() -> str:
    """The installed coldcase version, or '0+unknown' when running from a source tree."""
    from importlib import metadata

    try:
        return metadata.version("coldcase")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def _run_preflight(pdf_path: Path, manifest_path: Path, result: BuildResult):
    """Run the preflight checks if that module is installed; mark the PDF not for print on errors."""
    try:
        from coldcase.publish import preflight
    except ImportError:
        result.warnings.append("preflight is not available: the PDF was not checked")
        return None
    report = preflight.run_preflight(pdf_path, manifest_path)
    if report.errors:
        marked = preflight.mark_not_for_print(pdf_path)
        if isinstance(marked, (str, Path)):
            result.pdf_path = Path(marked)
    return report
