"""Benchmark the review queue's first page with 100,000 tips on PostgreSQL.

Run: /work/venv-dev/bin/python bench/review_queue.py [--tips 100000] [--requests 30] [--admin-url URL]

A throwaway database is created (and dropped at the end), migrated, and filled with a bulk INSERT ... SELECT
(generate_series): tips spread over cases, editions, channels, points and statuses, with scores, a review row
for a third of them. Then, in the same run:

- baseline: a bare ``SELECT * FROM tips LIMIT 50`` on the same table;
- queue: ``GET /staff/review/`` as a signed-in investigator through the app (Flask test client: server time,
  no network), and the same page with a filter (channel=letter) and page 20.

Reported per measurement: median and 95th percentile in milliseconds, the ratio of medians to the baseline,
and the number of SQL statements one page runs (target: at most 300 ms, and a count that does not grow with
the page's length).
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402

FILL = """
INSERT INTO tips (uuid, number, channel, case_id, edition, point_code, text, how_known, when_where, language,
                  status, created_at, triage_score, triage_reasons)
SELECT md5(i::text || 'u'), 'T-' || lpad(i::text, 9, '0'),
       (ARRAY['web','phone','letter','email','visit'])[1 + i % 5],
       CASE WHEN i % 7 = 0 THEN NULL ELSE 'case-' || (i % 52) END,
       2017 + i % 4, 'PI-' || lpad((i % 30)::text, 2, '0'),
       'Ik zag iets bij de gracht op een avond, tip nummer ' || i || '. ' || repeat('Meer details. ', 1 + i % 20),
       (ARRAY['saw','heard','other'])[1 + i % 3], '', 'nl',
       (ARRAY['new','in_review','follow_up','closed'])[1 + (i / 3) % 4],
       current_date - (i % 900),
       CASE WHEN i % 50 = 0 THEN NULL ELSE (i * 37) % 101 END,
       '["+10 first-hand knowledge", "+15 names a place from the case: Stadsgracht"]'
FROM generate_series(1, :count) AS i
"""

REVIEWS = """
INSERT INTO tip_reviews (tip_id, version, assignee_id, source_grade, information_grade, outcome, updated_at,
                         first_reviewed_at)
SELECT id, 1, CASE WHEN id % 2 = 0 THEN :assignee END, (ARRAY['A','B','C','D','E','F'])[1 + id % 6],
       1 + id % 6, CASE WHEN id % 5 = 0 THEN 'usable' END, now(), now()
FROM tips WHERE id % 3 = 0
"""


def timed(function, repeat: int) -> list[float]:
    """Run ``function`` ``repeat`` times; return the durations in milliseconds."""
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def summary(name: str, durations: list[float], baseline: float | None, statements: int | None) -> str:
    median = statistics.median(durations)
    p95 = sorted(durations)[max(0, int(len(durations) * 0.95) - 1)]
    ratio = f"{median / baseline:7.1f}x" if baseline else "    1.0x"
    count = f"{statements} SQL" if statements is not None else ""
    return f"{name:<34} median {median:8.2f} ms   p95 {p95:8.2f} ms   {ratio} baseline   {count}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tips", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--admin-url", default=os.environ.get("PG_ADMIN_URL",
                                                              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    options = parser.parse_args()

    name = f"coldcase_bench_{secrets.token_hex(4)}"
    admin = sa.create_engine(options.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(options.admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        run(url, options)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(url: str, options) -> None:
    import pyotp
    from flask_migrate import upgrade

    from coldcase import create_app
    from coldcase.auth.accounts import create_user
    from coldcase.extensions import db

    instance = Path(tempfile.mkdtemp(prefix="coldcase-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "INSTANCE_PATH": instance,
                      "WTF_CSRF_ENABLED": False})
    with app.app_context():
        upgrade()
        user, _ = create_user("bench@police.example", ["investigator"], password="correct horse battery")
        user.totp_secret = pyotp.random_base32()
        db.session.commit()
        start = time.perf_counter()
        db.session.execute(sa.text(FILL), {"count": options.tips})
        db.session.execute(sa.text(REVIEWS), {"assignee": user.id})
        db.session.commit()
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
        print(f"{options.tips:,} tips inserted and analysed in {time.perf_counter() - start:.1f} s")
        secret, email = user.totp_secret, user.email
        db.session.remove()

    client = app.test_client()
    client.post("/staff/login", data={"email": email, "password": "correct horse battery"})
    assert client.post("/staff/2fa/", data={"code": pyotp.TOTP(secret).now()}).status_code == 302

    with app.app_context():
        engine = db.engine

        def bare():
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT * FROM tips LIMIT 50")).all()

        statements: list[str] = []
        sa.event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

        def page(path):
            def request():
                response = client.get(path)
                assert response.status_code == 200, response.status_code
            return request

        for warm in (bare, page("/staff/review/")):
            warm()
        baseline = timed(bare, options.requests)
        base = statistics.median(baseline)
        print(summary("baseline SELECT * FROM tips LIMIT 50", baseline, None, None))
        for label, path in (("queue, first page", "/staff/review/"),
                            ("queue, channel=letter", "/staff/review/?channel=letter"),
                            ("queue, page 20", "/staff/review/?page=20")):
            statements.clear()
            page(path)()
            count = len(statements)
            print(summary(label, timed(page(path), options.requests), base, count))
        engine.dispose()


if __name__ == "__main__":
    main()
