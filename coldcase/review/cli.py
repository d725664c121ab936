"""The review workspace's commands, in the ``tips`` group: ``rescore``, ``score``, ``fit-weights`` and ``purge``."""

from __future__ import annotations

import json
import sys

import click
from flask.cli import with_appcontext

from coldcase.audit import service as audit
from coldcase.extensions import db


@click.command("rescore")
@with_appcontext
def rescore_command() -> None:
    """Compute every tip's triage score again (after TRIAGE_WEIGHTS or the cases changed)."""
    from coldcase.review.triage import configured_weights, rescore_all

    try:
        configured_weights()
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


#: The most text ``coldcase tips score`` reads (a tip holds at most this much).
MAX_SCORED_TEXT = 10_000


@click.command("score")
@click.option("--case", "case_id", required=True, help="The case id to score the text against.")
@click.option("--how-known", type=click.Choice(["saw", "heard", "other"]), default=None,
              help="How the tipster knows it.")
@click.option("--contact", is_flag=True, help="Score as if the tipster left contact details.")
@click.option("--attachment", is_flag=True, help="Score as if the tip came with an attachment.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", help="Output format.")
@with_appcontext
def score_command(case_id, how_known, contact, attachment, output) -> None:
    """Score a text read from standard input against a case, without storing anything."""
    from coldcase.review.triage import case_for, score_text

    if case_for(case_id) is None:
        raise click.ClickException(f"there is no case {case_id!r}")
    raw = sys.stdin.buffer.read(MAX_SCORED_TEXT * 4 + 1)
    text = raw.decode("utf-8", errors="replace")[:MAX_SCORED_TEXT]
    try:
        score = score_text(text, case_id, how_known, has_contact=contact, has_attachment=attachment)
    except ValueError as error:
        raise click.ClickException(f"triage weights: {error}") from None
    if output == "json":
        click.echo(json.dumps(score.as_json(), ensure_ascii=False))
        return
    click.echo(f"score {score.value} (starting value {score.base})")
    for reason in score.reasons:
        click.echo(f"  {reason}")


@click.command("fit-weights")
@click.option("--apply", "apply_", is_flag=True, help="Write the fitted weights and score every tip again.")
@with_appcontext
def fit_weights_command(apply_: bool) -> None:
    """Fit the triage weights to the unit's graded tips (usable or better against not usable)."""
    from coldcase.review.triage import configured_weights, fitted_weights_path, graded_tips, rescore_all
    from coldcase.tips.weightfit import fit_weights

    try:
        current = configured_weights()
    except ValueError as error:
        raise click.ClickException(f"triage weights: {error}") from None
    result = fit_weights(graded_tips(current), current)
    if result.needed:
        raise click.ClickException(f"{result.graded} graded tip(s); {result.needed} more are needed (at least "
                                   "40, with 10 usable and 10 not usable among them)")
    click.echo(f"{result.graded} graded tips. ROC AUC of today's weights: {result.current_auc:.3f}; "
               f"of the fitted weights (cross-validated): {result.fitted_auc:.3f}.")
    click.echo("Points per reason (today -> fitted):")
    for code in sorted(result.weights, key=lambda c: (c != "base", -abs(result.weights[c]), c)):
        click.echo(f"  {code:22} {current.get(code, 0):+4d} -> {result.weights[code]:+4d}")
    if not apply_:
        click.echo("Nothing written; run again with --apply to use the fitted weights.")
        return
    path = fitted_weights_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"weights": result.weights, "graded": result.graded,
                                "auc": round(result.fitted_auc, 4)}, indent=2), encoding="utf-8")
    tips, changed = rescore_all()
    audit.record("command line", audit.TIPS_RESCORED, "tips",
                 f"fitted weights applied; {tips} tips scored again, {changed} changed")
    db.session.commit()
    click.echo(f"Wrote {path.name}; scored {tips} tips again, {changed} scores changed.")


#: The commands this feature adds to ``coldcase tips``.
COMMANDS = (rescore_command, score_command, fit_weights_command, purge_command)
