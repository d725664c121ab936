"""Benchmark tip intake through the real form against a bare Flask endpoint that does one insert.

Run: /work/venv-dev/bin/python bench/tip_intake.py [--clients 32] [--tips 20] [--workers 2]

Both run under gunicorn (``--workers`` sync workers) on a throwaway PostgreSQL database that this script creates
and drops (``PG_ADMIN_URL``, default ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``), in the same run:
- form: each tip is the real path, GET the form (CSRF token, idempotency token), then POST it: validation, the
  slow receipt hash, the insert and commit, the receipt page; CSRF is on, as in production;
- bare: POST to an endpoint that inserts one row and answers "ok".
``--clients`` clients send ``--tips`` tips each at once. Prints tips per second, p50 and p99 latency of a whole
tip (GET + POST) and of the POST alone, the ratio form/bare, and checks that accepted tips equal stored tips.
The submit rate limit is raised for the run: all clients share one address here.
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
        status, html, set_cookie = request(port, "GET", path, cookie=cookie)
        if set_cookie:
            cookie = set_cookie.split(";", 1)[0]
        fields = dict(re.findall(r'name="(csrf_token|token|e|d)" type="hidden" value="([^"]*)"', html))
        fields["text"] = f"Benchmark tip {client_no}-{n}: ik zag een blauwe auto bij de gracht."
        posted = time.perf_counter()
        status, html, set_cookie = request(port, "POST", path, urllib.parse.urlencode(fields), cookie)
        if set_cookie:
            cookie = set_cookie.split(";", 1)[0]
        done = time.perf_counter()
        results.append((done - started, done - posted, status == 200 and 'id="receipt-code"' in html))


def bare_client(port: int, count: int, results: list, client_no: int) -> None:
    for n in range(count):
        started = time.perf_counter()
        body = urllib.parse.urlencode({"text": f"Benchmark tip {client_no}-{n}: ik zag een blauwe auto."})
        status, text, _ = request(port, "POST", "/tip", body)
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


def report(name: str, seconds: float, results: list) -> float:
    whole = [r[0] * 1000 for r in results]
    post = [r[1] * 1000 for r in results]
    accepted = sum(1 for r in results if r[2])
    rate = accepted / seconds
    print(f"{name:5} {accepted:5d} accepted in {seconds:6.2f} s = {rate:7.1f} tips/s | "
          f"tip p50 {percentile(whole, .5):6.1f} ms p99 {percentile(whole, .99):6.1f} ms | "
          f"POST p50 {percentile(post, .5):6.1f} ms p99 {percentile(post, .99):6.1f} ms "
          f"(mean {statistics.mean(post):.1f})")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--tips", type=int, default=20, help="tips per client")
    parser.add_argument("--workers", type=int, default=2)
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
        from coldcase.extensions import db
        from coldcase.tips.attribution import current_library

        app = create_app()
        with app.app_context():
            upgrade()
            library = current_library()
            case_id = next(iter(sorted(library.cases)))
            edition = library.current_edition()
            db.engine.dispose()
        query = ""
        if edition is not None and edition.distribution:
            query = f"?e={edition.year}&d={edition.distribution[0].code}"
        with sa.create_engine(url).begin() as connection:
            connection.execute(sa.text("CREATE TABLE bare_tips (id serial PRIMARY KEY, text text NOT NULL)"))
        (work / "bare_app.py").write_text(BARE_APP)

        form_port, bare_port = free_port(), free_port()
        processes.append(start("coldcase:create_app()", form_port, options.workers, env, ROOT))
        processes.append(start("bare_app:app", bare_port, options.workers, env, work))
        path = f"/cases/{case_id}/tip{query}"
        print(f"{options.clients} clients x {options.tips} tips, gunicorn {options.workers} sync workers, "
              f"PostgreSQL; form path {path}")
        # Warm up both (imports, connection pools, the case library cache).
        run_clients(form_client, 4, form_port, path, 2)
        run_clients(bare_client, 4, bare_port, 2)
        with sa.create_engine(url).begin() as connection:
            connection.execute(sa.text("DELETE FROM tips"))
            connection.execute(sa.text("DELETE FROM bare_tips"))

        bare_seconds, bare_results = run_clients(bare_client, options.clients, bare_port, options.tips)
        form_seconds, form_results = run_clients(form_client, options.clients, form_port, path, options.tips)
        bare_rate = report("bare", bare_seconds, bare_results)
        form_rate = report("form", form_seconds, form_results)
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            stored = connection.execute(sa.text("SELECT count(*) FROM tips")).scalar_one()
            bare_stored = connection.execute(sa.text("SELECT count(*) FROM bare_tips")).scalar_one()
        engine.dispose()
        accepted = sum(1 for r in form_results if r[2])
        spooled = len(list((work / "spool").glob("*.json"))) if (work / "spool").exists() else 0
        print(f"ratio form/bare: {form_rate / bare_rate:.2f}x")
        print(f"accepted {accepted} == stored {stored}: {accepted == stored} (spooled: {spooled}); "
              f"bare accepted {sum(1 for r in bare_results if r[2])} == stored {bare_stored}")
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
