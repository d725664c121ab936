"""The print staff's pages: choose an edition and variant, see its checklist, build, watch, download.

Every route needs the print_staff role. Files are served only from the folder of a recorded build,
by the names its record holds; nothing in a URL is ever used as a path.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField

from coldcase.audit import service as audit
from coldcase.auth.access import role_required
from coldcase.auth.menu import add_staff_link
from coldcase.auth.models import Role
from coldcase.cases.store import case_library
from coldcase.extensions import db
from coldcase.publish import jobs
from coldcase.publish.edition_checks import check_edition
from coldcase.publish.models import BuildStatus, CalendarBuild
from coldcase.publish.pages import PAPER_SIZES, VARIANTS

bp = Blueprint("print_staff", __name__, url_prefix="/staff/print")

#: Past builds shown on the start page.
HISTORY = 30
#: Seconds between reloads of a running build's page.
REFRESH_SECONDS = 2

VARIANT_HINTS = {
    "print": _l("for the print shop"),
    "screen": _l("for the website"),
    "cards": _l("playing cards"),
    "card": _l("playing cards, one a page"),
}

#: A build's status and stage, and the preflight's checks (stored by name), in the page's language.
STATUS_LABELS = {"queued": _l("queued"), "running": _l("running"), "passed": _l("passed"),
                 "not_for_print": _l("NOT FOR PRINT"), "failed": _l("failed")}
STAGE_LABELS = {"waiting": _l("waiting"), "rendering pages": _l("rendering pages"), "preflight": _l("preflight"),
                "page thumbnails": _l("page thumbnails"), "finished": _l("finished")}
CHECK_TITLES = {
    "pages": _l("page count and order against the manifest"),
    "boxes": _l("trim and bleed boxes"),
    "fonts": _l("fonts embedded"),
    "output-intent": _l("CMYK output intent"),
    "colour": _l("no RGB colour or image"),
    "resolution": _l("photo resolution at its printed size"),
    "text": _l("no text clipped or overflowing its box"),
    "file-size": _l("file size"),
}


def checklist_title(item) -> str:
    """The title of a line of the edition's checklist in the page's language (English for an unknown line)."""
    titles = {
        "edition": lambda p: _("edition %(year)s can be read", **p),
        "weeks": lambda p: _("52 cases, one a week"),
        "cases": lambda p: _("every case is valid and open"),
        "consent": lambda p: _("the family's consent is recorded for every case"),
        "photos": lambda p: _("photos print at 300 dpi (%(size)s, %(width)s×%(height)s mm)", **p),
        "translation": lambda p: _("'%(language)s' translation of every case", **p),
        "warnings": lambda p: _("case files without warnings"),
        "observances": lambda p: _("every observance is in the holidays library"),
        "distribution": lambda p: _("distribution point %(code)s is in the edition", **p),
    }
    say = titles.get(getattr(item, "code", ""))
    try:
        return say(item.params) if say else item.title
    except (KeyError, TypeError):
        return item.title


def _texts() -> dict:
    return {"status_labels": STATUS_LABELS, "stage_labels": STAGE_LABELS, "check_titles": CHECK_TITLES,
            "checklist_title": checklist_title}


@bp.record_once
def _add_to_staff_menu(state) -> None:
    add_staff_link(state.app, _l("Calendar builds"), "print_staff.index", [Role.PRINT_STAFF],
                   _l("Check an edition, build its print and screen PDFs, and download them."))


class _Hint:
    """A variant's option text, "print: for the print shop", in the language of the request it is shown in."""

    def __init__(self, name, hint):
        self.name, self.hint = name, hint

    def __str__(self) -> str:
        return f"{self.name}: {self.hint}"


class BuildForm(FlaskForm):
    """What to build. The choices come from the case library's editions."""

    year = SelectField(_l("Edition"), coerce=int)
    # The hint under the field says what each variant is; the option labels stay short.
    variant = SelectField(_l("Variant"), choices=[(name, _Hint(name, hint)) for name, hint in VARIANT_HINTS.items()
                                                  if name in VARIANTS])
    distribution = SelectField(_l("Distribution point"), default="")
    size = SelectField(_l("Paper size"), choices=[(size, size) for size in PAPER_SIZES], default="A4")


