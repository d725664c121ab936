"""The review workspace's pages, for investigators: the queue, a tip with its score, history and forms, and the
form for tips that came by other channels. Views check input, call a service, commit once and render."""

from __future__ import annotations

import datetime

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from coldcase.audit.describe import describe
from coldcase.auth.access import role_required
from coldcase.auth.models import Role, User, UserRole
from coldcase.cases.store import case_library
from coldcase.extensions import db
from coldcase.review import (
    display,
    grading,
    history,  # noqa: F401  (registers how a tip's changes are said)
    notes,
    queue,
    timeline,
)
from coldcase.review.explain import explain
from coldcase.review.forms import (
    CHANNEL_LABELS,
    CLOSE_REASON_LABELS,
    HOW_KNOWN_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    LinkForm,
    MoveForm,
    NoteForm,
    QueueFilterForm,
    ReplyForm,
    ReviewForm,
    StaffTipForm,
)
from coldcase.review.models import CloseReason, Outcome
from coldcase.review.reasons import display_reason
from coldcase.review.triage import configured_weights, held_back_refs
from coldcase.tips.models import Tip

bp = Blueprint("review", __name__, url_prefix="/staff/review")

#: What the highlighted words of a tip mean (the triage score counted them so).
HIGHLIGHT_LABELS = {"new": _l("new: not on the case page"), "published": _l("already published"),
                    "held_back": _l("a held-back fact")}

def _investigators() -> list[User]:
    return list(db.session.scalars(
        select(User).join(UserRole).where(UserRole.role == Role.INVESTIGATOR.value, User.active.is_(True))
        .order_by(User.email)))


#: Numbers from a request outside this range are treated as no number: no id, year, score or version comes
#: near it, and the database (SQLite: 64-bit integers) must never see a bigger one.
INT_LIMIT = 2**31
#: The highest queue page asked for; a bigger page number shows this (empty) page.
MAX_PAGE = 100_000


def _int(value: str | None) -> int | None:
    """``value`` as a number, or None when it is empty, not a whole number or outside ±``INT_LIMIT``."""
    try:
        number = int(value) if value not in (None, "") else None
    except ValueError:
        return None
    return number if number is None or -INT_LIMIT < number < INT_LIMIT else None


@bp.route("/")
@role_required(Role.INVESTIGATOR)
def index():
    """The queue: open tips, best first, with filters."""
    form = QueueFilterForm(request.args)
    choices = queue.filter_choices(case_library())
    form.case.choices = [("", _("any")), ("-", _("general (no case)"))] + case_choices()
    form.edition.choices = [("", _("any"))] + [(str(e), str(e)) for e in choices["editions"]]
    form.point.choices = [("", _("any"))] + [(p, p) for p in choices["points"]]
    people = _investigators()
    form.assignee.choices = [("", _("anyone")), ("0", _("nobody"))] + [(str(u.id), u.email) for u in people]
    wanted = queue.QueueFilter(
        case_id=request.args.get("case") or None,
        edition=_int(request.args.get("edition")),
        channel=request.args.get("channel") or None,
        point_code=request.args.get("point") or None,
        status=request.args.get("status") if request.args.get("status") in STATUS_LABELS else None,
        assignee_id=_int(request.args.get("assignee")),
        min_score=_int(request.args.get("min_score")),
        max_score=_int(request.args.get("max_score")),
        grade=(request.args.get("grade") or "").strip()[:2] or None,
        outcome=request.args.get("outcome") or None,
        waiting_for=request.args.get("waiting") if request.args.get("waiting") in queue.WAITING_FOR else None,
    )
    page_number = min(max(1, _int(request.args.get("page")) or 1), MAX_PAGE)
    page = queue.queue_page(wanted, page=page_number)
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("review/queue.html", form=form, page=page, args=args, status_labels=STATUS_LABELS,
                           channel_labels=CHANNEL_LABELS,
                           overdue=queue.overdue_count(), overdue_cap=100, days=queue.ACKNOWLEDGE_DAYS,
                           mentions_held_back=lambda tip: bool(held_back_refs(tip.triage_reasons)),
                           unread=unread_count())


def unread_count() -> int:
    """How many tips have an unread message from the tipster, counted once per request (the queue's notice and
    the staff menu both show it)."""
    # Kept with the request itself: an app context (and its ``g``) may outlive one request.
    cache = request.environ
    if "coldcase.unread_tips" not in cache:
        cache["coldcase.unread_tips"] = queue.unread_count()
    return cache["coldcase.unread_tips"]


def _tip_or_404(number: str) -> Tip:
    # A tip number is short and printable; anything else (a NUL, which PostgreSQL refuses) names no tip.
    if len(number) > 16 or not number.isprintable():
        abort(404)
    tip = db.session.scalar(select(Tip).where(Tip.number == number))
    if tip is None:
        abort(404)
    return tip


