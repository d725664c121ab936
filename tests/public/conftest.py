"""Fixtures for the public pages: the app on a fresh copy of the invented library in ``library.py``, a fixed
"today" in late 2026, and a small HTML reader for links and images."""

from __future__ import annotations

import datetime
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coldcase.cases import views
from tests.public.library import build_library

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(scope="session")
def library_template(tmp_path_factory):
    """The test library, written once per run."""
    return build_library(tmp_path_factory.mktemp("library") / "cases")


def _copy_or_link(source, destination):
    # Photos are only ever replaced (unlink, then write), never written through, so they may be shared;
    # text files are edited in place by tests and must be copies.
    if source.endswith(".jpg"):
        os.link(source, destination)
    else:
        shutil.copy2(source, destination)


@pytest.fixture
def cases_dir(tmp_path, library_template):
    """A fresh copy of the test library; tests may edit it."""
    return Path(shutil.copytree(library_template, tmp_path / "cases", copy_function=_copy_or_link))


@pytest.fixture
def app_config(app_config, cases_dir, monkeypatch):
    """The usual test configuration, on the test library, on ``TODAY``."""
    monkeypatch.setattr(views, "today", lambda: TODAY)
    app_config["CASES_DIR"] = cases_dir
    return app_config


class Page(HTMLParser):
    """The parts of an HTML page the tests look at: every element's tag and attributes, and the text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self) -> str:
        """The visible text, with runs of white space made one space."""
        return " ".join(" ".join(self.texts).split())

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        """The attributes of every ``tag`` element whose attributes include ``attrs``."""
        return [a for t, a in self.elements if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def links(self) -> list[str]:
        """Every ``<a href>``."""
        return [a["href"] for a in self.find("a") if "href" in a]

    def loaded_urls(self) -> list[str]:
        """Every address the browser fetches by itself: stylesheets, scripts, images (with srcset), frames..."""
        urls = []
        for tag, attrs in self.elements:
            if tag == "link" and "href" in attrs:
                urls.append(attrs["href"])
            for name in ("src", "data", "poster", "action", "formaction"):
                if name in attrs:
                    urls.append(attrs[name])
            if "srcset" in attrs:
                urls.extend(part.split()[0] for part in attrs["srcset"].split(",") if part.strip())
        return urls


@pytest.fixture
def page(client):
    """``page(url, **headers)`` fetches a page that must answer 200 and returns it parsed."""

    def fetch(url: str, status: int = 200, **headers: str) -> Page:
        response = client.get(url, headers=headers)
        assert response.status_code == status, (url, response.status_code)
        return Page(response.get_data(as_text=True))

    return fetch


def case_links(page: Page) -> list[str]:
    """The case pages a page links to, in order, once each, without the query."""
    seen = []
    for href in page.links():
        path = href.split("?")[0]
        if path.startswith("/cases/") and path.count("/") == 2 and path not in seen:
            seen.append(path)
    return seen


def _sample_cases():
    from tests.conftest import SAMPLE_CASES

    return SAMPLE_CASES if (SAMPLE_CASES / "editions").is_dir() else None


#: The repository's sample cases folder, or ``None`` while it has no editions yet.
SAMPLE_CASES_PRESENT = _sample_cases()
