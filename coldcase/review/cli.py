"""``coldcase tips rescore`` and ``coldcase tips purge``: the review workspace's commands, in the ``tips`` group."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from coldcase.audit import service as audit
from coldcase.extensions import db


@click.command("rescore")
@with_appcontext
def rescore_command() -> None:
    """Compute every tip's triage score again (after TRIAGE_WEIGHTS or the cases changed)."""
    from coldcase.review.scoring import merged_weights
    from coldcase.review.triage import configured_weights, rescore_all

    try:
        merged_weights(configured_weights())
    except ValueError as error:
        raise click.ClickException(f"TRIAGE_WEIGHTS: {error}") from None
    tips, changed = rescore_all()
    audit.record("command line", audit.TIPS_RESCORED, "tips", {"tips": tips, "changed": changed})
    db.session.commit()
    click.echo(f"Scored {tips} tips again; {changed} scores changed.")


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Only list what would be removed.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Remove contact details and attachments of tips closed longer than the retention periods."""
    from coldcase.review.retention import purge

    report = purge("command line", dry_run=dry_run)
    verb = "Would remove" if dry_run else "Removed"
    click.echo(f"{verb} contact details of {len(report.contacts)} tip(s)"
               + (f": {', '.join(report.contacts)}" if report.contacts else "."))
    files = sum(report.attachments.values())
    click.echo(f"{verb} {files} attachment(s) of {len(report.attachments)} tip(s)"
               + (f": {', '.join(report.attachments)}" if report.attachments else "."))
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()


#: The commands this feature adds to ``coldcase tips``.
COMMANDS = (rescore_command, purge_command)
