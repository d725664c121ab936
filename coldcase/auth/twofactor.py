"""Two-factor login with a time-based one-time code (TOTP, RFC 6238) from an authenticator app.

After a correct password, a user whose roles need a second factor (``TWO_FACTOR_ROLES``, by default admins and
investigators) is not signed in yet: their id waits in the session as *pending* for a few minutes, and they
are sent to :func:`verify` (or, the first time, to :func:`enrol`, which shows the secret as text and as a QR
code drawn on the server as inline SVG: no image service ever sees the secret). Only a correct code signs
them in. Wrong codes count as failed logins, so the lockout protects the code as it protects the password.
"""

from __future__ import annotations

import hmac
import time

import pyotp
import segno
from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from sqlalchemy import or_, update
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Regexp

from coldcase.audit import service as audit
from coldcase.auth import recovery, totp_crypto
from coldcase.auth.accounts import count_failed_login
from coldcase.auth.menu import landing_url
from coldcase.auth.models import User, utcnow
from coldcase.extensions import db

bp = Blueprint("twofactor", __name__, url_prefix="/staff/2fa")

DEFAULT_ROLES = ("admin", "investigator")
#: How long a correct password stays good for while the user finds their phone.
PENDING_SECONDS = 300
_PENDING = "twofactor_pending"


class CodeForm(FlaskForm):
    """The six-digit code from the authenticator app."""

    code = StringField(
        _l("Code from your authenticator app"),
        validators=[DataRequired(_l("Enter the six-digit code.")), Length(max=12),
                    Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("The code is six digits."))],
    )


def required_for(user: User) -> bool:
    """True when ``user`` holds a role that must sign in with a second factor (setting ``TWO_FACTOR_ROLES``)."""
    roles = current_app.config.get("TWO_FACTOR_ROLES", DEFAULT_ROLES)
    return bool(roles) and user.has_role(*roles)


def new_secret() -> str:
    """A fresh random TOTP secret (base32, 160 bits)."""
    return pyotp.random_base32(32)


