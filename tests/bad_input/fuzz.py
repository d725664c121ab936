"""The pieces of the route fuzz (test_fuzz_routes.py): hypothesis profiles, hostile values, request bodies built
byte by byte (the test client cannot encode a lone surrogate or a latin-1 form), and harvesting field names and
values from the site's own pages so that the fuzz reaches past the first validation.

Profiles: ``ci`` (the default, a few dozen examples per route: the fuzz adds about a minute to `make test`) and
``long`` (hundreds per route, for a local run): ``COLDCASE_FUZZ=long .venv/bin/pytest tests/bad_input``.
"""

from __future__ import annotations

import html
import json
import os
import re
from datetime import timedelta
from urllib.parse import parse_qsl, quote_from_bytes, urlsplit

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROFILES = {
    # Deadline: only a request that takes seconds fails it (a loaded CI machine must not make it flaky).
    "ci": dict(max_examples=int(os.environ.get("COLDCASE_FUZZ_EXAMPLES", 12)), deadline=timedelta(seconds=5),
               database=None),
    "long": dict(max_examples=int(os.environ.get("COLDCASE_FUZZ_EXAMPLES", 400)), deadline=timedelta(seconds=2)),
}


def fuzz_settings():
    """The settings of the chosen profile (``COLDCASE_FUZZ``, default ``ci``)."""
    name = os.environ.get("COLDCASE_FUZZ", "ci")
    if name not in PROFILES:
        raise ValueError(f"COLDCASE_FUZZ={name!r}: choose one of {', '.join(PROFILES)}")
    return settings(**PROFILES[name], suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                             HealthCheck.too_slow, HealthCheck.data_too_large])


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
#: Values that broke, or could break, something somewhere: NUL, lone surrogates, bidi controls, numbers too big
#: for any column or for int(), wrong types, path tricks.
NASTY = [
    "", " ", "\x00", "a\x00b", "\ud800", "x\udfffy", "\ufffd", "\ufeff", BIDI, "\u202egnp.exe", "\r\n", "\t",
    "%00", "%E9", "caf%E9", "0", "-1", "1.5", "1e309", "NaN", "inf", "9" * 30, "-" + "9" * 30, "9" * 5000,
    str(2**31), str(2**31 - 1), str(2**63), str(-(2**63) - 1), "None", "null", "true", "[]", "{}", "[object]",
    "<script>alert(1)</script>", "' OR '1'='1", "../../etc/passwd", "/", "//evil.example", "x" * 20_000,
    "٣", "²", "T-1", "2027", "A4", "print", "admin", "yes", "no",
]
#: Raw bytes that are no UTF-8 at all: a latin-1 form, a lone surrogate encoded anyway, a stray continuation byte.
NOT_UTF8 = [b"caf\xe9", b"\xed\xa0\x80", b"\x80", b"\xff\xfe", b"\xc0\xaf"]

any_character = st.characters(exclude_categories=())  # surrogates included
fuzz_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(any_character, max_size=40),
    st.text(st.sampled_from("\x00\ud800\udc00" + BIDI + "aé9-_ /%"), max_size=12),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
)

#: A header can carry only latin-1 text without line breaks.
accept_language = st.one_of(
    st.sampled_from(["nl", "ar,en;q=0.5", "*", "xx-YY;q=2", ";q=", "en;q=abc", "pl;q=-1", "ru-RU,ru;q=0.9"]),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=30),
)


#: Hostile values, a third of them with NUL: what `one_bad_field` puts in a form that is otherwise sound.
hostile = st.one_of(
    st.sampled_from(NASTY),
    st.builds(lambda text, at: text[:at] + "\x00" + text[at:], st.text(max_size=10), st.integers(0, 10)),
    st.sampled_from([str(2**63), str(2**64), str(10**22), "-" + str(2**63 + 1), "9" * 5000]),
    st.sampled_from(NOT_UTF8),
)
#: Values for a form's empty fields when only one field is to be bad: likely to pass the other checks.
PLAUSIBLE = ["fuzz-admin@police.example", "correct horse battery", "1", "2027", "Een blauwe auto bij de gracht."]


def values(harvested: list[str]):
    """A field value: something the site itself offers (to get past validation), or something hostile."""
    plain = st.sampled_from(harvested) if harvested else st.nothing()
    return st.one_of(plain, plain, fuzz_text, st.sampled_from(NOT_UTF8))


def as_bytes(value: str | bytes) -> bytes:
    """UTF-8, but lone surrogates encoded anyway (as a broken client would)."""
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def urlencode(pairs) -> bytes:
    """``a=1&b=2`` from (name, value) pairs of text or bytes, names and values percent-encoded byte by byte."""
    return b"&".join(quote_from_bytes(as_bytes(k), safe="").encode() + b"=" + quote_from_bytes(as_bytes(v),
                                                                                                safe="").encode()
                     for k, v in pairs)


def multipart(pairs, files) -> tuple[bytes, str]:
    """A multipart/form-data body and its content type; ``files`` are (field, filename, content) triples."""
    boundary = b"fuzz-boundary-7MA4YWxkTrZu0gW"
    parts = []
    for name, value in pairs:
        name = quote_from_bytes(as_bytes(name), safe="").encode()  # a quote or CRLF in a name would end the header
        parts.append(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, name,
                                                                                              as_bytes(value)))
    for name, filename, content in files:
        parts.append(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                     b"Content-Type: application/octet-stream\r\n\r\n%s\r\n"
                     % (boundary, name.encode(), quote_from_bytes(as_bytes(filename), safe=".").encode(), content))
    parts.append(b"--%s--\r\n" % boundary)
    return b"".join(parts), f"multipart/form-data; boundary={boundary.decode()}"


def json_body(pairs) -> bytes:
    """The fields as a JSON object (a wrong type of body for every form here)."""
    return json.dumps({as_bytes(k).decode("utf-8", "replace"): as_bytes(v).decode("utf-8", "replace")
                       for k, v in pairs}).encode()


class Harvest:
    """Field names, values and address parts found on the site's pages: what a real browser would send."""

    _NAME = re.compile(r'\bname="([^"]*)"')
    _VALUE = re.compile(r'\bvalue="([^"]*)"')
    _HREF = re.compile(r'\b(?:href|action)="(/[^"]*)"')

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.values: set[str] = set()
        self.segments: set[str] = set()
        self.paths: set[str] = set()

    def read(self, page: str) -> None:
        """Collect from one HTML page."""
        self.names.update(html.unescape(name) for name in self._NAME.findall(page))
        self.values.update(html.unescape(value)[:200] for value in self._VALUE.findall(page))
        for href in self._HREF.findall(page):
            parts = urlsplit(html.unescape(href))
            self.paths.add(parts.path)
            self.segments.update(segment for segment in parts.path.split("/") if segment)
            for name, value in parse_qsl(parts.query, keep_blank_values=True):
                self.names.add(name)
                self.values.add(value)

    def sorted(self, which: str) -> list[str]:
        """One collection, in a fixed order (hypothesis replays examples by position)."""
        return sorted(getattr(self, which))
