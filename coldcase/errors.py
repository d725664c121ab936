"""Error pages in the site's style. A failed request rolls its database session back."""

from __future__ import annotations

from flask import render_template
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from coldcase.extensions import db


def error_page(error: HTTPException):
    """The site's page for an HTTP error, with the error's own message for the visitor if it has one (the
    ``user_message`` of :mod:`coldcase.web_input`'s errors). Also for error handlers that find a second error:
    an exception raised inside an error handler would end as a 500."""
    message = getattr(error, "user_message", None)
    return render_template("errors/error.html", error=error, message=message), error.code


def init_app(app) -> None:
    """Register the handlers for HTTP errors, a database that cannot be reached, and unexpected errors."""
    app.errorhandler(HTTPException)(error_page)

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):
        db.session.rollback()
        app.logger.error("database unavailable: %s", error.__class__.__name__)
        return render_template("errors/unavailable.html"), 503

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_template("errors/500.html"), 500
