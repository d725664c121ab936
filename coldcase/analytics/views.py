"""The analysts' pages: the yield dashboard, its CSV exports and the PDF report. Views read the filter from
the URL, compute the figures, record exports in the audit log (one commit) and render.

The figures are shared by readers of every language (:mod:`coldcase.analytics.memo`); their words are said in
the reader's language here, when rendered, by :func:`translator`."""

from __future__ import annotations

import datetime

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import get_locale, get_translations
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from coldcase.analytics import figures as yield_figures
from coldcase.analytics import filters, memo
from coldcase.analytics.words import N_, Translator
from coldcase.audit import service as audit
from coldcase.auth.access import role_required
from coldcase.auth.models import Role
from coldcase.cases.views import case_library
from coldcase.extensions import db

bp = Blueprint("analytics", __name__, url_prefix="/staff/yield")

#: The order of the dashboard's sections and the table keys that may be exported.
SECTIONS = ("editions", "cases", "weeks", "uplift", "channels", "points", "handling", "open_age", "returning",
            "calibration", "score")


def today() -> datetime.date:
    """Today's date (UTC); a function so that tests can freeze it."""
    return datetime.datetime.now(datetime.UTC).date()


def translator() -> Translator:
    """Says the figures' words in the language of the current request (English outside one)."""
    return Translator(str(get_locale() or "en"), get_translations())


def _refused(problems) -> Response:
    """A download or chart asked for with a filter value that means nothing: said in words (400), never the
    unfiltered figures under a filter the reader believes was applied."""
    say = translator()
    lines = [say(N_("The filter in this address is wrong, so nothing was exported:"))]
    lines += [f"- {say(problem)}" for problem in problems]
    return Response("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")


def _figures():
    library = case_library()
    wanted, problems = filters.parse(request.args, yield_figures.choices(library))
    return memo.figures_for(wanted, library, today()), problems, library


@bp.route("/")
@role_required(Role.ANALYST, Role.ADMIN)
def dashboard():
    """The dashboard: every figure with its chart and table, narrowed by the filter in the URL. The charts are
    images of their own (drawn in parallel by the browser's requests, the page never waits for them); the
    figures' HTML is remembered with the figures, once per language."""
    from coldcase.analytics.charts import has_chart

    result, problems, library = _figures()
    query = result.wanted.as_query()
    say = translator()
    sections = result.derived.get(("sections_html", say.language))
    if sections is None:
        sections = render_template("analytics/_sections.html", figures=result, sections=SECTIONS, query=query,
                                   charted={key for key in SECTIONS if has_chart(result[key])})
        result.derived[("sections_html", say.language)] = sections
    options = yield_figures.choices(library)
    return render_template("analytics/dashboard.html", figures=result, problems=problems, sections=SECTIONS,
                           sections_html=Markup(sections), query=query, editions=sorted(options.editions),
                           units=sorted(options.units), points=sorted(options.points),
                           channels=filters.CHANNELS, kinds=filters.KINDS), 400 if problems else 200


@bp.route("/chart/<name>.svg")
@role_required(Role.ANALYST, Role.ADMIN)
def chart(name: str):
    """One figure's chart as SVG, for the filter in the URL."""
    from coldcase.analytics.charts import chart_svg

    if name not in SECTIONS:
        abort(404)
    result, problems, _ = _figures()
    if problems:
        return _refused(problems)
    svg = chart_svg(result[name], translator())
    if svg is None:
        abort(404)
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=60"
    return response


@bp.route("/<name>.csv")
@role_required(Role.ANALYST, Role.ADMIN)
def export_csv(name: str):
    """One table as CSV for a spreadsheet (see :mod:`coldcase.analytics.exports`)."""
    from coldcase.analytics.exports import table_csv

    if name not in SECTIONS:
        abort(404)
    result, problems, _ = _figures()
    if problems:
        return _refused(problems)
    text = table_csv(result[name], result.wanted.describe(), translator())
    audit.record(current_user, audit.EXPORT, f"yield:{name}",
                 {"what": f"yield {name} (CSV)", "filter": result.wanted.as_query()})
    db.session.commit()
    filename = f"yield-{name}{''.join('-' + v for v in result.wanted.as_query().values())}.csv"
    return Response(text.encode("utf-8"), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{_safe_name(filename)}"'})


@bp.route("/report.pdf")
@role_required(Role.ANALYST, Role.ADMIN)
def report():
    """The PDF yield report of the filtered figures, for management."""
    from coldcase.analytics.report import report_pdf

    result, problems, library = _figures()
    if problems:
        return _refused(problems)
    everything = memo.figures_for(filters.YieldFilter(), library, today())
    pdf = report_pdf(result, library, all_editions=everything)
    audit.record(current_user, audit.EXPORT, "yield:report",
                 {"what": "yield report (PDF)", "filter": result.wanted.as_query()})
    db.session.commit()
    filename = _safe_name(f"yield-report{''.join('-' + v for v in result.wanted.as_query().values())}.pdf")
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _safe_name(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in name)[:120]


@bp.app_template_filter("yield_value")
def yield_value(value, kind: str) -> str:
    """A table cell as the page shows it, in the reader's language."""
    from coldcase.analytics.tables import show

    return show(value, kind, translator())


@bp.app_template_filter("yield_text")
def yield_text(value) -> str:
    """A title, label, note or message of the figures in the reader's language."""
    return translator()(value)


@bp.app_template_global("table_body")
def table_body(table) -> Markup:
    """A table's rows as HTML in the reader's language (see :func:`coldcase.analytics.tables.body_html`)."""
    from coldcase.analytics.tables import body_html

    return body_html(table, translator())


@bp.record_once
def _menu(state) -> None:
    from coldcase.auth.menu import add_landing_page, add_staff_link

    add_staff_link(state.app, _l("Tip yield"), "analytics.dashboard", [Role.ANALYST, Role.ADMIN],
                   _l("What each edition, case, week, channel and distribution point produced; exports."))
    add_landing_page(state.app, Role.ANALYST, "analytics.dashboard")

