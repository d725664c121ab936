"""An edition -> the ordered pages of one variant, each with what its template needs.

Each `Page` also records the files it reads and the photo conversions it needs, so that the build
can hash them for the manifest and the cache, and convert photos in worker processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coldcase.cases.model import RTL_LANGUAGES, Case, Edition, LocalizedCase
from coldcase.publish import texts
from coldcase.publish.images import PhotoTarget, photo_destination
from coldcase.publish.layout import Observance, WeekPage, key_date_marks, week_pages
from coldcase.publish.links import case_url, printed_url, qr_svg

#: Paper sizes in millimetres (portrait). Layout lengths are designed for A4 and scaled.
PAPER_SIZES = {"A3": (297.0, 420.0), "A4": (210.0, 297.0), "A5": (148.0, 210.0)}

#: The printed photo on a week page, in millimetres on A4: a portrait crop (8:9), the largest thing on the page
#: beside the name, so that the face carries across a cell.
WEEK_PHOTO_MM = (80.0, 90.0)
#: ... and on the first and last pages, which carry a second week grid (see layout.py).
WEEK_PHOTO_SMALL_MM = (64.0, 72.0)
#: One face of the cover's mosaic (A4), and how many columns and rows of them.
COVER_TILE_MM = (35.0, 37.5)
COVER_GRID = (6, 4)
#: A playing card (trim), and its photo: the full width of the card and 3 mm beyond its top and sides (bleed).
CARD_MM = (63.0, 88.0)
CARD_PHOTO_MM = (69.0, 37.0)


@dataclass(frozen=True)
class Variant:
    """What distinguishes print, screen and cards."""

    name: str
    cmyk: bool
    bleed_mm: float
    photo_dpi: int
    pdf_variant: str | None
    live_links: bool


VARIANTS = {
    "print": Variant("print", cmyk=True, bleed_mm=3.0, photo_dpi=300, pdf_variant="pdf/x-4", live_links=False),
    "screen": Variant("screen", cmyk=False, bleed_mm=0.0, photo_dpi=150, pdf_variant=None, live_links=True),
    "cards": Variant("cards", cmyk=True, bleed_mm=0.0, photo_dpi=300, pdf_variant="pdf/x-4", live_links=False),
    # One card with its bleed on each page (face, then back): card printers impose these themselves.
    "card": Variant("card", cmyk=True, bleed_mm=3.0, photo_dpi=300, pdf_variant="pdf/x-4", live_links=False),
}


@dataclass(frozen=True)
class PhotoJob:
    """One photo conversion a page needs: the original, its target and where the result goes."""

    source: Path
    target: PhotoTarget
    destination: Path


@dataclass
class Page:
    """One page of the PDF: its kind, its stable key, and the values its template reads."""

    kind: str  # cover | intro | week | index | back | card-face | card-back
    key: str
    context: dict[str, Any] = field(default_factory=dict)
    case_id: str | None = None
    week: WeekPage | None = None
    cases: tuple[str, ...] = ()
    photos: tuple[PhotoJob, ...] = ()
    #: Where the cards on a sheet are cut, as (left, top, width, height) in mm from the sheet's top left
    #: corner: crop marks are drawn around each (`pdfpost.add_crop_marks`).
    cut_boxes: tuple[tuple[float, float, float, float], ...] = ()

    def __getitem__(self, name: str) -> Any:
        # Lets templates write page.labels for page.context["labels"].
        return self.context[name]

    def manifest_entry(self) -> dict[str, Any]:
        """This page as the manifest lists it."""
        entry: dict[str, Any] = {"kind": self.kind, "key": self.key}
        if self.week is not None:
            entry.update(iso_year=self.week.iso_year, iso_week=self.week.iso_week,
                         dates=self.week.dates, case=self.case_id, key_dates=self.week.key_dates,
                         grids=[{"iso_year": g.iso_year, "iso_week": g.iso_week} for g in self.week.grids])
        if self.cases:
            entry["cases"] = list(self.cases)
        return entry


@dataclass
class PageSet:
    """Everything needed to render a variant: pages in order, plus what was noticed on the way."""

    pages: list[Page]
    warnings: list[str]
    scale: float
    paper_mm: tuple[float, float]


@dataclass(frozen=True)
class PageOptions:
    """The choices of one build that shape the pages."""

    variant: Variant
    size: str = "A4"
    distribution: str | None = None
    base_url: str = "https://example.org"
    cache_dir: Path = Path(".cache")
    cmyk_profile: Path | None = None
    profile_hash: str = "srgb"
    naive: bool = False  # original photos, no conversion (the benchmark's baseline)
    #: Lay the pages out for stamped copies (`build.build_copies`): an empty slot where a point's code goes,
    #: as wide as this code (the widest of the edition's points) makes it; `distribution` is then None.
    stamp_code: str | None = None
    source_hashes: dict[Path, str] = field(default_factory=dict)


def edition_pages(edition: Edition, cases: dict[str, Case], options: PageOptions,
                  weeks: tuple[int, ...] | None = None) -> PageSet:
    """The pages of `edition` for one variant, in print order.

    `weeks` limits the week pages (1-52) to a subset: tests use it to build small PDFs fast.
    """
    width, height = PAPER_SIZES[options.size]
    scale = width / 210.0
    warnings: list[str] = []
    primary = edition.primary_language
    labels = texts.labels(primary)
    for language in edition.languages:
        if not texts.has_labels(language):
            warnings.append(f"the calendar's own words have no '{language}' version; English is printed")
    common = {"edition": edition, "labels": labels, "distribution": options.distribution,
              "web_text": printed_url(edition.tipline.web), "year": edition.year,
              "live_links": options.variant.live_links,
              "stamp": {"code": options.stamp_code} if options.stamp_code else None}

    case_ids = list(edition.weeks)
    marks = {}
    for number, case_id in enumerate(case_ids, start=1):
        if case_id in cases:
            localized = cases[case_id].localized(primary)
            marks[number] = key_date_marks(((k.date, k.label) for k in localized.key_dates), case_id,
                                           localized.victim.name)
    layout = week_pages(edition.year, marks, words=_mark_words(labels),
                        observances=[Observance(country, holiday) for country, holiday in edition.observances])
    wanted = set(weeks) if weeks is not None else None

    if options.variant.name in ("cards", "card"):
        from coldcase.publish.cards import SHEET_MM, card_pages

        pages = card_pages(edition, cases, options, common, wanted)
        return PageSet(pages, warnings, 1.0, SHEET_MM if options.variant.name == "cards" else CARD_MM)

    tiles, tile_jobs = _cover_tiles(edition, cases, options, scale)
    pages = [
        Page("cover", "cover", dict(common, tiles=tiles, language_names=[texts.labels(lang)["language"]
                                                                        for lang in edition.languages]),
             photos=tile_jobs),
        Page("intro", "intro", dict(common, blocks=[
            {"lang": lang, "dir": "rtl" if lang in RTL_LANGUAGES else "ltr", "t": texts.labels(lang)}
            for lang in edition.languages])),
    ]
    photo_mm = (WEEK_PHOTO_MM[0] * scale, WEEK_PHOTO_MM[1] * scale)
    for week in layout:
        if wanted is not None and week.number not in wanted:
            continue
        case_id = case_ids[week.number - 1]
        case = cases[case_id]
        localized = case.localized(primary)
        translations = []
        for language in edition.languages[1:]:
            if language in case.translations:
                translations.append(case.localized(language))
            else:
                warnings.append(f"{case_id}: no '{language}' translation (week {week.number})")
        frame = photo_mm if len(week.grids) == 1 else (WEEK_PHOTO_SMALL_MM[0] * scale, WEEK_PHOTO_SMALL_MM[1] * scale)
        job, photo_url = _photo(case, frame, options)
        url = case_url(options.base_url, case_id, edition.year, options.distribution or options.stamp_code)
        calls = _calls(edition, case)
        context = dict(common, case=localized, translations=translations, grids=week.grids, calls=calls,
                       number=week.number, range_text=_range_text(week), photo_url=photo_url,
                       url=url, printed_url=printed_url(url), qr_svg="" if options.stamp_code else _qr(url, options),
                       facts=_facts(localized, labels), facts_short=_facts_short(localized, labels),
                       reward_text=_reward(case))
        pages.append(Page("week", f"week-{week.number:02d}", context, case_id=case_id, week=week,
                          photos=(job,) if job else ()))
    rows = []
    for number, case_id in enumerate(case_ids, start=1):
        localized = cases[case_id].localized(primary)
        rows.append({"number": number, "victim": localized.victim.name, "date": localized.date.iso(),
                     "place": localized.place, "reward": _reward(cases[case_id])})
    pages.append(Page("index", "index", dict(common, rows=rows)))
    pages.append(Page("back", "back", dict(common, colophon="coldcase")))
    return PageSet(pages, warnings, scale, (width, height))


def _mark_words(labels: dict[str, str]):
    """How a key date reads in a grid: its label on the case's own page; elsewhere whose it is, how long
    ago and where the case is ("11 jaar geleden: Yvonne Bakker, laatst gezien · week 1")."""

    def words(mark, week: int, years_ago: int | None, own: bool) -> str:
        if own:
            return mark.label
        ago = labels["years_ago"].format(n=years_ago) + ": " if years_ago else ""
        # Most labels name the person already ("Hatice om het leven gebracht"); the name is added when not.
        first = mark.name.split()[0] if mark.name else ""
        who = "" if first and first in mark.label else f"{mark.name}: "
        return f"{ago}{who}{mark.label} · {labels['week'].lower()} {week}"

    return words


def _calls(edition: Edition, case: Case) -> list[dict[str, str]]:
    """The call to action in every language of the edition, each with the case's question where it is
    translated: printed with equal weight, so that no reader's language is the small print."""
    calls = []
    for language in edition.languages:
        question = case.localized(language).question if language in case.languages else ""
        calls.append({"lang": language, "dir": "rtl" if language in RTL_LANGUAGES else "ltr",
                      "cta": texts.labels(language)["cta"],
                      "question": question if language != edition.primary_language else ""})
    return calls


