"""The print staff's pages: choose an edition and variant, see its checklist, build, watch, download.

Every route needs the print_staff role. Files are served only from the folder of a recorded build,
by the names its record holds; nothing in a URL is ever used as a path.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField

from coldcase.auth.access import role_required
from coldcase.auth.menu import add_staff_link
from coldcase.auth.models import Role
from coldcase.cases.store import store_for
from coldcase.extensions import db
from coldcase.publish import jobs
from coldcase.publish.models import BuildStatus, CalendarBuild
from coldcase.publish.pages import PAPER_SIZES, VARIANTS
from coldcase.publish.preflight import edition_checklist

bp = Blueprint("print_staff", __name__, url_prefix="/staff/print")

#: Past builds shown on the start page.
HISTORY = 30
#: Seconds between reloads of a running build's page.
REFRESH_SECONDS = 2

VARIANT_HINTS = {
    "print": "for the print shop",
    "screen": "for the website",
    "cards": "playing cards",
}


@bp.record_once
def _add_to_staff_menu(state) -> None:
    add_staff_link(state.app, "Calendar builds", "print_staff.index", [Role.PRINT_STAFF],
                   "Check an edition, build its print and screen PDFs, and download them.")


class BuildForm(FlaskForm):
    """What to build. The choices come from the case library's editions."""

    year = SelectField("Edition", coerce=int)
    # The hint under the field says what each variant is; the option labels stay short.
    variant = SelectField("Variant", choices=[(name, f"{name}: {hint}") for name, hint in VARIANT_HINTS.items()
                                              if name in VARIANTS])
    distribution = SelectField("Distribution point", default="")
    size = SelectField("Paper size", choices=[(size, size) for size in PAPER_SIZES], default="A4")


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
    form.distribution.choices = [("", "none: the general copy")] + [
        (p.code, f"{p.code}: {p.name} ({p.copies} copies)") for p in points]
    return form


@bp.route("/")
@role_required(Role.PRINT_STAFF)
def index():
    """Choose an edition and a variant; the chosen edition's checklist; past builds."""
    library = store_for(current_app).library()
    form = _form(library, request.args.get("year", type=int))
    year = form.year.data
    size = request.args.get("size") if request.args.get("size") in PAPER_SIZES else "A4"
    form.size.data = size  # the build uses the paper size the checklist was read for
    checklist = edition_checklist(library, year, size) if year in library.editions else []
    builds = db.session.scalars(select(CalendarBuild).order_by(CalendarBuild.id.desc()).limit(HISTORY)).all()
    return render_template("print_staff/index.html", form=form, checklist=checklist, builds=builds, year=year,
                           years=sorted(library.editions, reverse=True), size=size, sizes=list(PAPER_SIZES),
                           blocking=any(item.result == "fail" for item in checklist))


@bp.route("/builds", methods=["POST"])
@role_required(Role.PRINT_STAFF)
def start():
    """Start a build in the background and go to its page."""
    library = store_for(current_app).library()
    form = _form(library, None)
    if not form.validate_on_submit():
        for field, errors in form.errors.items():
            flash(f"{getattr(form, field).label.text if hasattr(form, field) else field}: {'; '.join(errors)}")
        return redirect(url_for(".index"))
    try:
        build = jobs.start_build(current_app._get_current_object(), current_user, library, form.year.data,
                                 form.variant.data, form.distribution.data or None, form.size.data)
    except jobs.BuildBusy as busy:
        flash(f"Calendar {busy.build.label} is already being built; this is that build.")
        return redirect(url_for(".build", build_id=busy.build.id))
    return redirect(url_for(".build", build_id=build.id))


def _get_build(build_id: int) -> CalendarBuild:
    build = db.session.get(CalendarBuild, build_id)
    if build is None:
        abort(404)
    return build


@bp.route("/builds/<int:build_id>")
@role_required(Role.PRINT_STAFF)
def build(build_id: int):
    """One build: progress while it runs (the page reloads itself), then preflight, pages and files."""
    record = _get_build(build_id)
    refresh = REFRESH_SECONDS if not record.state.finished else None
    return render_template("print_staff/build.html", build=record, refresh=refresh,
                           preflight=record.preflight, status=BuildStatus)


@bp.route("/builds/<int:build_id>/files/<kind>")
@role_required(Role.PRINT_STAFF)
def download(build_id: int, kind: str):
    """The PDF or the manifest of a recorded build; anything else is 404."""
    record = _get_build(build_id)
    if kind not in jobs.DOWNLOADS:
        abort(404)
    path = jobs.build_file(current_app, record, kind)
    if path is None:
        abort(404)
    mimetype = "application/pdf" if kind == "pdf" else "application/json"
    return send_file(path, mimetype=mimetype, as_attachment=True, download_name=path.name)


@bp.route("/builds/<int:build_id>/pages/<int:number>.png")
@role_required(Role.PRINT_STAFF)
def thumbnail(build_id: int, number: int):
    """A small PNG of one page of a build."""
    record = _get_build(build_id)
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
