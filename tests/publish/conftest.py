"""Fixtures for the calendar publisher: small case libraries written to a temporary folder."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from coldcase.cases.loader import load_library

TODAY = dt.date(2026, 11, 1)
#: The public address of the test builds: not a placeholder, which print preflight refuses.
BASE_URL = "https://cold-case-kalender.nl"


def write_case(root: Path, case_id: str, number: int, *, status: str = "open", photo_size=(1600, 1250),
               translations: dict[str, str] | None = None, key_date: str = "1994-03-15",
               summary: str | None = None) -> Path:
    """Write one valid case folder (case.md, photo.jpg and translations) and return it."""
    folder = root / case_id
    folder.mkdir(parents=True, exist_ok=True)
    summary = summary or (f"Op de avond van 15 maart 1994 verliet slachtoffer {number} een café in Zwolle. "
                          "Zij werd daarna nog gezien op de Stadsgracht. Vier dagen later werd zij gevonden.")
    (folder / "case.md").write_text(textwrap.dedent(f"""\
        ---
        id: {case_id}
        title: Wie weet meer over zaak {number}?
        kind: homicide
        status: {status}
        victim:
          name: Slachtoffer {number}
          age: {20 + number % 40}
        date: 1994-03-15
        place: Zwolle, Stadsgracht
        unit: Team Cold Cases Oost-Nederland
        reference: 1994-ON-{number:04d}
        reward: 15000
        photos:
          - file: photo.jpg
            caption: Foto uit 1993
            credit: Familie
        key_dates:
          - date: {key_date}
            label: Laatst gezien
        summary: >
          {summary}
        question: >
          Wie zag het slachtoffer na 22.00 uur op de Stadsgracht, en met wie?
        consent:
          family: true
          recorded: 2026-09-01
        ---
        Het hele verhaal.
        """), encoding="utf-8")
    image = Image.new("RGB", photo_size, (40 + number * 3 % 200, 90, 140))
    ImageDraw.Draw(image).ellipse((photo_size[0] // 4, 100, photo_size[0] * 3 // 4, photo_size[1] - 100),
                                  fill=(230, 200, 170))
    image.save(folder / "photo.jpg", quality=85)
    for language, title in (translations or {}).items():
        (folder / f"case.{language}.md").write_text(
            f"---\ntitle: {title}\nquestion: {title} ?\n---\nStory.\n", encoding="utf-8")
    return folder


def write_edition(root: Path, year: int, weeks: list[str], languages=("nl", "en")) -> Path:
    """Write editions/YEAR.yaml listing `weeks`."""
    folder = root / "editions"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"year: {year}", f"title: Cold case kalender {year}", f"languages: [{', '.join(languages)}]",
             "tipline:", "  phone: 0800-6070", "  postal: Antwoordnummer 12345, 1000 AB Amsterdam",
             "  email: tips@cold-case-kalender.nl", "  web: https://cold-case-kalender.nl/tips", "weeks:"]
    lines += [f"  - {case_id}" for case_id in weeks]
    lines += ["distribution:", "  - code: PI-VUGHT", "    name: PI Vught", "    kind: prison", "    copies: 700"]
    path = folder / f"{year}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def sample_root(tmp_path_factory) -> Path:
    """A folder with 52 valid open cases and editions 2026 and 2027 (nl + en)."""
    root = tmp_path_factory.mktemp("cases")
    ids = [f"case-{n:02d}" for n in range(1, 53)]
    for n, case_id in enumerate(ids, start=1):
        write_case(root, case_id, n, translations={"en": f"Who knows more about case {n}"} if n % 2 else None)
    write_edition(root, 2027, ids)
    write_edition(root, 2026, ids)
    return root


@pytest.fixture(scope="session")
def sample_library(sample_root):
    """The loaded sample library."""
    library = load_library(sample_root, today=TODAY)
    assert not library.errors, [p.format() for p in library.errors]
    return library


@pytest.fixture
def copy_root(sample_root, tmp_path) -> Path:
    """A private copy of the sample folder that a test may edit."""
    import shutil

    target = tmp_path / "cases"
    shutil.copytree(sample_root, target)
    return target


@pytest.fixture
def app_config(app_config):
    """These tests read the print staff's pages in English; the Dutch pages have their own test
    (tests/publish/test_print_staff_dutch.py)."""
    app_config["DEFAULT_LANGUAGE"] = "en"
    return app_config
