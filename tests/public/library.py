"""A small, fully invented case library for the public pages' tests, written into a temporary folder.

56 cases: 54 open ones (the editions 2026 and 2027 name 52 each, 53 in all, in a different order; zaak-53 is in
neither), one solved and one closed case. Dates are full, year-month or year only; some cases have an English or an
Arabic translation; one has a second photo. Photos are made by Pillow, 1417 × 1063 px (just big enough to
print), hard-linked to one file so that writing the library stays fast.
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

PHOTO_SIZE = (1417, 1063)
OPEN_CASES = 54
TIPLINE = """\
tipline:
  phone: 0800-6070
  postal: Antwoordnummer 12345, 1000 AB Amsterdam
  email: tips@example.org
  web: https://example.org/tips
"""

ANNA = """\
---
id: anna-de-vries-1994
title: Wie doodde Anna de Vries?
kind: homicide
status: open
victim:
  name: Anna de Vries
  born: 1971-05-02
  age: 22
date: 1994-03
place: Zwolle, Stadsgracht
unit: Team Cold Cases Oost-Nederland
reference: 1994-ON-0042
reward: 15000
photos:
  - file: photo.jpg
    caption: Anna in 1993
    credit: Familie de Vries
  - file: fiets.jpg
    caption: Een fiets zoals die van Anna
key_dates:
  - date: 1994-03-15
    label: Anna voor het laatst gezien
  - date: 1994-03-19
    label: Lichaam gevonden
summary: >
  Op de avond van 15 maart 1994 fietste Anna de Vries (22) van haar werk naar huis.
question: >
  Wie zag Anna na 22.00 uur op de Stadsgracht?
consent:
  family: true
  recorded: 2026-09-01
---
Anna werkte in een bakkerij aan de **Diezerstraat**.

Zij fietste elke avond dezelfde route naar huis.
"""

ANNA_EN = """\
---
title: Who killed Anna de Vries?
summary: On the evening of 15 March 1994 Anna de Vries (22) cycled home from work.
question: Who saw Anna on the Stadsgracht after 22:00?
key_dates:
  - date: 1994-03-15
    label: Anna last seen
photos:
  - caption: Anna in 1993
---
Anna worked in a bakery on the Diezerstraat.
"""

ANNA_AR = """\
---
title: من قتل آنا دي فريس؟
question: من رأى آنا بعد الساعة العاشرة مساءً؟
---
كانت آنا تعمل في مخبز في شارع ديزرسترات.
"""

CASE = """\
---
id: {id}
title: {title}
kind: {kind}
status: {status}
victim:
  name: {name}
date: {date}
place: {place}
unit: Team Cold Cases Midden-Nederland
photos:
  - file: photo.jpg
summary: Een zaak die nog niet is opgelost.
question: Wie weet meer?
consent:
  family: true
  recorded: 2026-01-05
{extra}---
Het verhaal van {name}.
"""

PLACES = ["Utrecht", "Amersfoort", "Sneek", "Middelburg", "Venlo", "Den Helder", "Zeist", "Enschede"]
KINDS = ["homicide", "missing", "unidentified"]


def make_photo(path: Path, size: tuple[int, int] = PHOTO_SIZE, colour=(120, 130, 140)) -> Path:
    """Write a one-colour image; the suffix picks the format."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)
    return path


def filler_id(number: int) -> str:
    """The id of the ``number``-th invented open case (1-based)."""
    return f"zaak-{number:02d}"


def write_case(root: Path, case_id: str, text: str, photo: Path, *, translations: dict[str, str] | None = None) -> Path:
    """Write one case folder with ``case.md``, its translations and ``photo.jpg`` (a hard link to ``photo``)."""
    folder = root / case_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.md").write_text(text, encoding="utf-8")
    for language, translation in (translations or {}).items():
        (folder / f"case.{language}.md").write_text(translation, encoding="utf-8")
    try:
        os.link(photo, folder / "photo.jpg")
    except OSError:
        (folder / "photo.jpg").write_bytes(photo.read_bytes())
    return folder


def filler_text(number: int, *, status: str = "open") -> str:
    """The ``case.md`` of an invented case; dates alternate between year, year-month and full dates."""
    dates = [f"{1980 + number % 30}", f"{1980 + number % 30}-0{1 + number % 9}", f"{1980 + number % 30}-1{number % 3}-0{1 + number % 9}"]
    return CASE.format(
        id=filler_id(number),
        title=f"Wie weet meer over zaak {number}?",
        kind=KINDS[number % 3],
        status=status,
        name=f"Persoon {number}",
        date=dates[number % 3],
        place=PLACES[number % len(PLACES)],
        extra="reward: 10000\n" if number % 2 else "",
    )


def build_library(root: Path) -> Path:
    """Write the whole library into ``root`` (created) and return it."""
    root.mkdir(parents=True, exist_ok=True)
    photo = make_photo(root / "_master.jpg")
    write_case(root, "anna-de-vries-1994", ANNA, photo, translations={"en": ANNA_EN, "ar": ANNA_AR})
    make_photo(root / "anna-de-vries-1994" / "fiets.jpg", (900, 675), (90, 110, 90))
    for number in range(1, OPEN_CASES):
        write_case(root, filler_id(number), filler_text(number), photo)
    write_case(root, "opgelost-2001", filler_text(90, status="solved").replace(filler_id(90), "opgelost-2001"), photo)
    write_case(root, "gesloten-1985", filler_text(91, status="closed").replace(filler_id(91), "gesloten-1985"), photo)

    in_2026 = ["anna-de-vries-1994", *(filler_id(n) for n in range(1, 52))]
    in_2027 = [*(filler_id(n) for n in range(2, 53)), "anna-de-vries-1994"]
    editions = root / "editions"
    editions.mkdir()
    for year, weeks in ((2026, in_2026), (2027, in_2027)):
        lines = "".join(f"  - {case_id}\n" for case_id in weeks)
        (editions / f"{year}.yaml").write_text(
            f"year: {year}\ntitle: Cold case kalender {year}\nlanguages: [nl, en]\n{TIPLINE}weeks:\n{lines}"
            "distribution:\n  - code: PI-VUGHT\n    name: PI Vught\n    kind: prison\n    copies: 700\n",
            encoding="utf-8",
        )
    return root


if __name__ == "__main__":  # for looking at the pages by hand: python tests/public/library.py /tmp/cases
    import sys

    print(build_library(Path(sys.argv[1])))
