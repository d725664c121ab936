"""The analysts' filter: read from a URL's query (so a view can be bookmarked and shared), checked against what
exists. Pure: no Flask, no database.

A wrong value never stops the page: it is left out of the filter and named in a message, and the rest of the
filter still applies.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields, replace

from coldcase.analytics.words import N_, Joined, Text

#: Every channel a tip can have, in the order the pages show them, with its words.
CHANNELS = {"web": N_("web form"), "phone": N_("phone"), "letter": N_("post"), "email": N_("email"),
            "visit": N_("prison visit"), "other": N_("other")}
KINDS = {"homicide": N_("homicide"), "missing": N_("missing"), "unidentified": N_("unidentified")}
#: How each narrowing reads in :meth:`YieldFilter.describe`.
_DESCRIBED = {"since": N_("from %(value)s"), "until": N_("until %(value)s"), "edition": N_("edition %(value)s"),
              "unit": N_("unit %(value)s"), "kind": N_("kind %(value)s"), "channel": N_("channel %(value)s"),
              "point": N_("point %(value)s")}
#: Dates outside these years are certainly typing errors (and far outside what databases agree on).
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: Longest value read from the query for any field: anything longer is not a code, year or date.
MAX_LENGTH = 80


@dataclass(frozen=True)
class YieldFilter:
    """What the figures are narrowed to; ``None`` does not narrow."""

    since: datetime.date | None = None
    until: datetime.date | None = None
    edition: int | None = None
    unit: str | None = None
    kind: str | None = None
    channel: str | None = None
    point: str | None = None

    def as_query(self) -> dict[str, str]:
        """The filter as URL query arguments (only the fields that narrow)."""
        return {f.name: (value.isoformat() if isinstance(value, datetime.date) else str(value))
                for f in fields(self) if (value := getattr(self, f.name)) is not None}

    @property
    def is_empty(self) -> bool:
        """True when nothing narrows."""
        return not self.as_query()

    def describe(self) -> Text | Joined:
        """The filter in words, for report titles and CSV notes ("all tips" when empty); kinds and channels by
        their names."""
        names = {"kind": KINDS, "channel": CHANNELS}
        parts = [Text(_DESCRIBED[key].msgid, None, {"value": names.get(key, {}).get(value, value)})
                 for key, value in self.as_query().items()]
        return Joined(", ", parts) if parts else N_("all tips")


@dataclass(frozen=True)
class Choices:
    """What exists to filter on: known editions, units and distribution point codes."""

    editions: Collection[int]
    units: Collection[str]
    points: Collection[str]


def _date(text: str, name: str, problems: list[Text]) -> datetime.date | None:
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError:
        problems.append(N_("'%(text)s' is not a date for '%(name)s': write it as YYYY-MM-DD, e.g. 2018-03-31.",
                           text=text, name=name))
        return None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        problems.append(N_("The date %(text)s for '%(name)s' lies outside %(first)d-%(last)d.", text=text,
                           name=name, first=FIRST_YEAR, last=LAST_YEAR))
        return None
    return value


def _edition(text: str, known: Collection[int], problems: list[Text]) -> int | None:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        problems.append(N_("'%(text)s' is not an edition: an edition is a year such as 2018.", text=text))
        return None
    year = int(text)
    if year not in known:
        if known:
            problems.append(N_("There is no edition %(year)s (editions: %(editions)s).", year=year,
                               editions=", ".join(str(y) for y in sorted(known))))
        else:
            problems.append(N_("There is no edition %(year)s (no editions yet).", year=year))
        return None
    return year


def parse(args: Mapping[str, str], choices: Choices) -> tuple[YieldFilter, list[Text]]:
    """Read the filter from query arguments; returns the filter of the good values and a message per bad one.

    Unknown argument names are ignored (a shared link may carry more); empty values do not narrow."""
    problems: list[Text] = []
    values: dict = {}
    for name in ("since", "until", "edition", "unit", "kind", "channel", "point"):
        text = (args.get(name) or "").strip()
        if not text:
            continue
        if len(text) > MAX_LENGTH:
            problems.append(N_("The value for '%(name)s' is too long to be one.", name=name))
            continue
        if name in ("since", "until"):
            values[name] = _date(text, name, problems)
        elif name == "edition":
            values[name] = _edition(text, choices.editions, problems)
        elif name == "kind":
            values[name] = text if text in KINDS else problems.append(
                N_("'%(text)s' is not a kind of case (homicide, missing or unidentified).", text=text))
        elif name == "channel":
            values[name] = text if text in CHANNELS else problems.append(
                N_("'%(text)s' is not a channel (%(channels)s).", text=text, channels=", ".join(CHANNELS)))
        elif name == "unit":
            values[name] = text if text in choices.units else problems.append(
                N_("There is no unit '%(text)s'.", text=text))
        else:
            code = text.upper()
            values[name] = code if code in choices.points else problems.append(
                N_("There is no distribution point '%(text)s'.", text=text))
    wanted = YieldFilter(**{k: v for k, v in values.items() if v is not None})
    if wanted.since and wanted.until and wanted.since > wanted.until:
        problems.append(N_("The date range is impossible: %(since)s is after %(until)s. The dates are left out.",
                           since=wanted.since.isoformat(), until=wanted.until.isoformat()))
        wanted = replace(wanted, since=None, until=None)
    return wanted, problems
