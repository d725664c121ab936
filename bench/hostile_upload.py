"""Benchmark: tips from 64 clients while one hostile client sends bomb files, against the same without it.

Run: .venv/bin/python bench/hostile_upload.py [--clients 64] [--tips 10] [--workers 2] [--rounds 2]

The production server (gunicorn, ``--workers`` sync workers, ``coldcase:create_app()``) on a random loopback port,
on a throwaway PostgreSQL database (``PG_ADMIN_URL``, as in ``bench/tip_intake.py``, whose helpers this uses).
Each round has two phases, in turn:
- baseline: ``--clients`` clients each send ``--tips`` tips through the real form (GET, then POST), text only;
- hostile: the same, while one more client sends, one after another and as fast as it is answered, forms with a
  bomb attached: a 1 MB PDF whose page inflates to 1 GiB, a 3 KB PDF deflated twice to 1 GiB, a PDF whose image
  data inflates to 1 GiB, a PDF whose object stream inflates to 1 GiB (only the sandbox's limit stops that one),
  and a 150 KB PNG of 39 megapixels. Every one must be refused (400) with the "too complex" or "too many pixels"
  message.
Per phase it prints tips per second, the p50 and p99 of a whole tip (GET + POST), how many bombs were sent and
refused, and memory: each worker's peak RSS (``VmHWM``, exact; reset before each phase through
``/proc/PID/clear_refs``) and peak PSS, and the largest RSS seen of a checking child (sampled every 5 ms; a child
lives 50-300 ms). The submit rate limit is raised for the run (all clients share one address here), so the hostile
client is not slowed down by it: this measures what a bomb costs, not the rate limit. Checks that accepted tips
equal stored tips.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import sqlalchemy as sa
from tip_intake import ADMIN_URL, ROOT, form_client, free_port, percentile, run_clients, start, worker_pids

sys.path.insert(0, str(ROOT))
from tests.tips import bombs  # noqa: E402  (after the source tree is on the path)

BOMBS = {
    "content-1gib.pdf": bombs.pdf_content_bomb,
    "nested-1gib.pdf": bombs.pdf_nested_bomb,
    "image-1gib.pdf": lambda: bombs.pdf_image_bomb(100, 100),
    "objstm-1gib.pdf": bombs.pdf_object_stream_bomb,
    "png-39mp.png": lambda: bombs.png_of_size(7200, 5400),
}
REFUSED = ("too large or too complicated", "too many pixels")


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rollup_kb(pid: int, *fields: str) -> int:
    """The sum of ``fields`` (e.g. ``Pss``) in the process's ``smaps_rollup``, in kB; 0 once it is gone."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    return sum(int(line.split()[1]) for line in lines if line.split(":")[0] in fields)


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class MemoryWatch:
    """Samples the workers' PSS and their children's RSS; reads the workers' exact peak RSS at the end."""

    def __init__(self, workers: list[int]) -> None:
        self.workers, self.pss, self.child_rss, self.child_private = workers, dict.fromkeys(workers, 0), 0, 0
        self.children_seen: set[int] = set()
        self._stop = threading.Event()
        for pid in workers:  # "5" resets the peak RSS (VmHWM) to the current RSS
            Path(f"/proc/{pid}/clear_refs").write_text("5")
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        tick = 0
        while not self._stop.is_set():
            for pid in self.workers:
                for child in _children(pid):
                    self.children_seen.add(child)
                    self.child_rss = max(self.child_rss, _status_kb(child, "VmRSS"))
                    # What the child adds: its pages not shared with the worker it was forked from.
                    self.child_private = max(self.child_private,
                                             _rollup_kb(child, "Private_Clean", "Private_Dirty"))
                if tick % 20 == 0:  # PSS is dearer to read: every 100 ms
                    self.pss[pid] = max(self.pss[pid], _rollup_kb(pid, "Pss"))
            tick += 1
            time.sleep(0.005)

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        return {"rss": {pid: _status_kb(pid, "VmHWM") for pid in self.workers}, "pss": self.pss,
                "child_rss": self.child_rss, "child_private": self.child_private,
                "children": len(self.children_seen)}


def multipart(fields: dict, name: str, content: bytes) -> tuple[bytes, str]:
    boundary = secrets.token_hex(12)
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
             for key, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="{name}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def hostile_client(port: int, path: str, files: dict, stop: threading.Event, outcome: list) -> None:
    """Sends a bomb after a bomb until ``stop``; appends (name, refused as expected, seconds) per bomb."""
    names = list(files)
    n = 0
    while not stop.is_set():
        name = names[n % len(names)]
        n += 1
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("GET", path, headers={"Accept-Language": "en"})
            response = connection.getresponse()
            html = response.read().decode()
            cookie = (response.getheader("Set-Cookie") or "").split(";", 1)[0]
            fields = dict(re.findall(r'name="(csrf_token|token|e|d)" type="hidden" value="([^"]*)"', html))
            fields["text"] = "Zie bijlage."
            body, kind = multipart(fields, name, files[name])
            connection.request("POST", path.split("?")[0], body=body, headers={"Content-Type": kind, "Cookie": cookie,
                                                                           "Accept-Language": "en"})
            response = connection.getresponse()
            page = response.read().decode("utf-8", "replace")
            refused = response.status == 400 and any(m in page for m in REFUSED)
            outcome.append((f"{name} ({response.status})", refused, time.perf_counter() - started))
        except OSError as error:
            print(f"hostile client: {error!r}", file=sys.stderr)
            outcome.append((name, False, time.perf_counter() - started))
        finally:
            connection.close()


