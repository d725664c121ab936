"""What keeps tip intake fast stays safe: the case library is checked for edits at most once per
``CASES_RECHECK_SECONDS`` (but a new day or the interval passing still shows an edit), and a web tip reads the
earlier tips of its case for scoring in one query."""

from __future__ import annotations

import os

from sqlalchemy import event, select

from coldcase.cases.store import CaseStore, store_for
from coldcase.extensions import db
from coldcase.tips.models import Tip
from tests.cases.conftest import TODAY, copy_scenario
from tests.tips.conftest import CASE


def _touch_later(path):
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_library_is_checked_at_most_once_per_interval(tmp_path, monkeypatch):
    root = copy_scenario("valid", tmp_path)
    now = [100.0]
    store = CaseStore(root, clock=lambda: TODAY, recheck_seconds=1.0, monotonic=lambda: now[0])
    first = store.library()
    path = root / CASE / "case.md"
    path.write_text(path.read_text().replace("reward: 15000", "reward: 20000"))
    _touch_later(path)
    stats = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda *a, **k: stats.append(a[0]) or real_stat(*a, **k))
    now[0] += 0.5
    assert store.library() is first and stats == []  # within the interval: no stat at all
    now[0] += 0.6
    assert store.library().cases[CASE].reward == 20000  # the interval passed: the edit is seen
    assert stats


def test_a_new_day_is_checked_within_the_interval(tmp_path):
    import datetime

    root = copy_scenario("valid", tmp_path)
    day = [TODAY]
    store = CaseStore(root, clock=lambda: day[0], recheck_seconds=3600, monotonic=lambda: 0.0)
    first = store.library()
    day[0] = TODAY + datetime.timedelta(days=1)
    assert store.library() is not first


def test_apps_recheck_every_second_unless_testing(app):
    assert store_for(app).recheck_seconds == 0.0  # TESTING: edits show at once, as the tests expect
    from coldcase import create_app

    config = {**app.config, "TESTING": False}
    config.pop("CASES_RECHECK_SECONDS", None)
    production = create_app(config)
    assert store_for(production).recheck_seconds == 1.0
    production = create_app({**config, "CASES_RECHECK_SECONDS": 5})
    assert store_for(production).recheck_seconds == 5.0


def test_scoring_reads_earlier_tips_in_one_query(send_tip, app):
    for n in range(3):
        assert send_tip(f"/cases/{CASE}/tip", text=f"Eerdere tip {n}: een blauwe auto bij de gracht.").status_code == 200
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert send_tip(f"/cases/{CASE}/tip", text="Nog een tip over de blauwe auto.").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "tips.text" in s]
    assert len(reads) == 1, statements
    assert len(db.session.scalars(select(Tip)).all()) == 4
