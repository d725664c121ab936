"""Cached access to the case library for the web app.

``CaseStore.library()`` loads the cases folder once and afterwards only checks file stats: a case folder whose
files changed is read again, the editions are checked again whenever anything changed, and everything else
comes from the cache. An investigator's edit shows up on the next request, without a restart; with
``recheck_seconds`` (the app's ``CASES_RECHECK_SECONDS``, default 1 second, 0 under ``TESTING``) the stats are
checked at most that often, so that busy pages do not stat every case file on every request.
"""

from __future__ import annotations

import datetime
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, has_request_context, request

from coldcase.cases.loader import EDITIONS_FOLDER, CaseLoad, assemble_library, case_folders, read_case
from coldcase.cases.model import Library, Problem

#: What we compare to notice an edit: inode, size, modification and change time.
_Stat = tuple[int, int, int, int] | None
_Signature = tuple[tuple[str, _Stat], ...]


def _stat(path: str) -> _Stat:
    try:
        st = os.stat(path)
    except OSError:  # gone, or a broken symlink
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _snapshot(folder: Path) -> _Signature:
    """The stats of a folder, its subfolders and every file in them.

    The folders' own stats catch files being added, removed or renamed; the files' stats catch edits.
    """
    entries: list[tuple[str, _Stat]] = []
    pending = [str(folder)]
    while pending:
        current = pending.pop()
        entries.append((current, _stat(current)))
        try:
            with os.scandir(current) as listing:
                for entry in listing:
                    # Do not descend into linked folders: a link loop must not hang the web app.
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    else:
                        entries.append((entry.path, _stat(entry.path)))
        except OSError:
            pass
    return tuple(entries)


def _unchanged(signature: _Signature) -> bool:
    return all(_stat(path) == stat for path, stat in signature)


@dataclass
class _Cached:
    signature: _Signature
    load: CaseLoad


class CaseStore:
    """The case library of one folder, reloaded as far as needed when files change. Thread-safe.

    ``clock`` returns today's date (for the "not in the future" rules); tests pass a fixed one. When the
    day changes, everything is checked again.
    """

    def __init__(self, root: Path | str, clock: Callable[[], datetime.date] | None = None,
                 recheck_seconds: float = 0.0, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.root = Path(root)
        #: Files are checked for edits at most once per this many seconds (0: on every call).
        self.recheck_seconds = recheck_seconds
        self._monotonic = monotonic
        self._checked_at: float | None = None
        self._clock = clock or datetime.date.today
        self._lock = threading.Lock()
        self._library: Library | None = None
        self._today: datetime.date | None = None
        self._root_stat: _Stat = None
        self._cases: dict[str, _Cached] = {}
        self._editions: _Signature = ()
        #: How many case folders the last call to ``library()`` read again (for tests and the benchmark).
        self.last_reloaded = 0

    def library(self) -> Library:
        """The current library. Cheap when nothing changed: one ``stat`` per file, and none at all within
        ``recheck_seconds`` of the last check (unless the day changed)."""
        with self._lock:
            today = self._clock()
            now = self._monotonic()
            if (self._library is not None and today == self._today and self._checked_at is not None
                    and now - self._checked_at < self.recheck_seconds):
                return self._library
            if self._refresh(today) or self._library is None:
                self._library = self._assemble(today)
            self._today = today
            self._checked_at = now
            return self._library

    def case(self, case_id: str):
        """The valid case with this id, or ``None``."""
        return self.library().cases.get(case_id)

    def _refresh(self, today: datetime.date) -> bool:
        """Re-read the case folders that changed; returns whether anything did."""
        everything = today != self._today
        if not self.root.is_dir():
            changed = bool(self._cases) or self._library is None
            self._cases, self._root_stat = {}, None
            return changed
        root_stat = _stat(str(self.root))
        if everything or root_stat != self._root_stat or not self._cases:
            names = [folder.name for folder in case_folders(self.root)]
        else:
            names = list(self._cases)
        self._root_stat = root_stat

        changed = set(names) != set(self._cases)
        fresh: dict[str, _Cached] = {}
        reloaded = 0
        for name in names:
            cached = self._cases.get(name)
            if cached is not None and not everything and _unchanged(cached.signature):
                fresh[name] = cached
                continue
            folder = self.root / name
            # Take the stats before reading, so that an edit made while we read is seen next time.
            signature = _snapshot(folder)
            fresh[name] = _Cached(signature, read_case(folder, today))
            reloaded += 1
        self._cases = fresh
        self.last_reloaded = reloaded

        editions = _snapshot(self.root / EDITIONS_FOLDER)
        changed = changed or reloaded > 0 or everything or editions != self._editions
        self._editions = editions
        return changed

    def _assemble(self, today: datetime.date) -> Library:
        if not self.root.is_dir():
            problem = Problem(
                self.root, None, f"the cases folder {self.root} does not exist or is not a folder"
            )
            return Library(self.root, {}, {}, [problem])
        return assemble_library(self.root, [cached.load for cached in self._cases.values()], today)


def store_for(app) -> CaseStore:
    """The app's ``CaseStore`` for ``app.config["CASES_DIR"]``, created on first use.

    Kept in ``app.extensions`` so that every request of one app shares the cache.
    """
    store = app.extensions.get("coldcase.cases")
    if store is None:
        recheck = app.config.get("CASES_RECHECK_SECONDS", 0.0 if app.config.get("TESTING") else 1.0)
        store = app.extensions.setdefault("coldcase.cases", CaseStore(app.config["CASES_DIR"],
                                                                      recheck_seconds=float(recheck)))
    return store


def case_library() -> Library:
    """The current app's case library, cached; edited files are picked up on the next request.

    Within one request the library is looked up once (checking it for edits stats every case file), so every part
    of a page sees the same cases.
    """
    if not has_request_context():
        return store_for(current_app).library()
    # Kept in the request's environ, not in ``g``: ``g`` lives as long as the app context, which may span requests.
    cached = request.environ.get("coldcase.case_library")
    if cached is None:
        cached = request.environ["coldcase.case_library"] = store_for(current_app).library()
    return cached
