"""The ``coldcase`` command: Flask's command line bound to this app (``coldcase run``, ``coldcase routes``,
``coldcase db upgrade``) plus our own command groups."""

from __future__ import annotations

from flask.cli import FlaskGroup


def register_commands(app) -> None:
    """Add the project's command groups to ``app.cli``."""
    from coldcase.analytics.cli import demo_cli, yield_cli
    from coldcase.auth.cli import users_cli
    from coldcase.cases.cli import cases_cli
    from coldcase.publish.cli import calendar_cli
    from coldcase.review.cli import COMMANDS as review_commands
    from coldcase.server import serve_command
    from coldcase.tips.cli import tips_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(cases_cli)
    app.cli.add_command(calendar_cli)
    app.cli.add_command(tips_cli)
    app.cli.add_command(serve_command)
    app.cli.add_command(yield_cli)
    app.cli.add_command(demo_cli)
    for command in review_commands:  # `coldcase tips rescore` and `coldcase tips purge`
        tips_cli.add_command(command)


def _create_app():
    from coldcase import create_app

    return create_app()


main = FlaskGroup(create_app=_create_app, help="coldcase: cold-case calendars, tips and tip yield.")
