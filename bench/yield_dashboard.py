"""Benchmark the analysts' yield dashboard on PostgreSQL with 10,000 and 1,000,000 tips over 10 editions.

Run: .venv/bin/python bench/yield_dashboard.py [--sizes 10000,1000000] [--requests 7] [--admin-url URL]
     [--keep] [--reuse]

``--keep`` leaves each size's database in place (``coldcase_bench_<size>``) and ``--reuse`` measures on such a
database again without filling it (migrated to the newest revision and counted again by the rebuild): the
1,000,000-tip fill takes minutes.

For each size a throwaway database is created (and dropped at the end), migrated, and filled with one
INSERT ... SELECT over generate_series: tips of editions 2017-2026 (the sample editions plus generated ones for
2020-2025, in a temporary copy of the cases folder), skewed over each edition's 52 cases, one in three in its
case's featured window, over channels and distribution points, with scores; reviews for 70% (outcomes, first
review, closing for 60%) and team messages for some. Then, in the same run:

- plain: the same figures computed by plain ``GROUP BY`` queries over the tips table (one connection, the
  statements the figures need, no application code): the baseline;
- dashboard: ``GET /staff/yield/`` as a signed-in analyst through the app (Flask test client: server time, no
  network), charts already drawn once (they are remembered by their data), and with filters: the data unchanged
  since the last request (the figures are remembered; one statement reads the state of the data);
- dashboard after a change: a tip of the newest edition added, or an old tip of 2018 graded again, through
  the session (as intake and grading write), before each request: the kept counts are synced in that write's
  transaction, and the page reads again the changed edition's counts and computes its figures again; the
  write (with its sync) is timed apart from the request;
- a channel filter after a new tip (the counts are kept per channel too), and the other filters (date ranges,
  a unit, a kind, a channel and a point together, a unit with dates: :data:`FILTERED`) unchanged, after a new
  tip and after a regrade: they read the kept per-case and per-month counts, or the fact rows of the tips they
  match (see ``coldcase/analytics/kept.py``).

The fill is plain SQL, so the kept counts are made once after it by the rebuild (timed as well).

Floor: for each filtered view, the SQL read alone of what a change to edition 2018 makes it read again (the kept
counts or fact rows of that one edition, ``queries.count_all`` with the view's scope), without the page: the least
work the view needs after a change. Its growth from the smallest to the largest size is printed too.

Reported: median and 95th percentile in milliseconds, the ratio of medians to the plain queries, and the number
of SQL statements one page runs. Aims: at most 200 ms at 1,000,000 tips, at most 0.5x the plain queries, at most
3x growth from 10,000 to 1,000,000.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import random
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402

EDITIONS = range(2017, 2027)

FILL = """
INSERT INTO tips (uuid, number, channel, case_id, edition, point_code, text, how_known, when_where, language,
                  status, created_at, triage_score, receipt_hash)
SELECT md5(i::text), 'T-' || lpad(i::text, 9, '0'),
       (ARRAY['web','phone','letter','email','visit'])[1 + i % 5],
       CASE WHEN i % 11 = 0 THEN NULL ELSE (CAST(:cases AS text[]))[1 + e.idx * 52 + w.week - 1] END,
       2017 + e.idx,
       CASE WHEN i % 5 IN (2, 4) THEN (CAST(:points AS text[]))[1 + (i / 10) % 16] END,
       'Bench tip ' || i, 'saw', '', 'nl',
       CASE WHEN i % 10 < 6 THEN 'closed' ELSE 'new' END,
       make_date(2017 + e.idx, 1, 4) + CASE WHEN i % 3 = 0 THEN (w.week - 1) * 7 + (i / 7) % 35
                                              ELSE (i / 13) % 360 END,
       (i * 37) % 101,
       CASE WHEN i % 4 = 0 THEN md5(i::text || 'r') END
