"""The public pages: the calendar's gallery, the list of open cases, a case's own page and its photos.

No login is needed here. Every response of the whole app also gets its security headers from this module
(``security_headers``): the public pages are where strangers arrive, and none of them may load anything from
another host.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlencode

from babel import Locale
from flask import Blueprint, abort, current_app, render_template, request, send_file
from flask_babel import format_currency, format_date, get_locale, gettext, ngettext

from coldcase.cases import photos as web_photos
from coldcase.cases.model import Case, Edition, Library, PartialDate, Photo
from coldcase.cases.store import case_library
from coldcase.i18n import LANGUAGE_NAMES, select_language

bp = Blueprint("public", __name__)

#: Sent with every response. 'self' only: a tipster's visit must not reach any other host.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), geolocation=(), microphone=()",
}

#: Attribution printed in the calendar's QR code: the edition year and the distribution point's code.
_EDITION_PARAM = re.compile(r"[0-9]{4}")
_POINT_PARAM = re.compile(r"[A-Za-z0-9-]{2,32}")

#: Photos change rarely and their URLs carry a version token, so browsers may keep them a long time.
PHOTO_MAX_AGE = 30 * 24 * 3600

_PLACEHOLDER = "img/photo-missing.svg"


def today() -> datetime.date:
    """Today's date; a function so that tests can move the calendar."""
    return datetime.date.today()


# --- Request helpers ---------------------------------------------------------------------------------------


def attribution() -> dict[str, str]:
    """The ``e`` (edition year) and ``d`` (distribution point) of this request, if they look valid.

    Anything else is dropped rather than passed on: the tip form records what it receives.
    """
    found = {}
    edition = request.args.get("e", "").strip()
    if _EDITION_PARAM.fullmatch(edition):
        found["e"] = edition
    point = request.args.get("d", "").strip()
    if _POINT_PARAM.fullmatch(point):
        found["d"] = point.upper()
    return found


def _path_with_query(path: str, params: dict[str, str]) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{request.script_root}{path}" + (f"?{query}" if query else "")


def tip_url(case_id: str | None = None, **params: str) -> str:
    """The tip form for a case (``/cases/<id>/tip``) or for no case in particular (``/tips/new``), with this
    request's ``e`` and ``d`` unless ``params`` say otherwise.

    Built as a path, not with ``url_for``: the tip form is its own feature and these two addresses are the
    contract between us (they are also printed in the calendar), whichever endpoint serves them.
    """
    path = f"/cases/{case_id}/tip" if case_id else "/tips/new"
    # Whichever tip button a tipster uses, the tip keeps the calendar copy they came from.
    return _path_with_query(path, {**attribution(), **params})


def language_url(code: str) -> str:
    """This page in another interface language: the same address and query with ``lang`` replaced."""
    params = {key: value for key, value in request.args.items() if key != "lang"}
    params["lang"] = code
    return _path_with_query(request.path, params)


