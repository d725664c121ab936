"""Bringing spooled tips into the database: outside tipsters' requests, one importer at a time, in bounded batches.

Tips are spooled while the database cannot be reached (see :mod:`coldcase.tips.spool`). After a long outage the
spool may hold thousands of them, far too many to import inside anybody's request. Each worker process therefore
runs one background thread, started at its first request, that imports in batches whenever tips wait: woken
after a tip reached the database (it answers again) and otherwise looking every ``SPOOL_IMPORT_SECONDS``. The
spool folder's lock (:func:`coldcase.tips.spool.import_lock`) lets one importer work at a time across processes;
``coldcase tips import-spool`` takes the same lock. Each tip lands exactly once: a spool file is removed only after
its tip is committed, and a tip whose uuid is already stored is not stored again.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy import select

from coldcase.extensions import db
from coldcase.tips import intake, spool
from coldcase.tips.models import Tip

log = logging.getLogger(__name__)

#: Tips imported per pass before the lock is let go (another importer, or the command, may then take a turn).
BATCH = 200
_EXTENSION = "coldcase.tips.spool_importer"
_START_LOCK = threading.Lock()


@dataclass
class SpoolImport:
    """What one or more passes over the spool did."""

    imported: int = 0
    already_stored: int = 0
    #: Files that could not be read or stored: moved to the spool's ``held/`` folder for a person to look at.
    unreadable: list[str] = field(default_factory=list)
    #: Tips still waiting: the database went away again, another importer holds the lock, or the batch was full.
    waiting: int = 0
    #: True when the database could not be reached.
    database_down: bool = False
    #: True when another importer held the lock.
    busy: bool = False


#: Tips stored per transaction: one commit (one flush to disk) for many tips instead of one each.
GROUP = 50


def import_batch(limit: int | None = BATCH) -> SpoolImport:
    """Import up to ``limit`` spooled tips (all with ``None``), oldest first, each exactly once.

    Tips are stored ``GROUP`` to a transaction; a spool file is removed only after its tip is committed, so a crash
    between the two leaves a file whose uuid is already stored, which the next pass counts and removes. Stops at
    the first sign that the database is still down (the rest waits for the next pass). Files that are not valid
    records, or that the database refuses, are moved to the spool's ``held/`` folder and named in the result.
    Needs an app context.
    """
    folder = intake.spool_folder()
    result = SpoolImport()
    with spool.import_lock(folder) as locked:
        files = spool.pending(folder)
        if not locked:
            result.busy, result.waiting = True, len(files)
            return result
        if limit is not None and len(files) > limit:
            result.waiting, files = len(files) - limit, files[:limit]
        for start in range(0, len(files), GROUP):
            if not _import_group(files[start:start + GROUP], result):
                result.database_down = True
                result.waiting += len(files) - start
                return result
    return result


def _import_group(paths: list, result: SpoolImport) -> bool:
    """Import one group of spool files into ``result``; False when the database cannot be reached."""
    records = []
    for path in paths:
        try:
            record = spool.read(path)
            record["uuid"]  # noqa: B018  (a record without one is unreadable)
        except (ValueError, KeyError, OSError):
            result.unreadable.append(spool.hold(path).name)
            continue
        records.append((path, record))
    try:
        stored = set(db.session.scalars(select(Tip.uuid).where(Tip.uuid.in_([r["uuid"] for _, r in records]))))
        # New tips go in together; a uuid already stored, or sent again within the group (``<uuid>~2.json``), is
        # added to its tip one by one after the commit.
        fresh, later = [], []
        for path, record in records:
            (later if record["uuid"] in stored else fresh).append((path, record))
            stored.add(record["uuid"])
        for _, record in fresh:
            db.session.add(intake.tip_from_record(record))
        db.session.commit()
    except Exception as error:  # noqa: BLE001
        intake.rollback_quietly()
        if intake.database_unreachable(error):
            return False
        fresh, later = [], records  # one record is refused: find which, one by one
    spool.remove(*(path for path, _ in fresh))
    result.imported += len(fresh)
    for path, record in later:
        if not _import_one(path, record, result):
            return False
    return True


def _import_one(path, record: dict, result: SpoolImport) -> bool:
    """Import one spool file on its own; False when the database cannot be reached."""
    try:
        tip, created, _ = intake.store_record(record)
        if not created and intake.add_to_existing(tip, record):  # sent again while the database was down
            db.session.commit()
    except Exception as error:  # noqa: BLE001
        intake.rollback_quietly()
        if intake.database_unreachable(error):
            return False
        # This record is refused (it cannot be stored as it is): hold it for a person, so that it blocks neither
        # the tips behind it nor the next pass.
        log.error("a spooled tip could not be stored (%s); held in %s/", error.__class__.__name__, spool.HELD)
        result.unreadable.append(spool.hold(path).name)
        return True
    spool.remove(path)
    if created:
        result.imported += 1
    else:
        result.already_stored += 1
    return True


def import_all() -> SpoolImport:
    """Import every spooled tip, batch after batch, until none waits or the database or the lock stops us."""
    total = SpoolImport()
    while True:
        result = import_batch()
        total.imported += result.imported
        total.already_stored += result.already_stored
        total.unreadable += result.unreadable
        total.waiting, total.database_down, total.busy = result.waiting, result.database_down, result.busy
        if not result.waiting or result.database_down or result.busy:
            return total


class SpoolImporter:
    """One worker process's background importer thread."""

    def __init__(self, app: Flask):
        self.app = app
        self.pid = os.getpid()
        self.interval = float(app.config["SPOOL_IMPORT_SECONDS"])
        self.wanted = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="coldcase-spool-importer", daemon=True)
        self.thread.start()

    def wake(self) -> None:
        """Look into the spool now, not at the next interval."""
        self.wanted.set()

    def stop(self, timeout: float = 10) -> None:
        """Finish the current tip and end the thread."""
        self.stopping.set()
        self.wanted.set()
        self.thread.join(timeout)

    def _run(self) -> None:
        while not self.stopping.is_set():
            self.wanted.wait(self.interval)
            self.wanted.clear()
            if self.stopping.is_set():
                return
            folder = self.app.config["SPOOL_DIR"]
            while spool.has_pending(folder) and not self.stopping.is_set():
                result = self._pass()
                if result is None or not result.waiting or result.database_down or result.busy:
                    break

    def _pass(self) -> SpoolImport | None:
        with self.app.app_context():
            try:
                result = import_batch()
            except Exception as error:  # noqa: BLE001  (the thread must outlive any one failure)
                intake.rollback_quietly()
                log.warning("spool import failed (%s)", error.__class__.__name__)
                return None
            finally:
                db.session.remove()
        if result.imported or result.already_stored:
            log.info("imported %d spooled tip(s); %d wait", result.imported, result.waiting)
        return result


def importer(app: Flask) -> SpoolImporter | None:
    """This process's importer for ``app``, started on first use (after a fork, a new one); ``None`` when the
    ``SPOOL_IMPORTER`` setting is off."""
    if not app.config.get("SPOOL_IMPORTER"):
        return None
    app = getattr(app, "_get_current_object", lambda: app)()  # the thread needs the app, not the proxy
    current = app.extensions.get(_EXTENSION)
    if current is None or current.pid != os.getpid():
        with _START_LOCK:
            current = app.extensions.get(_EXTENSION)
            if current is None or current.pid != os.getpid():
                current = app.extensions[_EXTENSION] = SpoolImporter(app)
    return current


def wake(app: Flask) -> None:
    """Ask this process's importer to look into the spool now (cheap; never waits for the import)."""
    running = importer(app)
    if running is not None and spool.has_pending(app.config["SPOOL_DIR"]):
        running.wake()


def stop(app: Flask) -> None:
    """Stop this process's importer, if one runs (tests, and a clean shutdown)."""
    running = app.extensions.pop(_EXTENSION, None)
    if running is not None and running.pid == os.getpid():
        running.stop()

