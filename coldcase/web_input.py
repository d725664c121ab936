"""What every request must hold before any view sees it: text in UTF-8, no character a database cannot store, and
numbers in the address that fit the database's integers.

One layer for every route, present and future, so that no view needs its own check:

- The address, the query string and url-encoded forms are decoded strictly. Werkzeug keeps bytes that are not
  UTF-8 percent-encoded (``caf%E9`` stays the text ``caf%E9``), which would be stored as if it had been typed;
  here such a request is refused with a message instead. (Multipart forms arrive with U+FFFD in place of such
  bytes; the forms that store free text refuse that character, see :mod:`coldcase.tips.rules`.)
- NUL and lone surrogates are refused wherever text arrives (address, query, form fields): PostgreSQL cannot
  store NUL, a lone surrogate cannot be encoded at all, and no person types either.
- ``<int:...>`` in a route matches only 0 to 2**31 - 1 (PostgreSQL's ``integer``); a bigger number is a 404.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote_to_bytes

from flask import Flask, Request, request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.formparser import FormDataParser
from werkzeug.routing import IntegerConverter, ValidationError
from werkzeug.utils import cached_property

#: The largest number an ``<int:...>`` part of an address matches: the top of PostgreSQL's ``integer``.
MAX_ID = 2**31 - 1


class NotUtf8(BadRequest):
    """The address or a form was sent in another encoding than UTF-8 (an old browser or a hand-made request)."""

    user_message = _l("The form or address was not sent as UTF-8, so its text cannot be read. Nothing was saved. "
                      "Please go back and send it again from an up-to-date browser.")


class UnstorableText(BadRequest):
    """Text with a NUL or a lone surrogate: no person typed it, and the database cannot store it."""

    user_message = _l("The request contains characters that cannot be read (such as a NUL byte). Nothing was "
                      "saved. Please go back, type or paste plain text, and send it again.")


def cannot_be_stored(text: str) -> bool:
    """True when ``text`` holds NUL or a lone surrogate (U+D800 to U+DFFF)."""
    return "\x00" in text or any("\ud800" <= char <= "\udfff" for char in text)


def _strict_pairs(query: bytes) -> list[tuple[str, str]]:
    """Decode ``a=1&b=2`` strictly: raises :class:`NotUtf8` for bytes (raw or percent-encoded) that are not
    UTF-8, and :class:`UnstorableText` for NUL or a lone surrogate in a name or value."""
    try:
        pairs = parse_qsl(query.decode(), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise NotUtf8() from None
    if any(cannot_be_stored(name) or cannot_be_stored(value) for name, value in pairs):
        raise UnstorableText()
    return pairs


class _StrictFormDataParser(FormDataParser):
    """Werkzeug's form parser, but url-encoded bodies are decoded strictly (see :func:`_strict_pairs`)."""

    def _parse_urlencoded(self, stream, mimetype, content_length, options):
        return stream, self.cls(_strict_pairs(stream.read())), self.cls()


class CheckedRequest(Request):
    """Flask's request with strictly decoded query and forms. A refused query reads as empty (so that the error
    page, which looks at ``?lang=``, can still be shown) and :func:`refuse_unreadable_requests` answers 400."""

    form_data_parser_class = _StrictFormDataParser
    input_problem: BadRequest | None = None

    @cached_property
    def args(self):
        try:
            return self.parameter_storage_class(_strict_pairs(self.query_string))
        except BadRequest as problem:
            self.input_problem = problem
            return self.parameter_storage_class()

    def _load_form_data(self) -> None:
        try:
            super()._load_form_data()
        except BadRequest:
            # Whoever reads the form after this (an error page) sees an empty one, not the refused text.
            self.form, self.files = ImmutableMultiDict(), ImmutableMultiDict()
            raise
        if any(cannot_be_stored(name) or cannot_be_stored(value) for name, value in self.form.items(multi=True)):
            self.form, self.files = ImmutableMultiDict(), ImmutableMultiDict()
            raise UnstorableText()


class BoundedIntegerConverter(IntegerConverter):
    """``<int:...>``: a non-negative whole number up to :data:`MAX_ID`; anything else does not match (404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False) -> None:  # noqa: A002 (werkzeug's names)
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value: str):
        try:
            return super().to_python(value)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise ValidationError() from None


def _address_path(environ) -> str:
    """The path of the address as sent, decoded strictly; raises :class:`NotUtf8`. WSGI servers hand the path
    over as latin-1 text of its bytes, and keep the address as typed (``RAW_URI``) beside it; a server or test
    client may already have replaced bytes that are not UTF-8, so the raw address is checked as well."""
    try:
        path = environ.get("PATH_INFO", "").encode("latin-1").decode()
        raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
        if raw:
            unquote_to_bytes(raw.split("?", 1)[0]).decode()  # not urlsplit: it refuses some paths
    except UnicodeError:
        raise NotUtf8() from None
    return path


def refuse_unreadable_requests() -> None:
    """Before anything else: refuse an address or query that is not UTF-8 or holds NUL (forms are checked when
    they are read, see :class:`CheckedRequest`)."""
    if cannot_be_stored(_address_path(request.environ)):
        raise UnstorableText()
    request.args  # noqa: B018  (parsing the query sets input_problem)
    if request.input_problem is not None:
        raise request.input_problem


def init_app(app: Flask) -> None:
    """Install the checked request, the bounded ``int`` converter and the check that runs before every other one.

    Call before any blueprint is registered: a rule's converters are chosen when the rule is added."""
    app.request_class = CheckedRequest
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_unreadable_requests)
