"""The triage score: how promising a tip looks at first sight, from 0 to 100, with the reasons.

Pure: no Flask, no database. Everything the score depends on is passed in, so intake, the ``rescore`` command
and the tests all get the same answer. Every point added or taken away comes with a reason: a stable code and
what was found (``Reason(15, "case_place", "Stadsgracht")``). In English, for logs and the command line, that
reads "+15 names a place from the case: Stadsgracht"; the staff pages translate it by its code
(:mod:`coldcase.review.reasons`). The score is the starting value plus those points, clamped to 0-100.

The score only orders the queue. It is a first guess made without reading, never a judgement of the tipster.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

#: Points for each reason. Override any of them with the ``TRIAGE_WEIGHTS`` setting; then run
#: ``coldcase tips rescore`` so stored scores follow.
DEFAULT_WEIGHTS: dict[str, int] = {
    "base": 30,
    "victim_name": 15,
    "case_place": 15,
    "case_date": 10,
    "case_tag": 5,
    "person_name": 5,
    "licence_plate": 10,
    "date_or_time": 5,
    "first_hand": 10,
    "second_hand": 3,
    "contact": 10,
    "attachment": 5,
    "near_duplicate": -20,
    "web_link": -15,
    "all_caps": -10,
    "repeated_characters": -5,
    "very_short": -15,
}

#: Two tips whose word triples overlap at least this much (Jaccard) are near-duplicates.
DUPLICATE_SIMILARITY = 0.6
#: Fewer words than this, and a tip is "very short".
SHORT_WORDS = 8
#: Share of capital letters (among at least 20 letters) that makes a tip "shouting".
CAPS_SHARE = 0.7

FIRST_HAND = frozenset({"saw", "saw_myself", "self", "first_hand", "myself", "witness"})
SECOND_HAND = frozenset({"heard", "heard_from_someone", "second_hand", "hearsay"})


#: The English sentence of each reason, with its detail (a name, a place, a number of words ...) as
#: ``{detail}``. For logs and the command line; the staff pages translate reasons by their code
#: (:mod:`coldcase.review.reasons`).
REASON_TEXTS: dict[str, str] = {
    "victim_name": "names the victim: {detail}",
    "case_place": "names a place from the case: {detail}",
    "case_date": "mentions a date from the case: {detail}",
    "case_tag": "mentions what the case is about: {detail}",
    "licence_plate": "gives a licence plate: {detail}",
    "person_name": "names someone: {detail}",
    "date_or_time": "gives a date or a time",
    "first_hand": "first-hand knowledge",
    "second_hand": "heard it from someone else",
    "contact": "the tipster can be contacted",
    "attachment": "comes with an attachment",
    "near_duplicate": "nearly the same as tip {detail}",
    "web_link": "contains a web link (often spam)",
    "all_caps": "written in capitals",
    "repeated_characters": "repeats a character many times",
    "very_short": "very short ({detail} words)",
}


@dataclass(frozen=True)
class Reason:
    """One signed contribution to a score: a stable ``code`` (a key of the weights) and its ``detail`` (what
    was found, e.g. the place named; None when there is nothing to add). ``text`` is the English sentence."""

    points: int
    code: str
    detail: str | int | None = None

    @property
    def text(self) -> str:
        """The reason as an English sentence ("names a place from the case: Stadsgracht")."""
        if self.code == "very_short" and self.detail == 1:
            return "very short (1 word)"
        template = REASON_TEXTS.get(self.code, self.code + ": {detail}")
        return template.format(detail="" if self.detail is None else self.detail)

    def __str__(self) -> str:
        return f"{self.points:+d} {self.text}"

    def as_stored(self) -> list:
        """The reason as ``[points, code, detail]``, the form stored with a tip (JSON); the staff pages
        translate it by its code."""
        return [self.points, self.code, self.detail]


@dataclass(frozen=True)
class Score:
    """A triage score: ``value`` is ``base`` plus the reasons' points, kept within 0-100."""

    value: int
    reasons: tuple[Reason, ...]
    base: int = 0
    #: Numbers of earlier tips this one nearly repeats (intake or review links them).
    duplicates: tuple[str, ...] = ()

    @property
    def score(self) -> int:
        """The value, under the name intake's hook reads."""
        return self.value

    def reasons_as_stored(self) -> list[list]:
        """The reasons in the stored form, ``[[points, code, detail], ...]``."""
        return [reason.as_stored() for reason in self.reasons]


@dataclass(frozen=True)
class CaseFacts:
    """What a tip about a case can be checked against: names, places, dates and tags of the case."""

    names: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    dates: tuple[date, ...] = ()
    years: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()


