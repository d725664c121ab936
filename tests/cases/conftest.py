"""Fixtures for the case library: scenario folders copied to a temporary folder, with photos made by Pillow.

A scenario is a folder in ``tests/cases/scenarios/``. When copied:
- every case folder without a ``photo.jpg`` gets one, 1417×1063 px (just big enough to print);
- ``_photos`` (if present) lists more images to make, one per line: ``folder/name.ext WIDTHxHEIGHT``;
- a file ``NAME.latin1`` (kept in UTF-8 so that tools reading the repository do not choke on it) becomes
  ``NAME`` encoded in Latin-1, to test text that is not UTF-8;
- ``_fillers`` (if present) holds a number N: N valid cases ``filler-01`` ... are added, so that an edition
  can name 52 cases without committing 52 folders;
- ``_links`` (if present) lists symbolic links to make, one per line: ``folder/name -> target`` (made here, not
  committed, because a link to a photo that only the copy has dangles in the repository, and tools that copy
  the tests, such as mutmut, stop at it).
"""

from __future__ import annotations

import datetime
import functools
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from coldcase.cases.loader import load_library

SCENARIOS = Path(__file__).parent / "scenarios"
#: Every test loads "as of" this day, so that dates in the future stay in the future.
TODAY = datetime.date(2026, 11, 1)

FILLER_CASE = """\
---
id: {id}
title: Vermissing {number}
kind: missing
status: open
victim:
  name: Persoon {number}
date: 1990
place: Utrecht
unit: Team Cold Cases Midden-Nederland
photos:
  - file: photo.jpg
summary: Een vermissing.
question: Wie weet meer?
consent:
  family: true
  recorded: 2026-01-05
---
Het verhaal.
"""


def make_photo(path: Path, width: int = 1417, height: int = 1063) -> Path:
    """Write a one-colour image; the suffix picks the format (.jpg, .png, .gif)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_photo_bytes(path.suffix.lower(), width, height))
    return path


@functools.cache
def _photo_bytes(suffix: str, width: int, height: int) -> bytes:
    # Encoded once per size and format: the "valid" scenario alone needs 52 photos, and tests copy it often.
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 130, 140)).save(buffer, format=Image.registered_extensions()[suffix])
    return buffer.getvalue()


def copy_scenario(name: str, destination: Path) -> Path:
    """Copy scenario ``name`` into ``destination`` and make its photos and filler cases; returns the copy."""
    root = Path(tempfile.mkdtemp(dir=destination)) / name  # a fresh copy each time, even within one test
    shutil.copytree(SCENARIOS / name, root, symlinks=True)
    for path in root.rglob("*.latin1"):
        path.with_suffix("").write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
        path.unlink()
    fillers = root / "_fillers"
    if fillers.exists():
        for number in range(1, int(fillers.read_text()) + 1):
            case_id = f"filler-{number:02d}"
            (root / case_id).mkdir()
            (root / case_id / "case.md").write_text(FILLER_CASE.format(id=case_id, number=number))
    for folder in root.iterdir():
        if folder.is_dir() and folder.name != "editions" and not (folder / "photo.jpg").exists():
            make_photo(folder / "photo.jpg")
    extra = root / "_photos"
    if extra.exists():
        for line in extra.read_text().splitlines():
            if line.strip():
                name, size = line.split()
                width, height = (int(number) for number in size.split("x"))
                make_photo(root / name, width, height)
    links = root / "_links"
    if links.exists():
        for line in links.read_text().splitlines():
            if line.strip():
                name, target = (part.strip() for part in line.split("->"))
                (root / name).symlink_to(target)
    return root


@pytest.fixture
def scenario(tmp_path):
    """``scenario("valid")`` gives the path of a fresh copy of that scenario folder."""
    return lambda name: copy_scenario(name, tmp_path)


@pytest.fixture
def load(scenario):
    """``load("valid")`` copies a scenario and loads it as of ``TODAY``."""
    return lambda name: load_library(scenario(name), today=TODAY)


def formatted(library) -> list[str]:
    """The library's problems as ``coldcase cases check`` prints them."""
    return [problem.format(library.root) for problem in library.problems]
