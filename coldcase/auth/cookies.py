"""The session cookie and HTTPS: cookies that only travel where they should, and HSTS.

The session cookie is always ``HttpOnly`` and ``SameSite=Lax``. It is ``Secure`` whenever the request came over
HTTPS, and always with the setting ``HTTPS`` (``COLDCASE_HTTPS=1``, for a server behind a proxy that ends TLS);
with that setting it is also named ``__Host-session`` (a browser then refuses it from plain HTTP, from another
path or from a sibling domain), and every response carries ``Strict-Transport-Security``.
"""

from __future__ import annotations

from flask import has_request_context, request
from flask.sessions import SecureCookieSessionInterface

#: Two years, as the HSTS preload list asks; subdomains are the operator's to decide, so they are left out.
HSTS = "max-age=63072000"


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie session, ``Secure`` also for any request that came over HTTPS."""

    def get_cookie_secure(self, app) -> bool:
        if app.config.get("SESSION_COOKIE_SECURE"):
            return True
        return has_request_context() and request.is_secure


def init_app(app) -> None:
    """Apply the ``HTTPS`` setting to the cookies and add HSTS to the responses when it is on."""
    app.session_interface = SessionCookies()
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    if app.config.get("SESSION_COOKIE_SAMESITE") not in ("Lax", "Strict"):
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if not app.config.get("HTTPS"):
        return
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["REMEMBER_COOKIE_SECURE"] = True
    # The __Host- prefix needs Secure, Path=/ and no Domain attribute.
    app.config["SESSION_COOKIE_NAME"] = "__Host-session"
    app.config["SESSION_COOKIE_PATH"] = "/"
    app.config["SESSION_COOKIE_DOMAIN"] = None

    @app.after_request
    def strict_transport_security(response):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response
