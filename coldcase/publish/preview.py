"""A preview of one week page: what an investigator or the print staff look at after editing a case, without
building the whole calendar.

    preview_page(library, 2027, PreviewRequest(case_id="yvonne-bakker-2016"), BuildOptions(variant="print"))

The page is laid out by the build's own stage (`build.lay_out`, kept to that one page), in this
process, and lands in the build's own render cache: a later build of the edition finds it there and does not
lay it out again. The preview is that page's PDF (cropped to the trim, no crop marks, not preflighted: it is
not for print) and, if asked, a PNG at the resolution given (30 dpi shows the page as it reads from two metres).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from coldcase.cases.model import Library
from coldcase.publish.build import BuildOptions, check_edition, lay_out, output_name
from coldcase.publish.workers import EarlyPool

#: The PNG's resolution when none is asked for: enough to read the body text on a screen.
DEFAULT_DPI = 100
#: Beyond this, a PNG of a whole A3 page would take hundreds of megabytes of memory.
MAX_DPI = 300
#: pdftoppm gets this long for one page.
PNG_SECONDS = 60


@dataclass(frozen=True)
class PreviewRequest:
    """Which page: the week of ``case_id`` in the edition, or week ``week`` (1-52)."""

    case_id: str | None = None
    week: int | None = None
    png_dpi: int | None = None


@dataclass
class PreviewResult:
    """The preview's files, or the problems that stopped it (readable lines)."""

    week: int | None = None
    case_id: str | None = None
    pdf_path: Path | None = None
    png_path: Path | None = None
    rendered: bool = False
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the preview was made."""
        return not self.problems and self.pdf_path is not None


def preview_page(library: Library, year: int, request: PreviewRequest, options: BuildOptions) -> PreviewResult:
    """Lay out one week page of edition ``year`` as ``options`` would build it and write it to ``options.out_dir``
    as ``calendar-YEAR-VARIANT[-CODE]-week-NN.pdf`` (and ``.png`` with ``request.png_dpi``). Never raises for a
    problem in the request, the cases or the edition: they are listed in the result."""
    started = time.perf_counter()
    result = PreviewResult()
    result.problems = _request_problems(request, options)
    if not result.problems:
        edition, result.problems = check_edition(library, year, options)
        if edition is not None and not result.problems:
            _preview(library, edition, request, options, result)
    result.seconds = time.perf_counter() - started
    return result


def _request_problems(request: PreviewRequest, options: BuildOptions) -> list[str]:
    problems = []
    if (request.case_id is None) == (request.week is None):
        problems.append("name either a case or a week to preview")
    if request.week is not None and not 1 <= request.week <= 52:
        problems.append(f"week {request.week} does not exist: an edition has weeks 1 to 52")
    if options.variant in ("cards", "card"):
        problems.append("a preview shows a week page of the print or screen calendar, not a card")
    if request.png_dpi is not None and not 10 <= request.png_dpi <= MAX_DPI:
        problems.append(f"a PNG preview is made at 10 to {MAX_DPI} dpi, not {request.png_dpi}")
    return problems


def _preview(library: Library, edition, request: PreviewRequest, options: BuildOptions,
             result: PreviewResult) -> None:
    weeks = list(edition.weeks)
    if request.case_id is not None:
        if request.case_id not in weeks:
            result.problems.append(f"case '{request.case_id}' is not in edition {edition.year}")
            return
        week = weeks.index(request.case_id) + 1
    else:
        week = request.week
    result.week, result.case_id = week, weeks[week - 1]

    # One page: laid out here, never by a pool of workers (starting one costs more than the page).
    laid_out = lay_out(library, edition, options.replace(weeks=(week,)), None, EarlyPool(1, start=False),
                       result.warnings, keep=lambda page: page.kind == "week")
    paths, rendered = laid_out.chunk_paths, laid_out.rendered
    result.rendered = bool(rendered)
    options.out_dir.mkdir(parents=True, exist_ok=True)
    name = f"{output_name(edition.year, options.variant, options.distribution)}-week-{week:02d}"
    result.pdf_path = options.out_dir / f"{name}.pdf"
    _trimmed_copy(paths[0], result.pdf_path)
    if request.png_dpi:
        result.png_path = _png(result.pdf_path, request.png_dpi, result)


def _trimmed_copy(page_pdf: Path, out: Path) -> None:
    """The cached page with its crop box set to the trim: a viewer shows the page as it hangs on the wall, not
    the bleed and the room for crop marks around it. The cached file itself is left as the build needs it."""
    with pikepdf.open(page_pdf) as pdf:
        for page in pdf.pages:
            if "/TrimBox" in page.obj:
                page.obj.CropBox = page.obj.TrimBox
        pdf.save(out, deterministic_id=True)


def _png(pdf_path: Path, dpi: int, result: PreviewResult) -> Path | None:
    """The page as a PNG with poppler's pdftoppm; without it (or if it fails) a warning and no PNG."""
    if shutil.which("pdftoppm") is None:
        result.warnings.append("pdftoppm (poppler-utils) is not installed: no PNG, only the PDF")
        return None
    stem = pdf_path.with_suffix("")
    try:
        subprocess.run(["pdftoppm", "-png", "-singlefile", "-cropbox", "-r", str(dpi), str(pdf_path), str(stem)],
                       check=True, capture_output=True, timeout=PNG_SECONDS)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        result.warnings.append(f"the PNG could not be made ({type(error).__name__}); the PDF is there")
        return None
    return stem.with_suffix(".png")
