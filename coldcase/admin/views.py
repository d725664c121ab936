"""Account pages for admins."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from coldcase.admin import accounts
from coldcase.admin.forms import ROLE_LABELS, ActionForm, NewAccountForm, RolesForm
from coldcase.auth.access import role_required
from coldcase.auth.accounts import AccountError
from coldcase.auth.models import Role, User
from coldcase.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/staff/admin")



@bp.route("/users")
@role_required(Role.ADMIN)
def users():
    """Every staff account."""
    people = list(db.session.scalars(select(User).order_by(User.email)))
    return render_template("admin/users.html", users=people, role_labels=ROLE_LABELS)


@bp.route("/users/new", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def new_user():
    """Create an account; its one-time password is shown once."""
    form = NewAccountForm()
    error = None
    if form.validate_on_submit():
        try:
            user, password = accounts.add_account(current_user, form.email.data, form.roles.data, form.name.data)
        except AccountError as problem:
            db.session.rollback()
            error = str(problem)
        else:
            db.session.commit()
            return render_template("admin/password.html", user=user, password=password)
    return render_template("admin/new_user.html", form=form, error=error), 200 if error is None else 400


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def user(user_id: int):
    """One account: its roles, and buttons to disable, reset the password or the second factor."""
    person = db.get_or_404(User, user_id)
    form = RolesForm(data={"roles": sorted(r.value for r in person.roles), "unit": person.unit or ""})
    error = None
    if form.validate_on_submit():
        try:
            accounts.change_roles(current_user, person, form.roles.data)
            if (form.unit.data or "").strip() != (person.unit or ""):
                accounts.set_unit(current_user, person, form.unit.data)
        except AccountError as problem:
            db.session.rollback()
            error = str(problem)
        else:
            db.session.commit()
            flash(_("Roles saved."))
            return redirect(url_for("admin.user", user_id=person.id))
    return render_template("admin/user.html", person=person, form=form, action=ActionForm(), error=error), \
        200 if error is None else 400


@bp.route("/users/<int:user_id>/<any('disable', 'enable', 'reset-password', 'reset-2fa'):what>", methods=["POST"])
@role_required(Role.ADMIN)
def act(user_id: int, what: str):
    """Disable or enable an account, or reset its password or second factor."""
    person = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        if what in ("disable", "enable"):
            accounts.set_active(current_user, person, what == "enable")
            message = (_("%(email)s is enabled.", email=person.email) if what == "enable"
                       else _("%(email)s is disabled.", email=person.email))
        elif what == "reset-password":
            password = accounts.reset_password(current_user, person)
            db.session.commit()
            return render_template("admin/password.html", user=person, password=password)
        else:
            accounts.reset_second_factor(current_user, person)
            message = _("%(email)s sets up a new authenticator at the next sign-in.", email=person.email)
    except AccountError as problem:
        db.session.rollback()
        flash(str(problem))
        return redirect(url_for("admin.user", user_id=person.id))
    db.session.commit()
    flash(message)
    return redirect(url_for("admin.user", user_id=person.id))


@bp.record_once
def _menu(state) -> None:
    from coldcase.auth.menu import add_staff_link

    add_staff_link(state.app, _l("Accounts"), "admin.users", [Role.ADMIN],
                   _l("Create accounts, change roles, disable, reset passwords and second factors."))
