"""The page where investigators of a case's unit keep its held-back facts. Views check input, call
:mod:`coldcase.review.held_back`, commit once and render."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from coldcase.auth.access import role_required
from coldcase.auth.models import Role
from coldcase.extensions import db
from coldcase.review import held_back
from coldcase.review.forms import HeldBackForm
from coldcase.review.triage import case_for

bp = Blueprint("held_back", __name__, url_prefix="/staff/review/cases")


def _case_of_my_unit(case_id: str):
    """The case, if the signed-in investigator belongs to its unit; 404 for an unknown case, 403 otherwise."""
    case = case_for(case_id)
    if case is None:
        abort(404)
    if not held_back.may_read(current_user, case):
        abort(403)
    return case


def _render(case, form, status=200):
    facts = held_back.shown_to(current_user, case)
    db.session.commit()  # the audit of the showing
    response = render_template("review/held_back.html", case=case, facts=facts, form=form)
    return response, status, {"Cache-Control": "no-store"}


@bp.route("/<case_id>/held-back")
@role_required(Role.INVESTIGATOR)
def index(case_id: str):
    """The case's held-back facts and the form to add one."""
    return _render(_case_of_my_unit(case_id), HeldBackForm())


@bp.route("/<case_id>/held-back", methods=["POST"])
@role_required(Role.INVESTIGATOR)
def add(case_id: str):
    """Record a held-back fact; tips are scored against it from now on (``coldcase tips rescore`` for older)."""
    case = _case_of_my_unit(case_id)
    form = HeldBackForm()
    if form.validate_on_submit():
        try:
            held_back.add(current_user, case, form.label.data, form.terms.data or "")
        except held_back.HeldBackError as problem:
            db.session.rollback()
            form.label.errors = [str(problem)]
        else:
            db.session.commit()
            flash(_("Held-back fact recorded. New tips are scored against it."))
            return redirect(url_for("held_back.index", case_id=case.id))
    return _render(case, form, 400)


@bp.route("/<case_id>/held-back/<int:fact_id>/delete", methods=["POST"])
@role_required(Role.INVESTIGATOR)
def remove(case_id: str, fact_id: int):
    """Remove a held-back fact (the app's CSRF protection checks the form's token)."""
    case = _case_of_my_unit(case_id)
    try:
        held_back.remove(current_user, case, fact_id)
    except held_back.HeldBackError as problem:
        db.session.rollback()
        flash(str(problem))
    else:
        db.session.commit()
        flash(_("Held-back fact removed."))
    return redirect(url_for("held_back.index", case_id=case.id))

