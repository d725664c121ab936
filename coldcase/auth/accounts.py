"""Creating staff accounts and checking logins. The acting code commits; these functions only change the
session's objects, so a caller can do several things in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select, update

from coldcase.auth.models import Role, User
from coldcase.auth.passwords import (
    generate_password,
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)
from coldcase.extensions import db

#: Wrong passwords or codes in a row that cost nothing; each one after that makes the account wait.
MAX_FAILED_LOGINS = 5
#: The wait after the fifth failure; it doubles with each further failure, up to ``LONGEST_DELAY``. A stranger
#: who knows an email can make its owner wait a few minutes at most, never lock them out for long; the count
#: starts again at the owner's next complete sign-in (or an admin's password reset).
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(minutes=5)
# A real hash of a random password: a login for an unknown email costs as much time as for a known one.
_DUMMY_HASH = hash_password(generate_password())


class AccountError(ValueError):
    """A request about an account that cannot be carried out; the message is meant for the user, in the
    language of the request (English on the command line)."""


def normalise_email(email: str) -> str:
    """Return the email address as stored: trimmed and lower case."""
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """Return the user with this email address, or None."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(email: str, roles, password: str | None = None, name: str = "") -> tuple[User, str]:
    """Add a new user with ``roles``; return it with its password (generated, and to be changed at first
    login, when none is given). Raises AccountError for a bad email, role or password, or a taken email."""
    email = normalise_email(email)
    if "@" not in email or email.startswith("@") or len(email) > 254:
        raise AccountError(_("'%(email)s' is not an email address.", email=email))
    try:
        role_set = {Role(role) for role in roles}
    except ValueError as error:
        allowed = ", ".join(role.value for role in Role)
        raise AccountError(_("Unknown role: %(error)s. Roles are: %(allowed)s.", error=error,
                             allowed=allowed)) from None
    if not role_set:
        raise AccountError(_("A user needs at least one role."))
    if find_user(email) is not None:
        raise AccountError(_("There is already a user %(email)s.", email=email))
    generated = password is None
    if generated:
        password = generate_password()
    elif problem := password_problem(password):
        raise AccountError(problem)
    user = User(email=email, name=name, password_hash=hash_password(password), must_change_password=generated)
    user.set_roles(role_set)
    db.session.add(user)
    return user, password


def count_users() -> int:
    """Return how many staff accounts exist."""
    return db.session.scalar(select(func.count()).select_from(User)) or 0


@dataclass(frozen=True)
class LoginResult:
    """What a login attempt came to: a user, or a message for the login form (in the request's language) and
    the same in English for the audit log (``detail``)."""

    user: User | None
    message: str | None = None
    detail: str = ""


def delay_after(failures: int) -> timedelta:
    """How long an account waits after ``failures`` failed attempts in a row (nothing for the first few)."""
    if failures < MAX_FAILED_LOGINS:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** min(failures - MAX_FAILED_LOGINS, 16), LONGEST_DELAY)


def _wait_message(seconds: int) -> str:
    if seconds < 60:
        return ngettext("Too many failed logins. Try again in %(num)d second.",
                        "Too many failed logins. Try again in %(num)d seconds.", seconds)
    minutes = -(-seconds // 60)
    return ngettext("Too many failed logins. Try again in %(num)d minute.",
                    "Too many failed logins. Try again in %(num)d minutes.", minutes)


def authenticate(email: str, password: str, now: datetime | None = None) -> LoginResult:
    """Check a login. Counts failures; after a few the account waits a little longer after each one.

    The message never tells whether the email exists. ``detail`` is a code for the audit log
    (``wrong_password``, ``delayed``, ``disabled``)."""
    now = now or datetime.now(UTC)
    user = find_user(email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return LoginResult(None, _("Wrong email or password."), "wrong_password")
    locked_until = _aware(user.locked_until)
    if locked_until and locked_until > now:
        return LoginResult(None, _wait_message(max(1, int((locked_until - now).total_seconds() + 0.999))),
                           "delayed")
    if not verify_password(user.password_hash, password):
        count_failed_login(user, now)
        return LoginResult(None, _("Wrong email or password."), "wrong_password")
    if not user.active:
        return LoginResult(None, _("This account is disabled. Ask an administrator."), "disabled")
    # The failure count is not reset here: for a user who still owes a second factor, a right password must not
    # wipe the wrong codes (or codes could be guessed four at a time for ever). Signing in completely resets it.
    user.locked_until = None
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return LoginResult(user)


def count_failed_login(user: User, now: datetime | None = None) -> bool:
    """Count one failed login (wrong password or code) of `user`; from `MAX_FAILED_LOGINS` on, the account
    waits `delay_after(count)` before the next attempt is even checked.

    The count is added in the database (`failed_logins = failed_logins + 1`), not in Python: parallel wrong
    attempts each read the same old count, and adding in Python let them all through as one. Returns whether
    the account now waits. The caller commits.
    """
    now = now or datetime.now(UTC)
    count = db.session.execute(
        update(User).where(User.id == user.id).values(failed_logins=User.failed_logins + 1)
        .returning(User.failed_logins)
    ).scalar_one()
    delay = delay_after(count)
    if not delay:
        return False
    db.session.execute(update(User).where(User.id == user.id).values(locked_until=now + delay))
    return True


def change_password(user: User, current: str, new: str) -> None:
    """Set a new password after checking the current one, and end every other session of ``user`` (the
    caller signs the current one in again). Audited. Raises AccountError with the reason."""
    from coldcase.audit import service as audit

    if not verify_password(user.password_hash, current):
        raise AccountError(_("The current password is wrong."))
    if problem := password_problem(new):
        raise AccountError(problem)
    if new == current:
        raise AccountError(_("The new password must differ from the current one."))
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.end_sessions()
    audit.record(user, audit.PASSWORD_CHANGED, f"user:{user.id}", {})


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes even for timezone-aware columns.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
