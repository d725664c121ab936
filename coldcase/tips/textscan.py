"""Reading a tip's text for the triage score: its words (with their place in the text), the phrases of the
lexicons, and the checkable specifics it gives (names, places, vehicles, plates, times, dates, phone numbers,
organisations). Pure: no Flask, no database.

Month and weekday names come from ``dateparser``'s language data for every language of the site, so "19 maart",
"19 de marzo", "19 марта", "19 marca" and "19 مارس" are all dates. ``dateparser``'s own search reads a tip in
about 150 ms, thirty times the scorer's budget, so only its word lists are used, with the patterns below.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from coldcase.tips import lexicons

SITE_LANGUAGES = ("nl", "en", "es", "ar", "ru", "pl")
#: Only this much of a tip is read (a tip may hold 10,000 characters; the point of a tip comes early).
MAX_SCANNED_CHARS = 4_000


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case without accents, so "Mühle" matches "muhle" and "ÉÉN" matches "een"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of ``text``."""
    return re.findall(r"\w+", fold(text))


def _month_and_day_names() -> tuple[dict[str, int], frozenset[str]]:
    from dateparser.languages.loader import default_loader

    months: dict[str, int] = {}
    days: set[str] = set()
    month_keys = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december"]
    for language in SITE_LANGUAGES:
        info = default_loader.get_locale(language).info
        for number, key in enumerate(month_keys, start=1):
            for name in info.get(key, ()):
                folded = fold(name).strip(".")
                if len(folded) >= 3 and folded.isalpha():
                    months.setdefault(folded, number)
        for key in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
            days.update(fold(name) for name in info.get(key, ()) if len(name) >= 3)
    # Short forms that are everyday words elsewhere ("mar" is the sea in Spanish, "may" a verb in English,
    # "mei" stays: it is only a month): a short name counts only with a day number or a year beside it.
    return months, frozenset(days)


MONTHS, WEEKDAYS = _month_and_day_names()


@dataclass(frozen=True)
class Token:
    """One word of a tip: as written, folded, and where it stands (character offsets in the text)."""

    text: str
    folded: str
    start: int
    end: int


@dataclass(frozen=True)
class Specific:
    """A checkable detail found in a tip: its ``kind`` (name, place, vehicle, plate, time, date, phone,
    organisation), the words as written, where they stand, and ``keys``: what is compared with the case."""

    kind: str
    text: str
    start: int
    end: int
    keys: tuple[str, ...] = ()
    day: date | None = None
    month_day: tuple[int, int] | None = None
    year: int | None = None
    month: int | None = None


class ScannedText:
    """A tip's text, read once: its tokens and a folded copy in which lexicon phrases are searched."""

    def __init__(self, text: str) -> None:
        self.text = text[:MAX_SCANNED_CHARS]
        self.tokens = [Token(m.group(0), fold(m.group(0)), m.start(), m.end())
                       for m in re.finditer(r"\w+", self.text)]
        # The folded words joined by single spaces; _offsets[i] is where token i starts in it.
        self.joined = " ".join(token.folded for token in self.tokens)
        self._offsets = []
        position = 0
        for token in self.tokens:
            self._offsets.append(position)
            position += len(token.folded) + 1

    @functools.cached_property
    def positions(self) -> dict[str, list[int]]:
        """For each folded word, the indexes of the tokens that hold it."""
        found: dict[str, list[int]] = {}
        for index, token in enumerate(self.tokens):
            found.setdefault(token.folded, []).append(index)
        return found

    def token_at(self, joined_position: int) -> int:
        """The index of the token that holds ``joined_position`` of :attr:`joined`."""
        return max(0, bisect.bisect_right(self._offsets, joined_position) - 1)

    def phrases(self, pattern: re.Pattern) -> list[tuple[int, int, str]]:
        """Where ``pattern`` (from :func:`phrase_pattern`) matches: (first token, last token, words found)."""
        found = []
        for match in pattern.finditer(self.joined):
            first, last = self.token_at(match.start()), self.token_at(match.end() - 1)
            found.append((first, last, match.group(0)))
        return found

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The character offsets in the text of tokens ``first`` to ``last``."""
        return self.tokens[first].start, self.tokens[last].end


@lru_cache(maxsize=64)
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """One regular expression for a lexicon's phrases, on folded words (``*`` at the end: any ending)."""
    parts = []
    for phrase in sorted({fold(p) for p in phrases}, key=len, reverse=True):
        open_end = phrase.endswith("*")
        body = r"\W+".join(re.escape(word) for word in re.findall(r"\w+", phrase.rstrip("*")))
        if body:
            parts.append(body + (r"\w*" if open_end else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


STOPWORDS = frozenset(word for block in lexicons.STOPWORDS.values() for word in words(block))
_PARTICLES = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "el", "al", "bin", "ben", "la", "le",
                        "von", "da", "di", "del", "abu"})
_STREET_END = tuple(fold(s) for s in lexicons.STREET_SUFFIXES)

