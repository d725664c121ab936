"""The public tip pages: the form (general or about one case), the receipt, and the status page.

Views validate, call :mod:`coldcase.tips.intake` or :mod:`coldcase.tips.conversation`, and render. Nothing about
the tipster's device or connection is read here except the address, and that only as a keyed hash inside the
rate limiter.
"""

from __future__ import annotations

import hmac
import secrets

from flask import Blueprint, abort, current_app, make_response, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from coldcase.errors import error_page
from coldcase.extensions import db
from coldcase.tips import intake, ratelimit, receipts
from coldcase.tips.attribution import current_library, resolve
from coldcase.tips.conversation import add_tipster_message, visible_messages
from coldcase.tips.forms import StatusForm, TipForm
from coldcase.tips.models import Tip
from coldcase.tips.rules import tidy

bp = Blueprint("tips", __name__)

#: Hash of a code that matches no tip: a malformed code costs the same work as a well-formed one.
_NO_CODE = "0" * 16


@bp.before_app_request
def import_spooled_tips():
    """Now and then (once a minute per worker) bring spooled tips into the database, if any wait."""
    if request.endpoint != "static":
        intake.check_spool_now_and_then(current_app)


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
    if not ratelimit.allow(ratelimit.configured("submit")):
        # The text stays in the form: a tipster who waits can still send it.
        return _render_form(form, case, 429, _("Too many tips were sent from your connection in a short time. "
                                               "Please wait a few minutes and send again; your text is kept below."))
    edition, point = resolve(current_library(), form.e.data, form.d.data)
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
    return _private(make_response(render_template("tips/receipt.html", receipt=receipt, case=case)))


@bp.route("/tips/new", methods=["GET", "POST"])
def new_tip():
    """A general tip, about no case in particular."""
    return _tip_form(None)


@bp.route("/cases/<case_id>/tip", methods=["GET", "POST"])
def case_tip(case_id: str):
    """A tip about one case; an unknown case id is a 404."""
    case = current_library().cases.get(case_id)
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
        case = current_library().cases.get((request.view_args or {}).get("case_id", ""))
        if case is None:
            # Not abort(404): an exception raised in an error handler would end as a 500.
            return error_page(NotFound())
    return _render_form(TipForm(), case, 400, message)


def _find_by_code(typed: str) -> Tip | None:
    """The tip whose receipt code was typed, or ``None``. A right and a wrong code cost the same slow hashes
    (one per parameter set in use, see :func:`coldcase.tips.receipts.lookup_hashes`) and one indexed query."""
    code = receipts.normalize_code(typed or "")
    digests = receipts.lookup_hashes(code or _NO_CODE)
    tip = db.session.scalar(select(Tip).where(Tip.receipt_hash.in_(digests)))
    # Constant-time compare as well, although the lookup already decided: it keeps the two paths alike.
    if tip is None or code is None or not any(hmac.compare_digest(tip.receipt_hash, d) for d in digests):
        return None
    if not receipts.is_current(tip.receipt_hash):
        # A code issued with the old, costlier parameters: store its hash with today's (the code is at hand).
        tip.receipt_hash = digests[0]
        db.session.commit()
    return tip


@bp.route("/tips/status", methods=["GET", "POST"])
def status():
    """Come back with the receipt code (POSTed, never in the URL): the tip, its status and the replies."""
    form = StatusForm()
    if request.method == "GET":
        return _private(make_response(render_template("tips/status_lookup.html", form=form)))
    if not ratelimit.allow(ratelimit.configured("status")):
        error = _("Too many attempts from your connection. Please wait a few minutes and try again.")
        return _private(make_response(render_template("tips/status_lookup.html", form=form, error=error), 429))
    tip = _find_by_code(form.code.data)
    if tip is None:
        # The same words for a mistyped, unknown or malformed code: a wrong code reveals nothing.
        error = _("We found no tip with this code. Check the code and try again.")
        return _private(make_response(render_template("tips/status_lookup.html", form=form, error=error), 404))
    notice = None
    if form.message.data and form.message.data.strip():
        if form.validate():
            add_tipster_message(tip, form.message.data)
            db.session.commit()
            form.message.data = ""
            notice = _("Your message was added. The investigators will read it.")
    return _private(make_response(render_template(
        "tips/status.html", form=form, tip=tip, messages=visible_messages(tip), notice=notice,
        code=receipts.format_code(receipts.normalize_code(form.code.data)),
    ), 400 if form.message.errors else 200))
