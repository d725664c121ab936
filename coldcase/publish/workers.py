"""The render workers: the pages missing from the cache, laid out by WeasyPrint in worker processes.

Workers come from a forkserver (`EarlyPool`), never a fork of the calling process (which may be a web
server with threads); the forkserver imports WeasyPrint once (`worker_preload`). The missing pages are
split into a few batches (at least one per worker); each batch converts its photos, is laid out by one
WeasyPrint call, and each of its pages is written as its own PDF into the cache under the hash of its
HTML (`chunk_key`). A rebuild with at most `IN_PROCESS_PAGES` pages renders them in its own process.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from coldcase.publish.document import Workspace, pdf_options
from coldcase.publish.images import ensure_photo, file_sha256
from coldcase.publish.pages import Page, Variant
from coldcase.publish.pdfpost import finished_page
from coldcase.publish.render import PdfOptions, RestrictedFetcher, render_pages
from coldcase.resources import STATIC_DIR

Progress = Callable[[int, int], None]

#: At most this many pages per WeasyPrint call (a batch). Each call parses the stylesheet and loads
#: the fonts again, so pages are laid out in as few calls as there are workers; the cap bounds a
#: worker's memory (all of a batch's laid-out pages are held at once) and balances the load.
#: The cache stays per page whatever the batch: every page is written as its own PDF. 7: a 56-page calendar
#: in 8 batches, four per worker on two cores, at some 0.1 s of CPU per batch more than 4 batches of 14.
DEFAULT_CHUNK_PAGES = 7
#: Bump when the rendering changes in a way the page HTML does not show.
_RENDER_VERSION = "7"
#: A rebuild with at most this many pages to render renders them in the build's own process: starting
#: the workers (a forkserver that imports WeasyPrint) would take longer than rendering them.
IN_PROCESS_PAGES = 2

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


def render_chunks(documents: list[str], pages: list[Page], fetcher: RestrictedFetcher, variant: Variant,
                   work: Workspace, progress: Progress | None, pool: EarlyPool, chunk_pages: int,
                   batch_html: Callable[[list[Page]], str]) -> tuple[list[Path], int]:
    """Render every page whose PDF is not in the cache; return each page's PDF path and how many were rendered."""
    paths = [work.chunks / f"{_chunk_key(html, variant)}.pdf" for html in documents]
    todo = [i for i, path in enumerate(paths) if not path.exists()]
    done = len(paths) - len(todo)
    if progress:
        progress(done, len(paths))
    base_url = work.cache_dir.resolve().as_uri() + "/"
    tasks = [(batch_html([pages[i] for i in batch]), base_url, fetcher,
              [pdf_options(variant, documents[i], base_url, uncompressed=True) for i in batch],
              [job for i in batch for job in pages[i].photos], [paths[i] for i in batch],
              [pages[i].cut_boxes for i in batch])
             for batch in _batches(todo, pool.workers, chunk_pages)]
    # With workers, the pages go to them (the build's own process then never imports WeasyPrint),
    # unless this is a rebuild with so few pages to render that starting the workers would cost more.
    in_process = pool.workers <= 1 or not tasks or (not pool.started and len(todo) <= IN_PROCESS_PAGES)
    executor = None if in_process else pool.executor()
    if executor is None:
        for task in tasks:
            with _IN_PROCESS_LOCK:  # two builds in one web process: WeasyPrint is not thread-safe
                _render_chunk(*task)
            done += len(task[-2])
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


def has_chunks(cache_dir: Path) -> bool:
    """Whether an earlier build left rendered pages in `cache_dir` (a rebuild, not a cold build)."""
    try:
        return any(entry.name.endswith(".pdf") for entry in os.scandir(cache_dir / "chunks"))
    except OSError:
        return False


class EarlyPool:
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
                  photos: Iterable, destinations: list[Path], cut_boxes: list | None = None) -> list[Path]:
    """Worker: convert the batch's photos (if not cached), lay the batch out once, store each page under its key."""
    photos = [job for job in photos if not job.destination.exists()]
    for job in photos:
        ensure_photo(job.source, job.target, job.destination)
        if job.target.cmyk_profile is not None:
            _record_ink(job.destination)
    if photos:
        _give_back_memory()  # the decoded originals, before the layout needs the room
    boxes = cut_boxes or [()] * len(destinations)
    partials = []
    # Each page is finished and written as soon as it is laid out (so that a batch's PDFs never pile up in
    # memory), under a temporary name: the pages enter the cache only once the whole batch rendered without a
    # failed resource (`render_pages` raises at its end).
    try:
        for (pdf, overflows, slots), option, destination, cuts in zip(
                render_pages(html, base_url, fetcher, options), options, destinations, boxes, strict=True):
            if any(destination == taken for _, taken, *_ in partials):
                continue  # the same HTML twice in one batch (a card's back): the same page, written once
            pdf = finished_page(pdf, cmyk=bool(option.pdf_variant), cut_boxes=tuple(cuts))
            partial = destination.with_name(f"{destination.name}.{os.getpid()}.part")
            partial.write_bytes(pdf)
            partials.append((partial, destination, overflows, slots))
    except BaseException:
        for partial, *_ in partials:
            partial.unlink(missing_ok=True)
        raise
    for partial, destination, overflows, slots in partials:
        # Stored next to the page so that a cached page still reports its overflows in the manifest, and
        # still says where the copies' marks go.
        destination.with_suffix(".overflow.json").write_text(json.dumps([overflows]))
        if slots:
            destination.with_suffix(".slots.json").write_text(json.dumps(slots))
        partial.replace(destination)
    _give_back_memory()
    return destinations


def ink_path(photo: Path) -> Path:
    """Where the ink of a converted photo is kept: beside it in the cache."""
    return photo.with_suffix(".ink.json")


def _record_ink(photo: Path) -> None:
    """Measure a converted CMYK photo's ink as preflight would (`press.jpeg_ink`) and keep it beside the photo
    with its bytes' sha256, so that the build's preflight need not decode the photo again: here it is measured
    in parallel, and once for every later build that finds the photo in the cache."""
    try:
        from coldcase.publish.preflight.press import jpeg_ink
    except ImportError:  # no preflight installed: nothing will ask
        return
    data = photo.read_bytes()
    record = {"sha256": hashlib.sha256(data).hexdigest(), "ink": jpeg_ink(data)}
    partial = ink_path(photo).with_name(f"{ink_path(photo).name}.{os.getpid()}.part")
    partial.write_text(json.dumps(record))
    partial.replace(ink_path(photo))


def known_inks(photos: Iterable[Path]) -> dict[str, float | None]:
    """The inks `_record_ink` kept for `photos`, by the sha256 of each photo's bytes (none for a photo that was
    converted without it, or whose record cannot be read: preflight then measures it)."""
    known: dict[str, float | None] = {}
    for photo in photos:
        try:
            record = json.loads(ink_path(photo).read_text())
            ink = record["ink"]
            if ink is None or isinstance(ink, (int, float)):
                known[str(record["sha256"])] = ink
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return known


def _give_back_memory() -> None:
    """Return the freed layout to the system, so a worker's next batch does not stack on the last one's."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc only; elsewhere freed memory just stays with the worker
    except (AttributeError, OSError):
        pass
