"""Build an edition's PDFs: the orchestration, stage by stage.

    build_calendar(library, 2027, BuildOptions(variant="print", out_dir=Path("output/2027"))) -> BuildResult

1. Check the edition (`edition_checks.py`: unknown, invalid, solved or duplicate case, wrong number
   of weeks, no consent, photo missing or too small for the paper size). Any problem stops the build
   before rendering, and nothing is written that looks finished.
2. Lay out the pages (`pages.py`) and make each page's HTML (`document.py`): its hash is the page's
   cache key.
3. Render the pages that are not in the cache in worker processes (`workers.py`). With an empty cache
   the workers start as the build begins, so that their start overlaps the page preparation. Callers
   with more than one worker need an `if __name__ == "__main__":` guard.
4. Merge the page PDFs (`pdfpost.py`), write the manifest (`manifest.py`), then run preflight.

Same sources give the same bytes: dates come from the edition, identifiers from content hashes.
`render_naive` renders the same pages in one WeasyPrint call from the original photos: the
benchmark's baseline (bench/calendar_build.py).
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coldcase.cases.model import Edition, Library
from coldcase.publish import document, edition_checks
from coldcase.publish.links import DEFAULT_BASE_URL, case_url, printed_url
from coldcase.publish.manifest import add_job_ticket, build_manifest, chunk_overflows
from coldcase.publish.pages import PAPER_SIZES, VARIANTS, Page
from coldcase.publish.pdfpost import merge_chunks
from coldcase.publish.render import RestrictedFetcher, allowed_dirs, html_to_pdf
from coldcase.publish.workers import DEFAULT_CHUNK_PAGES, EarlyPool, has_chunks, known_inks, render_chunks
from coldcase.resources import STATIC_DIR

#: Where Debian's libgs-common installs Ghostscript's US web-offset (SWOP) CMYK profile.
SWOP_PROFILE = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
#: The press profiles (the print's output intent) an edition may choose with `print_profile`. FOGRA39 (European
#: coated offset, total ink 300%) is bundled with the package (static/icc/README.md says where it comes from).
PRINT_PROFILES = {"fogra39": STATIC_DIR / "icc" / "coldcase-fogra39-coated.icc", "swop": SWOP_PROFILE}
#: The profile of an edition that names none.
DEFAULT_CMYK_PROFILE = PRINT_PROFILES["fogra39"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    """What to build: one variant of an edition, where to, and how.

    `weeks` builds only those week pages (for tests); `cache_dir` defaults to `out_dir/.cache`;
    `workers` defaults to one per core.
    """

    variant: str = "print"
    out_dir: Path = Path("output")
    distribution: str | None = None
    size: str = "A4"
    base_url: str = DEFAULT_BASE_URL
    cache_dir: Path | None = None
    workers: int | None = None
    chunk_pages: int = DEFAULT_CHUNK_PAGES
    weeks: tuple[int, ...] | None = None
    cmyk_profile: Path | None = None
    preflight: bool = True

    def __post_init__(self) -> None:
        # Codes are upper case in the edition file; a code typed in lower case means the same point.
        code = self.distribution.strip().upper() if self.distribution else None
        object.__setattr__(self, "distribution", code or None)
        object.__setattr__(self, "out_dir", Path(self.out_dir))

    @property
    def cache(self) -> Path:
        """The render cache folder."""
        return Path(self.cache_dir or self.out_dir / ".cache")

    def profile_for(self, edition: Edition | None) -> Path:
        """The CMYK profile of the output intent (print and cards): `cmyk_profile` if given, else the
        edition's `print_profile`."""
        if self.cmyk_profile:
            return Path(self.cmyk_profile)
        chosen = getattr(edition, "print_profile", None) or "fogra39"
        return PRINT_PROFILES.get(chosen, DEFAULT_CMYK_PROFILE)

    def replace(self, **changes) -> BuildOptions:
        """A copy with `changes`."""
        return dataclasses.replace(self, **changes)

    def problems(self) -> list[str]:
        """What is wrong with the options themselves, one line each."""
        problems = []
        if self.variant not in VARIANTS:
            problems.append(f"unknown variant '{self.variant}': choose one of {', '.join(VARIANTS)}")
        if self.size not in PAPER_SIZES:
            problems.append(f"unknown paper size '{self.size}': choose one of {', '.join(PAPER_SIZES)}")
        return problems


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


