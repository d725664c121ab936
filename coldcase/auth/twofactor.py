"""Two-factor login with a time-based one-time code (TOTP, RFC 6238) from an authenticator app.

After a correct password, a user whose roles need a second factor (``TWO_FACTOR_ROLES``, by default admins and
investigators) is not signed in yet: their id waits in the session as *pending* for a few minutes, and they
are sent to :func:`verify` (or, the first time, to :func:`enrol`, which shows the secret as text and as a QR
code drawn on the server as inline SVG: no image service ever sees the secret). Only a correct code signs
them in. Wrong codes count as failed logins, so the lockout protects the code as it protects the password.
"""

from __future__ import annotations

import time

import pyotp
import segno
from flask import Blueprint, current_app, flash, redirect, render_template, session, url_for
from flask_login import login_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Regexp

from coldcase.audit import service as audit
from coldcase.auth.accounts import LOCKOUT, MAX_FAILED_LOGINS
from coldcase.auth.models import User, utcnow
from coldcase.extensions import db

bp = Blueprint("twofactor", __name__, url_prefix="/staff/2fa")

DEFAULT_ROLES = ("admin", "investigator")
#: How long a correct password stays good for while the user finds their phone.
PENDING_SECONDS = 300
_PENDING = "twofactor_pending"
_ENROL_SECRET = "twofactor_enrol_secret"


class CodeForm(FlaskForm):
    """The six-digit code from the authenticator app."""

    code = StringField(
        "Code from your authenticator app",
        validators=[DataRequired("Enter the six-digit code."), Length(max=12),
                    Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message="The code is six digits.")],
    )


def required_for(user: User) -> bool:
    """True when ``user`` holds a role that must sign in with a second factor (setting ``TWO_FACTOR_ROLES``)."""
    roles = current_app.config.get("TWO_FACTOR_ROLES", DEFAULT_ROLES)
    return bool(roles) and user.has_role(*roles)


def new_secret() -> str:
    """A fresh random TOTP secret (base32, 160 bits)."""
    return pyotp.random_base32(32)


def code_is_valid(secret: str, code: str, at: float | None = None) -> bool:
    """True when ``code`` is the current code for ``secret`` (one step either side, for clocks that drift)."""
    code = "".join(code.split())
    return pyotp.TOTP(secret).verify(code, for_time=at, valid_window=1)


def provisioning_uri(user: User, secret: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    issuer = current_app.config.get("TWO_FACTOR_ISSUER", "coldcase")
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def qr_svg(text: str) -> Markup:
    """``text`` as a QR code in inline SVG (no style attributes, so the page's strict CSP holds)."""
    return Markup(segno.make(text, error="m").svg_inline(scale=5, dark="#000", light="#fff", border=4))


def begin(user: User, next_url: str | None):
    """Remember ``user`` as pending after a correct password and send them to the second step."""
    session.clear()
    session[_PENDING] = {"user_id": user.id, "since": time.time(), "next": next_url}
    if user.totp_secret:
        return redirect(url_for("twofactor.verify"))
    return redirect(url_for("twofactor.enrol"))


def _pending_user() -> User | None:
    pending = session.get(_PENDING)
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("user_id"))
    if user is None or not user.active:
        return None
    locked_until = user.locked_until
    if locked_until is not None and locked_until.tzinfo is None:  # SQLite returns naive datetimes
        locked_until = locked_until.replace(tzinfo=utcnow().tzinfo)
    return None if locked_until and locked_until > utcnow() else user


def _finish(user: User, how: str):
    next_url = session.get(_PENDING, {}).get("next")
    session.clear()
    user.failed_logins = 0
    login_user(user)
    audit.record(user, audit.LOGIN, f"user:{user.id}", how)
    db.session.commit()
    return redirect(next_url or url_for("auth.home"))


def _wrong_code(user: User) -> str | None:
    """Count a wrong code like a wrong password; return a message when the account is now locked."""
    user.failed_logins = (user.failed_logins or 0) + 1
    audit.record(user, audit.LOGIN_SECOND_FACTOR_FAILED, f"user:{user.id}", "wrong authenticator code")
    if user.failed_logins >= MAX_FAILED_LOGINS:
        user.locked_until = utcnow() + LOCKOUT
        user.failed_logins = 0
        db.session.commit()
        session.clear()
        return "Too many wrong codes. Your account is locked for a while; try again later."
    db.session.commit()
    return None


def _expired():
    session.pop(_PENDING, None)
    flash("Please sign in again.")
    return redirect(url_for("auth.login"))


@bp.route("/", methods=["GET", "POST"])
def verify():
    """Ask for the code of a user who gave a correct password; sign them in when it is right."""
    user = _pending_user()
    if user is None:
        return _expired()
    if not user.totp_secret:
        return redirect(url_for("twofactor.enrol"))
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        if code_is_valid(user.totp_secret, form.code.data):
            return _finish(user, "password and authenticator code")
        locked = _wrong_code(user)
        if locked:
            flash(locked)
            return redirect(url_for("auth.login"))
        error = "That code is not right. Check the time on your phone and try the newest code."
    return render_template("auth/twofactor_verify.html", form=form, error=error), 200 if error is None else 401


@bp.route("/enrol", methods=["GET", "POST"])
def enrol():
    """First sign-in with a second factor: show a new secret (text and QR code) and confirm it with a code."""
    user = _pending_user()
    if user is None:
        return _expired()
    if user.totp_secret:
        return redirect(url_for("twofactor.verify"))
    # The secret waits in the (signed) session until a code proves the phone has it.
    secret = session.get(_ENROL_SECRET) or new_secret()
    session[_ENROL_SECRET] = secret
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        if code_is_valid(secret, form.code.data):
            user.totp_secret = secret
            audit.record(user, audit.TWO_FACTOR_ENROLLED, f"user:{user.id}", "authenticator app set up")
            return _finish(user, "password and a newly set up authenticator code")
        locked = _wrong_code(user)
        if locked:
            flash(locked)
            return redirect(url_for("auth.login"))
        error = "That code is not right. Scan the code again or type the secret, then try the newest code."
    uri = provisioning_uri(user, secret)
    grouped = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
    return render_template("auth/twofactor_enrol.html", form=form, error=error, secret=grouped, uri=uri,
                           qr=qr_svg(uri)), 200 if error is None else 401