def _review_form(review, tip, data=None) -> ReviewForm:
    form = ReviewForm(formdata=data)
    if data is None:
        form.version.data = str(review.version)
        form.source_grade.data = review.source_grade or ""
        form.information_grade.data = str(review.information_grade or "")
        form.outcome.data = review.outcome or ""
        form.status.data = tip.status
        form.close_reason.data = review.close_reason or ""
        form.assignee.data = str(review.assignee_id or "")
        form.tags.data = ", ".join(grading.tags_of(tip))
    form.assignee.choices = [("", _("nobody"))] + [(str(u.id), u.email) for u in _investigators()]
    return form


def _starting_value(tip: Tip, reasons) -> int | None:
    """The score's starting value: the score minus its reasons' points, unless the score was cut off at 0 or
    100, when that difference is not the start; then the weights' base."""
    if tip.triage_score is None:
        return None
    implied = tip.triage_score - sum(points for points, _ in reasons)
    if 0 < tip.triage_score < 100:
        return implied
    try:
        return configured_weights()["base"]
    except ValueError:  # an unreadable weights file: the page still shows
        return implied


def case_choices() -> list[tuple[str, str]]:
    """The cases for a list to choose from, by the victim's name, each with its title in the page's language
    and its id (two cases may name the same person)."""
    from flask_babel import get_locale

    language = str(get_locale())
    cases = [case.localized(language) for case in case_library().cases.values()]
    cases.sort(key=lambda case: (case.victim.name.casefold(), case.id))
    return [(case.id, f"{case.victim.name}: {case.title} ({case.id})") for case in cases]


def _render_tip(tip: Tip, status: int = 200, review_form=None, error=None, conflict=None, note_form=None,
                reply_form=None, link_form=None, move_form=None):
    review = grading.review_for(tip)
    from coldcase.tips.intake import contact_details

    move_form = move_form or MoveForm()
    move_form.version.data = str(review.version)
    move_form.case_id.choices = [("", _("choose a case"))] + case_choices()
    explanation = explain(tip, current_user)
    if explanation.named_held_back:
        # Naming held-back facts is audited. Every path that renders this page has committed or rolled back
        # its own change first (or made none), so this commit stores only the audit event.
        db.session.commit()
    reasons = [display_reason(reason) for reason in explanation.reasons]
    held_back_link = (url_for("held_back.index", case_id=tip.case_id) if explanation.unit_member else None)
    contact = contact_details(tip)
    return render_template(
        "review/tip.html", tip=tip, review=review, reasons=reasons, base=_starting_value(tip, reasons),
        timeline=timeline.entries(tip), contact=contact, linked=grading.linked_tips(tip),
        review_form=review_form or _review_form(review, tip), note_form=note_form or NoteForm(),
        reply_form=reply_form or ReplyForm(), link_form=link_form or LinkForm(), move_form=move_form,
        error=error, conflict=conflict, status_labels=STATUS_LABELS, outcomes=Outcome, close_reasons=CloseReason,
        channel_labels=CHANNEL_LABELS, how_known_labels=HOW_KNOWN_LABELS, outcome_labels=OUTCOME_LABELS,
        close_reason_labels=CLOSE_REASON_LABELS,
        overdue=queue.is_overdue(tip, review, datetime.datetime.now(datetime.UTC).date()),
        tip_pieces=explanation.pieces, highlight_labels=HIGHLIGHT_LABELS, held_back_link=held_back_link,
        bidi_controls=display.bidi_controls(tip.text, tip.when_where, contact,
                                            *(message.body for message in tip.messages)),
    ), status


@bp.route("/tips/<number>")
@role_required(Role.INVESTIGATOR)
def tip(number: str):
    """One tip: its text, score and reasons, history and the forms to work on it. The view is audited."""
    found = _tip_or_404(number)
    grading.record_view(found, current_user)
    db.session.commit()
    return _render_tip(found)


@bp.route("/tips/<number>/review", methods=["POST"])
@role_required(Role.INVESTIGATOR)
def save_review(number: str):
    """Save grade, outcome, status, assignment and tags, unless someone saved in between."""
    found = _tip_or_404(number)
    form = _review_form(grading.review_for(found), found, request.form)
    if not form.validate():
        return _render_tip(found, 400, review_form=form, error=_("The form was incomplete; nothing was saved."))
    try:
        assignee_id = _int(form.assignee.data)
        if form.assignee.data and assignee_id is None:
            raise grading.ReviewError(_("Tips can only be assigned to active investigators."))
        change = grading.ReviewChange(
            source_grade=form.source_grade.data or None,
            information_grade=_int(form.information_grade.data),
            outcome=form.outcome.data or None,
            status=form.status.data,
            close_reason=form.close_reason.data or None,
            assignee_id=assignee_id,
            tags=grading.clean_tags(form.tags.data or ""),
        )
        done = grading.save_review(found, current_user, _int(form.version.data) or 0, change)
    except grading.ReviewError as problem:
        db.session.rollback()
        return _render_tip(found, 422, review_form=form, error=str(problem))
    except grading.Conflict:
        db.session.rollback()
        review = grading.review_for(found)
        return _render_tip(found, 409, conflict={"review": review, "yours": form}, review_form=None)
    db.session.commit()
    flash(_("Saved: %(changes)s", changes="; ".join(describe(event) for event in done)) if done
          else _("Nothing changed."))
    return redirect(url_for("review.tip", number=found.number))


