"""`coldcase calendar build YEAR`: build an edition's PDFs from the command line.

Registered by the app factory (`app.cli.add_command(calendar_cli)`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from coldcase.publish.pages import PAPER_SIZES, VARIANTS

calendar_cli = AppGroup("calendar", help="Build the cold case calendar of an edition.")


@calendar_cli.command("build")
@click.argument("year", type=int)
@click.option("--variant", type=click.Choice([*VARIANTS, "all"]), default="print", show_default=True,
              help="print (CMYK, bleed, PDF/X-4), screen (RGB, light), cards (playing cards) or all three.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder [default: OUTPUT_DIR/YEAR].")
@click.option("--distribution", default=None, metavar="CODE",
              help="Build the copy for one distribution point: its QR codes and URLs carry CODE; 'all' builds "
                   "one copy for every point of the edition.")
@click.option("--size", type=click.Choice(list(PAPER_SIZES), case_sensitive=False), default="A4",
              show_default=True, help="Paper size of the print and screen variants.")
def build_command(year: int, variant: str, out_dir: Path | None, distribution: str | None, size: str) -> None:
    """Build the calendar of edition YEAR; exits non-zero if anything stops it or fails preflight."""
    from coldcase.cases.loader import load_library
    from coldcase.publish import build

    config = current_app.config
    library = load_library(Path(config["CASES_DIR"]))
    out_dir = out_dir or Path(config["OUTPUT_DIR"]) / str(year)
    variants = list(VARIANTS) if variant == "all" else [variant]
    edition = library.editions.get(year)
    every_point = bool(distribution and distribution.strip().lower() == "all")
    codes = [point.code for point in edition.distribution] if every_point and edition else [distribution]
    failed = False
    for name in variants:
        options = build.BuildOptions(variant=name, out_dir=out_dir, size=size.upper(),
                                     base_url=config.get("PUBLIC_BASE_URL") or "https://example.org")
        if every_point and edition and codes and build.can_stamp(name):
            # The pages are laid out once for every point; each copy gets its own marks stamped on.
            runs = [(code, result) for code, result in zip(codes, _build_one(build.build_copies, library, year,
                                                                             options, codes), strict=False)]
        else:
            # One copy per point; they share the render cache, so a page without the code is laid out once.
            runs = [(code, _build_one(build.build_calendar, library, year, options.replace(distribution=code)))
                    for code in codes]
        for code, result in runs:
            _report(result)
            _audit_build(year, name, code, size.upper(), result)
            failed = failed or not result.ok
        if any(result.problems for _, result in runs):
            break  # the edition itself is broken: the other variants would say the same
    if failed:
        sys.exit(1)


def _report(result) -> None:
    """Print a build's problems, warnings and preflight findings, then its summary line."""
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    report = result.preflight
    for finding in getattr(report, "errors", None) or []:
        click.echo(f"preflight error: {finding.check}: {finding.to_text()}", err=True)
    for finding in getattr(report, "warnings", None) or []:
        click.echo(f"preflight warning: {finding.check}: {finding.to_text()}", err=True)
    click.echo(result.summary())


def _audit_build(year, variant, distribution, size, result) -> None:
    """Record a build from the command line in the audit log (the files are written; the record is its own
    transaction). A database that cannot be reached does not undo a finished build: it is said on stderr."""
    from sqlalchemy.exc import SQLAlchemyError

    from coldcase.audit import service as audit
    from coldcase.extensions import db

    if "sqlalchemy" not in current_app.extensions:  # a bare app (the command's own tests) keeps no log
        return
    outcome = "failed" if result.problems else ("passed" if result.ok else "not_for_print")
    try:
        audit.record("command line", audit.CALENDAR_BUILT, f"calendar:{year}",
                     {"year": year, "variant": variant, "distribution": distribution, "size": size,
                      "result": outcome, "file": Path(result.pdf_path).name if result.pdf_path else None})
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        click.echo(f"warning: the build could not be recorded in the audit log ({error.__class__.__name__})",
                   err=True)


def _build_one(build_function, library, year, options, *args):
    """Run one build (`build_calendar`, or `build_copies` with its codes), with a progress bar when the output is
    a terminal."""
    bar = None
    state = {"shown": 0}

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=f"{options.variant:<6}", file=sys.stderr)
            bar.__enter__()
        bar.update(done - state["shown"])
        state["shown"] = done

    try:
        return build_function(library, year, options, *args, progress=progress if sys.stderr.isatty() else None)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


@calendar_cli.command("preflight")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="The build's manifest [default: the .json next to the PDF].")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def preflight_command(pdf: Path, manifest: Path | None, output_format: str) -> None:
    """Check a calendar PDF before it goes to print; exits 1 if there are errors."""
    import json

    from coldcase.publish.preflight import run_preflight

    report = run_preflight(pdf, manifest)
    click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) if output_format == "json"
               else report.to_text())
    if not report.ok:
        sys.exit(1)


@calendar_cli.command("preview")
@click.argument("year", type=int)
@click.option("--case", "case_id", default=None, metavar="ID", help="Preview the week page of this case.")
@click.option("--week", type=int, default=None, help="Preview this week's page (1-52).")
@click.option("--variant", type=click.Choice(["print", "screen"]), default="print", show_default=True)
@click.option("--distribution", default=None, metavar="CODE", help="As printed for this distribution point.")
@click.option("--size", type=click.Choice(list(PAPER_SIZES), case_sensitive=False), default="A4",
              show_default=True)
@click.option("--png", "png_dpi", type=int, default=None, metavar="DPI",
              help="Also write a PNG at this resolution (30 dpi: as the page reads from two metres).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder [default: OUTPUT_DIR/YEAR/preview].")
def preview_command(year: int, case_id: str | None, week: int | None, variant: str, distribution: str | None,
                    size: str, png_dpi: int | None, out_dir: Path | None) -> None:
    """Lay out one week page of edition YEAR as the build would, after editing a case: a one-page PDF (and a
    PNG with --png). Shares the build's render cache, so the next build does not lay that page out again."""
    from coldcase.cases.loader import load_library
    from coldcase.publish.build import BuildOptions
    from coldcase.publish.preview import PreviewRequest, preview_page

    config = current_app.config
    library = load_library(Path(config["CASES_DIR"]))
    output = Path(config["OUTPUT_DIR"]) / str(year)
    options = BuildOptions(variant=variant, out_dir=out_dir or output / "preview", cache_dir=output / ".cache",
                           distribution=distribution, size=size.upper(),
                           base_url=config.get("PUBLIC_BASE_URL") or "https://example.org")
    result = preview_page(library, year, PreviewRequest(case_id=case_id, week=week, png_dpi=png_dpi), options)
    for problem in result.problems:
        click.echo(f"error: {problem}", err=True)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not result.ok:
        sys.exit(1)
    made = "laid out" if result.rendered else "from the cache"
    click.echo(f"week {result.week} ({result.case_id}), {made}, {result.seconds:.1f} s: {result.pdf_path}")
    if result.png_path:
        click.echo(f"PNG: {result.png_path}")
