"""A complete case file with every field, and helpers that change one thing in it and load it.

The edge tests start from this file (every field set, each on a known line) so that a test changes exactly
one field and can pin the exact problem, with its line, that the change causes.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from coldcase.cases.loader import load_case
from tests.cases.conftest import TODAY

CASE_ID = "edge-case"

#: Every field of a case, each on the file line given in ``LINE``.
CASE_MD = """\
---
id: edge-case
language: nl
title: Wie doodde Anna de Vries?
kind: homicide
status: open
victim:
  name: Anna de Vries
  born: 1971-05-02
  age: 22
date: 1994-03-15
place: Zwolle, Stadsgracht
unit: Team Cold Cases Oost-Nederland
reference: 1994-ON-0042
reward: 15000
photos:
  - file: photo.png
    caption: Anna in 1993
    credit: Familie de Vries
key_dates:
  - date: 1994-03-15
    label: Laatst gezien
summary: Anna fietste op 15 maart 1994 naar huis.
question: Wie zag Anna na 22.00 uur?
consent:
  family: true
  recorded: 2026-09-01
tags: [zwolle]
---
Het verhaal.
"""

#: The file line of each field in ``CASE_MD``.
LINE = {
    "id": 2, "language": 3, "title": 4, "kind": 5, "status": 6, "victim": 7, "victim.name": 8,
    "victim.born": 9, "victim.age": 10, "date": 11, "place": 12, "unit": 13, "reference": 14, "reward": 15,
    "photos": 16, "photos[1].file": 17, "photos[1].caption": 18, "photos[1].credit": 19, "key_dates": 20,
    "key_dates[1].date": 21, "key_dates[1].label": 22, "summary": 23, "question": 24, "consent": 25,
    "consent.family": 26, "consent.recorded": 27, "tags": 28,
}  # fmt: skip

#: A translation with every translatable field, for ``CASE_MD``.
CASE_EN_MD = """\
---
title: Who killed Anna de Vries?
place: Zwolle, city moat
summary: Anna cycled home on 15 March 1994.
question: Who saw Anna after 10 pm?
key_dates:
  - date: 1994-03-15
    label: Last seen
photos:
  - caption: Anna in 1993
---
The story.
"""

TRANSLATION_LINE = {
    "title": 2, "place": 3, "summary": 4, "question": 5, "key_dates[1].date": 7, "key_dates[1].label": 8,
    "photos[1].caption": 10,
}  # fmt: skip


def png_header(path: Path, width: int, height: int) -> Path:
    """A PNG that claims ``width``×``height`` pixels: a real header and one tiny data chunk. The loader reads
    only the header, so any size costs nothing to make."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
    path.write_bytes(data + chunk(b"IEND", b""))
    return path


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the one line that starts with ``old`` changed to start with ``new`` (the test fails if
    there is not exactly one)."""
    count = ("\n" + text).count("\n" + old)
    assert count == 1, f"a line starting with {old!r} occurs {count} times"
    return ("\n" + text).replace("\n" + old, "\n" + new)[1:]


def without(text: str, line_start: str) -> str:
    """``text`` without the line starting with ``line_start`` and the lines indented below it."""
    lines = text.splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.startswith(line_start)]
    indent = len(line_start) - len(line_start.lstrip(" -"))
    end = index + 1
    while end < len(lines) and len(lines[end]) - len(lines[end].lstrip(" ")) > indent and lines[end].strip():
        end += 1
    return "".join(lines[:index] + lines[end:])


def write_case(root: Path, text: str = CASE_MD, translations: dict[str, str] | None = None,
               folder: str = CASE_ID) -> Path:
    """Write a case folder holding ``text`` as case.md, its translations and a printable photo."""
    path = root / folder
    path.mkdir(parents=True, exist_ok=True)
    (path / "case.md").write_text(text, encoding="utf-8")
    for language, translation in (translations or {}).items():
        (path / f"case.{language}.md").write_text(translation, encoding="utf-8")
    png_header(path / "photo.png", 1417, 1063)
    return path


def problems_of(root: Path, text: str = CASE_MD, translations: dict[str, str] | None = None,
                folder: str = CASE_ID, today=TODAY):
    """Load a case written from ``text``: the case (or ``None``) and its problems as (file, line, message)."""
    case, problems = load_case(write_case(root, text, translations, folder), today)
    return case, [(problem.path.name, problem.line, problem.message) for problem in problems]
