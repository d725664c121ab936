"""Words of the yield figures that are said in the reader's language when shown, not when the figures are made.

The figures are computed once and remembered for every reader (:mod:`coldcase.analytics.memo`), so they cannot
hold translated text. They hold :class:`Text` instead: a ``str`` whose value is the English text (what the
command line, the JSON and the tests read), which also keeps its msgid and parameters. Whatever shows a figure
(the page, the CSV, the PDF report, the charts) passes each text through a :class:`Translator` of the reader's
language. Pure: no Flask. :func:`N_` and :func:`Nn_` mark the msgids for ``pybabel extract`` (see
docs/translations.md).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from dataclasses import dataclass, field


class Text(str):
    """English text (the ``str`` value) that remembers its msgid, plural msgid and parameters."""

    msgid: str
    plural: str | None
    params: dict

    def __new__(cls, msgid: str, plural: str | None = None, params: dict | None = None) -> Text:
        params = dict(params or {})
        chosen = msgid if plural is None or params.get("num") == 1 else plural
        english = chosen % {k: str(v) if isinstance(v, str) else v for k, v in params.items()} if params else chosen
        text = super().__new__(cls, english)
        text.msgid, text.plural, text.params = msgid, plural, params
        return text

    def __reduce__(self):  # a str subclass with attributes: keep them when copied or pickled
        return (Text, (self.msgid, self.plural, self.params))


class Joined(str):
    """Texts joined by a separator (a list in a sentence), each said in the reader's language."""

    parts: tuple
    separator: str

    def __new__(cls, separator: str, parts: Iterable) -> Joined:
        parts = tuple(parts)
        joined = super().__new__(cls, separator.join(str(part) for part in parts))
        joined.parts, joined.separator = parts, separator
        return joined

    def __reduce__(self):
        return (Joined, (self.separator, self.parts))


def N_(msgid: str, **params) -> Text:  # noqa: N802 (the conventional name pybabel looks for)
    """Mark ``msgid`` for translation and keep it, with ``params``, to be said when shown."""
    return Text(msgid, None, params)


def Nn_(singular: str, plural: str, num: int, **params) -> Text:  # noqa: N802
    """Like :func:`N_` for a counted message: ``num`` chooses the plural form (and is ``%(num)d``)."""
    return Text(singular, plural, {**params, "num": num})


@dataclass(frozen=True)
class Translator:
    """Says texts in one language. Equal (and hashed alike) by language, so a cache may key on it.

    ``translations`` is a :class:`gettext.NullTranslations` (or Babel's ``Translations``) of ``language``."""

    language: str = "en"
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations, compare=False,
                                                   repr=False)

    def __call__(self, value) -> str:
        """``value`` in this language: a :class:`Text` translated, anything else as ``str``."""
        if isinstance(value, Text):
            if value.plural is None:
                said = self.translations.gettext(value.msgid)
            else:
                said = self.translations.ngettext(value.msgid, value.plural, value.params["num"])
            if not value.params:
                return said
            try:
                return said % {key: self(item) if isinstance(item, str) else item
                               for key, item in value.params.items()}
            except (KeyError, ValueError, TypeError):  # a translation that lost a placeholder: English is better
                return str(value)
        if isinstance(value, Joined):
            return value.separator.join(self(part) for part in value.parts)
        return "" if value is None else str(value)


#: Says everything in English (the command line, and whatever has no reader).
ENGLISH = Translator()
