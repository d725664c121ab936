"""The manifest written beside each PDF: what it holds page by page, and what it was made from."""

from __future__ import annotations

import json
from pathlib import Path

from coldcase.cases.model import Edition, Library
from coldcase.publish.document import Workspace
from coldcase.publish.pages import PageSet
from coldcase.publish.render import STATIC_DIR, TEMPLATES_DIR


def chunk_overflows(chunk_path: Path) -> list[list[dict]]:
    """The overflows the renderer stored beside a page's PDF (a cached page keeps reporting them)."""
    path = chunk_path.with_suffix(".overflow.json")
    return json.loads(path.read_text()) if path.exists() else []



def build_manifest(library: Library, edition: Edition, variant: str, size: str, distribution: str | None,
                   page_set: PageSet, work: Workspace, overflows: list[list[dict]] | None = None) -> dict:
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
    return {
        "edition": {"year": edition.year, "title": edition.title, "languages": list(edition.languages)},
        "variant": variant,
        "size": size if variant != "cards" else "A4",
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

