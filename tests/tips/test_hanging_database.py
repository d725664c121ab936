"""A database that hangs instead of refusing never costs a tip: the connect and statement timeouts fire within
seconds, the tip goes to the spool, the tipster gets a valid receipt, and the importer later stores every accepted
tip exactly once, outside tipsters' requests."""

from __future__ import annotations

import json
import secrets
import socket
import threading
import time
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from coldcase import create_app
from coldcase.extensions import db
from coldcase.tips import receipts, spool, spool_import
from coldcase.tips.models import Tip
from tests.tips.conftest import CASE, receipt_code, send, wait_until


@pytest.fixture
def silent_server():
    """A TCP server on loopback that accepts connections and never answers (a hung database host)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_database_that_accepts_and_never_answers_still_gives_a_receipt_within_ten_seconds(
        app, app_config, silent_server, runner):
    hung = create_app({**app_config, "DB_CONNECT_TIMEOUT": 2,
                       "SQLALCHEMY_DATABASE_URI": f"postgresql+psycopg://postgres@127.0.0.1:{silent_server}/x"})
    client = hung.test_client()
    started = time.monotonic()
    response = send(client, f"/cases/{CASE}/tip", text="Ik zag een blauwe Opel bij de gracht")
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert receipt_code(response)
    assert elapsed < 10, f"the tipster waited {elapsed:.1f} s"
    assert len(spool.pending(app.config["SPOOL_DIR"])) == 1

    result = runner.invoke(args=["tips", "import-spool"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(Tip)) == 1
    with hung.app_context():
        db.engine.dispose()


def _hold_write_lock(url: str):
    """Open a second connection that holds a write lock on the tips table; returns (engine, connection)."""
    engine = sa.create_engine(url)
    connection = engine.connect()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("BEGIN")
        connection.exec_driver_sql("LOCK TABLE tips IN ACCESS EXCLUSIVE MODE")
    else:
        connection.exec_driver_sql("BEGIN EXCLUSIVE")
    return engine, connection


def test_a_lock_that_never_ends_sends_the_tip_to_the_spool_not_the_tipster_to_an_error(app, app_config, runner):
    locked = create_app({**app_config, "DB_STATEMENT_TIMEOUT": 1})
    engine, connection = _hold_write_lock(app_config["SQLALCHEMY_DATABASE_URI"])
    try:
        started = time.monotonic()
        response = send(locked.test_client(), text="Tijdens het slot")
        elapsed = time.monotonic() - started
    finally:
        connection.rollback()
        connection.close()
        engine.dispose()
    assert response.status_code == 200
    assert receipt_code(response)
    assert elapsed < 10
    assert len(spool.pending(app.config["SPOOL_DIR"])) == 1
    with locked.app_context():
        db.engine.dispose()

    assert runner.invoke(args=["tips", "import-spool"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(Tip)) == 1


def _spool_copies(folder, template_path, count: int) -> set[str]:
    """Write ``count`` spool files made from a real spooled tip, each with its own uuid and number."""
    template = json.loads(template_path.read_text(encoding="utf-8"))
    uuids = set()
    for index in range(count):
        # A receipt hash of its own (as every real tip has; the slow hash itself is not needed here).
        record = {**template, "uuid": str(uuid.uuid4()), "number": receipts.random_number(),
                  "receipt_hash": secrets.token_hex(32), "text": f"Tip {index} uit de lange storing"}
        spool.write(folder, record)
        uuids.add(record["uuid"])
    return uuids


def test_thousands_of_spooled_tips_are_each_stored_once_while_tipsters_are_served(app, client, down_client, runner):
    folder = app.config["SPOOL_DIR"]
    send(down_client, text="De eerste tijdens de storing")
    (first,) = spool.pending(folder)
    expected = _spool_copies(folder, first, 1_500) | {json.loads(first.read_text())["uuid"]}

    app.config.update(SPOOL_IMPORTER=True, SPOOL_IMPORT_SECONDS=0.2)
    try:
        statuses = []
        for index in range(5):  # tipsters keep coming while the importer works
            statuses.append(send(client, text=f"Na de storing {index}").status_code)
        # The command takes the same lock: run it while the background importer works; both end with every
        # tip stored exactly once.
        command = runner.invoke(args=["tips", "import-spool"])
        assert command.exit_code == 0 or "another import is running" in command.output, command.output
        assert wait_until(lambda: not spool.pending(folder), seconds=240)
    finally:
        spool_import.stop(app)
    assert statuses == [200] * 5
    db.session.expire_all()
    stored = db.session.scalars(select(Tip.uuid)).all()
    assert len(stored) == len(set(stored)) == len(expected) + 5
    assert expected <= set(stored)


def test_a_spool_file_that_cannot_be_stored_is_held_and_blocks_no_other_tip(app, down_client, runner):
    folder = app.config["SPOOL_DIR"]
    send(down_client, text="Een goede tip")
    (good,) = spool.pending(folder)
    record = json.loads(good.read_text())
    # A second record claiming the same receipt hash (the database refuses it) and a file that is not JSON.
    spool.write(folder, {**record, "uuid": str(uuid.uuid4()), "number": receipts.random_number()})
    (folder / "0-broken.json").write_text("{ not json")

    result = runner.invoke(args=["tips", "import-spool"])
    assert result.exit_code == 0, result.output
    assert "Imported 1 spooled tip(s)" in result.output
    assert result.output.count("was moved to held/") == 2
    assert spool.pending(folder) == []
    assert len(spool.held(folder)) == 2
    assert db.session.scalar(select(func.count()).select_from(Tip)) == 1
