"""What a case has already told the public, in every language, so that the triage score can tell a tip's new
information from a restatement. Pure: reads a loaded case by attribute only, no Flask, no database.

A word of a tip counts as published when the case's texts hold it, also slightly misspelt ("Gooimer") or
inflected ("Yvonnes", "марта"): tipsters type in a hurry, and a parrot is not new because it cannot spell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from coldcase.tips import textscan

#: Two words this similar (rapidfuzz ratio, 0-100) are the same word misspelt.
FUZZY_SIMILARITY = 84
#: Words shorter than this are only matched exactly (short words differ by one letter: "man", "mal").
FUZZY_MIN_LENGTH = 5
#: At most this many remembered answers per case (a tip with 10,000 different words must not grow it forever).
_MEMO_LIMIT = 20_000


@dataclass(frozen=True)
class HeldBackFact:
    """A fact of a case that was never published. ``ref`` is what a stored reason names (``"#12"``), never the
    fact itself; ``terms`` are the words or phrases that mention it, in any language ("yellow scarf",
    "gele sjaal")."""

    ref: str
    label: str
    terms: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class PublishedFacts:
    """The folded words, dates and digits of everything a case published."""

    words: frozenset[str]
    dates: frozenset[date] = frozenset()
    month_days: frozenset[tuple[int, int]] = frozenset()
    years: frozenset[int] = frozenset()
    #: Every run of digits in the published texts, for plates, times and phone numbers.
    numbers: frozenset[str] = frozenset()
    _vocabulary: tuple[str, ...] = ()
    _memo: dict = field(default_factory=dict, repr=False)

    def has_word(self, folded: str) -> bool:
        """True when the case published ``folded`` (a folded word), allowing for typing errors and endings."""
        if folded in self.words:
            return True
        if len(folded) < FUZZY_MIN_LENGTH or folded.isdigit():
            return False
        known = self._memo.get(folded)
        if known is None:
            known = self._similar(folded)
            if len(self._memo) < _MEMO_LIMIT:
                self._memo[folded] = known
        return known

    def _similar(self, folded: str) -> bool:
        stem = folded[:max(FUZZY_MIN_LENGTH - 1, len(folded) - 3)]
        if any(word.startswith(stem) and abs(len(word) - len(folded)) <= 3 for word in self._stems(stem)):
            return True
        return process.extractOne(folded, self._vocabulary, scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_SIMILARITY) is not None

    def _stems(self, stem: str) -> list[str]:
        # The vocabulary is sorted: the words that start with ``stem`` stand together.
        import bisect

        start = bisect.bisect_left(self._vocabulary, stem)
        found = []
        for word in self._vocabulary[start:start + 50]:
            if not word.startswith(stem):
                break
            found.append(word)
        return found

    def has_date(self, specific: textscan.Specific) -> bool:
        """True when a date of the tip is one the case published (or a month and day of one, without a year)."""
        if specific.day is not None:
            return specific.day in self.dates or (specific.day.month, specific.day.day) in self.month_days
        if specific.month_day is not None:
            return specific.month_day in self.month_days
        if specific.month is not None and specific.year is not None:
            return any((d.year, d.month) == (specific.year, specific.month) for d in self.dates)
        return specific.year in self.years


def published_facts(texts: Iterable[str], dates: Iterable[date] = (), years: Iterable[int] = ()) -> PublishedFacts:
    """The published facts of ``texts`` (every field of a case, in every language) and its known dates."""
    all_words: set[str] = set()
    all_dates = set(dates)
    all_years = set(years)
    numbers: set[str] = set()
    for text in texts:
        if not text:
            continue
        all_words.update(textscan.words(text))
        numbers.update(re.findall(r"\d+", text))
        for found in textscan.dates(text):
            if found.day is not None:
                all_dates.add(found.day)
            if found.year:
                all_years.add(found.year)
        all_years.update(textscan.years(text))
    all_words -= textscan.STOPWORDS
    month_days = {(d.month, d.day) for d in all_dates}
    all_years |= {d.year for d in all_dates}
    vocabulary = tuple(sorted(w for w in all_words if len(w) >= FUZZY_MIN_LENGTH - 1 and not w.isdigit()))
    numbers |= {str(y) for y in all_years}
    return PublishedFacts(frozenset(all_words), frozenset(all_dates), frozenset(month_days), frozenset(all_years),
                          frozenset(numbers), vocabulary)


@lru_cache(maxsize=256)
def published_facts_from_case(case) -> PublishedFacts:
    """Everything a loaded case (:class:`coldcase.cases.model.Case`) shows the public, in every language: title,
    victim, place, summary, question, story, key dates and their labels, captions, tags, unit and reference.
    Cached per case object (a reloaded library makes new objects)."""
    texts: list[str] = []
    victim = getattr(case, "victim", None)
    texts.append(getattr(victim, "name", "") or "")
    for name in ("title", "place", "summary", "question", "body_markdown", "unit", "reference"):
        texts.append(str(getattr(case, name, "") or ""))
    texts.extend(str(tag).replace("-", " ") for tag in getattr(case, "tags", ()) or ())
    known_dates: list[date] = []
    for key in getattr(case, "key_dates", ()) or ():
        known_dates.append(key.date)
        texts.append(key.label)
    for photo in getattr(case, "photos", ()) or ():
        texts.extend([photo.caption or "", photo.credit or ""])
    for translation in (getattr(case, "translations", {}) or {}).values():
        texts.extend([translation.title or "", translation.place or "", translation.summary or "",
                      translation.question or "", translation.body_markdown or ""])
        texts.extend(translation.key_date_labels.values())
        texts.extend(caption or "" for caption in translation.photo_captions)
    case_date = getattr(case, "date", None)
    case_years = []
    if case_date is not None:
        case_years.append(case_date.year)
        if getattr(case_date, "day", None):
            known_dates.append(date(case_date.year, case_date.month, case_date.day))
    if getattr(case, "reward", None):
        texts.append(str(case.reward))
    return published_facts(texts, known_dates, case_years)