def check_edition(library: Library, year: int, options: BuildOptions) -> tuple[Edition | None, list[str]]:
    """The edition of `year` and every problem that stops it being built with `options`, as readable lines."""
    problems = options.problems()
    edition, items = edition_checks.check_edition(library, year, options.variant, options.size,
                                                  options.distribution)
    profile = options.profile_for(edition)
    if edition is not None and VARIANTS.get(options.variant, VARIANTS["screen"]).cmyk and not profile.is_file():
        hint = " (Debian: apt-get install libgs-common)" if profile == SWOP_PROFILE else ""
        problems.append(f"the CMYK profile {profile} is missing{hint}")
    return edition, problems + edition_checks.blocking_problems(items)


def build_calendar(library: Library, year: int, options: BuildOptions,
                   progress: Progress | None = None) -> BuildResult:
    """Build one variant of the edition of `year`; see the module docstring.

    Never raises for a problem in the cases or the edition: they are listed in the result.
    """
    started = time.perf_counter()
    result = BuildResult(year, options.variant)
    edition, result.problems = check_edition(library, year, options)
    if result.problems or edition is None:
        result.seconds = time.perf_counter() - started
        return result
    # With an empty cache every page will be rendered: the workers start now, so that their start
    # (importing WeasyPrint) overlaps the page preparation. With a cache, they start only if the
    # pages left to render need them.
    pool = EarlyPool(max(1, options.workers or os.cpu_count() or 1), start=not has_chunks(options.cache))
    try:
        _build(library, edition, options, progress, pool, result)
    finally:
        pool.shutdown()
    result.seconds = time.perf_counter() - started
    return result


def can_stamp(variant: str) -> bool:
    """Whether copies of `variant` can be stamped onto shared pages (`build_copies`): not the screen variant,
    whose live links would need each copy's link annotations too."""
    return variant in VARIANTS and not VARIANTS[variant].live_links


def build_copies(library: Library, year: int, options: BuildOptions, codes: list[str],
                 progress: Progress | None = None) -> list[BuildResult]:
    """Build the copies of the edition of `year` for the distribution points `codes`: one PDF, manifest and job
    ticket each, each preflighted, as `build_calendar` with `distribution=code` would, but the pages are laid out
    once for all of them.

    The pages are laid out with an empty slot wherever a point's code is printed (QR codes, printed URLs, the
    cover's language line and the colophon; `slots.py`), as wide as the widest point's code makes it; each copy
    is then merged from the same page PDFs and its own QR codes and text are stamped into the slots
    (`stamps.py`). Only for variants that `can_stamp`. The first result counts the pages laid out; the others
    lay out none. A problem with the edition or a code is returned as one unbuilt result.
    """
    started = time.perf_counter()
    codes = [code.strip().upper() for code in codes]  # as BuildOptions takes a code
    first = BuildResult(year, options.variant)
    edition, first.problems = check_edition(library, year, options.replace(distribution=None))
    if edition is not None:
        known = {point.code for point in edition.distribution}
        first.problems += [f"unknown distribution point '{code}'" for code in codes if code not in known]
    if not can_stamp(options.variant):
        first.problems.append(f"the {options.variant} variant has live links: build its copies one by one")
    if first.problems or edition is None or not codes:
        first.seconds = time.perf_counter() - started
        return [first]
    from coldcase.publish.stamps import widest

    workers = max(1, options.workers or os.cpu_count() or 1)
    pool = EarlyPool(workers, start=not has_chunks(options.cache))
    try:
        rendered = lay_out(library, edition, options.replace(distribution=None), progress, pool, first.warnings,
                           stamp_code=widest(codes))
    finally:
        pool.shutdown()
    laid_out = time.perf_counter() - started
    slots = [_slots(path) for path in rendered.chunk_paths]
    # A copy without its code in some place must never look finished: every slot of the HTML must have been found.
    missing = [f"{page.key}: {len(found)} of {text.count('data-stamp=')} places for the point's code were laid out"
               for page, text, found in zip(rendered.page_set.pages, rendered.documents, slots, strict=True)
               if len(found) != text.count("data-stamp=")]
    if missing:
        first.problems = missing
        first.seconds = time.perf_counter() - started
        return [first]
    tasks = [(library, edition, options.replace(distribution=code), rendered, code, slots, list(first.warnings))
             for code in codes]
    if workers > 1 and len(codes) > 1:
        # Merging, stamping and preflight of a copy take a second or two of one core: the copies are shared
        # between the workers (forked from the same warm forkserver as the render workers).
        finishers = EarlyPool(min(workers, len(codes)))
        try:
            executor = finishers.executor()
            results = [future.result() for future in [executor.submit(_copy, *task) for task in tasks]]
        finally:
            finishers.shutdown()
    else:
        results = [_copy(*task) for task in tasks]
    # The pages were laid out for the first copy.
    results[0].chunks_rendered = rendered.rendered
    results[0].chunks_cached = results[0].pages - rendered.rendered
    results[0].seconds += laid_out
    return results