def _folded(text: str) -> str:
    """Lower case without accents, so that 'zeeland' finds 'Zeeland' and 'sneek' finds 'Sneek'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# --- Formatting for templates -------------------------------------------------------------------------------


def format_partial_date(value: PartialDate | None) -> str:
    """A date as precise as it is known: ``1994``, ``March 1994`` or ``15 March 1994`` (in the page's language)."""
    if value is None:
        return ""
    if value.precision == "year":
        return str(value.year)
    if value.precision == "month":
        # LLLL is the month's name standing alone ("maart", "marzec"), not as part of a full date.
        return format_date(value.first_day(), "LLLL y")
    return format_date(value.first_day(), "long")


def format_reward(euros: int | None) -> str:
    """A reward in whole euros, written the way the page's language writes money: ``€ 15.000``, ``€15,000``."""
    if euros is None:
        return ""
    locale = get_locale() or Locale.parse(current_app.config["DEFAULT_LANGUAGE"])
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(euros, "EUR", format=pattern, currency_digits=False)


def kind_label(kind: str) -> str:
    """What kind of case this is, in words."""
    labels = {
        "homicide": gettext("Homicide"),
        "missing": gettext("Missing person"),
        "unidentified": gettext("Unidentified remains"),
    }
    return labels.get(kind, kind)


def age_label(age: int | None) -> str:
    """``23 years``; empty when the age is unknown."""
    if age is None:
        return ""
    return ngettext("%(num)d year", "%(num)d years", age)


def photo_url(case: Case, photo: Photo, width: int | None = None) -> str:
    """The address of a case photo, at one of the web widths or as it is, with a token that changes with it."""
    return _photo_url(case, photo, width, web_photos.version(photo.path))


def _photo_url(case: Case, photo: Photo, width: int | None, token: str) -> str:
    params = {}
    if width:
        params["w"] = str(width)
    if token:
        params["v"] = token
    return _path_with_query(f"/cases/{case.id}/photos/{photo.file}", params)


def photo_srcset(case: Case, photo: Photo) -> str:
    """A ``srcset`` offering the web widths that are smaller than the original, and the original."""
    token = web_photos.version(photo.path)  # one stat for the whole srcset, not one per width
    options = [f"{_photo_url(case, photo, width, token)} {width}w"
               for width in web_photos.WEB_WIDTHS if width < photo.width]
    options.append(f"{_photo_url(case, photo, None, token)} {photo.width}w")
    return ", ".join(options)


@bp.app_context_processor
def public_helpers():
    """Helpers every template may use (the header and footer of staff pages too)."""
    return {
        "tip_url": tip_url,
        "attribution_params": attribution,
        "language_url": language_url,
        "photo_url": photo_url,
        "photo_srcset": photo_srcset,
        "format_partial_date": format_partial_date,
        "format_reward": format_reward,
        "kind_label": kind_label,
        "age_label": age_label,
    }


@bp.after_app_request
def security_headers(response):
    """Add the security headers to every response, unless a view has deliberately set its own."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


# --- Pages --------------------------------------------------------------------------------------------------


def _edition_cases(library: Library, edition: Edition) -> list[tuple[int, Case]]:
    """The open cases of an edition with their week numbers; solved ones have no place in the gallery."""
    shown = []
    for week, case_id in enumerate(edition.weeks, 1):
        case = library.cases.get(case_id)
        if case is not None and case.is_open:
            shown.append((week, case))
    return shown


@bp.get("/")
def gallery():
    """The current edition (``?edition=YEAR`` for another) as a gallery of its cases."""
    library = case_library()
    asked = request.args.get("edition", "").strip()
    if asked:
        # isdecimal and isascii: "²".isdigit() is true, but int("²") fails.
        if not (asked.isascii() and asked.isdecimal()) or int(asked) not in library.editions:
            abort(404)
        edition = library.editions[int(asked)]
    else:
        edition = library.current_edition(today())
    if edition is None:
        # No edition loads (none written yet, or one with an error): still show what can be shown.
        cases = sorted((case for case in library.cases.values() if case.is_open), key=lambda c: c.victim.name)
        entries = [(None, case) for case in cases]
    else:
        entries = _edition_cases(library, edition)
    language = select_language()
    return render_template(
        "public/gallery.html",
        edition=edition,
        other_editions=[year for year in library.editions if edition is None or year != edition.year],
        entries=[(week, case.localized(language)) for week, case in entries],
        attribution=attribution(),
    )


@bp.get("/cases")
def case_list():
    """Every published open case, optionally narrowed by a search for a name or a place (``?q=``)."""
    library = case_library()
    language = select_language()
    query = request.args.get("q", "").strip()[:100]
    cases = [case.localized(language) for case in library.cases.values() if case.is_open]
    if query:
        words = _folded(query).split()
        cases = [case for case in cases if all(word in _searchable(case) for word in words)]
    cases.sort(key=lambda case: _folded(case.victim.name))
    return render_template("public/cases.html", cases=cases, query=query, attribution=attribution())


def _searchable(case) -> str:
    return _folded(" ".join((case.victim.name, case.place, case.case.place, case.title, case.id)))


@bp.get("/cases/<case_id>")
def case_page(case_id: str):
    """One case: photos, story, key dates, reward, and how to give a tip. Unknown or broken cases are a 404."""
    library = case_library()
    case = library.cases.get(case_id)
    if case is None:
        abort(404)
    language = select_language()
    text_language = request.args.get("text", "")
    wanted = text_language if text_language in case.languages else language
    shown = case.localized(wanted)
    params = attribution()
    edition = None
    if "e" in params:
        edition = library.editions.get(int(params["e"]))
    if edition is None or case.id not in edition.weeks:
        edition = _edition_of(library, case) or edition or library.current_edition(today())
    week = edition.weeks.index(case.id) + 1 if edition and case.id in edition.weeks else None
    return render_template(
        "public/case.html",
        case=shown,
        text_missing=shown.lang != wanted,
        wanted_language=wanted,
        other_texts=[code for code in case.languages if code != shown.lang],
        edition=edition,
        week=week,
        attribution=params,
        language_name=lambda code: LANGUAGE_NAMES.get(code, code),
    )


def _edition_of(library: Library, case: Case) -> Edition | None:
    """The edition a case appears in: this year's if it is in it, else the latest that has it."""
    current = library.current_edition(today())
    if current is not None and case.id in current.weeks:
        return current
    for year in sorted(library.editions, reverse=True):
        if case.id in library.editions[year].weeks:
            return library.editions[year]
    return None


@bp.get("/favicon.ico")
def favicon():
    """The site's icon, for browsers that ask for it at the root whatever the page says."""
    return send_file(Path(current_app.static_folder) / "img" / "favicon.svg", mimetype="image/svg+xml",
                     max_age=86400)


@bp.get("/cases/<case_id>/photos/<path:filename>")
def photo(case_id: str, filename: str):
    """A photo the case names in its front matter, and nothing else from its folder.

    ``?w=`` asks for a smaller copy (one of ``photos.WEB_WIDTHS``). A photo that has gone missing since the
    case was loaded gives a placeholder image, so the page around it still looks whole.
    """
    case = case_library().cases.get(case_id)
    if case is None:
        abort(404)
    # Only a name listed in the case's front matter is looked up; the path served is the one the loader
    # resolved and checked, never one built from the request.
    named = next((item for item in case.photos if item.file == filename), None)
    if named is None or not _inside(named.path, case.folder):
        abort(404)
    if not named.path.is_file():
        return _placeholder()
    path = named.path
    width = request.args.get("w", "")
    if width:
        if not (width.isascii() and width.isdecimal()) or int(width) not in web_photos.WEB_WIDTHS:
            abort(404)
        try:
            path = web_photos.resized(named.path, int(width), Path(current_app.instance_path) / "photo-cache")
        except OSError:
            return _placeholder()
    response = send_file(path, max_age=PHOTO_MAX_AGE, conditional=True)
    response.cache_control.public = True
    return response


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _placeholder():
    response = send_file(Path(current_app.static_folder) / _PLACEHOLDER, max_age=0)
    response.cache_control.no_cache = True
    return response