def phase(name: str, server, port: int, path: str, clients: int, tips: int, files: dict | None) -> dict:
    workers = worker_pids(server)[1:]
    watch = MemoryWatch(workers)
    stop, outcome = threading.Event(), []
    hostile = None
    if files:
        hostile = threading.Thread(target=hostile_client, args=(port, path, files, stop, outcome))
        hostile.start()
    seconds, results = run_clients(form_client, clients, port, path, tips)
    stop.set()
    if hostile:
        hostile.join()
    memory = watch.stop()
    whole = [r[0] * 1000 for r in results]
    accepted = sum(1 for r in results if r[2])
    figures = {"rate": accepted / seconds, "p50": percentile(whole, .5), "p99": percentile(whole, .99),
               "accepted": accepted, "rss": max(memory["rss"].values()) / 1024,
               "pss": max(memory["pss"].values()) / 1024, "child": memory["child_rss"] / 1024,
               "child_private": memory["child_private"] / 1024,
               "bombs": len(outcome), "refused": sum(1 for o in outcome if o[1])}
    print(f"{name:8} {accepted:4d} tips in {seconds:6.2f} s = {figures['rate']:6.1f}/s | tip p50 "
          f"{figures['p50']:6.1f} ms p99 {figures['p99']:6.1f} ms | worker peak RSS "
          f"{' '.join(f'{v / 1024:.0f}' for v in memory['rss'].values())} MB, PSS "
          f"{' '.join(f'{v / 1024:.0f}' for v in memory['pss'].values())} MB | checking children: "
          f"{memory['children']}, largest RSS {figures['child']:.0f} MB, of it its own "
          f"{figures['child_private']:.0f} MB"
          + (f" | bombs sent {len(outcome)}, refused {figures['refused']}" if files else ""))
    if files:
        by_kind: dict[str, list[float]] = {}
        for kind, _, seconds in outcome:
            by_kind.setdefault(kind, []).append(seconds * 1000)
        print("  bomb GET+POST median: " + ", ".join(f"{k} {statistics.median(v):.0f} ms" for k, v in by_kind.items()))
    if files and figures["refused"] != len(outcome):
        print("  not refused as expected:", [o[0] for o in outcome if not o[1]])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--tips", type=int, default=10, help="tips per client")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()
    files = {name: make() for name, make in BOMBS.items()}

    name = f"coldcase_bench_{secrets.token_hex(4)}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    work = Path(tempfile.mkdtemp(prefix="coldcase-bench-"))
    server = None
    try:
        instance = work / "instance"
        instance.mkdir()
        (instance / "coldcase.cfg").write_text(
            f"SECRET_KEY = {secrets.token_hex(16)!r}\n"
            "TIPS_RATE_LIMITS = {'submit': (10**9, 60), 'status': (10**9, 60)}\n")
        env = {"COLDCASE_DATABASE_URL": url, "COLDCASE_INSTANCE_PATH": str(instance),
               "COLDCASE_CASES_DIR": str(ROOT / "cases"), "COLDCASE_SPOOL_DIR": str(work / "spool")}
        os.environ.update(env)
        from flask_migrate import upgrade

        from coldcase import create_app
        from coldcase.cases.store import case_library
        from coldcase.extensions import db

        app = create_app()
        with app.app_context():
            upgrade()
            case_id = next(iter(sorted(case_library().cases)))
            db.engine.dispose()
        port = free_port()
        server = start("coldcase:create_app()", port, options.workers, env, ROOT)
        path = f"/cases/{case_id}/tip"
        print(f"{options.clients} clients x {options.tips} tips, gunicorn {options.workers} sync workers, "
              f"PostgreSQL; bombs: " + ", ".join(f"{n} ({len(d) / 1024:.0f} KB)" for n, d in files.items()))
        run_clients(form_client, 4, port, path, 2)  # warm up: imports, pools, the case library
        phase("warm-up", server, port, path, 2, 1, files)
        with sa.create_engine(url).begin() as connection:
            connection.execute(sa.text("DELETE FROM tips"))
        rounds = []
        for round_no in range(1, options.rounds + 1):
            print(f"round {round_no}")
            base = phase("baseline", server, port, path, options.clients, options.tips, None)
            hostile = phase("hostile", server, port, path, options.clients, options.tips, files)
            rounds.append((base, hostile))
            print(f"  hostile/baseline: p99 {hostile['p99'] / base['p99']:.2f}x, tips/s "
                  f"{hostile['rate'] / base['rate']:.2f}x, worker peak RSS {hostile['rss'] - base['rss']:+.0f} MB")
        if options.rounds > 1:
            for key, label in (("p99", "p99"), ("rate", "tips/s")):
                ratios = [h[key] / b[key] for b, h in rounds]
                print(f"median hostile/baseline {label}: {statistics.median(ratios):.2f}x "
                      f"({' '.join(f'{r:.2f}' for r in ratios)})")
        accepted = sum(b["accepted"] + h["accepted"] for b, h in rounds)
        with sa.create_engine(url, poolclass=sa.pool.NullPool).connect() as connection:
            stored = connection.execute(sa.text("SELECT count(*) FROM tips")).scalar_one()
            with_files = connection.execute(sa.text("SELECT count(*) FROM tip_attachments")).scalar_one()
        print(f"accepted {accepted} == stored {stored}: {accepted == stored}; attachments stored: {with_files}")
        if accepted != stored or with_files:
            raise SystemExit("accepted tips and stored tips differ, or a bomb was stored")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