def _copy(library: Library, edition: Edition, options: BuildOptions, rendered: _Rendered, code: str,
          slots: list[list[dict]], warnings: list[str]) -> BuildResult:
    """The copy of the point `code` (a worker's task, or run here): merged from the laid-out pages with its marks
    stamped into their `slots`, its manifest written, preflighted and ticketed."""
    from coldcase.publish.stamps import marks_for, stamp_pages

    started = time.perf_counter()
    result = BuildResult(edition.year, options.variant, warnings=warnings)

    def url_of(case_id: str | None) -> str:
        return case_url(options.base_url, case_id or "", edition.year, code)

    marks = [marks_for(page_slots, url_of, printed_url, code) for page_slots in slots]
    _finish(library, edition, options, rendered, code, result, finish=lambda pdf: stamp_pages(pdf, marks))
    result.chunks_rendered, result.chunks_cached = 0, result.pages
    result.seconds = time.perf_counter() - started
    return result


def _slots(chunk_path: Path) -> list[dict]:
    """The stamp slots the renderer stored beside a page's PDF (none for a page without the point's code)."""
    path = chunk_path.with_suffix(".slots.json")
    return json.loads(path.read_text()) if path.exists() else []


@dataclass
class _Rendered:
    """The laid-out pages of one build, ready to be merged into one or more PDFs."""

    page_set: document.PageSet
    documents: list[str]
    chunk_paths: list[Path]
    rendered: int
    profile: Path | None
    work: document.Workspace


def lay_out(library: Library, edition: Edition, options: BuildOptions, progress: Progress | None,
            pool: EarlyPool, warnings: list[str], stamp_code: str | None = None,
            keep: Callable[[Page], bool] | None = None) -> _Rendered:
    """Lay out the pages missing from the cache (`stamp_code`: with empty slots for the copies' codes; `keep`:
    only the pages it accepts, as the one-page preview asks)."""
    variant, cache_dir = VARIANTS[options.variant], options.cache
    profile = options.profile_for(edition)
    work = document.Workspace(cache_dir, profile if variant.cmyk else None)
    page_set = document.page_set(library, edition, options.variant, options.size, options.distribution,
                                 options.base_url, work, naive=False, weeks=options.weeks, stamp_code=stamp_code)
    warnings.extend(page_set.warnings)
    if variant.cmyk and profile == SWOP_PROFILE:
        warnings.append("the output intent is SWOP (US web offset): Dutch printers print on European "
                        "stock; choose print_profile: fogra39 unless the printer asks for SWOP")
    css = document.stylesheet(variant, page_set, work)
    pages = [page for page in page_set.pages if keep is None or keep(page)]

    def html(batch):
        return document.document_html(edition, batch, page_set, variant, work, options.distribution, css)

    documents = [html([page]) for page in pages]
    fetcher = RestrictedFetcher(allowed_dirs(library.root, cache_dir), work_dir=cache_dir.resolve())
    chunk_paths, rendered = render_chunks(documents, pages, fetcher, variant, work, progress, pool,
                                          options.chunk_pages, html)
    return _Rendered(page_set, documents, chunk_paths, rendered, profile if variant.cmyk else None, work)


def _build(library: Library, edition: Edition, options: BuildOptions, progress: Progress | None,
           pool: EarlyPool, result: BuildResult) -> None:
    rendered = lay_out(library, edition, options, progress, pool, result.warnings)
    _finish(library, edition, options, rendered, options.distribution, result)


