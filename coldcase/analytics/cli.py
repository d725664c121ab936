"""``coldcase yield summary``, ``coldcase yield report`` and ``coldcase demo seed-history``."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from coldcase.audit import service as audit
from coldcase.extensions import db


def _library():
    from coldcase.cases.store import store_for

    return store_for(current_app).library()


def _figures(edition: int | None):
    import datetime

    from coldcase.analytics import figures
    from coldcase.analytics.filters import YieldFilter

    library = _library()
    if edition is not None and edition not in library.editions:
        known = ", ".join(str(year) for year in sorted(library.editions)) or "none"
        raise click.ClickException(f"There is no edition {edition} (editions: {known}).")
    return figures.compute(YieldFilter(edition=edition), library, datetime.date.today()), library


@click.group("yield")
def yield_cli() -> None:
    """Tip yield: figures per edition and the PDF report."""


@yield_cli.command("summary")
@click.option("--edition", type=int, help="Only this edition (a year).")
@click.option("--format", "output", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@with_appcontext
def summary_command(edition: int | None, output: str) -> None:
    """The editions side by side: tips, usable, reopened, solved and the rates per 1,000 copies."""
    from coldcase.analytics.exports import editions_data, table_csv
    from coldcase.analytics.tables import show

    result, _ = _figures(edition)
    table = result["editions"]
    audit.record("command line", audit.EXPORT, "yield:editions",
                 {"what": f"yield summary ({output})", "filter": result.wanted.as_query()})
    db.session.commit()
    if output == "json":
        click.echo(json.dumps(editions_data(table), indent=2))
    elif output == "csv":
        click.echo(table_csv(table).lstrip("\ufeff"), nl=False)
    elif not table.rows:
        click.echo(table.empty)
    else:
        cells = [[c.label for c in table.columns]] + [
            [show(value, column.kind) for column, value in zip(table.columns, row, strict=True)]
            for row in table.rows]
        widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
        for row in cells:
            click.echo("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for notice in result.notices:
        click.echo(notice, err=True)


@yield_cli.command("report")
@click.argument("year", type=int)
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the PDF.")
@with_appcontext
def report_command(year: int, out: Path) -> None:
    """Write the PDF yield report of edition YEAR for management."""
    from coldcase.analytics.report import report_pdf

    result, library = _figures(year)
    everything, _ = _figures(None)
    pdf = report_pdf(result, library, all_editions=everything)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    audit.record("command line", audit.EXPORT, f"yield:report:{year}", {"what": f"yield report PDF ({out.name})"})
    db.session.commit()
    click.echo(f"Wrote {out} ({len(pdf) // 1024} KB).")


#: Audited when the kept counts are recounted; an action about tips in general, so that every process's
#: remembered figures are read again (see :mod:`coldcase.analytics.memo`).
YIELD_REBUILT = "tips_yield_rebuilt"


@yield_cli.command("rebuild")
@with_appcontext
def rebuild_command() -> None:
    """Count the yield figures again from every tip (after tips were written outside the app)."""
    import time

    from coldcase.analytics import summaries
    from coldcase.tips.models import Tip

    start = time.perf_counter()
    summaries.rebuild(db.session)
    tips = db.session.scalar(db.select(db.func.count(Tip.id)))
    audit.record("command line", YIELD_REBUILT, "tips", f"yield figures counted again from {tips} tips")
    db.session.commit()
    click.echo(f"Counted the yield figures again from {tips} tips in {time.perf_counter() - start:.1f} s.")


@click.group("demo")
def demo_cli() -> None:
    """Demonstration data."""


@demo_cli.command("seed-history")
@click.option("--if-needed", is_flag=True,
              help="Say so and succeed when the history is already seeded or cannot be (for `make run`).")
@with_appcontext
def seed_history_command(if_needed: bool) -> None:
    """Create the synthetic history editions 2017-2019 with the published totals; refuses to run twice."""
    from coldcase.analytics.seed import AlreadySeeded, SeedError, seed_history

    try:
        made = seed_history(_library())
    except AlreadySeeded as error:
        if if_needed:
            click.echo(f"{error} Nothing to do.")
            return
        raise click.ClickException(str(error)) from None
    except SeedError as error:
        if if_needed:  # `make run` with a cases folder of its own: serve it anyway, without the history
            click.echo(f"{error} Nothing seeded.", err=True)
            return
        raise click.ClickException(str(error)) from None
    click.echo("Seeded the history: " + ", ".join(f"{year}: {count} tips" for year, count in made.items()) + ".")
