"""The analysts' filter: read from a URL's query (so a view can be bookmarked and shared), checked against what
exists. Pure: no Flask, no database.

A wrong value never stops the page: it is left out of the filter and named in a message, and the rest of the
filter still applies.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields, replace

#: Every channel a tip can have, in the order the pages show them, with its words.
CHANNELS = {"web": "web form", "phone": "phone", "letter": "post", "email": "email", "visit": "prison visit",
            "other": "other"}
KINDS = {"homicide": "homicide", "missing": "missing", "unidentified": "unidentified"}
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

    def describe(self) -> str:
        """The filter in words, for report titles and CSV notes ("all tips" when empty)."""
        parts = [f"{key} {value}" for key, value in self.as_query().items()]
        return ", ".join(parts) if parts else "all tips"


@dataclass(frozen=True)
class Choices:
    """What exists to filter on: known editions, units and distribution point codes."""

    editions: Collection[int]
    units: Collection[str]
    points: Collection[str]


def _date(text: str, name: str, problems: list[str]) -> datetime.date | None:
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError:
        problems.append(f"'{text}' is not a date for '{name}': write it as YYYY-MM-DD, e.g. 2018-03-31.")
        return None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        problems.append(f"The date {text} for '{name}' lies outside {FIRST_YEAR}-{LAST_YEAR}.")
        return None
    return value


def _edition(text: str, known: Collection[int], problems: list[str]) -> int | None:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        problems.append(f"'{text}' is not an edition: an edition is a year such as 2018.")
        return None
    year = int(text)
    if year not in known:
        listed = ", ".join(str(y) for y in sorted(known)) or "none yet"
        problems.append(f"There is no edition {year} (editions: {listed}).")
        return None
    return year


def parse(args: Mapping[str, str], choices: Choices) -> tuple[YieldFilter, list[str]]:
    """Read the filter from query arguments; returns the filter of the good values and a message per bad one.

    Unknown argument names are ignored (a shared link may carry more); empty values do not narrow."""
    problems: list[str] = []
    values: dict = {}
    for name in ("since", "until", "edition", "unit", "kind", "channel", "point"):
        text = (args.get(name) or "").strip()
        if not text:
            continue
        if len(text) > MAX_LENGTH:
            problems.append(f"The value for '{name}' is too long to be one.")
            continue
        if name in ("since", "until"):
            values[name] = _date(text, name, problems)
        elif name == "edition":
            values[name] = _edition(text, choices.editions, problems)
        elif name == "kind":
            values[name] = text if text in KINDS else problems.append(
                f"'{text}' is not a kind of case (homicide, missing or unidentified).")
        elif name == "channel":
            values[name] = text if text in CHANNELS else problems.append(
                f"'{text}' is not a channel ({', '.join(CHANNELS)}).")
        elif name == "unit":
            values[name] = text if text in choices.units else problems.append(f"There is no unit '{text}'.")
        else:
            code = text.upper()
            values[name] = code if code in choices.points else problems.append(
                f"There is no distribution point '{text}'.")
    wanted = YieldFilter(**{k: v for k, v in values.items() if v is not None})
    if wanted.since and wanted.until and wanted.since > wanted.until:
        problems.append(f"The date range is impossible: {wanted.since} is after {wanted.until}. "
                        "The dates are left out.")
        wanted = replace(wanted, since=None, until=None)
    return wanted, problems