# --- patterns ---------------------------------------------------------------------------------------------

_TIME = re.compile(
    r"(?<![\w:.])(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s*(?:uur|u|h|am|pm))?(?![\w:.])"
    r"|(?<!\w)(?:[01]?\d|2[0-3])\s*(?:uur|u\b|h\b|am\b|pm\b|o'clock|часов|часа|час\b)"
    r"|(?:a las|om|at|в|o godz\.?|o|الساعة)\s+(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?"
    r"(?:\s*(?:uur|h|u|pm|am|часов|часа)(?!\w)|(?=\W|$))",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"(?<![\w.:/-])(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?![\w/-]|\.\d)")
_ISO_DATE = re.compile(r"(?<![\w-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_YEAR = re.compile(r"(?<![\w.,-])(19[3-9]\d|20[0-4]\d)(?![\w.,-]|,\d)")
_DAY = r"(\d{1,2})(?:e|de|ste|th|st|nd|rd|\.|-го|го)?"


def _word_date_patterns() -> tuple[re.Pattern, re.Pattern]:
    names = "|".join(re.escape(name) for name in sorted(MONTHS, key=len, reverse=True))
    day_month = re.compile(rf"(?<!\w){_DAY}\s+(?:de\s+)?({names})\.?(?:\s+(?:de\s+|del\s+)?(\d{{4}}))?(?!\w)")
    month_day = re.compile(rf"(?<!\w)({names})\.?\s+{_DAY}(?:,?\s+(\d{{4}}))?(?!\w)")
    return day_month, month_day


_DAY_MONTH, _MONTH_DAY = _word_date_patterns()
_MONTH_YEAR = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(MONTHS, key=len, reverse=True))
                         + r")\.?\s+(?:de\s+|del\s+)?(\d{4})(?!\w)")


def _plate_patterns(separator: str) -> re.Pattern:
    # Dutch licence plates since 1951 ("sidecodes"); both separators the same, so "IN 1994" is not a plate.
    sidecodes = ["XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9", "9-XXX-99",
                 "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9"]
    parts = []
    for number, code in enumerate(sidecodes, start=1):
        first, second, third = (("[A-Z]" if group[0] == "X" else r"\d") + f"{{{len(group)}}}"
                                for group in code.split("-"))
        parts.append(f"{first}({separator}){second}\\{number}{third}")
    return re.compile(r"(?<![A-Z0-9-])(?:" + "|".join(parts) + r")(?![A-Z0-9-])")


_PLATE = _plate_patterns("-?")
_SPACED_PLATE = _plate_patterns(" ")
#: Plates of other countries: letters and digits in groups ("B 123 XYZ", "WA 12345", "А123ВС").
_FOREIGN_PLATE = re.compile(r"(?<![\w-])(?=[A-ZА-Я0-9 -]*\d)(?=[A-ZА-Я0-9 -]*[A-ZА-Я])[A-ZА-Я0-9]{1,4}"
                            r"[ -]?\d{2,5}[ -]?[A-ZА-Я]{1,3}(?![\w-])")


def _plates(text: str) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), m.group(0)) for m in _PLATE.finditer(text.upper())]
    found += [(m.start(), m.end(), m.group(0)) for m in _SPACED_PLATE.finditer(text)]
    found += [(m.start(), m.end(), m.group(0)) for m in _FOREIGN_PLATE.finditer(text)]
    unique = {}
    for start, end, plate in found:
        if any(c.isdigit() for c in plate) and any(c.isalpha() for c in plate):
            unique.setdefault(start, (start, end, plate))
    return sorted(unique.values())


_PHONE_CANDIDATE = re.compile(r"(?<![\w+])\+?\d[\d\s().-]{7,18}\d(?!\w)")
#: At most this many candidates are given to ``phonenumbers`` (each costs about 0.1 ms).
MAX_PHONE_CANDIDATES = 5


def _phones(text: str) -> list[tuple[int, int, str]]:
    """Phone numbers (Dutch, or international with a +/00 prefix) that ``phonenumbers`` finds valid. Only
    runs of digits that could be one are handed to it: its matcher reads a whole long text slowly."""
    candidates = [m for m in _PHONE_CANDIDATE.finditer(text) if sum(c.isdigit() for c in m.group(0)) >= 9]
    if not candidates:
        return []
    import phonenumbers

    found = []
    for candidate in candidates[:MAX_PHONE_CANDIDATES]:
        for match in phonenumbers.PhoneNumberMatcher(candidate.group(0), "NL",
                                                     leniency=phonenumbers.Leniency.VALID, max_tries=3):
            start = candidate.start() + match.start
            found.append((start, start + len(match.raw_string), match.raw_string))
    return found