def _cover_tiles(edition: Edition, cases: dict[str, Case], options: PageOptions,
                 scale: float) -> tuple[list[dict[str, Any]], tuple[PhotoJob, ...]]:
    """The faces on the cover: the printed photos of the first weeks, as many as the mosaic holds."""
    columns, rows = COVER_GRID
    size = (COVER_TILE_MM[0] * scale, COVER_TILE_MM[1] * scale)
    tiles, jobs = [], []
    for case_id in list(edition.weeks)[:columns * rows]:
        if case_id not in cases:
            continue
        job, url = _photo(cases[case_id], size, options)
        tiles.append({"url": url, "name": cases[case_id].localized(edition.primary_language).victim.name})
        if job:
            jobs.append(job)
    return tiles, tuple(jobs)


def _photo(case: Case, size_mm: tuple[float, float], options: PageOptions) -> tuple[PhotoJob | None, str]:
    source = case.printed_photo.path
    if options.naive:
        return None, source.resolve().as_uri()
    target = PhotoTarget(round(size_mm[0], 2), round(size_mm[1], 2), options.variant.photo_dpi,
                         options.cmyk_profile if options.variant.cmyk else None)
    source_hash = options.source_hashes.get(source)
    if source_hash is None:
        from coldcase.publish.images import file_sha256
        source_hash = file_sha256(source)
    destination = photo_destination(source_hash, target, options.cache_dir / "photos", options.profile_hash)
    return PhotoJob(source, target, destination), f"coldcase-build:/photos/{destination.name}"


