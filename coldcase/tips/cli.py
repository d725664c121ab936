"""``coldcase tips``: enter tips from other channels, import the spool, manage the encryption key."""

from __future__ import annotations

from pathlib import Path

import click
from cryptography.fernet import Fernet
from flask.cli import AppGroup

from coldcase.cases.store import case_library
from coldcase.extensions import db
from coldcase.tips import intake, key_rotation, spool, spool_import
from coldcase.tips.rules import CHANNELS, HOW_KNOWN
from coldcase.tips.staff import check_staff_tip, read_csv

tips_cli = AppGroup("tips", help="Enter tips from other channels, import spooled tips, rotate the key.")


@tips_cli.command("add")
@click.option("--channel", required=True, type=click.Choice([c for c in CHANNELS if c != "web"]),
              help="How the tip came in.")
@click.option("--text", required=True, help="What the tipster said or wrote.")
@click.option("--case", "case_id", default="", help="The case id (empty: a general tip).")
@click.option("--edition", default="", help="The calendar edition (year) the tipster referred to.")
@click.option("--point", default="", help="The distribution point code (e.g. PI-VUGHT) of that edition.")
@click.option("--how-known", default="", type=click.Choice(["", *HOW_KNOWN]), help="saw, heard or other.")
@click.option("--when-where", default="", help="When and where it happened.")
@click.option("--contact", default="", help="Contact details (stored encrypted); empty for an anonymous tip.")
@click.option("--date", default="", help="The day the tip arrived, YYYY-MM-DD (default: today).")
@click.option("--receipt", is_flag=True, help="Make a receipt code for the tipster (printed once).")
def add_command(channel, text, case_id, edition, point, how_known, when_where, contact, date, receipt) -> None:
    """Add one tip that came by phone, letter, email or visit."""
    fields = {"channel": channel, "text": text, "case": case_id, "edition": edition, "point": point,
              "how_known": how_known, "when_where": when_where, "contact": contact, "date": date}
    tip_input, problems = check_staff_tip(fields, case_library())
    if problems:
        raise click.ClickException("; ".join(problems))
    tip, code = intake.add_staff_tip(tip_input, with_receipt=receipt)
    click.echo(f"Added tip {tip.number} ({tip.channel}).")
    if code:
        click.echo(f"Receipt code for the tipster (shown once): {code}")


@tips_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(file: Path) -> None:
    """Import tips from a CSV file (columns in docs/tips.md). Any error: nothing is imported."""
    tips, problems = read_csv(file.read_bytes(), case_library())
    if problems:
        for problem in problems:
            click.echo(f"{file.name}: {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s); nothing was imported")
    stored = intake.add_staff_tips(tips, source=file.name)
    click.echo(f"Imported {len(stored)} tip(s) from {file.name}.")


@tips_cli.command("import-spool")
def import_spool_command() -> None:
    """Import the tips that waited in the spool while the database was down (each exactly once)."""
    result = spool_import.import_all()
    click.echo(f"Imported {result.imported} spooled tip(s); {result.already_stored} were already stored.")
    for name in result.unreadable:
        click.echo(f"Could not import spool file {name}: it was moved to {spool.HELD}/ in the spool folder "
                   "(the tip is not lost; look at the file, repair it and move it back).", err=True)
    if result.busy:
        raise click.ClickException(f"{result.waiting} tip(s) wait, but another import is running (a worker's "
                                   "background importer): try again in a minute")
    if result.waiting:
        raise click.ClickException(f"{result.waiting} tip(s) still wait: the database cannot be reached")


@tips_cli.command("new-key")
def new_key_command() -> None:
    """Print a new encryption key (to put in front of ENCRYPTION_KEY before rotate-key)."""
    click.echo(Fernet.generate_key().decode("ascii"))


@tips_cli.command("rotate-key")
def rotate_key_command() -> None:
    """Re-encrypt all contact details, attachments and held-back facts with the first key of ENCRYPTION_KEY, in one
    transaction."""
    try:
        rotated = key_rotation.rotate_stored_data(intake.spool_folder())
    except key_rotation.KeyRotationError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Re-encrypted the contact details of {rotated.tips} tip(s), {rotated.attachments} attachment(s) and "
               f"{rotated.facts} held-back fact(s).")
