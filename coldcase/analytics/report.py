"""The PDF yield report for management: a title page, the editions side by side, the charts, and the per-case
and per-point tables, rendered by WeasyPrint from ``templates/analytics/report.html``.

The charts are the dashboard's own SVG; fonts come from the installed package's static folder, and the fetcher
reads nothing else (no other host, no other file).
"""

from __future__ import annotations

import datetime

from flask import current_app

from coldcase.analytics.charts import chart_svg
from coldcase.analytics.figures import Figures
from coldcase.cases.model import Library
from coldcase.resources import STATIC_DIR

#: The report's sections after the editions: (table key, with its chart).
SECTIONS = ("uplift", "weeks", "channels", "points", "cases", "handling", "open_age", "returning", "calibration",
            "score")


def report_pdf(figures: Figures, library: Library, today: datetime.date | None = None,
               all_editions: Figures | None = None) -> bytes:
    """The report of ``figures`` as PDF bytes (needs an app context for the template). With ``all_editions``
    (the unfiltered figures), the editions side by side are every edition's, for comparison."""
    from coldcase.publish.render import PdfOptions, RestrictedFetcher, html_to_pdf

    static = STATIC_DIR
    editions = (all_editions or figures)["editions"]
    charts = {key: chart_svg(figures[key]) for key in SECTIONS}
    charts["editions"] = chart_svg(editions)
    # The app's template environment without request context processors: the command line has no request.
    template = current_app.jinja_env.get_template("analytics/report.html")
    html = template.render(figures=figures, editions_table=editions, charts=charts, sections=SECTIONS,
                           static=static.as_uri(), made=(today or datetime.date.today()).isoformat(),
                           editions=", ".join(map(str, figures.editions)) or "none")
    return html_to_pdf(html, static.as_uri() + "/", RestrictedFetcher(allowed_dirs=(static,)),
                       PdfOptions(identifier=b"coldcase-yield"))
