"""The public tip pages: the form (general or about one case), the receipt, and the status page.

Views validate, call :mod:`coldcase.tips.intake` or :mod:`coldcase.tips.conversation`, and render. Nothing about
the tipster's device or connection is read here except the address, and that only as a keyed hash inside the
rate limiter.
"""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, current_app, make_response, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import NotFound

from coldcase.cases.store import case_library
from coldcase.errors import error_page
from coldcase.extensions import db
from coldcase.tips import intake, ratelimit, receipts, spool_import
from coldcase.tips.attribution import resolve
from coldcase.tips.conversation import add_tipster_message, find_tip_by_code, visible_messages
from coldcase.tips.forms import StatusForm, TipForm
from coldcase.tips.rules import tidy

bp = Blueprint("tips", __name__)


@bp.before_app_request
def start_spool_importer():
    """Make sure this worker's background importer of spooled tips runs (it never works inside a request)."""
    spool_import.importer(current_app)


def _private(response):
    """Pages with a tip or a receipt code: not cached, not sent to other sites as a referrer."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _render_form(form: TipForm, case, status: int = 200, error: str | None = None):
    localized = case.localized(str(get_locale())) if case is not None else None
    return _private(make_response(render_template("tips/form.html", form=form, case=localized, error=error), status))


def _tip_form(case):
    form = TipForm()
    if request.method == "GET":
        # Kept through the form (hidden fields) so that the tip is attributed to the printed link it came from.
        form.e.data = request.args.get("e", "")[:10]
        form.d.data = request.args.get("d", "")[:40]
        form.token.data = secrets.token_urlsafe(24)
        return _render_form(form, case)
    if not form.validate_on_submit():
        # The honeypot and the token are not shown, so their messages go to the top of the form.
        hidden = form.website.errors or form.token.errors
        problem = hidden[0] if hidden else _("Please check the fields marked below.")
        return _render_form(form, case, 400, problem)
    # The rate limit comes before the attachments are parsed: that is the costly part, and a flood of files
    # must not get it for free.
    if not ratelimit.allow(ratelimit.configured("submit")):
        # The text stays in the form: a tipster who waits can still send it.
        return _render_form(form, case, 429, _("Too many tips were sent from your connection in a short time. "
                                               "Please wait a few minutes and send again; your text is kept below."))
    if not form.clean_attachments():
        # Not stored without the file: the tipster would believe the investigators have it. The form comes back
        # with everything typed, and says what to do.
        return _render_form(form, case, 400, _(
            "A file could not be accepted (see below). What you wrote is kept: send the tip again without that "
            "file (choose your other files again, if you had any), or with a photo or screenshot of what matters "
            "in it."))
    edition, point = resolve(case_library(), form.e.data, form.d.data)
    contact = tidy(form.contact.data)
    data = intake.TipInput(
        text=tidy(form.text.data),
        how_known=form.how_known.data if form.how_known.data in ("saw", "heard", "other") else None,
        when_where=tidy(form.when_where.data),
        contact=contact or None,
        case_id=case.id if case is not None else None,
        edition=edition,
        point_code=point,
        language=str(get_locale()),
        files=form.clean_files,
    )
    receipt = intake.submit_web_tip(data, form.token.data)
    if not receipt.spooled:  # the database answers: tips spooled during an outage can come in now
        spool_import.wake(current_app)
    return _private(make_response(render_template("tips/receipt.html", receipt=receipt, case=case)))


@bp.route("/tips/new", methods=["GET", "POST"])
def new_tip():
    """A general tip, about no case in particular."""
    return _tip_form(None)


@bp.route("/cases/<case_id>/tip", methods=["GET", "POST"])
def case_tip(case_id: str):
    """A tip about one case; an unknown case id is a 404."""
    case = case_library().cases.get(case_id)
    if case is None:
        abort(404)
    return _tip_form(case)


@bp.errorhandler(CSRFError)
def form_without_valid_token(error: CSRFError):
    """A tip page posted without a valid anti-forgery token (open for more than a day, or sent from elsewhere):
    nothing is stored, and the page comes back with what was typed and a fresh token, so that sending it once
    more works. A tipster must never lose what they wrote to an expired token."""
    message = _("This page was open for a long time, so for your safety it has to be sent once more. What you "
                "wrote is kept below: check it, add your files again if you had any, and send it.")
    if request.endpoint == "tips.status":
        form = StatusForm()
        return _private(make_response(render_template("tips/status_lookup.html", form=form, error=message), 400))
    case = None
    if request.endpoint == "tips.case_tip":
        case = case_library().cases.get((request.view_args or {}).get("case_id", ""))
        if case is None:
            # Not abort(404): an exception raised in an error handler would end as a 500.
            return error_page(NotFound())
    return _render_form(TipForm(), case, 400, message)


@bp.route("/tips/status", methods=["GET", "POST"])
def status():
    """Come back with the receipt code (POSTed, never in the URL): the tip, its status and the replies."""
    form = StatusForm()
    if request.method == "GET":
        return _private(make_response(render_template("tips/status_lookup.html", form=form)))
    if not ratelimit.allow(ratelimit.configured("status")):
        error = _("Too many attempts from your connection. Please wait a few minutes and try again.")
        return _private(make_response(render_template("tips/status_lookup.html", form=form, error=error), 429))
    tip = find_tip_by_code(form.code.data)
    if tip is None:
        # The same words for a mistyped, unknown or malformed code: a wrong code reveals nothing.
        error = _("We found no tip with this code. Check the code and try again.")
        return _private(make_response(render_template("tips/status_lookup.html", form=form, error=error), 404))
    notice = None
    if form.message.data and form.message.data.strip() and form.validate():
        add_tipster_message(tip, form.message.data)
        form.message.data = ""
        notice = _("Your message was added. It is marked unread for the investigators and is back in their "
                   "list of tips to read.")
    db.session.commit()  # the message, and a receipt hash brought up to today's parameters
    return _private(make_response(render_template(
        "tips/status.html", form=form, tip=tip, messages=visible_messages(tip), notice=notice,
        code=receipts.format_code(receipts.normalize_code(form.code.data)),
    ), 400 if form.message.errors else 200))