FROM generate_series(1, :count) AS i
-- Tips arrive edition after edition: the newest ids are the newest edition's, as in real life.
CROSS JOIN LATERAL (SELECT ((i - 1) * 10 / :count)::int AS idx) AS e
CROSS JOIN LATERAL (SELECT 1 + floor(52 * power((((i % 1000) * 7919) % 1000) / 1000.0, 2))::int AS week) AS w
"""

REVIEWS = """
INSERT INTO tip_reviews (tip_id, version, outcome, updated_at, first_reviewed_at, closed_at)
SELECT id, 1,
       CASE WHEN id % 10 < 6 THEN (ARRAY['not_usable','not_usable','not_usable','usable','reopened'])[1 + id % 5]
       END,
       now(), created_at + make_interval(days => (id % 17)::int),
       CASE WHEN id % 10 < 6 THEN created_at + make_interval(days => (20 + id % 90)::int) END
FROM tips WHERE id % 10 < 7
"""

MESSAGES = """
INSERT INTO tip_messages (tip_id, author, body, created_at)
SELECT id, 'staff', 'Kunt u meer vertellen?', created_at + (id % 9) FROM tips WHERE id % 8 = 0
UNION ALL
SELECT id, 'tipster', 'Ja.', created_at + 12 FROM tips WHERE id % 16 = 0
"""

#: The figures of the dashboard as plain GROUP BY queries over the tips table: the baseline.
PLAIN = [
    """SELECT t.edition, count(*), count(r.outcome), count(*) FILTER (WHERE r.outcome IN ('usable','reopened','solved')),
              count(*) FILTER (WHERE r.outcome IN ('reopened','solved')), count(*) FILTER (WHERE r.outcome = 'solved')
       FROM tips t LEFT JOIN tip_reviews r ON r.tip_id = t.id GROUP BY t.edition""",
    """SELECT t.edition, t.case_id, count(*), count(r.outcome),
              count(*) FILTER (WHERE r.outcome IN ('usable','reopened','solved')),
              count(*) FILTER (WHERE r.outcome IN ('reopened','solved')), count(*) FILTER (WHERE r.outcome = 'solved')
       FROM tips t LEFT JOIN tip_reviews r ON r.tip_id = t.id GROUP BY t.edition, t.case_id""",
    """SELECT t.edition, t.case_id, date_trunc('week', t.created_at), count(*),
              count(*) FILTER (WHERE r.outcome IN ('usable','reopened','solved'))
       FROM tips t LEFT JOIN tip_reviews r ON r.tip_id = t.id GROUP BY 1, 2, 3""",
    """SELECT t.channel, date_trunc('week', t.created_at), count(*),
              count(*) FILTER (WHERE r.outcome IN ('usable','reopened','solved'))
       FROM tips t LEFT JOIN tip_reviews r ON r.tip_id = t.id GROUP BY 1, 2""",
    """SELECT t.edition, t.point_code, count(*), count(*) FILTER (WHERE r.outcome IN ('usable','reopened','solved'))
       FROM tips t LEFT JOIN tip_reviews r ON r.tip_id = t.id GROUP BY 1, 2""",
    """SELECT r.first_reviewed_at::date - t.created_at, count(*) FROM tips t JOIN tip_reviews r ON r.tip_id = t.id
       WHERE r.first_reviewed_at IS NOT NULL GROUP BY 1""",
    """SELECT r.closed_at::date - t.created_at, count(*) FROM tips t JOIN tip_reviews r ON r.tip_id = t.id
       WHERE r.closed_at IS NOT NULL AND t.status = 'closed' GROUP BY 1""",
    """SELECT m.first - t.created_at, count(*) FROM tips t JOIN (SELECT tip_id, min(created_at) AS first
       FROM tip_messages WHERE author = 'staff' GROUP BY tip_id) m ON m.tip_id = t.id GROUP BY 1""",
    """SELECT created_at, count(*) FROM tips WHERE status <> 'closed' GROUP BY 1""",
    """SELECT count(*), count(receipt_hash), count(m.wrote), count(m.asked), count(*) FILTER (WHERE m.wrote >= m.asked)
       FROM tips t LEFT JOIN (SELECT tip_id, min(created_at) FILTER (WHERE author = 'staff') AS asked,
                                     max(created_at) FILTER (WHERE author = 'tipster') AS wrote
                              FROM tip_messages GROUP BY tip_id) m ON m.tip_id = t.id""",
    """SELECT t.triage_score, count(*) FILTER (WHERE r.outcome IN ('usable','reopened','solved')),
              count(*) FILTER (WHERE r.outcome NOT IN ('usable','reopened','solved'))
       FROM tips t JOIN tip_reviews r ON r.tip_id = t.id
       WHERE r.outcome IS NOT NULL AND t.triage_score IS NOT NULL GROUP BY 1""",
]


#: The filtered views besides a channel or a point alone (label, query): whole months of a date range, a date
#: range that cuts months, a unit and a kind (sets of cases), a channel and a point together, a unit with dates.
FILTERED = (("since=2017-06-01", "since=2017-06-01"),
            ("since=2018-03-15&until=2026-06-15", "since=2018-03-15&until=2026-06-15"),
            ("unit=Oost-Nederland", "unit=Team+Cold+Cases+Oost-Nederland"),
            ("kind=homicide", "kind=homicide"),
            ("channel=letter&point=(first)", "channel=letter&point={point}"),
            ("unit=Oost-Nederland&since=2018-03-15", "unit=Team+Cold+Cases+Oost-Nederland&since=2018-03-15"))


def timed(function, repeat: int) -> list[float]:
    """Run ``function`` ``repeat`` times; return the durations in milliseconds."""
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def summary(name: str, durations: list[float], baseline: float | None, statements: int | None) -> str:
    """One line of results."""
    median = statistics.median(durations)
    p95 = sorted(durations)[max(0, int(len(durations) * 0.95) - 1)]
    ratio = f"{median / baseline:6.2f}x" if baseline else "  1.00x"
    count = f"{statements} SQL" if statements is not None else ""
    return f"{name:<38} median {median:8.1f} ms   p95 {p95:8.1f} ms   {ratio} plain   {count}"


def cases_folder() -> Path:
    """A copy of the sample cases with editions for every year 2017-2026 (2020-2025 generated)."""
    root = Path(tempfile.mkdtemp(prefix="coldcase-bench-cases-")) / "cases"
    shutil.copytree(REPO / "cases", root)
    template = (root / "editions" / "2019.yaml").read_text()
    case_ids = sorted(p.name for p in root.iterdir() if (p / "case.md").exists())
    head, rest = template.split("weeks:\n", 1)
    distribution = rest[rest.index("distribution:"):]
    for year in range(2020, 2026):
        weeks = random.Random(year).sample(case_ids, 52)
        text = head.replace("2019", str(year)) + "weeks:\n" + "".join(f"  - {c}\n" for c in weeks) + distribution
        (root / "editions" / f"{year}.yaml").write_text(text)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument("--each", action="store_true", help="Also time each plain statement once.")
    parser.add_argument("--profile", action="store_true", help="Profile one recount in-process.")
    parser.add_argument("--keep", action="store_true", help="Keep each database (coldcase_bench_<size>).")
    parser.add_argument("--reuse", action="store_true", help="Measure on the databases --keep left.")
    parser.add_argument("--admin-url", default=os.environ.get("PG_ADMIN_URL",
                                                              "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    options = parser.parse_args()
    cases = cases_folder()
    results = {}
    try:
        for size in (int(s) for s in options.sizes.split(",")):
            results[size] = one_size(size, cases, options)
    finally:
        shutil.rmtree(cases.parent, ignore_errors=True)
    sizes = sorted(results)
    if len(sizes) > 1:
        low, high = results[sizes[0]], results[sizes[-1]]
        for label in low:
            print(f"growth {sizes[0]:,} -> {sizes[-1]:,} tips: {label} {high[label] / low[label]:.2f}x")


def one_size(size: int, cases: Path, options) -> dict[str, float]:
    """Fill a throwaway database with ``size`` tips and measure; returns each page's median (ms)."""
    kept = options.keep or options.reuse
    name = f"coldcase_bench_{size}" if kept else f"coldcase_bench_{secrets.token_hex(4)}"
    admin = sa.create_engine(options.admin_url, isolation_level="AUTOCOMMIT")
    if not options.reuse:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(options.admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        return run(url, size, cases, options)
    finally:
        if not kept:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run(url: str, size: int, cases: Path, options) -> dict[str, float]:
    from flask_migrate import upgrade

    from coldcase import create_app
    from coldcase.analytics import summaries
    from coldcase.auth.accounts import create_user
    from coldcase.auth.models import utcnow as now
    from coldcase.cases.store import store_for
    from coldcase.extensions import db
    from coldcase.review.models import TipReview
    from coldcase.tips.models import Tip

    instance = Path(tempfile.mkdtemp(prefix="coldcase-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "INSTANCE_PATH": instance,
                      "WTF_CSRF_ENABLED": False, "CASES_DIR": cases, "CASES_RECHECK_SECONDS": 3600})
    with app.app_context():
        upgrade()
        library = store_for(app).library()
        assert set(EDITIONS) <= set(library.editions), sorted(library.editions)
        case_ids = [case for year in EDITIONS for case in library.editions[year].weeks]
        points = [p.code for p in library.editions[2019].distribution]
        filtered = [(label, query.format(point=points[0])) for label, query in FILTERED]
        if options.reuse:
            # Tips a previous run added after the fill are dropped, so that every run measures the same data.
            db.session.execute(sa.text("DELETE FROM tips WHERE id > :size"), {"size": size})
            db.session.commit()
            print(f"== {size:,} tips over {len(EDITIONS)} editions: reusing the database")
        else:
            create_user("bench@police.example", ["analyst"], password="correct horse battery")
            db.session.commit()
            start = time.perf_counter()
            db.session.execute(sa.text(FILL), {"count": size, "cases": case_ids, "points": points})
            db.session.execute(sa.text(REVIEWS))
            db.session.execute(sa.text(MESSAGES))
            db.session.commit()
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
            print(f"== {size:,} tips over {len(EDITIONS)} editions: inserted and analysed in "
                  f"{time.perf_counter() - start:.1f} s")
        # The fill is plain SQL, which the session listener does not see: count it as `coldcase yield rebuild`.
        start = time.perf_counter()
        summaries.rebuild(db.session)
        db.session.commit()
        db.session.execute(sa.text("ANALYZE yield_cells"))
        db.session.execute(sa.text("ANALYZE yield_tip_facts"))
        db.session.commit()
        cells = db.session.scalar(sa.text("SELECT count(*) FROM yield_cells"))
        print(f"{'rebuild (every tip counted)':<38} {(time.perf_counter() - start) * 1000:8.1f} ms   {cells} cells")
        db.session.remove()

    client = app.test_client()
    client.post("/staff/login", data={"email": "bench@police.example", "password": "correct horse battery"})
    with app.app_context():
        engine = db.engine

        def plain():
            with engine.connect() as connection:
                for statement in PLAIN:
                    connection.execute(sa.text(statement)).all()

        statements: list[str] = []
        sa.event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

        def page(path):
            def request():
                response = client.get(path)
                assert response.status_code == 200, response.status_code
            return request

        start = time.perf_counter()
        page("/staff/yield/")()  # draws the charts once; later requests find them by their data
        print(f"{'dashboard, first request (draws charts)':<38} {(time.perf_counter() - start) * 1000:8.1f} ms")
        if options.each:
            with engine.connect() as connection:
                for statement in PLAIN:
                    took = timed(lambda sql=statement: connection.execute(sa.text(sql)).all(), 1)[0]
                    print(f"   {took:8.1f} ms  {' '.join(statement.split())[:90]}")
        baseline = timed(plain, max(1, min(options.requests, 3)))
        base = statistics.median(baseline)
        print(summary(f"plain GROUP BY ({len(PLAIN)} statements)", baseline, None, None))
        medians = {}
        for label, path in (("dashboard", "/staff/yield/"),
                            ("dashboard, edition=2018", "/staff/yield/?edition=2018"),
                            ("dashboard, channel=letter", "/staff/yield/?channel=letter"),
                            *((f"dashboard, {label}", f"/staff/yield/?{query}") for label, query in filtered)):
            page(path)()
            statements.clear()
            page(path)()
            count = len(statements)
            durations = timed(page(path), options.requests)
            medians[label] = statistics.median(durations)
            print(summary(label, durations, base, count))
        with app.app_context():
            from dataclasses import replace

            from coldcase.analytics import queries
            from coldcase.analytics.figures import scope_for
            from coldcase.analytics.filters import Choices, parse

            choices = Choices(editions=set(library.editions), units={case.unit for case in library.cases.values()},
                              points=set(points))
            for label, query in filtered:
                wanted, _ = parse(dict(pair.split("=", 1) for pair in query.replace("+", " ").split("&")), choices)
                scope = replace(scope_for(wanted, library), editions=(2018,))
                durations = timed(lambda scope=scope: queries.count_all(scope), options.requests)
                medians[f"floor: {label}"] = statistics.median(durations)
                print(summary(f"floor: {label} (SQL, one edition)", durations, base, None))
            db.session.remove()
        writes: list[float] = []

        def write(change):
            # A change as the app makes it (through the session): its counts are synced before the commit.
            start = time.perf_counter()
            change()
            db.session.commit()
            writes.append((time.perf_counter() - start) * 1000)

        def new_tip():
            db.session.add(Tip(uuid=secrets.token_hex(16), number="N-" + secrets.token_hex(6), channel="web",
                               edition=2026, text="x", how_known="saw", when_where="", status="new",
                               created_at=datetime.date(2026, 11, 30)))

        regrades = itertools.count(7, 1_009)

        def regrade():
            # An old tip of edition 2018 graded again (and closed): its edition's counts change.
            tip = db.session.get(Tip, size // 10 + next(regrades) % (size // 10))
            review = db.session.get(TipReview, tip.id) or TipReview(tip_id=tip.id, version=1, updated_at=now())
            review.outcome = "usable" if review.outcome != "usable" else "reopened"
            review.version += 1
            db.session.add(review)

        def after(change, path="/staff/yield/"):
            def request():
                write(change)
                statements.clear()
                page(path)()
            return request

        after_new_tip = after(new_tip)
        if options.each:
            started: list[float] = []
            took: list[tuple[float, str]] = []
            sa.event.listen(engine, "before_cursor_execute", lambda *a: started.append(time.perf_counter()))
            sa.event.listen(engine, "after_cursor_execute", lambda *a: took.append(
                ((time.perf_counter() - started.pop()) * 1000, a[2])))
            after_new_tip()
            for ms, statement in took:
                print(f"   app {ms:8.1f} ms  {' '.join(statement.split())[:100]}")
        if options.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(after_new_tip)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        for label, change, path in (("dashboard after a new tip", new_tip, "/staff/yield/"),
                                    ("dashboard after a regrade", regrade, "/staff/yield/"),
                                    ("channel=letter after a new tip", new_tip, "/staff/yield/?channel=letter"),
                                    *((f"{label} after a new tip", new_tip, f"/staff/yield/?{query}")
                                      for label, query in filtered),
                                    *((f"{label} after a regrade", regrade, f"/staff/yield/?{query}")
                                      for label, query in filtered)):
            writes.clear()
            durations = timed(after(change, path), options.requests)
            # The request alone: the write (with its sync) is timed apart.
            durations = [total - took for total, took in zip(durations, writes, strict=True)]
            medians[label] = statistics.median(durations)
            print(summary(label, durations, base, len(statements)))
            print(f"{'   the write with its sync':<38} median {statistics.median(writes):8.1f} ms")
        engine.dispose()
    shutil.rmtree(instance, ignore_errors=True)
    return medians


if __name__ == "__main__":
    main()
