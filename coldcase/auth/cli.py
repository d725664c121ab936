"""``coldcase users``: manage staff accounts from the command line."""

from __future__ import annotations

import os
import sys

import click
from flask.cli import AppGroup

from coldcase.auth.accounts import AccountError, count_users
from coldcase.auth.models import Role
from coldcase.extensions import db

users_cli = AppGroup("users", help="Manage staff accounts.")

ROLE_NAMES = [role.value for role in Role]


@users_cli.command("create")
@click.argument("email")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(ROLE_NAMES),
              help="A role to give (repeat for several).")
@click.option("--name", default="", help="The person's name.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of "
              "generating a one-time password.")
def create_command(email: str, roles: tuple[str, ...], name: str, password_stdin: bool) -> None:
    """Create a staff account and print its one-time password."""
    from coldcase.admin.accounts import add_account

    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    try:
        user, password = add_account("command line", email, roles, password=password, name=name)
    except AccountError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.email} ({', '.join(sorted(r.value for r in user.roles))}).")
    if not password_stdin:
        click.echo(f"One-time password: {password}  (to be changed at first login)")


def _default_address() -> str:
    host = os.environ.get("FLASK_RUN_HOST") or "127.0.0.1"
    port = os.environ.get("FLASK_RUN_PORT") or "5000"
    return f"http://{host}:{port}"


@users_cli.command("ensure-admin")
@click.option("--email", default="admin@localhost", show_default=True)
@click.option("--url", default=None, help="Where the app is served, for the sign-in address printed "
              "(default: http://FLASK_RUN_HOST:FLASK_RUN_PORT, else http://127.0.0.1:5000).")
def ensure_admin_command(email: str, url: str | None) -> None:
    """Create a first administrator with every role if there is no account yet, and print its one-time
    password; do nothing otherwise."""
    if count_users():
        click.echo("Staff accounts exist already; no admin account created.")
        return
    from coldcase.admin.accounts import add_account

    user, password = add_account("command line", email, ROLE_NAMES, name="Administrator")
    db.session.commit()
    click.echo("")
    click.echo("  First administrator account created (shown once):")
    click.echo(f"    email:    {user.email}")
    click.echo(f"    password: {password}")
    click.echo(f"  Sign in at {(url or _default_address()).rstrip('/')}/staff/login and choose a new password.")
    click.echo("")


def _existing_user(email: str):
    from coldcase.auth.accounts import find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException(f"There is no user {email}.")
    return user


@users_cli.command("reset-password")
@click.argument("email")
def reset_password_command(email: str) -> None:
    """Give a user a new one-time password and lift a lockout (audited); for when no admin can sign in."""
    from coldcase.admin.accounts import reset_password

    user = _existing_user(email)
    password = reset_password("command line", user)
    db.session.commit()
    click.echo(f"New one-time password: {password}  (for {user.email}; to be changed at next login)")


@users_cli.command("reset-2fa")
@click.argument("email")
def reset_second_factor_command(email: str) -> None:
    """Forget a user's authenticator (lost phone, or a secret no key can read any more); audited. The user sets
    up a new one at the next sign-in."""
    from coldcase.admin.accounts import reset_second_factor

    user = _existing_user(email)
    reset_second_factor("command line", user)
    db.session.commit()
    click.echo(f"{user.email} will set up a new authenticator at the next sign-in.")


@users_cli.command("set-unit")
@click.argument("email")
@click.argument("unit")
def set_unit_command(email: str, unit: str) -> None:
    """Set the cold-case unit a user works in, as the cases name it ("Team Cold Cases Oost-Nederland"); "" for
    none. Only investigators of a case's unit read its held-back facts (audited)."""
    from coldcase.admin.accounts import set_unit

    user = _existing_user(email)
    set_unit("command line", user, unit)
    db.session.commit()
    click.echo(f"{user.email} works in unit: {user.unit or 'none'}.")