def _form(library, year: int | None) -> BuildForm:
    form = BuildForm()
    years = sorted(library.editions, reverse=True)
    form.year.choices = [(y, f"{y}: {library.editions[y].title}") for y in years]
    if year is None and form.year.data in library.editions:
        year = form.year.data
    edition = library.editions.get(year) if year is not None else None
    if edition is None and years:
        edition = library.editions[years[0]]
    if edition is not None and request.method == "GET":
        form.year.data = edition.year
    points = edition.distribution if edition is not None else ()
    if request.method == "POST" and form.year.data in library.editions:
        points = library.editions[form.year.data].distribution
    form.distribution.choices = [("", _("none: the general copy"))] + [
        (p.code, ngettext("%(code)s: %(name)s (%(num)d copy)", "%(code)s: %(name)s (%(num)d copies)", p.copies,
                          code=p.code, name=p.name)) for p in points]
    return form


@bp.route("/")
@role_required(Role.PRINT_STAFF)
def index():
    """Choose an edition and a variant; the chosen edition's checklist; past builds."""
    library = case_library()
    form = _form(library, request.args.get("year", type=int))
    year = form.year.data
    size = request.args.get("size") if request.args.get("size") in PAPER_SIZES else "A4"
    form.size.data = size  # the build uses the paper size the checklist was read for
    checklist = check_edition(library, year, size=size)[1] if year in library.editions else []
    builds = db.session.scalars(select(CalendarBuild).order_by(CalendarBuild.id.desc()).limit(HISTORY)).all()
    return render_template("print_staff/index.html", form=form, checklist=checklist, builds=builds, year=year,
                           years=sorted(library.editions, reverse=True), size=size, sizes=list(PAPER_SIZES),
                           blocking=any(item.result == "fail" for item in checklist), **_texts())


@bp.route("/builds", methods=["POST"])
@role_required(Role.PRINT_STAFF)
def start():
    """Start a build in the background and go to its page."""
    library = case_library()
    form = _form(library, None)
    if not form.validate_on_submit():
        for field, errors in form.errors.items():
            label = getattr(form, field).label.text if hasattr(form, field) else field
            flash(_("%(field)s: %(errors)s", field=label, errors="; ".join(str(e) for e in errors)))
        return redirect(url_for(".index"))
    try:
        build = jobs.start_build(current_app._get_current_object(), current_user, library, form.year.data,
                                 form.variant.data, form.distribution.data or None, form.size.data)
    except jobs.BuildBusy as busy:
        flash(_("Calendar %(label)s is already being built; this is that build.", label=busy.build.label))
        return redirect(url_for(".build", build_id=busy.build.id))
    return redirect(url_for(".build", build_id=build.id))



@bp.route("/builds/<int:build_id>")
@role_required(Role.PRINT_STAFF)
def build(build_id: int):
    """One build: progress while it runs (the page reloads itself), then preflight, pages and files."""
    record = db.get_or_404(CalendarBuild, build_id)
    refresh = REFRESH_SECONDS if not record.state.finished else None
    return render_template("print_staff/build.html", build=record, refresh=refresh,
                           preflight=record.preflight, status=BuildStatus, **_texts())


@bp.route("/builds/<int:build_id>/files/<kind>")
@role_required(Role.PRINT_STAFF)
def download(build_id: int, kind: str):
    """The PDF or the manifest of a recorded build (each download audited); anything else is 404."""
    record = db.get_or_404(CalendarBuild, build_id)
    if kind not in jobs.DOWNLOADS:
        abort(404)
    path = jobs.build_file(current_app, record, kind)
    if path is None:
        abort(404)
    audit.record(current_user, audit.CALENDAR_DOWNLOADED, f"build:{record.id}",
                 {"build": record.id, "kind": kind, "file": path.name, "year": record.year, "variant": record.variant})
    db.session.commit()  # recorded before the file leaves
    mimetype = "application/pdf" if kind == "pdf" else "application/json"
    return send_file(path, mimetype=mimetype, as_attachment=True, download_name=path.name)


@bp.route("/builds/<int:build_id>/pages/<int:number>.png")
@role_required(Role.PRINT_STAFF)
def thumbnail(build_id: int, number: int):
    """A small PNG of one page of a build."""
    record = db.get_or_404(CalendarBuild, build_id)
    path = jobs.thumbnail_file(current_app, record, number)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="image/png", max_age=3600)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.route("/print_staff.css")
@role_required(Role.PRINT_STAFF)
def stylesheet():
    """The few styles these pages add to the site's stylesheet (a file, so the CSP needs no inline style)."""
    response = current_app.response_class(render_template("print_staff/print_staff.css"), mimetype="text/css")
    response.headers["Cache-Control"] = "private, max-age=600"
    return response
