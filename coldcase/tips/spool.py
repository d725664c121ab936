"""The spool: where a tip waits, durably, while the database cannot be reached.

Each tip is one JSON file named after its uuid (a form sent again with something new: ``<uuid>~2.json`` beside it).
It is written to a temporary file, flushed to disk, linked into place and the folder itself flushed, so that after
a crash the file is either whole or absent. Contact details
and attachments are already encrypted in the record: the spool holds nothing the database would not.

Importing (see :func:`coldcase.tips.intake.import_spool`) removes a file only after its tip is committed; the
unique uuid makes a second import of the same file a no-op, so every spooled tip lands exactly once.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime
import fcntl
import itertools
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

SUFFIX = ".json"
_LOCK = ".import.lock"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _midnight_utc() -> int:
    """Today's midnight (UTC) as a Unix time: a spool file keeps only the day, like the tips table."""
    return calendar.timegm(datetime.datetime.now(datetime.UTC).date().timetuple())


def write(folder: Path, record: dict) -> Path:
    """Write ``record`` durably as ``<uuid>.json`` in ``folder`` and return its path.

    A form sent again while the database is down has the same uuid. If it brings nothing new (a double click),
    the file already there is kept. If it differs (the tipster went back and added to the text, contact details
    or files), it becomes ``<uuid>~2.json`` (then ``~3`` …) beside the first, never over it: the import stores the
    first and adds what each later one brings (``intake.import_spool``). Names are claimed with a hard link,
    which fails if the name exists, so two requests at once cannot overwrite each other either.

    The file's access and modification times are set to midnight UTC of the day before it is renamed into place:
    the second a tip arrived must not be readable from the spool (the inode change time is the file system's and
    cannot be set).

    Raises ``OSError`` when the disk refuses (the caller must then not show a receipt).
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    content = json.dumps(record, ensure_ascii=False)
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            midnight = _midnight_utc()
            os.utime(handle.fileno(), (midnight, midnight))
            os.fsync(handle.fileno())
        target = _claim_name(folder, record["uuid"], temporary, content)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _fsync_dir(folder)
    return target


def _claim_name(folder: Path, uuid: str, temporary: str, content: str) -> Path:
    """Link ``temporary`` under the first free name for ``uuid``, or return the file that already holds ``content``."""
    for number in itertools.count(1):
        target = folder / (f"{uuid}{SUFFIX}" if number == 1 else f"{uuid}~{number}{SUFFIX}")
        try:
            os.link(temporary, target)
            return target
        except FileExistsError:
            with contextlib.suppress(OSError):
                if target.read_text(encoding="utf-8") == content:
                    return target
    raise AssertionError("unreachable")  # itertools.count never ends


def pending(folder: Path) -> list[Path]:
    """The spooled tips waiting in ``folder``, oldest day first (files keep only the day they were written)."""
    files = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(SUFFIX) and not entry.name.startswith("."):
                    try:
                        files.append((entry.stat().st_mtime_ns, entry.name, Path(entry.path)))
                    except FileNotFoundError:  # imported by another process while we looked
                        continue
    except FileNotFoundError:
        return []
    return [path for _, _, path in sorted(files)]


def has_pending(folder: Path) -> bool:
    """True when at least one tip waits in ``folder`` (cheap: stops at the first one)."""
    try:
        with os.scandir(folder) as entries:
            return any(e.name.endswith(SUFFIX) and not e.name.startswith(".") for e in entries)
    except OSError:  # no spool yet, or not a folder: nothing waits in it
        return False


def read(path: Path) -> dict:
    """The record in one spool file."""
    return json.loads(path.read_text(encoding="utf-8"))


def remove(*paths: Path) -> None:
    """Remove imported spool files (of one folder), durably: one flush of the folder for all of them."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    if paths:
        _fsync_dir(paths[0].parent)


HELD = "held"


def hold(path: Path) -> Path:
    """Move a spool file that cannot be imported into the ``held/`` folder beside it, where it waits for a person
    (see ``coldcase tips import-spool``) instead of blocking the tips behind it. Returns its new path."""
    folder = path.parent / HELD
    folder.mkdir(exist_ok=True, mode=0o700)
    target = folder / path.name
    os.replace(path, target)
    _fsync_dir(path.parent)
    return target


def held(folder: Path) -> list[Path]:
    """The spool files that were held back because they could not be imported."""
    return sorted((folder / HELD).glob(f"*{SUFFIX}")) if (folder / HELD).is_dir() else []


@contextlib.contextmanager
def import_lock(folder: Path) -> Iterator[bool]:
    """Hold the folder's import lock if no other process does; yields whether we got it.

    Importing twice at once would be harmless (uuids are unique) but wasteful; this keeps the workers polite.
    """
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(folder / _LOCK, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
