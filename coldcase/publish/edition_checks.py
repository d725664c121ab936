"""The edition's checks before a build: written once, read by the build, the command line and print staff.

    edition, items = check_edition(library, 2027, variant="print", size="A4")
    blocking = [line for item in items if item.result == "fail" for line in item.details]

An item is one line of the print staff's checklist (52 cases, every case valid and open, consent,
printable photos, translations, the case files' own warnings); its `details` name each week that
breaks it, in words that stand on their own in a build log. Errors stop a build; warnings do not.
Reads only the loaded library, never renders, so the page that shows it is fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coldcase.cases.model import Edition, Library
from coldcase.publish.images import required_pixels
from coldcase.publish.pages import CARD_PHOTO_MM, PAPER_SIZES, WEEK_PHOTO_MM

WEEKS_PER_EDITION = 52


@dataclass
class ChecklistItem:
    """One line of the edition's checklist: whether it holds, and the details when it does not."""

    title: str
    ok: bool
    details: list[str] = field(default_factory=list)
    severity: str = "error"  # what a failure means: error (no build) or warning (worth fixing)
    #: Which line this is, and the values in its title, so that the print staff's page can say the title in
    #: its own language (``title`` is the English, for the command line).
    code: str = ""
    params: dict = field(default_factory=dict)

    @property
    def result(self) -> str:
        """`pass`, `fail` or `warn`."""
        return "pass" if self.ok else ("fail" if self.severity == "error" else "warn")


def photo_frame_mm(variant: str, size: str) -> tuple[float, float]:
    """The printed size of a case's photo in `variant` on paper `size` (the A4 design, scaled)."""
    if variant in ("cards", "card"):
        return CARD_PHOTO_MM
    scale = PAPER_SIZES.get(size, PAPER_SIZES["A4"])[0] / 210.0
    return WEEK_PHOTO_MM[0] * scale, WEEK_PHOTO_MM[1] * scale


def check_edition(library: Library, year: int, variant: str = "print", size: str = "A4",
                  distribution: str | None = None) -> tuple[Edition | None, list[ChecklistItem]]:
    """The edition of `year` and its checklist; see the module docstring.

    The edition is None when its file could not be read; the one item then says why, with the loader's
    findings (and those of the cases it names) and their line numbers.
    """
    edition = library.editions.get(year)
    root = Path(library.root)
    if edition is None:
        return None, [_unreadable(library, year, root)]
    items = []
    if distribution and edition.point(distribution) is None:
        known = ", ".join(p.code for p in edition.distribution)
        items.append(ChecklistItem(f"distribution point {distribution} is in the edition", False,
                                   [f"unknown distribution point '{distribution}' in edition {year} (known: {known})"],
                                   code="distribution", params={"code": distribution}))
    unknown = _unknown_observances(edition)
    if unknown:
        items.append(ChecklistItem("every observance is in the holidays library", False, unknown,
                                   code="observances"))
    # The loader checks the weeks too, but a build must never trust that the library it was given
    # came from the loader; its week findings say the same as these and are not repeated.
    count = len(edition.weeks)
    items.append(ChecklistItem(f"{WEEKS_PER_EDITION} cases, one a week", count == WEEKS_PER_EDITION,
                               [] if count == WEEKS_PER_EDITION else
                               [f"edition {year} lists {count} cases; it needs exactly {WEEKS_PER_EDITION}, "
                                f"one a week"], code="weeks"))
    cases, bad, seen = [], [], {}
    for week, case_id in enumerate(edition.weeks, start=1):
        case = library.cases.get(case_id)
        if case_id in seen:
            bad.append(f"week {week}: case '{case_id}' is already in week {seen[case_id]}")
            continue
        seen[case_id] = week
        if case is None:
            if case_id in library.invalid_case_ids:
                bad.append(f"week {week}: case '{case_id}' has errors")
                # The case file's own errors, with their lines, so print staff can tell the investigator what to fix.
                bad.extend(p.format(root) for p in library.errors if p.case_id == case_id)
            else:
                bad.append(f"week {week}: unknown case '{case_id}'")
        elif not case.is_open:
            bad.append(f"week {week}: case '{case_id}' is {case.status}; only open cases are printed")
        else:
            cases.append((week, case))
    items.append(ChecklistItem("every case is valid and open", not bad, bad, code="cases"))
    no_consent = [f"week {w}: case '{c.id}' has no family consent recorded" for w, c in cases
                  if not getattr(c, "consent_recorded", None)]
    items.append(ChecklistItem("the family's consent is recorded for every case", not no_consent, no_consent,
                               code="consent"))
    items.append(_photos(cases, variant, size))
    for language in edition.languages[1:]:
        missing = [f"week {w}: {c.id}" for w, c in cases if language not in c.translations]
        items.append(ChecklistItem(f"'{language}' translation of every case", not missing, missing, "warning",
                                   code="translation", params={"language": language}))
    ids = {case.id for _, case in cases}
    warnings = [p.format(root) for p in library.warnings if p.case_id in ids]
    items.append(ChecklistItem("case files without warnings", not warnings, warnings, "warning", code="warnings"))
    return edition, items


