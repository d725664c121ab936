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
from coldcase.auth.menu import landing_url, menu_for, staff_menu
from coldcase.extensions import db
from coldcase.tips import ratelimit

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
    """Tell templates whether a staff member is signed in (staff pages show a different header), and give the
    staff layout its menu (counted only when a staff page shows it)."""
    user = current_user if current_user.is_authenticated else None
    return {"staff_user": user,
            "staff_nav": lambda: menu_for(current_app, user) if user is not None else []}


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


#: Sign-in attempts from one connection (counted under a keyed hash of its address, never the address itself;
#: see coldcase.tips.ratelimit), whatever the accounts tried: ``LOGIN_RATE_LIMIT`` = (attempts, seconds).
DEFAULT_LOGIN_LIMIT = (20, 600)


def _login_limit() -> ratelimit.Limit:
    count, seconds = current_app.config.get("LOGIN_RATE_LIMIT", DEFAULT_LOGIN_LIMIT)
    return ratelimit.Limit("login", int(count), int(seconds))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("auth.home"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        email = accounts.normalise_email(form.email.data)
        if not ratelimit.allow(_login_limit()):
            audit.record(None, audit.LOGIN_FAILED, f"email:{email}", {"email": email, "reason": "throttled"})
            db.session.commit()
            error = _("Too many sign-in attempts from your connection. Wait a few minutes and try again.")
            return render_template("auth/login.html", form=form, error=error), 429
        result = authenticate(form.email.data, form.password.data)
        if result.user is None:
            audit.record(None, audit.LOGIN_FAILED, f"email:{email}", {"email": email, "reason": result.detail})
        db.session.commit()
        if result.user is not None:
            if twofactor.required_for(result.user):  # the password was right; the code comes next
                return twofactor.begin(result.user, _safe_next(request.args.get("next")))
            session.clear()
            result.user.failed_logins = 0
            login_user(result.user)
            audit.record(result.user, audit.LOGIN, f"user:{result.user.id}", {"method": "password"})
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")) or landing_url(current_app, result.user))
        error = result.message
    return render_template("auth/login.html", form=form, error=error), 200 if error is None else 401


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST only, so a link elsewhere cannot sign anyone out). Every session of the person ends,
    also a copy of this one's cookie kept elsewhere."""
    if current_user.is_authenticated:
        current_user.end_sessions()
        audit.record(current_user, audit.LOGOUT, f"user:{current_user.id}", {})
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("You are signed out."))
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password (required after a one-time password). Other sessions end; this one goes on."""
    form = ChangePasswordForm()
    error = None
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            accounts.change_password(user, form.current.data, form.new.data)
        except AccountError as problem:
            db.session.rollback()
            error = str(problem)
        else:
            db.session.commit()
            login_user(user)  # this session carries the new session version
            flash(_("Your password is changed. You are signed out everywhere else."))
            return redirect(url_for("auth.home"))
    return render_template("auth/password.html", form=form, error=error)


@bp.route("/")
@login_required
def home():
    """The staff start page: links to the parts of the app this user's roles open."""
    return render_template("auth/home.html", staff_menu=staff_menu(current_app))
