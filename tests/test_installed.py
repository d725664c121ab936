"""What production runs: the wheel, installed into a fresh virtualenv outside the checkout, then `coldcase serve`
(gunicorn) serving pages and taking a tip, `coldcase cases check` on the sample cases and `coldcase calendar build`.

A green run in the source tree can hide a file the wheel does not carry or a path that only exists in a checkout;
these tests see neither the checkout's sources nor its working directory. The server's logs are read after normal,
malformed and oversized requests: no client address, user agent, referrer or request line may be in them.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

REPO = Path(__file__).resolve().parent.parent
#: A client address of our own on the loopback network, so that it can be searched for in the logs (the server
#: listens on 127.0.0.1, which its own start-up lines name).
CLIENT_ADDRESS = "127.0.0.2"

pytestmark = pytest.mark.slow


def _run(command: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a virtualenv outside the checkout holding the locked dependencies and coldcase's wheel.

    The virtualenv and its dependencies are made once per lock file (the PostgreSQL run of `make test` and later
    runs reuse them); coldcase's wheel is built and installed afresh every run.
    """
    dist = tmp_path_factory.mktemp("dist")
    built = _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                  "-w", str(dist), str(REPO)], cwd=dist)
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("coldcase-*.whl")
    lock = REPO / "requirements" / "run.txt"
    venv = Path(os.environ.get("TMPDIR", "/tmp")) / f"coldcase-installed-{hashlib.sha256(lock.read_bytes()).hexdigest()[:16]}"
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps"]
    if not (venv / ".complete").exists():
        _run(["rm", "-rf", str(venv)])
        assert _run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
        result = _run([*pip, "--require-hashes", "-r", str(lock)])
        assert result.returncode == 0, result.stderr
        (venv / ".complete").touch()
    # Today's wheel, always: the locked dependencies are reused, coldcase itself never is.
    result = _run([*pip, "--force-reinstall", str(wheel)])
    assert result.returncode == 0, result.stderr
    return venv / "bin"


@pytest.fixture
def environment(tmp_path, database_url) -> dict:
    """The environment of an installed coldcase: its own instance folder, this run's database, the sample cases."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COLDCASE_", "PYTHON"))}
    env.update(COLDCASE_INSTANCE_PATH=str(tmp_path / "instance"), COLDCASE_DATABASE_URL=database_url,
               COLDCASE_CASES_DIR=str(REPO / "cases"), COLDCASE_OUTPUT_DIR=str(tmp_path / "output"),
               COLDCASE_SPOOL_DIR=str(tmp_path / "spool"))
    return env


def test_the_installed_package_is_the_wheel_not_the_checkout(installed, tmp_path, environment):
    result = _run([str(installed / "python"), "-c", "import coldcase, coldcase.resources as r; "
                   "print(coldcase.__file__); print(r.TEMPLATES_DIR); print(r.STATIC_DIR)"],
                  cwd=tmp_path, env=environment)
    assert result.returncode == 0, result.stderr
    for line in result.stdout.split():
        assert Path(line).is_relative_to(installed.parent), line
        assert not Path(line).is_relative_to(REPO), line


def test_the_installed_command_checks_the_sample_cases(installed, tmp_path, environment):
    result = _run([str(installed / "coldcase"), "cases", "check"], cwd=tmp_path, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    cases = len([folder for folder in (REPO / "cases").iterdir() if (folder / "case.md").exists()])
    assert f"{cases} cases, 0 with errors" in result.stdout


def test_the_installed_command_builds_a_calendar_that_passes_preflight(installed, tmp_path, environment):
    out = tmp_path / "calendar"
    result = _run([str(installed / "coldcase"), "calendar", "build", "2027", "--variant", "screen",
                   "--out", str(out)], cwd=tmp_path, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    (pdf,) = out.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 100_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _raw(port: int, data: bytes) -> bytes:
    """Send raw bytes from CLIENT_ADDRESS and return the start of the answer."""
    with socket.socket() as connection:
        connection.bind((CLIENT_ADDRESS, 0))
        connection.settimeout(10)
        connection.connect(("127.0.0.1", port))
        connection.sendall(data)
        try:
            return connection.recv(200)
        except OSError:
            return b""


class _FromClientAddress(urllib.request.HTTPHandler):
    """urllib's HTTP handler, connecting from CLIENT_ADDRESS."""

    def http_open(self, req):
        import http.client

        def connection(host, **kwargs):
            return http.client.HTTPConnection(host, source_address=(CLIENT_ADDRESS, 0), **kwargs)

        return self.do_open(connection, req)


@pytest.fixture
def served(installed, tmp_path, environment):
    """`coldcase serve` from the wheel on a free port (one worker); yields (base URL, log file path)."""
    assert _run([str(installed / "coldcase"), "db", "upgrade"], cwd=tmp_path, env=environment).returncode == 0
    port = _free_port()
    log = tmp_path / "server.log"
    with open(log, "w") as handle:
        server = subprocess.Popen([str(installed / "coldcase"), "serve", "--port", str(port), "--workers", "1"],
                                  cwd=tmp_path, env=environment, stdout=handle, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)


def test_the_installed_server_serves_pages_and_takes_a_tip(served):
    base, _ = served
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _FromClientAddress())
    home = opener.open(f"{base}/", timeout=30)
    assert home.status == 200
    html = home.read().decode()
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', html)
    assert stylesheet, html[:2000]
    stylesheet = stylesheet.group(1)
    assert opener.open(base + stylesheet, timeout=30).status == 200

    form = opener.open(f"{base}/tips/new", timeout=30).read().decode()
    fields = {name: re.search(rf'name="{name}" type="hidden" value="([^"]*)"', form).group(1)
              for name in ("csrf_token", "token")}
    answer = opener.open(f"{base}/tips/new", data=urlencode({**fields, "text": "Ik zag een rode bestelbus"}).encode(),
                         timeout=30)
    assert answer.status == 200
    assert 'id="receipt-code"' in answer.read().decode()


def test_no_client_address_or_request_detail_reaches_the_servers_log(served, tmp_path):
    base, log = served
    port = int(base.rsplit(":", 1)[1])
    marker = "zz-private-path-marker"
    ordinary = (f"GET /cases/{marker} HTTP/1.1\r\nHost: x\r\nUser-Agent: UA-MARKER/1.0\r\n"
                f"Referer: http://referrer-marker.example/\r\nX-Forwarded-For: 203.0.113.77\r\n\r\n").encode()
    answers = [
        _raw(port, ordinary),
        _raw(port, b"GARBAGE " + marker.encode() + b"\r\n\r\n"),                          # malformed request line
        _raw(port, b"GET /" + marker.encode() + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"),  # too long a line
        _raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n"),  # too large a header
        _raw(port, b"GET /" + marker.encode() + b" HTTP/1.1\r\nHo\x00st: x\r\n\r\n"),       # invalid header
    ]
    assert [answer.split(b" ", 2)[1] for answer in answers] == [b"404", b"400", b"414", b"431", b"400"]
    time.sleep(0.5)
    written = log.read_text(errors="replace")
    written += "".join(path.read_text(errors="replace") for path in (tmp_path / "instance").rglob("*.log"))
    assert "malformed or oversized request" in written  # the refusals are logged, without their details
    for secret in (CLIENT_ADDRESS, "203.0.113.77", "UA-MARKER", "referrer-marker", marker):
        assert secret not in written, f"{secret!r} was logged:\n{written}"
