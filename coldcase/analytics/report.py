"""The PDF yield report for management: a title page, the editions side by side, the charts, and the per-case
and per-point tables, rendered by WeasyPrint from ``templates/analytics/report.html``.

The charts are the dashboard's own SVG; fonts come from the installed package's static folder, and the fetcher
reads nothing else (no other host, no other file). The report is in the reader's language (English on the
command line): the figures keep their words as msgids and the template says them when it renders.
"""

from __future__ import annotations

import datetime
import re

from flask import current_app
from flask_babel import format_date
from markupsafe import Markup

from coldcase.analytics.charts import chart_svg
from coldcase.analytics.figures import Figures
from coldcase.analytics.words import N_, Translator
from coldcase.cases.model import Library
from coldcase.resources import STATIC_DIR

#: The report's sections after the editions: (table key, with its chart).
SECTIONS = ("uplift", "weeks", "channels", "points", "cases", "handling", "open_age", "returning", "calibration",
            "score")
_COUNTERS = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}


def css_content(text: str) -> Markup:
    """``text`` as the value of a CSS ``content`` property: quoted strings, with ``%(page)s`` and ``%(pages)s``
    as the page counters. Quotes, backslashes, line breaks and ``<`` are escaped, so no text (a unit's name
    in the filter, a translation) can end the string or the ``<style>`` element."""
    parts = []
    for part in re.split(r"(%\(pages?\)s)", text):
        if part in _COUNTERS:
            parts.append(_COUNTERS[part])
        elif part:
            escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r' else c for c in part)
            parts.append(f'"{escaped}"')
    return Markup(" ".join(parts) or '""')


def report_html(figures: Figures, say: Translator, today: datetime.date | None = None,
                all_editions: Figures | None = None) -> str:
    """The report's HTML in ``say``'s language (needs an app context for the template; inside a request its
    language must be the request's, which the template's own messages use)."""
    static = STATIC_DIR
    editions = (all_editions or figures)["editions"]
    charts = {key: chart_svg(figures[key], say) for key in SECTIONS}
    charts["editions"] = chart_svg(editions, say)
    # The app's template environment without request context processors: the command line has no request.
    template = current_app.jinja_env.get_template("analytics/report.html")
    return template.render(
        figures=figures, editions_table=editions, charts=charts, sections=SECTIONS, static=static.as_uri(),
        language=say.language, made=format_date(today or datetime.date.today(), format="long"),
        editions=", ".join(map(str, figures.editions)) or say(N_("none")),
        page_footer=css_content(say(N_("page %(page)s of %(pages)s"))),
        title_footer=css_content(say(N_("Tip yield report · %(filter)s", filter=figures.wanted.describe()))))


def report_pdf(figures: Figures, library: Library, today: datetime.date | None = None,
               all_editions: Figures | None = None, say: Translator | None = None) -> bytes:
    """The report of ``figures`` as PDF bytes (needs an app context for the template), in ``say``'s language
    (by default the current request's, English outside one). With ``all_editions`` (the unfiltered figures),
    the editions side by side are every edition's, for comparison."""
    from coldcase.analytics.views import translator
    from coldcase.publish.render import PdfOptions, RestrictedFetcher, html_to_pdf

    html = report_html(figures, say or translator(), today, all_editions)
    return html_to_pdf(html, STATIC_DIR.as_uri() + "/", RestrictedFetcher(allowed_dirs=(STATIC_DIR,)),
                       PdfOptions(identifier=b"coldcase-yield"))