def blocking_problems(items: list[ChecklistItem]) -> list[str]:
    """Every detail of every failed error item: what stops a build, one line each."""
    return [line for item in items if item.result == "fail" for line in (item.details or [item.title])]


def _unknown_observances(edition: Edition) -> list[str]:
    """The edition's observances that the `holidays` library does not know, one line each."""
    import holidays

    supported = holidays.list_supported_countries()
    found = []
    for country, holiday in edition.observances:
        if country not in supported:
            found.append(f"observance '{holiday}': the holidays library has no calendar for country '{country}'")
            continue
        names = {part.strip().replace(" (estimated)", "")
                 for name in holidays.country_holidays(country, years=edition.year, language="en_US").values()
                 for part in str(name).split(";")}
        if holiday not in names:
            found.append(f"observance '{holiday}': not in the {edition.year} calendar of {country} "
                         f"(it has: {', '.join(sorted(names))})")
    return found


def _unreadable(library: Library, year: int, root: Path) -> ChecklistItem:
    edition_file = root / "editions" / f"{year}.yaml"
    # The loader leaves out an edition whose file is wrong; say why, and what is wrong with the cases it names.
    own = [p.format(root) for p in library.errors if Path(p.path) == edition_file]
    named = {m for line in own for m in re.findall(r"case '([a-z0-9-]+)'", line)}
    cases = [p.format(root) for p in library.errors if p.case_id in named]
    return ChecklistItem(f"edition {year} can be read", False,
                         own + cases if own else [f"there is no valid edition {year} ({edition_file} is missing)"],
                         code="edition", params={"year": year})


def _photos(cases: list, variant: str, size: str) -> ChecklistItem:
    frame = photo_frame_mm(variant, size)
    need_w, need_h = required_pixels(*frame, dpi=300)
    small = []
    for week, case in cases:
        photo = case.printed_photo
        if not photo.path.is_file():
            small.append(f"week {week}: photo {photo.file} of case '{case.id}' is missing")
        elif variant != "screen" and (photo.width < need_w or photo.height < need_h):
            small.append(f"week {week}: photo '{photo.file}' of case '{case.id}' is {photo.width}×{photo.height} px;"
                         f" printing at {frame[0]:.0f}×{frame[1]:.0f} mm ({size}) needs {need_w}×{need_h} px")
    label = "cards" if variant in ("cards", "card") else size
    return ChecklistItem(f"photos print at 300 dpi ({label}, {frame[0]:.0f}×{frame[1]:.0f} mm)", not small, small,
                         code="photos", params={"size": label, "width": f"{frame[0]:.0f}",
                                                "height": f"{frame[1]:.0f}"})