class EarlierTip(NamedTuple):
    """An earlier tip on the same case, for spotting repeats. A named tuple rather than a dataclass: intake makes
    200 of them per new tip, and a tuple is made from a database row at a fraction of the cost."""

    number: str
    text: str


@dataclass
class _Builder:
    weights: Mapping[str, int]
    reasons: list[Reason] = field(default_factory=list)

    def add(self, key: str, detail: str | int | None = None) -> None:
        points = int(self.weights.get(key, DEFAULT_WEIGHTS.get(key, 0)))
        if points:
            self.reasons.append(Reason(points, key, detail))


def merged_weights(overrides: Mapping[str, Any] | None) -> dict[str, int]:
    """The default weights with ``overrides`` applied. Raises ValueError for an unknown key or a non-number,
    so a typo in the configuration is noticed instead of silently ignored."""
    weights = dict(DEFAULT_WEIGHTS)
    for key, value in (overrides or {}).items():
        if key not in DEFAULT_WEIGHTS:
            raise ValueError(f"unknown triage weight {key!r}; known: {', '.join(sorted(DEFAULT_WEIGHTS))}")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"triage weight {key!r} must be a number, not {value!r}")
        weights[key] = int(value)
    return weights


def score_tip(
    text: str,
    how_known: str | None,
    has_contact: bool,
    has_attachment: bool,
    case_facts: CaseFacts | None = None,
    earlier_tips: Iterable[EarlierTip] = (),
    weights: Mapping[str, Any] | None = None,
) -> Score:
    """Score a tip and say why. ``how_known`` is the intake form's answer (first-hand answers such as
    ``"saw"`` count most); ``earlier_tips`` are recent tips on the same case. Raises ValueError for bad
    ``weights`` (see :func:`merged_weights`)."""
    weights = merged_weights(weights)
    builder = _Builder(weights)
    text = text or ""
    folded = _fold(text)
    words = _words(folded)

    if case_facts is not None:
        _case_reasons(builder, folded, words, case_facts)
    _detail_reasons(builder, text, folded, case_facts.names if case_facts else ())

    answer = (how_known or "").strip().lower()
    if answer in FIRST_HAND:
        builder.add("first_hand")
    elif answer in SECOND_HAND:
        builder.add("second_hand")
    if has_contact:
        builder.add("contact")
    if has_attachment:
        builder.add("attachment")

    duplicates = _near_duplicates(words, earlier_tips)
    if duplicates:
        builder.add("near_duplicate", ", ".join(duplicates))
    _spam_reasons(builder, text, words)

    base = weights["base"]
    value = max(0, min(100, base + sum(reason.points for reason in builder.reasons)))
    return Score(value, tuple(builder.reasons), base, tuple(duplicates))


def case_facts_from(case) -> CaseFacts:
    """Collect the facts of a loaded case (:class:`coldcase.cases.model.Case`, read by attribute only): the
    victim's name, the words of its place, its date and key dates, and its tags."""
    names = []
    victim = getattr(case, "victim", None)
    if victim is not None and getattr(victim, "name", None):
        names.append(victim.name)
    places = [part.strip() for part in re.split(r"[,;/()]", getattr(case, "place", "") or "") if part.strip()]
    dates: list[date] = []
    years: list[int] = []
    case_date = getattr(case, "date", None)
    if case_date is not None:
        years.append(case_date.year)
        if getattr(case_date, "day", None):
            dates.append(date(case_date.year, case_date.month, case_date.day))
    for key in getattr(case, "key_dates", ()) or ():
        dates.append(key.date)
    return CaseFacts(tuple(names), tuple(places), tuple(dates), tuple(years), tuple(getattr(case, "tags", ()) or ()))


# --- reasons --------------------------------------------------------------------------------------------------

_STOP_PLACE_WORDS = frozenset({"de", "het", "een", "van", "in", "the", "of", "aan", "bij", "op", "street", "near"})

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "maart": 3, "march": 3,
    "mrt": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7,
    "jul": 7, "augustus": 8, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}


