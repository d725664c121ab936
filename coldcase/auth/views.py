"""Login, logout and changing one's password."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from coldcase.audit import service as audit
from coldcase.auth import (
    access,  # noqa: F401  (registers the user loader)
    accounts,
    twofactor,
)
from coldcase.auth.accounts import AccountError, authenticate
from coldcase.auth.forms import ChangePasswordForm, LoginForm
from coldcase.auth.menu import landing_url, staff_menu
from coldcase.extensions import db

bp = Blueprint("auth", __name__, url_prefix="/staff")

#: Session key holding the time of a staff member's last request (seconds since the epoch).
_LAST_SEEN = "staff_last_seen"
_OPEN_WHILE_PASSWORD_MUST_CHANGE = {"auth.change_password", "auth.logout", "static"}


def _safe_next(target: str | None) -> str | None:
    """Return ``target`` if it is a path on this site, else None (no open redirect)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.app_context_processor
def staff_context():
    """Tell templates whether a staff member is signed in (staff pages show a different header)."""
    return {"staff_user": current_user if current_user.is_authenticated else None}


@bp.before_app_request
def staff_session_rules():
    """Sign staff out after SESSION_MINUTES without a request, and keep a user with a one-time password on the
    change-password page until it is changed."""
    if not current_user.is_authenticated:
        return None
    now = time.time()
    idle_limit = current_app.config["SESSION_MINUTES"] * 60
    last_seen = session.get(_LAST_SEEN)
    if last_seen is not None and now - last_seen > idle_limit:
        logout_user()
        session.clear()
        flash(_("You were signed out after %(minutes)d minutes without activity.",
                minutes=current_app.config["SESSION_MINUTES"]))
        return redirect(url_for("auth.login"))
    session.permanent = True
    session[_LAST_SEEN] = now
    if current_user.must_change_password and request.endpoint not in _OPEN_WHILE_PASSWORD_MUST_CHANGE:
        return redirect(url_for("auth.change_password"))
    return None


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("auth.home"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        result = authenticate(form.email.data, form.password.data)
        if result.user is None:
            audit.record(None, audit.LOGIN_FAILED, f"email:{accounts.normalise_email(form.email.data)}",
                         result.detail or result.message or "")
        db.session.commit()
        if result.user is not None:
            if twofactor.required_for(result.user):  # the password was right; the code comes next
                return twofactor.begin(result.user, _safe_next(request.args.get("next")))
            session.clear()
            result.user.failed_logins = 0
            login_user(result.user)
            audit.record(result.user, audit.LOGIN, f"user:{result.user.id}", "password")
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")) or landing_url(current_app, result.user))
        error = result.message
    return render_template("auth/login.html", form=form, error=error), 200 if error is None else 401


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST only, so a link elsewhere cannot sign anyone out)."""
    if current_user.is_authenticated:
        audit.record(current_user, audit.LOGOUT, f"user:{current_user.id}")
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are signed out."))
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password (required after a one-time password)."""
    form = ChangePasswordForm()
    error = None
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current.data, form.new.data)
        except AccountError as problem:
            error = str(problem)
        else:
            db.session.commit()
            flash(_("Your password is changed."))
            return redirect(url_for("auth.home"))
    return render_template("auth/password.html", form=form, error=error)


@bp.route("/")
@login_required
def home():
    """The staff start page: links to the parts of the app this user's roles open."""
    return render_template("auth/home.html", staff_menu=staff_menu(current_app))