@bp.route("/tips/<number>/notes", methods=["POST"])
@role_required(Role.INVESTIGATOR)
def add_note(number: str):
    """Add a private note."""
    found = _tip_or_404(number)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            notes.add_note(found, current_user, form.body.data)
        except notes.NoteError as problem:
            form.body.errors = [str(problem)]
        else:
            db.session.commit()
            flash(_("Note added."))
            return redirect(url_for("review.tip", number=found.number))
    return _render_tip(found, 400, note_form=form)


@bp.route("/tips/<number>/reply", methods=["POST"])
@role_required(Role.INVESTIGATOR)
def reply(number: str):
    """Send a reply to the tipster (they read it with their receipt code)."""
    from coldcase.tips.conversation import MessageError

    found = _tip_or_404(number)
    form = ReplyForm()
    if form.validate_on_submit():
        try:
            notes.reply(found, current_user, form.message.data)
        except MessageError as problem:
            db.session.rollback()
            form.message.errors = [_("The reply cannot be sent: %(problem)s.", problem=problem)]
        else:
            db.session.commit()
            flash(_("Reply sent. The tipster sees it when they check their tip."))
            return redirect(url_for("review.tip", number=found.number))
    return _render_tip(found, 400, reply_form=form)


@bp.route("/tips/<number>/links", methods=["POST"])
@role_required(Role.INVESTIGATOR)
def link(number: str):
    """Link this tip with another one."""
    found = _tip_or_404(number)
    form = LinkForm()
    if form.validate_on_submit():
        try:
            other = grading.link_tips(found, current_user, form.number.data)
        except grading.ReviewError as problem:
            form.number.errors = [str(problem)]
        else:
            db.session.commit()
            flash(_("Linked with %(number)s.", number=other.number))
            return redirect(url_for("review.tip", number=found.number))
    return _render_tip(found, 400, link_form=form)


@bp.route("/tips/<number>/case", methods=["POST"])
@role_required(Role.INVESTIGATOR)
def move(number: str):
    """Move the tip to the case it is about."""
    found = _tip_or_404(number)
    form = MoveForm()
    if form.validate_on_submit():
        try:
            grading.move_to_case(found, current_user, _int(form.version.data) or 0, form.case_id.data,
                                 case_library().cases)
        except grading.ReviewError as problem:
            db.session.rollback()
            form.case_id.errors = [str(problem)]
        except grading.Conflict as conflict:
            db.session.rollback()
            return _render_tip(found, 409, conflict={"review": conflict.review, "yours": None})
        else:
            db.session.commit()
            flash(_("The tip is now filed under case %(case)s.", case=found.case_id))
            return redirect(url_for("review.tip", number=found.number))
    return _render_tip(found, 400, move_form=form)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.INVESTIGATOR)
def new_tip():
    """Record a tip that came by phone, letter, email or a prison visit (stored by intake)."""
    from coldcase.tips.intake import add_staff_tip
    from coldcase.tips.staff import check_staff_tip

    library = case_library()
    form = StaffTipForm()
    form.case.choices = [("", _("general (no case)"))] + case_choices()
    problems: list[str] = []
    if form.validate_on_submit():
        fields = {"channel": form.channel.data, "case": form.case.data, "edition": form.edition.data,
                  "point": form.point.data, "date": form.date.data, "text": form.text.data,
                  "how_known": form.how_known.data, "when_where": form.when_where.data,
                  "contact": form.contact.data}
        data, problems = check_staff_tip(fields, library)
        if data is not None:
            tip, code = add_staff_tip(data, current_user, with_receipt=form.with_receipt.data)
            if code:
                # Shown in the page only: a flashed message would travel in the (signed, not encrypted) session
                # cookie. The page is not stored by the browser or a proxy.
                response = make_response(render_template("review/recorded.html", tip=tip, code=code))
                response.headers["Cache-Control"] = "no-store"
                return response
            flash(_("Tip %(number)s recorded.", number=tip.number))
            return redirect(url_for("review.tip", number=tip.number))
    failed = bool(problems or form.errors)
    return render_template("review/new_tip.html", form=form, problems=problems), 400 if failed else 200


@bp.record_once
def _template_helpers(state) -> None:
    display.init_app(state.app)


@bp.record_once
def _menu(state) -> None:
    from coldcase.auth.menu import add_staff_link

    add_staff_link(state.app, _l("Tip queue"), "review.index", [Role.INVESTIGATOR],
                   _l("Open tips by triage score: read, grade, reply, close."),
                   count=unread_count, count_label=_l("tips with an unread message"))
    add_staff_link(state.app, _l("Record a tip"), "review.new_tip", [Role.INVESTIGATOR],
                   _l("A tip that came by phone, letter, email or a prison visit."))