def _case_reasons(builder: _Builder, folded: str, words: list[str], facts: CaseFacts) -> None:
    word_set = set(words)
    named = [name for name in facts.names if _mentions_name(folded, word_set, name)]
    if named:
        builder.add("victim_name", ", ".join(named))
    places = []
    for place in facts.places:
        place_words = [w for w in _words(_fold(place)) if len(w) > 2 and w not in _STOP_PLACE_WORDS]
        if place_words and _contains_phrase(folded, place_words):
            places.append(place)
        elif len(place_words) > 1:
            # "Stadsgracht, Amsterdam" is matched as a whole above; a street alone is worth as much.
            places.extend(word_original for word_original in _original_words(place)
                          if _fold(word_original) in word_set and len(word_original) > 3
                          and _fold(word_original) not in _STOP_PLACE_WORDS)
    if places:
        builder.add("case_place", ", ".join(dict.fromkeys(places)))
    mentioned = _dates_in(folded)
    matching = sorted({d for d in facts.dates if d in mentioned})
    years = sorted({y for y in facts.years if str(y) in word_set} - {d.year for d in matching})
    if matching or years:
        shown = [d.isoformat() for d in matching] + [str(y) for y in years]
        builder.add("case_date", ", ".join(shown))
    tags = [tag for tag in facts.tags if _contains_phrase(folded, _words(_fold(tag.replace("-", " "))))]
    if tags:
        builder.add("case_tag", ", ".join(tags))


_PERSON = re.compile(
    r"\b[A-Z][a-z\u00e0-\u00ff]{2,}(?:\s+(?:van|de|der|den|het|ter|ten|el|al|bin)){0,2}"
    r"\s+[A-Z][a-z\u00e0-\u00ff]{2,}\b"
)
# Capitalised pairs that are not people: sentence openers, days and months ("Last Friday", "Op Maandag").
_NOT_A_PERSON = frozenset({
    "the", "last", "on", "in", "at", "this", "that", "de", "het", "een", "op", "ik", "wij", "we", "hij", "zij",
    "vorige", "afgelopen", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "dear", "beste", "hello",
})
_TIME = re.compile(r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:uur|u|h|am|pm)?\b|\b\d{1,2}\s*uur\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WORD_DATE = re.compile(r"\b(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})\b")


def _plate_patterns(separator: str) -> re.Pattern:
    # Dutch licence plates since 1951 ("sidecodes"): three groups of letters (X) and digits (9). Both separators
    # must be the same: "IN 1994" is the words "in 1994", not a plate with one space and one missing dash.
    sidecodes = ["XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9", "9-XXX-99",
                 "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9"]
    parts = []
    for number, code in enumerate(sidecodes, start=1):
        first, second, third = (
            ("[A-Z]" if group[0] == "X" else r"\d") + f"{{{len(group)}}}" for group in code.split("-")
        )
        parts.append(f"{first}({separator}){second}\\{number}{third}")
    return re.compile(r"(?<![A-Z0-9-])(?:" + "|".join(parts) + r")(?![A-Z0-9-])")


# With dashes or no separator a plate is found in any case ("ab-12-cd"); with spaces only in capitals, or
# everyday words such as "er op 12" would be plates.
_PLATE = _plate_patterns("-?")
_SPACED_PLATE = _plate_patterns(" ")


def _plates(text: str) -> list[str]:
    found = [match.group(0) for match in _PLATE.finditer(text.upper())]
    found += [match.group(0) for match in _SPACED_PLATE.finditer(text)]
    # A plate has letters and digits, or "12-03-94" would be one.
    return [plate for plate in found if any(c.isdigit() for c in plate) and any(c.isalpha() for c in plate)]


def _detail_reasons(builder: _Builder, text: str, folded: str, case_names: Iterable[str]) -> None:
    plates = _plates(text)
    if plates:
        builder.add("licence_plate", ", ".join(dict.fromkeys(plates)))
    people = list(dict.fromkeys(
        match.group(0) for match in _PERSON.finditer(text)
        if _fold(match.group(0).split()[0]) not in _NOT_A_PERSON | set(_MONTHS)
    ))
    # The victim's name already counted as a fact of the case; another name is new detail.
    known = {_fold(name) for name in case_names}
    people = [person for person in people if _fold(person) not in known]
    if people:
        builder.add("person_name", ", ".join(people[:3]))
    if _dates_in(folded) or _TIME.search(text):
        builder.add("date_or_time")


_LINK = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|net|org|ru|xyz|info|biz|top)\b", re.IGNORECASE)
_REPEATS = re.compile(r"(.)\1{4,}")


def _spam_reasons(builder: _Builder, text: str, words: list[str]) -> None:
    if _LINK.search(text):
        builder.add("web_link")
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) >= CAPS_SHARE:
        builder.add("all_caps")
    if _REPEATS.search(text):
        builder.add("repeated_characters")
    if len(words) < SHORT_WORDS:
        builder.add("very_short", len(words))


