"""Benchmark tip intake through the real form against a bare one-insert endpoint and against the issue's floor.

The floor is the least that the issue's own requirements cost a tip.

Run: .venv/bin/python bench/tip_intake.py [--clients 32] [--tips 20] [--workers 2] [--rounds 1]

All three run under gunicorn (``--workers`` sync workers) on a throwaway PostgreSQL database that this script
creates and drops (``PG_ADMIN_URL``, default ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``), in the same
run:
- bare: POST to an endpoint that inserts one row and answers "ok" (the issue's baseline);
- floor: a minimal Flask app (``FLOOR_APP`` below) with what the issue requires of every tip and nothing else: GET a
  tiny Flask-WTF form with its CSRF token, then POST it: CSRF validation, the receipt code's slow hash (the same
  scrypt as ``coldcase.tips.receipts``, called from there, with its parameters) and one insert. No pages, no
  scoring, no idempotency, no rate limit, no spool. It shows how close to the bare insert any tip form that meets
  the issue could come, and so whether the 0.7x aim is reachable at all;
- form: each tip is the real path, GET the form (CSRF token, idempotency token), then POST it: validation, the
  slow receipt hash, triage scoring, the insert and commit, the receipt page; CSRF is on, as in production.
``--clients`` clients send ``--tips`` tips each at once (a fixed number of requests, the same for every phase).
Prints per phase tips per second, p50 and p99 latency of a whole tip (GET + POST, or the one POST of bare) and
of the POST alone, and the ratios floor/bare and form/bare (and form/floor); checks that accepted tips equal
stored tips. The submit rate limit is raised for the run: all clients share one address here.

Fairness on a small box, where the clients, gunicorn and PostgreSQL share the cores: all servers run with the
same gunicorn command line; each phase also reports the CPU time per tip of the gunicorn workers ("server"), of
PostgreSQL's backends for the bench database ("db") and of this client process ("client"), so that one can see
whether the clients were the bottleneck. ``--rounds N`` runs bare, floor and form in turn N times and prints the
ratios of each round and their medians (other load on the machine shifts single rounds).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GUNICORN = Path(sys.executable).with_name("gunicorn")
ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")

BARE_APP = '''
import os
import sqlalchemy as sa
from flask import Flask, request

engine = sa.create_engine(os.environ["BENCH_DATABASE_URL"], pool_size=4)
bare_tips = sa.Table("bare_tips", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("text", sa.Text, nullable=False))
app = Flask(__name__)


@app.post("/tip")
def tip():
    with engine.begin() as connection:
        connection.execute(bare_tips.insert().values(text=request.form["text"]))
    return "ok"
'''

# What every tip must cost by the issue's own terms: two requests (the form, then the post), CSRF, the receipt
# code's slow hash and one insert. The hash is coldcase's own (same function, same parameters), not a copy.
FLOOR_APP = '''
import os
import secrets

import sqlalchemy as sa
from flask import Flask
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired

from coldcase.tips.receipts import hash_code, random_code

engine = sa.create_engine(os.environ["BENCH_DATABASE_URL"], pool_size=4)
floor_tips = sa.Table("floor_tips", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                      sa.Column("text", sa.Text, nullable=False), sa.Column("receipt_hash", sa.String(128)))
app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["BENCH_FLOOR_SECRET"]


class Form(FlaskForm):
    text = TextAreaField(validators=[DataRequired()])


# Compiled once (render_template_string would compile it on every request).
PAGE = app.jinja_env.from_string(
    '<form method="post">{{ form.csrf_token }}{{ form.text() }}<button>Send</button></form>')


@app.route("/tip", methods=["GET", "POST"])
def tip():
    form = Form()
    if not form.validate_on_submit():
        return PAGE.render(form=form), 400 if form.is_submitted() else 200
    code = random_code()
    with engine.begin() as connection:
        connection.execute(floor_tips.insert().values(text=form.text.data, receipt_hash=hash_code(code)))
    return f'<p id="receipt-code">{code}</p>'
'''


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped (exit {process.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing answers on port {port}")


def start(app_spec: str, port: int, workers: int, env: dict, cwd: Path) -> subprocess.Popen:
    command = [str(GUNICORN), "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
               app_spec]
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=cwd)
    wait_for(port, process)
    return process


def cpu_seconds(pids) -> float:
    """utime + stime of these processes (those still alive), from /proc."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def worker_pids(master: subprocess.Popen) -> list[int]:
    """The gunicorn master and its workers."""
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    return [master.pid, *map(int, children)]


