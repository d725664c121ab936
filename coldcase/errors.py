"""Error pages in the site's style. A failed request rolls its database session back."""

from __future__ import annotations

from flask import render_template
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from coldcase.extensions import db


def init_app(app) -> None:
    """Register the handlers for HTTP errors, a database that cannot be reached, and unexpected errors."""

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return render_template("errors/error.html", error=error), error.code

    @app.errorhandler(OperationalError)
    def database_unavailable(error: OperationalError):
        db.session.rollback()
        app.logger.error("database unavailable: %s", error.__class__.__name__)
        return render_template("errors/unavailable.html"), 503

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_template("errors/500.html"), 500
