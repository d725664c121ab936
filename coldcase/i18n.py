"""Choosing the language of a page: ``?lang=`` (remembered in a cookie), then the cookie, then the browser's
Accept-Language, then the configured default."""

from __future__ import annotations

from flask import current_app, has_request_context, request
from flask_babel import refresh as flask_babel_refresh

from coldcase.extensions import babel

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "es": "Español",
    "ar": "العربية",
    "ru": "Русский",
    "pl": "Polski",
    "de": "Deutsch",
    "fr": "Français",
    "tr": "Türkçe",
}
COOKIE = "lang"


def text_direction(language: str) -> str:
    """Return ``rtl`` for right-to-left languages, else ``ltr``."""
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def select_language() -> str:
    """Return the language of the current request (see module docstring). Outside a request (the command
    line, a background job) messages are in English, the language of the msgids."""
    if not has_request_context():
        return "en"
    cached = getattr(request, "_coldcase_language", None)
    if cached:
        return cached
    supported = current_app.config["LANGUAGES"]
    asked = request.args.get("lang") or request.cookies.get(COOKIE)
    if asked in supported:
        language = asked
    else:
        language = request.accept_languages.best_match(supported) or current_app.config["DEFAULT_LANGUAGE"]
    # Cached on the request, not on `g`: an app context (and its `g`) may outlive one request.
    request._coldcase_language = language
    return language


def _remember_choice(response):
    """Keep an explicit ``?lang=`` choice for the next pages (a preference, not an identifier)."""
    asked = request.args.get("lang")
    if asked in current_app.config["LANGUAGES"] and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


def init_app(app) -> None:
    """Bind Flask-Babel with our selector and give templates the language and its direction."""
    babel.init_app(app, locale_selector=select_language)
    # Flask-Babel caches the locale in `g`; an app context may outlive one request (the tests keep one open),
    # so each request chooses afresh.
    app.before_request(flask_babel_refresh)
    app.after_request(_remember_choice)

    @app.context_processor
    def language_context():
        language = select_language()
        return {
            "current_language": language,
            "text_direction": text_direction(language),
            "language_names": LANGUAGE_NAMES,
            "ui_languages": app.config["LANGUAGES"],
        }
