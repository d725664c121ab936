"""The manifest written beside each PDF: what it holds page by page, and what it was made from."""

from __future__ import annotations

import json
from pathlib import Path

from coldcase.cases.model import Edition, Library
from coldcase.publish.document import Workspace
from coldcase.publish.images import file_sha256
from coldcase.publish.pages import PageSet
from coldcase.resources import STATIC_DIR, TEMPLATES_DIR


def chunk_overflows(chunk_path: Path) -> list[list[dict]]:
    """The overflows the renderer stored beside a page's PDF (a cached page keeps reporting them)."""
    path = chunk_path.with_suffix(".overflow.json")
    return json.loads(path.read_text()) if path.exists() else []



def build_manifest(library: Library, edition: Edition, variant: str, size: str, distribution: str | None,
                   page_set: PageSet, work: Workspace, overflows: list[list[dict]] | None = None,
                   base_url: str = "") -> dict:
    """What the PDF holds, page by page, and the sha256 of every file it was made from."""
    root = Path(library.root)
    sources: dict[str, str] = {}

    def add(path: Path, base: Path) -> None:
        path = Path(path)
        try:
            name = str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            name = str(path)
        sources[name] = work.sha256(path)

    add(edition.source, root)
    for case_id in dict.fromkeys(edition.weeks):
        case = library.cases[case_id]
        for path in (*case.sources, case.printed_photo.path):
            add(path, root)
    project = STATIC_DIR.parent
    for path in sorted((STATIC_DIR / "fonts").glob("*.ttf")) + sorted((TEMPLATES_DIR / "publish").iterdir()):
        add(path, project)
    if work.profile is not None:
        add(work.profile_source, project)
    tip = edition.tipline
    return {
        "edition": {"year": edition.year, "title": edition.title, "languages": list(edition.languages),
                    # What preflight checks against the pages: printed digit for digit, and no placeholder.
                    "tipline": {"phone": tip.phone, "postal": tip.postal, "email": tip.email, "web": tip.web},
                    "base_url": base_url, "sample": edition.sample},
        "variant": variant,
        "size": {"cards": "A3", "card": "card"}.get(variant, size),
        "distribution": distribution,
        "coldcase_version": coldcase_version(),
        "page_count": len(page_set.pages),
        "pages": [_with_overflow(page.manifest_entry(), overflows, index)
                  for index, page in enumerate(page_set.pages)],
        "sources": dict(sorted(sources.items())),
        "warnings": page_set.warnings,
    }


def _with_overflow(entry: dict, overflows: list[list[dict]] | None, index: int) -> dict:
    if overflows and index < len(overflows) and overflows[index]:
        entry["overflow"] = overflows[index]
    return entry


def coldcase_version() -> str:
    """The installed coldcase version, or '0+unknown' when running from a source tree."""
    from importlib import metadata

    try:
        return metadata.version("coldcase")
    except metadata.PackageNotFoundError:
        return "0+unknown"



def add_job_ticket(manifest_path: Path, pdf_path: Path, edition: Edition, distribution: str | None,
                   profile: Path | None, report) -> dict:
    """Add the print shop's job ticket to the manifest: the PDF's sha256, page, trim and bleed size, the output
    intent's profile by name (never a path on the build machine), the preflight result and the copies per
    distribution point (this point's, or every point's for the general copy). Returns the ticket."""
    import pikepdf

    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    trim = media = None
    bleed = 0.0
    with pikepdf.open(pdf_path) as pdf:
        if len(pdf.pages):
            page = pdf.pages[0].obj
            media = _box_mm(page.get("/MediaBox"))
            trim = _box_mm(page.get("/TrimBox")) or media
            bleed_box = _box_mm(page.get("/BleedBox"))
            if bleed_box and trim:
                bleed = round(trim[0] - bleed_box[0], 1)
    points = [p for p in edition.distribution if distribution in (None, p.code)]
    ticket = {
        "pdf": pdf_path.name,
        "sha256": file_sha256(pdf_path),
        "page_count": manifest.get("page_count"),
        "page_size_mm": [round(media[2] - media[0], 1), round(media[3] - media[1], 1)] if media else None,
        "trim_mm": [round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1)] if trim else None,
        "bleed_mm": bleed,
        "output_intent": profile_name(profile) if profile else None,
        "preflight": ({"ok": report.ok, "errors": len(report.errors), "warnings": len(report.warnings)}
                      if report is not None else None),
        "copies": {p.code: p.copies for p in points},
        "copies_total": sum(p.copies for p in points),
    }
    manifest["job"] = ticket
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return ticket


def profile_name(path: Path) -> str:
    """An ICC profile's own description ('coldcase FOGRA39 coated offset, TAC 300%'), else its file name."""
    from PIL import ImageCms

    try:
        return ImageCms.getProfileDescription(ImageCms.getOpenProfile(str(path))).strip() or Path(path).name
    except (OSError, ImageCms.PyCMSError):
        return Path(path).name


def _box_mm(box) -> tuple[float, float, float, float] | None:
    if box is None:
        return None
    x0, y0, x1, y1 = (float(v) * 25.4 / 72 for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
