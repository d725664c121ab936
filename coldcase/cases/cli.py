"""``coldcase cases check [DIR]``: report every problem in the case bundles and editions."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from coldcase.cases.loader import load_library

cases_cli = AppGroup("cases", help="Check the case bundles and calendar editions.")


@cases_cli.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one 'path:line: message' a line; json: one object for scripts.",
)
def check_command(directory: Path | None, output_format: str) -> None:
    """Check every case folder and edition in DIRECTORY (default: the CASES_DIR setting).

    Prints each problem as 'path:line: message', then a summary. Exits with status 1 if there is an error
    (warnings alone exit 0), so it can guard a commit or a build.
    """
    root = directory if directory is not None else Path(current_app.config["CASES_DIR"])
    library = load_library(root)
    invalid = library.invalid_case_ids
    errors, warnings = library.errors, library.warnings
    if output_format == "json":
        report = {
            "root": str(root),
            "cases": len(library.cases) + len(invalid),
            "valid_cases": sorted(library.cases),
            "invalid_cases": invalid,
            "editions": sorted(library.editions),
            "errors": len(errors),
            "warnings": len(warnings),
            "problems": [
                {
                    "path": str(_relative(problem.path, root)),
                    "line": problem.line,
                    "severity": problem.severity,
                    "message": problem.message,
                    "field": problem.field,
                    "case": problem.case_id,
                }
                for problem in library.problems
            ],
        }
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        for problem in library.problems:
            click.echo(problem.format(root))
        total = len(library.cases) + len(invalid)
        click.echo(
            f"{total} case{'s' if total != 1 else ''}, {len(invalid)} with errors, "
            f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
        )
    if errors:
        raise SystemExit(1)


def _relative(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path