def matching_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step whose code for ``secret`` is ``code`` (the current step or one either side, for clocks
    that drift), or None when it is none of them."""
    code = "".join(code.split())
    totp = pyotp.TOTP(secret)
    current = int((time.time() if at is None else at) // totp.interval)
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def claim_step(user: User, step: int) -> bool:
    """Record ``step`` as ``user``'s last accepted time step, if it is later than the last one; False when a
    code of this step (or a later one) was accepted before. One conditional UPDATE, so two requests racing
    with the same code cannot both win."""
    result = db.session.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    user.totp_last_step = step
    return True


def provisioning_uri(user: User, secret: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    issuer = current_app.config.get("TWO_FACTOR_ISSUER", "coldcase")
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def qr_svg(text: str) -> Markup:
    """``text`` as a QR code in inline SVG (no style attributes, so the page's strict CSP holds). The SVG has a
    viewBox and no fixed size, so the style sheet scales the whole code, quiet zone included, to the width it
    gives it (with a fixed size and no viewBox, a smaller box cut the code off)."""
    svg = segno.make(text, error="m").svg_inline(dark="#000", light="#fff", border=4, omitsize=True)
    return Markup(svg.replace("<svg ", '<svg role="img" shape-rendering="crispEdges" ', 1))


def group_secret(secret: str) -> str:
    """The secret in groups of four characters, for typing it by hand (apps ignore the spaces)."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _recovery_page(codes: list[str], next_url: str):
    response = make_response(render_template("auth/recovery_codes.html", codes=codes, next_url=next_url))
    response.headers["Cache-Control"] = "no-store"
    return response


def begin(user: User, next_url: str | None):
    """Remember ``user`` as pending after a correct password and send them to the second step."""
    session.clear()
    session[_PENDING] = {"user_id": user.id, "since": time.time(), "next": next_url}
    if user.has_totp:
        return redirect(url_for("twofactor.verify"))
    # A new secret for each correct password: one that another sign-in saw is forgotten.
    user.totp_pending_token = totp_crypto.encrypt_secret(new_secret())
    db.session.commit()
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


def _finish(user: User, how: str, commit: bool = True):
    """Sign ``user`` in (``how``: the audit's method code) and return where they go next."""
    next_url = session.get(_PENDING, {}).get("next")
    session.clear()
    user.failed_logins = 0
    login_user(user)
    audit.record(user, audit.LOGIN, f"user:{user.id}", {"method": how})
    if commit:
        db.session.commit()
    return redirect(next_url or landing_url(current_app, user))


def _wrong_code(user: User, reason: str = "wrong_code") -> str | None:
    """Count a wrong (or used) code like a wrong password; return a message when the account now waits."""
    audit.record(user, audit.LOGIN_SECOND_FACTOR_FAILED, f"user:{user.id}", {"reason": reason})
    if count_failed_login(user, utcnow()):
        db.session.commit()
        session.clear()
        return _("Too many wrong codes. Your account must wait a few minutes; try again later.")
    db.session.commit()
    return None


def _expired():
    session.pop(_PENDING, None)
    flash(_("Please sign in again."))
    return redirect(url_for("auth.login"))


def _check(user: User, secret: str, code: str) -> tuple[bool, str | None, bool]:
    """Accept ``code`` for ``secret`` once. Returns (accepted, a message for the person or None for the page's
    own, whether the account is now locked)."""
    step = matching_step(secret, code)
    if step is not None and claim_step(user, step):
        return True, None, False
    locked = _wrong_code(user, "wrong_code" if step is None else "code_used")
    if locked:
        return False, locked, True
    if step is None:
        return False, None, False
    return False, _("That code was used already. Wait for the next code from your app and enter that one."), False


@bp.route("/", methods=["GET", "POST"])
def verify():
    """Ask for the code of a user who gave a correct password; sign them in when it is right."""
    user = _pending_user()
    if user is None:
        return _expired()
    if not user.has_totp:
        return redirect(url_for("twofactor.enrol"))
    try:
        secret = user.totp_secret
    except totp_crypto.UnreadableSecret:
        current_app.logger.error("the authenticator secret of user %s cannot be decrypted with the configured "
                                 "keys (ENCRYPTION_KEY, SECRET_KEY, SECRET_KEY_FALLBACKS)", user.id)
        session.clear()
        flash(_("Your authenticator cannot be checked on this server. Ask an administrator to reset your second "
                "factor."))
        return redirect(url_for("auth.login"))
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        accepted, message, locked = _check(user, secret, form.code.data)
        if accepted:
            user.totp_secret_token = totp_crypto.rotate_secret(user.totp_secret_token)  # onto the newest key
            return _finish(user, "password_totp")
        if locked:
            flash(message)
            return redirect(url_for("auth.login"))
        error = message or _("That code is not right. Check the time on your phone and try the newest code.")
    return render_template("auth/twofactor_verify.html", form=form, error=error), 200 if error is None else 401


@bp.route("/enrol", methods=["GET", "POST"])
def enrol():
    """First sign-in with a second factor: show a new secret (text and QR code) and confirm it with a code."""
    user = _pending_user()
    if user is None:
        return _expired()
    if user.has_totp:
        return redirect(url_for("twofactor.verify"))
    try:
        secret = user.totp_pending_token and totp_crypto.decrypt_secret(user.totp_pending_token)
    except totp_crypto.UnreadableSecret:
        secret = None
    if not secret:  # begin() draws one; this is for a key changed in between
        secret = new_secret()
        user.totp_pending_token = totp_crypto.encrypt_secret(secret)
        db.session.commit()
    form = CodeForm()
    error = None
    if form.validate_on_submit():
        accepted, message, locked = _check(user, secret, form.code.data)
        if accepted:
            user.totp_secret_token = user.totp_pending_token
            user.totp_pending_token = None
            audit.record(user, audit.TWO_FACTOR_ENROLLED, f"user:{user.id}", {})
            codes = recovery.make_codes(user)
            audit.record(user, audit.RECOVERY_CODES_MADE, f"user:{user.id}", {"count": len(codes)})
            next_url = _finish(user, "password_totp_enrolled").location
            # The codes are shown in this response only: never in a flashed message, which travels in the
            # (signed, not encrypted) session cookie.
            return _recovery_page(codes, next_url)
        if locked:
            flash(message)
            return redirect(url_for("auth.login"))
        error = message or _("That code is not right. Scan the code again or type the secret, then try the newest "
                             "code.")
    uri = provisioning_uri(user, secret)
    grouped = group_secret(secret)
    return render_template("auth/twofactor_enrol.html", form=form, error=error, secret=grouped, uri=uri,
                           qr=qr_svg(uri)), 200 if error is None else 401


class RecoveryForm(FlaskForm):
    """A one-time recovery code instead of the authenticator's code."""

    recovery_code = StringField(_l("Recovery code"),
                                validators=[DataRequired(_l("Enter one of your recovery codes.")), Length(max=40)])


@bp.route("/recovery", methods=["GET", "POST"])
def use_recovery_code():
    """Second step with a recovery code (a lost phone): each code signs in once; a wrong one counts as a failed
    sign-in."""
    user = _pending_user()
    if user is None:
        return _expired()
    form = RecoveryForm()
    error = None
    if form.validate_on_submit():
        if recovery.use_code(user, form.recovery_code.data):
            audit.record(user, audit.RECOVERY_CODE_USED, f"user:{user.id}", {"left": recovery.codes_left(user)})
            return _finish(user, "password_recovery_code")
        locked = _wrong_code(user, "wrong_recovery_code")
        if locked:
            flash(locked)
            return redirect(url_for("auth.login"))
        error = _("That recovery code is not right, or it was used before.")
    return render_template("auth/twofactor_recovery.html", form=form, error=error), 200 if error is None else 401


@bp.route("/recovery-codes", methods=["GET", "POST"])
@login_required
def new_recovery_codes():
    """Make a new set of recovery codes for oneself (the old ones stop working); shown once."""
    form = FlaskForm()
    if request.method == "POST" and form.validate_on_submit():
        codes = recovery.make_codes(current_user)
        audit.record(current_user, audit.RECOVERY_CODES_MADE, f"user:{current_user.id}", {"count": len(codes)})
        db.session.commit()
        return _recovery_page(codes, url_for("auth.home"))
    return render_template("auth/recovery_codes_new.html", form=form, left=recovery.codes_left(current_user))