def _qr(url: str, options: PageOptions) -> str:
    """The QR code's SVG, kept in the build's cache: making 52 of them costs most of a one-case rebuild's layout."""
    dark = _qr_colour(options)
    key = hashlib.sha256(f"{_QR_VERSION}|{url}|{dark}".encode()).hexdigest()[:32]
    path = Path(options.cache_dir) / "qr" / f"{key}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    svg = qr_svg(url, dark)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(svg, encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass  # a cache that cannot be written only costs time
    return svg


#: Bump when `links.qr_svg` changes its output, so that cached codes are made again.
_QR_VERSION = "2"


def _qr_colour(options: PageOptions) -> str:
    return "device-cmyk(0 0 0 1)" if options.variant.cmyk else "#000"


def _reward(case: Case) -> str:
    return texts.euros(case.reward) if case.reward else ""


def _facts(case: LocalizedCase, labels: dict[str, str]) -> str:
    """'Anna de Vries (23) · 15-03-1994 · Zwolle, Stadsgracht'."""
    name = case.victim.name
    if case.victim.age is not None:
        name += f" ({case.victim.age})"
    return " · ".join([name, _date_text(case.date), case.place])


def _facts_short(case: LocalizedCase, labels: dict[str, str]) -> str:
    """'23 jaar · 15 maart 1994 · Zwolle, Stadsgracht': the facts under the name."""
    parts = [labels["victim_age"].format(age=case.victim.age)] if case.victim.age is not None else []
    return " · ".join([*parts, _date_text(case.date), case.place])


def _date_text(date) -> str:
    if date.precision == "day":
        return f"{date.day} {texts.MONTHS_NL[date.month - 1]} {date.year}"
    if date.precision == "month":
        return f"{texts.MONTHS_NL[date.month - 1]} {date.year}"
    return str(date.year)


def _range_text(week: WeekPage) -> str:
    """'15 – 21 maart' for the page's main grid."""
    first, last = week.grids[0].days[0].date, week.grids[-1].days[-1].date
    if week.grids[0].iso_week == week.iso_week:
        first = week.grids[0].days[0].date
    return f"{_day_month(first)} – {_day_month(last)}"


def _day_month(day: dt.date) -> str:
    return f"{day.day} {texts.MONTHS_NL[day.month - 1]}"