def _real_date(year: int | None, month: int, day: int | None) -> date | None:
    if year is None or day is None:
        return None
    if year < 100:
        year += 1900 if year > 30 else 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates(text: str) -> list[Specific]:
    """Dates in ``text`` in any site language: 19-03-2016, 2016-03-19, 19 maart 2016, March 19, 19 de marzo,
    19 марта 2016, maart 2016. A date without a year keeps its month and day."""
    folded = fold(text)
    found: dict[int, Specific] = {}

    def add(match: re.Match, year, month, day) -> None:
        if match.start() in found:
            return
        full = _real_date(int(year) if year else None, month, int(day) if day else None)
        month_day = (month, int(day)) if day and 1 <= int(day) <= 31 else None
        if full is None and month_day is None and not year:
            return
        found[match.start()] = Specific("date", match.group(0), match.start(), match.end(), (), full, month_day,
                                        int(year) if year and len(year) == 4 else None, month)

    for match in _ISO_DATE.finditer(folded):
        add(match, match.group(1), int(match.group(2)), match.group(3))
    for match in _NUMERIC_DATE.finditer(folded):
        if 1 <= int(match.group(2)) <= 12:
            add(match, match.group(3), int(match.group(2)), match.group(1))
    for match in _DAY_MONTH.finditer(folded):
        add(match, match.group(3), MONTHS[match.group(2)], match.group(1))
    for match in _MONTH_DAY.finditer(folded):
        add(match, match.group(3), MONTHS[match.group(1)], match.group(2))
    for match in _MONTH_YEAR.finditer(folded):
        if not any(s.start <= match.start() < s.end for s in found.values()):
            add(match, match.group(2), MONTHS[match.group(1)], None)
    # ``folded`` may be longer than ``text`` (ß -> ss); offsets then only serve to highlight, so clamp them.
    return [Specific(s.kind, text[s.start:s.end] or s.text, s.start, min(s.end, len(text)), s.keys, s.day,
                     s.month_day, s.year, s.month) for s in found.values()]


def years(text: str) -> list[int]:
    """Four-digit years (1930-2049) that stand alone in ``text``."""
    return [int(y) for y in _YEAR.findall(text)]


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\"'«„(¿¡")
    return not before or before[-1] in ".!?\n:;"


def names(scanned: ScannedText, skip: frozenset[str]) -> list[Specific]:
    """Names: runs of capitalised words that are not the first word of a sentence (unless the run has more
    than one word), and the word after a marker such as "genaamd" or "зовут". ``skip`` are folded words
    that are never names (months, vehicles ...)."""
    tokens = scanned.tokens
    found: list[Specific] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not _capitalised(token.text) or token.folded in STOPWORDS or token.folded in skip:
            index += 1
            continue
        last = index
        while last + 1 < len(tokens):
            following = tokens[last + 1]
            if _capitalised(following.text) and following.folded not in skip and following.folded not in STOPWORDS:
                last += 1
            elif (following.folded in _PARTICLES and last + 2 < len(tokens) and _capitalised(tokens[last + 2].text)
                  and scanned.text[tokens[last].end:tokens[last + 2].start].count("\n") == 0):
                last += 2
            else:
                break
        run = tokens[index:last + 1]
        if len(run) > 1 or not _sentence_start(scanned.text, token.start):
            found.append(_name(scanned, index, last))
        index = last + 1
    for _first, last, _words in scanned.phrases(phrase_pattern(lexicons.NAME_MARKERS)):
        after = last + 1
        if after < len(tokens) and tokens[after].folded not in STOPWORDS and not tokens[after].folded.isdigit():
            if not any(s.start <= tokens[after].start < s.end for s in found):
                found.append(_name(scanned, after, after))
    return found


def _capitalised(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and not word.isupper() and not word[0].isdigit()


def _name(scanned: ScannedText, first: int, last: int) -> Specific:
    run = scanned.tokens[first:last + 1]
    start, end = scanned.span(first, last)
    keys = tuple(token.folded for token in run if token.folded not in _PARTICLES)
    kind = "place" if any(key.endswith(_STREET_END) and len(key) > 5 for key in keys) else "name"
    return Specific(kind, scanned.text[start:end], start, end, keys)


def lexicon_specifics(scanned: ScannedText, kind: str, phrases: tuple[str, ...]) -> list[Specific]:
    """Every place where a phrase of ``phrases`` stands, as a specific of ``kind``."""
    found = []
    for first, last, matched in scanned.phrases(phrase_pattern(phrases)):
        start, end = scanned.span(first, last)
        found.append(Specific(kind, scanned.text[start:end], start, end, tuple(matched.split())))
    return found


def pattern_specifics(text: str) -> list[Specific]:
    """Plates, times and phone numbers (compared with the case by their digits and letters)."""
    found = []
    for start, end, plate in _plates(text):
        found.append(Specific("plate", plate, start, end, (re.sub(r"\W", "", fold(plate)),)))
    for match in _TIME.finditer(text):
        found.append(Specific("time", match.group(0), match.start(), match.end(),
                              (re.sub(r"\D", "", match.group(0)),)))
    for start, end, raw in _phones(text):
        found.append(Specific("phone", raw, start, end, (re.sub(r"\D", "", raw),)))
    return found
