"""Calendar builds started from the web: one background thread per build, its record kept up to date.

    build = start_build(app, user, library, 2027, "print")   # returns at once
    ... the thread renders, runs preflight, makes page thumbnails, and records every step ...

A build takes a minute or more; the request that starts it must not wait, and the pages that watch it
read its record (`CalendarBuild`), which the thread updates as it goes. The rendering itself runs in
worker processes (see `build.py`), so the web process stays responsive.

Only one build of an edition and variant runs at a time. A build whose record stops being updated
for `STALE_AFTER` (its process died or restarted) no longer blocks the next one and is shown as
interrupted.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from coldcase.audit import service as audit
from coldcase.auth.models import User, utcnow
from coldcase.cases.model import Library
from coldcase.extensions import db
from coldcase.publish.models import BuildStatus, CalendarBuild

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=15)
#: Thumbnails are this many pixels high: enough to recognise a page, small enough for a grid of 56.
THUMBNAIL_HEIGHT = 420
#: The record is written at most this often while pages render (each write is a commit).
PROGRESS_INTERVAL = 0.5
#: The files of a build that may be downloaded, by the name used in URLs.
DOWNLOADS = ("pdf", "manifest")

_start_lock = threading.Lock()
_threads: dict[int, threading.Thread] = {}


class BuildBusy(Exception):
    """A build of the same edition and variant is still running."""

    def __init__(self, build: CalendarBuild):
        super().__init__(f"calendar {build.label} is already being built (build {build.id})")
        self.build = build


def output_root(app) -> Path:
    """Where web builds keep their folders: `OUTPUT_DIR/builds`."""
    return Path(app.config["OUTPUT_DIR"]) / "builds"


def build_folder(app, build: CalendarBuild) -> Path:
    """The folder of one build's files."""
    return output_root(app) / str(build.id)


def build_file(app, build: CalendarBuild, kind: str) -> Path | None:
    """The PDF or manifest a recorded build wrote, or None. Never a path from the request."""
    name = {"pdf": build.pdf_file, "manifest": build.manifest_file}.get(kind)
    return _inside(build_folder(app, build), name)


def thumbnail_file(app, build: CalendarBuild, number: int) -> Path | None:
    """The PNG of page `number` (1-based) of a build, or None."""
    if not 1 <= number <= build.thumbnail_count:
        return None
    return _inside(build_folder(app, build) / "pages", f"{number:03d}.png")


def _inside(folder: Path, name: str | None) -> Path | None:
    if not name:
        return None
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return None
    return path


def active_build(year: int, variant: str) -> CalendarBuild | None:
    """The build of this edition and variant that is queued or running, if any (stale ones are closed)."""
    query = select(CalendarBuild).where(
        CalendarBuild.year == year, CalendarBuild.variant == variant,
        CalendarBuild.status.in_([BuildStatus.QUEUED.value, BuildStatus.RUNNING.value]))
    for build in db.session.scalars(query):
        if _is_stale(build):
            _finish(build, BuildStatus.FAILED, problems=["the build was interrupted (the server stopped?)"])
            db.session.commit()
            continue
        return build
    return None


def _is_stale(build: CalendarBuild) -> bool:
    thread = _threads.get(build.id)
    if thread is not None and thread.is_alive():
        return False
    updated = build.updated_at
    if updated.tzinfo is None:  # SQLite hands back naive datetimes; they were stored in UTC
        updated = updated.replace(tzinfo=UTC)
    return datetime.now(UTC) - updated > STALE_AFTER


def start_build(app, user: User, library: Library, year: int, variant: str, distribution: str | None = None,
                size: str = "A4") -> CalendarBuild:
    """Record a build and start it in a background thread; returns the record at once.

    Raises `BuildBusy` if the same edition and variant is being built. The start is audited with the record.
    """
    with _start_lock:
        busy = active_build(year, variant)
        if busy is not None:
            raise BuildBusy(busy)
        build = CalendarBuild(year=year, variant=variant, distribution=distribution or None, size=size,
                              status=BuildStatus.QUEUED.value, started_by_id=user.id, problems=[], warnings=[])
        db.session.add(build)
        db.session.flush()
        audit.record(user, audit.CALENDAR_BUILT, f"build:{build.id}",
                     {"year": year, "variant": variant, "distribution": distribution or None, "size": size,
                      "build": build.id, "result": "started"})
        db.session.commit()
        thread = threading.Thread(target=_run, args=(app, build.id, library), name=f"calendar-build-{build.id}",
                                  daemon=True)
        _threads[build.id] = thread
    thread.start()
    return build


