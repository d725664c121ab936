"""Changing other people's accounts, as an admin. Every change is audited; the caller commits.

An admin cannot lock themselves out: they cannot disable their own account or take away their own admin role,
so there is always someone left who can manage accounts.
"""

from __future__ import annotations

from flask_babel import gettext as _

from coldcase.audit import service as audit
from coldcase.auth.accounts import AccountError, create_user
from coldcase.auth.models import Role, User
from coldcase.auth.passwords import generate_password, hash_password


def _target(user: User) -> str:
    return f"user:{user.id}"


def add_account(admin, email: str, roles, name: str = "", password: str | None = None) -> tuple[User, str]:
    """Create an account (``admin`` is a user, or ``"command line"``), with a one-time password unless
    ``password`` is given; the password is returned once. Audited. Raises AccountError."""
    user, password = create_user(email, roles, password=password, name=name)
    from coldcase.extensions import db

    db.session.flush()
    audit.record(admin, audit.USER_CREATED, _target(user),
                 {"email": user.email, "roles": sorted(r.value for r in user.roles)})
    return user, password


def change_roles(admin: User, user: User, roles) -> None:
    """Give ``user`` exactly ``roles``. Raises AccountError for no role or for an admin removing their own
    admin role."""
    wanted = {Role(role) for role in roles}
    if not wanted:
        raise AccountError(_("A user needs at least one role."))
    if user.id == admin.id and Role.ADMIN not in wanted:
        raise AccountError(_("You cannot take away your own admin role."))
    if wanted == user.roles:
        return
    before = sorted(r.value for r in user.roles)
    user.set_roles(wanted)
    audit.record(admin, audit.USER_ROLES, _target(user),
                 {"email": user.email, "old": before, "new": sorted(r.value for r in wanted)})


def set_active(admin: User, user: User, active: bool) -> None:
    """Disable or enable an account; a disabled user's sessions end at once. Raises AccountError
    for an admin disabling themselves."""
    if user.id == admin.id and not active:
        raise AccountError(_("You cannot disable your own account."))
    if user.active == active:
        return
    user.active = active
    if not active:
        user.end_sessions()
    audit.record(admin, audit.USER_ENABLED if active else audit.USER_DISABLED, _target(user), {"email": user.email})


def reset_password(admin: User, user: User) -> str:
    """Give ``user`` a new one-time password (returned once, to be changed at next sign-in), lift a wait after
    failed sign-ins, and end their sessions."""
    password = generate_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    user.end_sessions()
    audit.record(admin, audit.USER_PASSWORD_RESET, _target(user), {"email": user.email})
    return password


def reset_second_factor(admin: User, user: User) -> None:
    """Forget ``user``'s authenticator and recovery codes (a lost phone) and end their sessions; they set up a
    new one at their next sign-in."""
    user.totp_secret = None
    user.totp_pending_token = None
    user.recovery_codes = None
    user.end_sessions()
    audit.record(admin, audit.USER_2FA_RESET, _target(user), {"email": user.email})


#: Audit action: a staff member's unit was set (it decides who reads a case's held-back facts).
USER_UNIT = "user_unit"


def set_unit(admin, user: User, unit: str | None) -> None:
    """Set the cold-case unit ``user`` works in, as the cases name it; empty: no unit (audited)."""
    user.unit = (unit or "").strip()[:120] or None
    audit.record(admin, USER_UNIT, _target(user), {"email": user.email, "unit": user.unit or ""})
