"""Fixtures for the tip pages: a case library with two cases and the 2027 edition (points PI-VUGHT and
RN-ZWOLLE), English pages, generous rate limits (tests that check the limits lower them), and helpers that send a tip through
the real form."""

from __future__ import annotations

import re
import threading
import time

import pytest
from werkzeug.serving import make_server

from coldcase import create_app
from coldcase.extensions import db
from coldcase.tips import spool_import
from tests.cases.conftest import copy_scenario
from tests.conftest import make_test_config

CASE = "anna-de-vries-1994"


@pytest.fixture(scope="session")
def tip_cases(tmp_path_factory):
    """The 'valid' case scenario, copied once for the session."""
    return copy_scenario("valid", tmp_path_factory.mktemp("tip-cases"))


@pytest.fixture
def app_config(database_url, tmp_path, tip_cases):
    """The tip tests' configuration (see module docstring)."""
    return make_test_config(
        database_url, tmp_path,
        CASES_DIR=tip_cases,
        TIPS_RATE_LIMITS={"submit": (1000, 60), "status": (1000, 60)},
        # Assertions read the English texts; test_languages.py checks the others.
        DEFAULT_LANGUAGE="en",
    )


def form_fields(response) -> dict:
    """The hidden fields of a tip form page (token, e, d)."""
    html = response.get_data(as_text=True)
    fields = {}
    for name in ("token", "e", "d", "csrf_token"):
        match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html) or re.search(
            rf'id="{name}" name="{name}" type="hidden" value="([^"]*)"', html)
        if match:
            fields[name] = match.group(1)
    return fields


def receipt_code(response) -> str:
    """The receipt code shown on a receipt page."""
    match = re.search(r'id="receipt-code"[^>]*>([^<]+)<', response.get_data(as_text=True))
    assert match, response.get_data(as_text=True)[:3000]
    return match.group(1).strip()


def tip_number(response) -> str:
    """The tip number shown on a receipt page."""
    return re.search(r'id="tip-number">([^<]+)<', response.get_data(as_text=True)).group(1)


@pytest.fixture
def send_tip(client):
    """Return a function that opens a tip form (``url``, with its query) and posts ``fields`` through it."""

    def send(url="/tips/new", text="Ik zag een blauwe auto bij de gracht.", **fields):
        page = client.get(url)
        assert page.status_code == 200, page.status_code
        data = {**form_fields(page), "text": text, **fields}
        return client.post(url.split("?")[0], data=data, content_type="multipart/form-data")

    return send


@pytest.fixture
def live_server(app):
    """The app behind werkzeug's real server (request log and all), on a free port, in a thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


#: Nothing listens on port 9 (discard) on the test machine: connecting is refused at once.
UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:9/coldcase_down"


@pytest.fixture
def down_client(app_config):
    """A client of the same app (same spool, secret and key) whose database cannot be reached."""
    config = {**app_config, "SQLALCHEMY_DATABASE_URI": UNREACHABLE,
              "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}}}
    down = create_app(config)
    yield down.test_client()
    with down.app_context():
        db.engine.dispose()


@pytest.fixture
def importing(app):
    """The app with its background spool importer on, looking every 0.2 s; stopped after the test."""
    app.config.update(SPOOL_IMPORTER=True, SPOOL_IMPORT_SECONDS=0.2)
    yield app
    spool_import.stop(app)


def wait_until(condition, seconds: float = 30) -> bool:
    """Poll ``condition`` until it holds or ``seconds`` pass; whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def send(client, url="/tips/new", **fields):
    """Open the tip form at ``url`` and send it with ``fields`` (the hidden fields filled in as a browser would)."""
    page = client.get(url)
    return client.post(url.split("?")[0], data={**form_fields(page), **fields})