def wait_for(build_id: int, timeout: float = 60.0) -> bool:
    """Wait until the build's thread ends (tests and the command line); True if it did."""
    thread = _threads.get(build_id)
    if thread is None:
        return True
    thread.join(timeout)
    return not thread.is_alive()


def _builder(app):
    # Tests give a fast stand-in through the configuration; everything else builds for real.
    builder = app.config.get("CALENDAR_BUILDER")
    if builder is None:
        from coldcase.publish.build import build_calendar as builder
    return builder


def _run(app, build_id: int, library: Library) -> None:
    """The thread: build, record the result, make thumbnails. Never lets an exception escape unrecorded."""
    with app.app_context():
        build = db.session.get(CalendarBuild, build_id)
        try:
            _build(app, build, library)
        except Exception as error:  # noqa: BLE001 - whatever broke, the record must say so
            log.exception("calendar build %s broke", build_id)
            db.session.rollback()
            build = db.session.get(CalendarBuild, build_id)
            _finish(build, BuildStatus.FAILED, problems=[*build.problems, f"the build broke: {error}"])
            db.session.commit()
        finally:
            db.session.remove()


def _build(app, build: CalendarBuild, library: Library) -> None:
    build.status, build.stage, build.updated_at = BuildStatus.RUNNING.value, "rendering pages", utcnow()
    db.session.commit()
    folder = build_folder(app, build)
    folder.mkdir(parents=True, exist_ok=True)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL and done < total:
            return
        last[0] = now
        build.progress_done, build.progress_total, build.updated_at = done, total, utcnow()
        db.session.commit()

    from coldcase.publish.build import BuildOptions

    options = BuildOptions(
        variant=build.variant, out_dir=folder, distribution=build.distribution, size=build.size,
        base_url=app.config.get("PUBLIC_BASE_URL") or "https://example.org",
        # Shared by every web build, so a rebuild after one edited case renders one page.
        cache_dir=Path(app.config["OUTPUT_DIR"]) / ".cache")
    result = _builder(app)(library, build.year, options, progress=progress)
    build.warnings = list(result.warnings)
    if result.problems or result.pdf_path is None:
        _finish(build, BuildStatus.FAILED, problems=list(result.problems), summary=result.summary())
        db.session.commit()
        return
    report = result.preflight
    if report is None:  # a builder that did not run preflight: run it here, the web never skips it
        from coldcase.publish.preflight import mark_not_for_print, run_preflight

        build.stage = "preflight"
        db.session.commit()
        report = result.preflight = run_preflight(result.pdf_path, result.manifest_path)
        if report.errors:
            result.pdf_path = mark_not_for_print(result.pdf_path)
    build.preflight = report.to_dict()
    build.pdf_file = Path(result.pdf_path).name
    build.manifest_file = Path(result.manifest_path).name if result.manifest_path else None
    build.page_count = result.pages
    build.progress_done = build.progress_total = max(build.progress_total, 1)
    build.stage, build.updated_at = "page thumbnails", utcnow()
    db.session.commit()
    build.thumbnail_count = make_thumbnails(Path(result.pdf_path), folder / "pages")
    _finish(build, BuildStatus.PASSED if report.ok else BuildStatus.NOT_FOR_PRINT, summary=result.summary())
    db.session.commit()


def _finish(build: CalendarBuild, status: BuildStatus, problems: list[str] | None = None, summary: str = "") -> None:
    build.status, build.stage = status.value, "finished"
    if problems is not None:
        build.problems = problems
    if summary:
        build.summary = summary
    build.finished_at = build.updated_at = utcnow()


def make_thumbnails(pdf_path: Path, folder: Path, height: int = THUMBNAIL_HEIGHT) -> int:
    """Render every page of `pdf_path` as `001.png`, `002.png`, ... in `folder`; returns how many.

    Uses poppler's pdftoppm; without it there are no thumbnails (0), and the build is otherwise fine.
    """
    if shutil.which("pdftoppm") is None:
        log.warning("pdftoppm is not installed: no page thumbnails")
        return 0
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-png", "-scale-to-y", str(height), "-scale-to-x", "-1", str(pdf_path),
                    str(folder / "page")], check=True, capture_output=True, timeout=600)
    # pdftoppm pads page numbers to the width of the page count; give them one fixed width.
    pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    for number, path in enumerate(pages, start=1):
        path.rename(folder / f"{number:03d}.png")
    return len(pages)
