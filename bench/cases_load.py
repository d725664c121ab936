"""Benchmark the case library on 1,000 generated case bundles.

Run: /work/venv-dev/bin/python bench/cases_load.py [--cases N]

Reports, each as a ratio against a baseline measured in the same run (merely reading every file's bytes),
so that figures from different machines can be compared:
- cold: load and validate everything (``load_library``);
- warm: ``CaseStore.library()`` again with no file changed (target: well under 50 ms);
- edit: ``CaseStore.library()`` after one case file was edited.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402

from coldcase.cases.loader import load_library  # noqa: E402
from coldcase.cases.store import CaseStore  # noqa: E402

TODAY = datetime.date(2026, 11, 1)

CASE = """\
---
id: {id}
title: Wie weet meer over zaak {n}?
kind: homicide
status: open
victim:
  name: Slachtoffer {n}
  born: 1960-04-0{d}
  age: 30
date: 1990-06-1{d}
place: Utrecht, Oudegracht
unit: Team Cold Cases Midden-Nederland
reference: 1990-MN-{n:04d}
reward: 15000
photos:
  - file: photo.jpg
    caption: Foto uit 1989
    credit: Familie
key_dates:
  - date: 1990-06-1{d}
    label: Laatst gezien
summary: >
  Op een avond in juni 1990 verdween slachtoffer {n} na een bezoek aan de stad. Dagen later werd
  zij gevonden. Het team zoekt getuigen die haar die avond hebben gezien.
question: Wie zag slachtoffer {n} na 22.00 uur?
consent:
  family: true
  recorded: 2026-09-01
tags: [utrecht, 1990s]
---
Het volledige verhaal van zaak {n}, met **details** en een [link](https://example.org/zaak/{n}).
"""

TRANSLATION = """\
---
title: Who knows more about case {n}?
summary: One evening in June 1990 victim {n} disappeared after a visit to the city.
question: Who saw victim {n} after 22:00?
key_dates:
  - date: 1990-06-1{d}
    label: Last seen
---
The full story of case {n}.
"""


def generate(root: Path, count: int) -> None:
    """Write ``count`` valid case folders, each with a translation and a hard link to one small photo."""
    photo = root / "_photo.jpg"
    # One colour compresses to a few kilobytes while still being big enough to print.
    Image.new("RGB", (1417, 1063), (90, 100, 110)).save(photo, quality=85)
    for n in range(1, count + 1):
        case_id = f"case-{n:04d}"
        folder = root / case_id
        folder.mkdir()
        (folder / "case.md").write_text(CASE.format(id=case_id, n=n, d=n % 9 + 1), encoding="utf-8")
        (folder / "case.en.md").write_text(TRANSLATION.format(n=n, d=n % 9 + 1), encoding="utf-8")
        try:
            os.link(photo, folder / "photo.jpg")
        except OSError:
            shutil.copyfile(photo, folder / "photo.jpg")


def read_all_bytes(root: Path) -> int:
    """The baseline: walk the tree and read every file once."""
    total = 0
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            with open(os.path.join(dirpath, name), "rb") as handle:
                total += len(handle.read())
    return total


def best_of(repeat: int, action) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by other work on the machine)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.cases)
        read_all_bytes(root)  # warm the OS file cache so that all figures measure the same thing

        baseline = best_of(5, lambda: read_all_bytes(root))
        cold = best_of(3, lambda: load_library(root, today=TODAY))
        library = load_library(root, today=TODAY)
        assert len(library.cases) == args.cases and not library.errors, library.problems[:5]

        store = CaseStore(root, clock=lambda: TODAY)
        store.library()
        warm = best_of(20, store.library)

        edited = root / "case-0500" / "case.md"
        timings = []
        for attempt in range(5):
            text = edited.read_text(encoding="utf-8")
            edited.write_text(text.replace("Oudegracht", f"Oudegracht {attempt}", 1), encoding="utf-8")
            start = time.perf_counter()
            after = store.library()
            timings.append(time.perf_counter() - start)
            assert store.last_reloaded == 1 and f"Oudegracht {attempt}" in after.cases["case-0500"].place
        edit = min(timings)

    def line(name: str, seconds: float, target: str = "") -> str:
        return f"{name:<6}= {seconds / baseline:6.2f}x read-only baseline ({seconds * 1000:7.1f} ms){target}"

    print(f"{args.cases} cases, each case.md + case.en.md + photo.jpg")
    print(f"baseline: reading all files' bytes takes {baseline * 1000:.1f} ms")
    print(line("cold", cold, "  load + validate everything; target < 1000 ms"))
    print(line("warm", warm, "  CaseStore.library(), nothing changed; target < 50 ms"))
    print(line("edit", edit, "  CaseStore.library() after editing one case.md"))


if __name__ == "__main__":
    main()