def _finish(library: Library, edition: Edition, options: BuildOptions, rendered: _Rendered,
            distribution: str | None, result: BuildResult, finish=None) -> None:
    """Merge the pages into the PDF of `distribution` (`finish(pdf)` stamps a copy's marks before it is
    saved), write its manifest, preflight it and add the job ticket."""
    variant, out_dir = VARIANTS[options.variant], options.out_dir
    pages, chunk_paths = rendered.page_set.pages, rendered.chunk_paths
    # Counted per page: each page is one cache entry ("chunk") whatever batch rendered it.
    result.chunks_rendered, result.chunks_cached = rendered.rendered, len(pages) - rendered.rendered
    out_dir.mkdir(parents=True, exist_ok=True)
    name = output_name(edition.year, options.variant, distribution)
    pdf_path, manifest_path = out_dir / f"{name}.pdf", out_dir / f"{name}.json"
    partial = out_dir / f".{name}.pdf.part"
    work_uri = options.cache.resolve().as_uri() + "/"
    identity = "|".join(document.pdf_options(variant, text, work_uri).identifier.decode()
                        for text in rendered.documents)
    if finish is not None:  # stamped copies share their pages: the code makes each copy's identity its own
        identity += f"|{distribution}"
    merge_chunks(chunk_paths, partial, document.pdf_metadata(edition, options.variant, distribution),
                 identity, labels=[page.key for page in pages], finish=finish)
    overflows = [item for path in chunk_paths for item in chunk_overflows(path)]
    manifest = build_manifest(library, edition, options.variant, options.size, distribution, rendered.page_set,
                              rendered.work, overflows, base_url=options.base_url)
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(pdf_path)  # the finished name appears only once the file is complete
    result.pdf_path, result.manifest_path, result.pages = pdf_path, manifest_path, len(pages)
    if options.preflight:
        photos = {job.destination for page in pages for job in page.photos}
        result.preflight = _run_preflight(pdf_path, manifest_path, result, known_inks(photos))
    add_job_ticket(manifest_path, result.pdf_path, edition, distribution, rendered.profile, result.preflight)


def render_naive(library: Library, year: int, out_path: Path, options: BuildOptions | None = None,
                 page_range: tuple[int, int | None] | None = None) -> Path:
    """The benchmark's baseline: every page in one WeasyPrint call, with the original photos.

    No cache, no parallelism, no photo conversion. `page_range` (start, end) renders only those pages:
    the benchmark splits the baseline between processes with it, to measure what parallel rendering
    alone can gain on the machine. The cache folder defaults to `.cache-naive` beside `out_path`.
    Raises `BuildProblems` if the edition has problems.
    """
    options = options or BuildOptions()
    edition, problems = check_edition(library, year, options)
    if problems or edition is None:
        raise BuildProblems(problems)
    variant = VARIANTS[options.variant]
    cache_dir = Path(options.cache_dir or Path(out_path).parent / ".cache-naive")
    work = document.Workspace(cache_dir, options.profile_for(edition) if variant.cmyk else None)
    page_set = document.page_set(library, edition, options.variant, options.size, options.distribution,
                                 options.base_url, work, naive=True)
    pages = page_set.pages[slice(*page_range)] if page_range else page_set.pages
    html = document.document_html(edition, pages, page_set, variant, work, options.distribution)
    fetcher = RestrictedFetcher(allowed_dirs(library.root, cache_dir))
    pdf = html_to_pdf(html, cache_dir.resolve().as_uri() + "/", fetcher, document.pdf_options(variant, html))
    Path(out_path).write_bytes(pdf)
    return Path(out_path)


def _run_preflight(pdf_path: Path, manifest_path: Path, result: BuildResult,
                   inks: dict[str, float | None] | None = None):
    """Run the preflight checks if that module is installed (with the photos' `inks` measured as they were
    converted); mark the PDF not for print on errors."""
    try:
        from coldcase.publish import preflight
    except ImportError:
        result.warnings.append("preflight is not available: the PDF was not checked")
        return None
    report = preflight.run_preflight(pdf_path, manifest_path, known_inks=inks)
    if report.errors:
        marked = preflight.mark_not_for_print(pdf_path)
        if isinstance(marked, (str, Path)):
            result.pdf_path = Path(marked)
    return report
