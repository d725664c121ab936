"""Keep tipsters' connection metadata out of the logs.

The development server logs every request as ``<client address> - - [date] "GET /path" 200``; gunicorn logs a
malformed request as ``Invalid request from ip=<address>: <request line>``. The address of a tipster must never be
written anywhere, so filters rewrite such records before any handler writes them.
"""

from __future__ import annotations

import ipaddress
import logging
import re

_ADDRESS_PREFIX = re.compile(r"^\S+ - - ")
#: Candidates for an IP address: runs of hex digits, dots, colons (and an IPv6 zone). Each is confirmed by
#: :mod:`ipaddress`, so times (12:30:05) and other numbers are left alone.
_CANDIDATE = re.compile(r"[0-9A-Fa-f.:]*[.:][0-9A-Fa-f.:]*(?:%\w+)?")
REMOVED = "[address removed]"


class DropClientAddress(logging.Filter):
    """Rewrite werkzeug's request lines so they start with ``-`` instead of the client's address."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _ADDRESS_PREFIX.sub("- - - ", record.msg)
        return True


def _is_address(token: str) -> bool:
    try:
        ipaddress.ip_address(token.split("%", 1)[0])
    except ValueError:
        return False
    return True


def redact_addresses(text: str, keep: tuple[str, ...] = ()) -> str:
    """``text`` with every IP address replaced, except the server's own addresses in ``keep``."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        # A sentence's full stop or a "host:port" colon may cling to the address: judge the address without it.
        core = token.rstrip(".:") if not token.endswith("::") else token
        if core in keep or not _is_address(core):
            return token
        return REMOVED + token[len(core):]

    return _CANDIDATE.sub(replace, text)


class RedactClientDetails(logging.Filter):
    """Make a production log record safe to write: no client address, request line or URI, user agent or referrer.

    gunicorn's records that carry a request (a malformed or oversized one, an error while handling one) are
    replaced by a fixed sentence; in every other record, and in its traceback, IP addresses are removed except the
    server's own listening addresses (``keep``, such as ``127.0.0.1:8000``).
    """

    #: Messages (gunicorn's format strings) that carry request details, and what is logged instead.
    REPLACED = {
        "Invalid request from ip=": "Refused a malformed or oversized request (details not logged)",
        "Error handling request": "Error while handling a request (details not logged)",
    }

    def __init__(self, keep: tuple[str, ...] = ()):
        super().__init__()
        self.keep = tuple(address.rsplit(":", 1)[0].strip("[]") for address in keep) + tuple(keep)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.msg if isinstance(record.msg, str) else str(record.msg)
        for start, replacement in self.REPLACED.items():
            if message.startswith(start):
                record.msg, record.args = replacement, ()
                break
        else:
            record.msg, record.args = redact_addresses(record.getMessage(), self.keep), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_addresses(record.exc_text, self.keep)
        return True


_FILTER = DropClientAddress()


def init_app(app) -> None:
    """Install the filter on werkzeug's logger (once, whatever the number of apps built)."""
    logger = logging.getLogger("werkzeug")
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
