"""Keep tipsters' connection metadata out of the logs.

The development server logs every request as ``<client address> - - [date] "GET /path" 200``. The address of a
tipster must never be written anywhere, so a filter replaces it before any handler sees the record. Production
runs behind gunicorn, whose access log is off unless configured (see the README).
"""

from __future__ import annotations

import logging
import re

_ADDRESS_PREFIX = re.compile(r"^\S+ - - ")


class DropClientAddress(logging.Filter):
    """Rewrite werkzeug's request lines so they start with ``-`` instead of the client's address."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _ADDRESS_PREFIX.sub("- - - ", record.msg)
        return True


_FILTER = DropClientAddress()


def init_app(app) -> None:
    """Install the filter on werkzeug's logger (once, whatever the number of apps built)."""
    logger = logging.getLogger("werkzeug")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