def backend_pids(engine, database: str) -> list[int]:
    """PostgreSQL's backends connected to the bench database (same host: their pids are ours to read)."""
    with engine.connect() as connection:
        return list(connection.execute(sa.text(
            "SELECT pid FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": database}
        ).scalars())


def request(port: int, method: str, path: str, body: str | None = None, cookie: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read().decode("utf-8", "replace")
    set_cookie = response.getheader("Set-Cookie")
    connection.close()
    return response.status, data, set_cookie


def form_client(port: int, path: str, count: int, results: list, client_no: int) -> None:
    cookie = None
    for n in range(count):
        started = time.perf_counter()
        try:
            status, html, set_cookie = request(port, "GET", path, cookie=cookie)
            if set_cookie:
                cookie = set_cookie.split(";", 1)[0]
            fields = dict(re.findall(r'name="(csrf_token|token|e|d)" type="hidden" value="([^"]*)"', html))
            fields["text"] = f"Benchmark tip {client_no}-{n}: ik zag een blauwe auto bij de gracht."
            posted = time.perf_counter()
            status, html, set_cookie = request(port, "POST", path, urllib.parse.urlencode(fields), cookie)
            if set_cookie:
                cookie = set_cookie.split(";", 1)[0]
        except OSError as error:  # counted as not accepted; the run goes on
            print(f"client {client_no}: {error!r}", file=sys.stderr)
            results.append((time.perf_counter() - started, 0.0, False))
            continue
        done = time.perf_counter()
        results.append((done - started, done - posted, status == 200 and 'id="receipt-code"' in html))


def bare_client(port: int, count: int, results: list, client_no: int) -> None:
    for n in range(count):
        started = time.perf_counter()
        body = urllib.parse.urlencode({"text": f"Benchmark tip {client_no}-{n}: ik zag een blauwe auto."})
        try:
            status, text, _ = request(port, "POST", "/tip", body)
        except OSError as error:
            status, text = 0, repr(error)
        done = time.perf_counter()
        results.append((done - started, done - started, status == 200 and text == "ok"))


def run_clients(target, clients: int, *args) -> tuple[float, list]:
    results: list = []
    threads = [threading.Thread(target=target, args=(*args, results, i)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def phase(name: str, target, clients: int, server: subprocess.Popen, engine, database: str, *args):
    """Run one phase and print its figures; returns (tips per second, results)."""
    server_pids, db_pids = worker_pids(server), backend_pids(engine, database)
    before = (cpu_seconds(server_pids), cpu_seconds(db_pids), time.process_time())
    seconds, results = run_clients(target, clients, *args)
    db_pids = sorted(set(db_pids) | set(backend_pids(engine, database)))
    after = (cpu_seconds(server_pids), cpu_seconds(db_pids), time.process_time())
    whole = [r[0] * 1000 for r in results]
    post = [r[1] * 1000 for r in results]
    accepted = sum(1 for r in results if r[2])
    rate = accepted / seconds
    per_tip = [(b - a) * 1000 / max(1, len(results)) for a, b in zip(before, after, strict=True)]
    print(f"{name:5} {accepted:5d} accepted in {seconds:6.2f} s = {rate:7.1f} tips/s | "
          f"tip p50 {percentile(whole, .5):6.1f} ms p99 {percentile(whole, .99):6.1f} ms | "
          f"POST p50 {percentile(post, .5):6.1f} ms p99 {percentile(post, .99):6.1f} ms | "
          f"CPU per tip: server {per_tip[0]:5.1f} ms, db {per_tip[1]:4.1f} ms, client {per_tip[2]:4.1f} ms")
    return rate, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--tips", type=int, default=20, help="tips per client")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="alternate bare and form this many times")
    options = parser.parse_args()

    name = f"coldcase_bench_{secrets.token_hex(4)}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    work = Path(tempfile.mkdtemp(prefix="coldcase-bench-"))
    processes: list[subprocess.Popen] = []
    try:
        instance = work / "instance"
        instance.mkdir()
        (instance / "coldcase.cfg").write_text(
            f"SECRET_KEY = {secrets.token_hex(16)!r}\n"
            "TIPS_RATE_LIMITS = {'submit': (10**9, 60), 'status': (10**9, 60)}\n"
        )
        env = {"COLDCASE_DATABASE_URL": url, "COLDCASE_INSTANCE_PATH": str(instance),
               "COLDCASE_CASES_DIR": str(ROOT / "cases"), "COLDCASE_SPOOL_DIR": str(work / "spool"),
               "BENCH_DATABASE_URL": url}
        os.environ.update(env)
        from flask_migrate import upgrade

        from coldcase import create_app
        from coldcase.cases.store import case_library
        from coldcase.extensions import db
        from coldcase.tips.receipts import PARAMS

        app = create_app()
        with app.app_context():
            upgrade()
            library = case_library()
            case_id = next(iter(sorted(library.cases)))
            edition = library.current_edition()
            db.engine.dispose()
        query = ""
        if edition is not None and edition.distribution:
            query = f"?e={edition.year}&d={edition.distribution[0].code}"
        with sa.create_engine(url).begin() as connection:
            connection.execute(sa.text("CREATE TABLE bare_tips (id serial PRIMARY KEY, text text NOT NULL)"))
            connection.execute(sa.text(
                "CREATE TABLE floor_tips (id serial PRIMARY KEY, text text NOT NULL, receipt_hash varchar(128))"))
        (work / "bare_app.py").write_text(BARE_APP)
        (work / "floor_app.py").write_text(FLOOR_APP)

        form_port, bare_port, floor_port = free_port(), free_port(), free_port()
        processes.append(start("coldcase:create_app()", form_port, options.workers, env, ROOT))
        processes.append(start("bare_app:app", bare_port, options.workers, env, work))
        # The floor app imports coldcase's receipt hash: the source tree goes on its path.
        floor_env = {**env, "BENCH_FLOOR_SECRET": secrets.token_hex(16),
                     "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        processes.append(start("floor_app:app", floor_port, options.workers, floor_env, work))
        path = f"/cases/{case_id}/tip{query}"
        print(f"{options.clients} clients x {options.tips} tips, gunicorn {options.workers} sync workers, "
              f"PostgreSQL; form path {path}")
        # Warm up both (imports, connection pools, the case library cache).
        run_clients(form_client, 4, form_port, path, 2)
        run_clients(bare_client, 4, bare_port, 2)
        run_clients(form_client, 4, floor_port, "/tip", 2)
        with sa.create_engine(url).begin() as connection:
            connection.execute(sa.text("DELETE FROM tips"))
            connection.execute(sa.text("DELETE FROM bare_tips"))
            connection.execute(sa.text("DELETE FROM floor_tips"))

        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        ratios, floor_ratios, form_results, bare_results, floor_results = [], [], [], [], []
        for round_no in range(1, options.rounds + 1):
            if options.rounds > 1:
                print(f"round {round_no}")
            bare_rate, results = phase("bare", bare_client, options.clients, processes[1], engine, name,
                                       bare_port, options.tips)
            bare_results += results
            floor_rate, results = phase("floor", form_client, options.clients, processes[2], engine, name,
                                        floor_port, "/tip", options.tips)
            floor_results += results
            form_rate, results = phase("form", form_client, options.clients, processes[0], engine, name,
                                       form_port, path, options.tips)
            form_results += results
            ratios.append(form_rate / bare_rate)
            floor_ratios.append(floor_rate / bare_rate)
            print(f"ratio floor/bare: {floor_ratios[-1]:.2f}x (two requests, CSRF, scrypt n=2^{PARAMS[0]} r={PARAMS[1]} "
                  f"p={PARAMS[2]}, one insert)")
            print(f"ratio form/bare: {ratios[-1]:.2f}x (form/floor: {form_rate / floor_rate:.2f}x)")
        if options.rounds > 1:
            print(f"ratios {' '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}x")
            print(f"floor ratios {' '.join(f'{r:.2f}' for r in floor_ratios)}; "
                  f"median {statistics.median(floor_ratios):.2f}x")
        with engine.connect() as connection:
            stored = connection.execute(sa.text("SELECT count(*) FROM tips")).scalar_one()
            bare_stored = connection.execute(sa.text("SELECT count(*) FROM bare_tips")).scalar_one()
            floor_stored = connection.execute(sa.text("SELECT count(*) FROM floor_tips")).scalar_one()
        engine.dispose()
        accepted = sum(1 for r in form_results if r[2])
        spooled = len(list((work / "spool").glob("*.json"))) if (work / "spool").exists() else 0
        print(f"accepted {accepted} == stored {stored}: {accepted == stored} (spooled: {spooled}); "
              f"bare accepted {sum(1 for r in bare_results if r[2])} == stored {bare_stored}; "
              f"floor accepted {sum(1 for r in floor_results if r[2])} == stored {floor_stored}")
        if accepted != stored:
            raise SystemExit("accepted tips and stored tips differ")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
