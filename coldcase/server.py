"""``coldcase serve``: the production server (gunicorn) with the project's own settings and private logging.

gunicorn reports malformed or oversized requests in its error log as ``Invalid request from ip=<address>: <the
request line>`` and unexpected errors with the request's URI. A tipster's address must never be written anywhere,
so :class:`PrivateLogger` replaces gunicorn's logger: no access log at all, and every record of the error log (and
of the app's own loggers) goes through :class:`coldcase.privacy.RedactClientDetails` first.
"""

from __future__ import annotations

import logging
import sys

import click
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from coldcase import gunicorn_conf
from coldcase.privacy import RedactClientDetails


class PrivateLogger(Logger):
    """gunicorn's logger without an access log, whose error log never holds a client's details."""

    def setup(self, cfg) -> None:
        """Set up gunicorn's handlers, then put the redacting filter on each of them and on the root logger."""
        super().setup(cfg)
        redact = RedactClientDetails(keep=tuple(cfg.bind))
        for handler in self.error_log.handlers:
            handler.addFilter(redact)
        # The app's own loggers (Flask's, coldcase's, SQLAlchemy's) propagate to the root logger: give it one
        # handler, formatted like gunicorn's and filtered the same way, so Flask adds no unfiltered handler of its own.
        root = logging.getLogger()
        for handler in list(root.handlers):
            root.removeHandler(handler)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(self.error_fmt, self.datefmt))
        handler.addFilter(redact)
        root.addHandler(handler)
        root.setLevel(logging.INFO)

    def access(self, resp, req, environ, request_time) -> None:
        """Never log a request: the access log would hold tipsters' addresses and user agents."""


class _Server(BaseApplication):
    """gunicorn serving ``create_app()``, configured from :mod:`coldcase.gunicorn_conf` and the options given."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        settings = {name: value for name, value in vars(gunicorn_conf).items() if name in self.cfg.settings}
        settings.update({name: value for name, value in self.options.items() if value is not None})
        for name, value in settings.items():
            self.cfg.set(name, value)

    def load(self):
        from coldcase import create_app

        return create_app()


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1, or COLDCASE_HOST).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default 8000, or COLDCASE_PORT).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default two per core, or COLDCASE_WORKERS).")
def serve_command(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the app in production with gunicorn: no access log, no client address in any log."""
    options: dict = {"workers": workers}
    if host is not None or port is not None:
        default_host, default_port = gunicorn_conf.bind[0].rsplit(":", 1)
        options["bind"] = [f"{host or default_host}:{port or default_port}"]
    _Server(options).run()