# --- near-duplicates ----------------------------------------------------------------------------------------


def shingles(words: list[str], size: int = 3) -> set[tuple[str, ...]]:
    """The word ``size``-grams of a text (the words themselves for a text shorter than that)."""
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


class _ShingleMemo:
    """The word triples of texts already seen, so that a new tip is not made to fold and split the text of every
    earlier tip of its case again: at intake that was most of the score's cost (200 earlier tips per new tip).

    Keyed by the text itself, so an entry can never be stale: a tip whose text changes is looked up under its new
    text. Bounded by an estimate of the memory held (the text, and about :data:`SHINGLE_BYTES` per triple), not by
    a number of texts, since one text may hold 10,000 characters; least recently used texts go first. Per
    process, in memory only, and safe to share between threads.
    """

    #: Rough size of one word triple in memory (a tuple, its place in a set, a share of its word strings).
    SHINGLE_BYTES = 100

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, frozenset[tuple[str, ...]]] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()

    def _cost(self, text: str, found: frozenset) -> int:
        return len(text) + self.SHINGLE_BYTES * len(found)

    def get(self, text: str) -> frozenset[tuple[str, ...]]:
        """The word triples of ``text``, as :func:`shingles` of its folded words gives them."""
        with self._lock:
            found = self._entries.get(text)
            if found is not None:
                self._entries.move_to_end(text)
                return found
        found = frozenset(shingles(_words(_fold(text))))
        cost = self._cost(text, found)
        if cost > self.max_bytes // 8:
            return found  # too large a share of the budget for one text: not kept
        with self._lock:
            if text not in self._entries:
                self._entries[text] = found
                self._held += cost
                while self._held > self.max_bytes:
                    old_text, old = self._entries.popitem(last=False)
                    self._held -= self._cost(old_text, old)
        return found

    def __len__(self) -> int:
        return len(self._entries)


#: At most about 32 MB per process: the 200 earlier tips of dozens of busy cases at once.
_SHINGLE_MEMO = _ShingleMemo(max_bytes=32_000_000)


def similarity(first: str, second: str) -> float:
    """Jaccard similarity of two texts' word triples, from 0 (nothing shared) to 1 (the same words)."""
    return _jaccard(shingles(_words(_fold(first))), shingles(_words(_fold(second))))


def _jaccard(a: set | frozenset, b: set | frozenset) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    # |A or B| = |A| + |B| - |A and B|: the same value as len(a | b), without building the union.
    return shared / (len(a) + len(b) - shared)


def _near_duplicates(words: list[str], earlier_tips: Iterable[EarlierTip]) -> list[str]:
    mine = shingles(words)
    if not mine:
        return []
    found = []
    for tip in earlier_tips:
        if _jaccard(mine, _SHINGLE_MEMO.get(tip.text)) >= DUPLICATE_SIMILARITY:
            found.append(tip.number)
    return found


# --- text helpers ---------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case without accents, so "Mühle" matches "muhle" and "ÉÉN" matches "een"."""
    if text.isascii():
        # ASCII has no compatibility decompositions and no combining marks, and casefold() is lower() there.
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(folded: str) -> list[str]:
    return re.findall(r"\w+", folded)


def _original_words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _contains_phrase(folded: str, phrase_words: list[str]) -> bool:
    if not phrase_words:
        return False
    pattern = r"\b" + r"\W+".join(re.escape(w) for w in phrase_words) + r"\b"
    return re.search(pattern, folded) is not None


def _mentions_name(folded: str, word_set: set[str], name: str) -> bool:
    parts = [w for w in _words(_fold(name)) if w not in {"van", "de", "der", "den", "het", "ter", "ten"}]
    if not parts:
        return False
    if _contains_phrase(folded, _words(_fold(name))):
        return True
    # The surname alone ("de Vries" -> "vries") counts when it is not a common short word.
    surname = parts[-1]
    return len(surname) >= 4 and surname in word_set


def _dates_in(folded: str) -> set[date]:
    found: set[date] = set()

    def add(year: int, month: int, day: int) -> None:
        if year < 100:
            year += 1900 if year > 30 else 2000
        try:
            found.add(date(year, month, day))
        except ValueError:
            pass

    for day, month, year in _NUMERIC_DATE.findall(folded):
        add(int(year), int(month), int(day))
    for year, month, day in _ISO_DATE.findall(folded):
        add(int(year), int(month), int(day))
    for day, month_name, year in _WORD_DATE.findall(folded):
        if month_name in _MONTHS:
            add(int(year), _MONTHS[month_name], int(day))
    return found
