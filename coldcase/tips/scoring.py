"""The triage score: how much a tip adds to what the case already published, from 0 to 100, with the reasons.

Pure: no Flask, no database. The caller passes in everything the score depends on: the case's published facts
(:func:`coldcase.tips.published.published_facts_from_case`), its held-back facts and earlier tips on the case,
so intake, ``coldcase tips rescore``, ``coldcase tips score`` and the tests all get the same answer.

Investigators judge a tip by what it adds: names, places, vehicles, plates, times, dates, phone numbers and
organisations that the case page does not already say, first-hand detail, knowledge that was never published
(a held-back fact), and a way to ask more. Restating the published facts earns nothing and says so. Every point
added or taken away comes with a reason: a stable code and what was found (``Reason(10, "new_place",
"Kerkstraat")``), "+10 names a place the case does not mention: Kerkstraat" in English; the staff pages
translate it by its code (:mod:`coldcase.review.reasons`). The score is the starting value plus those points,
kept within 0-100.

The score only orders the queue. It is a first guess made without reading, never a judgement of the tipster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coldcase.tips import lexicons, textscan
from coldcase.tips.duplicates import EarlierTip, near_duplicates
from coldcase.tips.published import HeldBackFact, PublishedFacts
from coldcase.tips.signals import held_back_mentions, text_signals

__all__ = ["DEFAULT_WEIGHTS", "EarlierTip", "HeldBackFact", "Reason", "Score", "merged_weights", "score_tip"]

#: Points for each reason. A unit's fitted weights (``coldcase tips fit-weights --apply``) and the
#: ``TRIAGE_WEIGHTS`` setting override them; then ``coldcase tips rescore`` makes stored scores follow.
DEFAULT_WEIGHTS: dict[str, int] = {
    "base": 30,
    "held_back": 40,
    "new_name": 12,
    "new_place": 10,
    "new_vehicle": 8,
    "licence_plate": 12,
    "new_time": 6,
    "new_date": 5,
    "phone_number": 8,
    "organisation": 6,
    "relation": 6,
    "many_specifics": 8,
    "first_hand": 8,
    "first_hand_text": 6,
    "second_hand": 2,
    "hearsay_text": 3,
    "admission": 8,
    "motive": 6,
    "contact": 10,
    "attachment": 5,
    "restatement": -15,
    "nothing_new": -10,
    "near_duplicate": -20,
    "speculation": -10,
    "dream_or_psychic": -20,
    "reward_only": -10,
    "complaint": -10,
    "greeting_only": -15,
    "advertising": -20,
    "web_link": -15,
    "all_caps": -5,
    "repeated_characters": -5,
    "very_short": -15,
}

#: The English sentence of each reason, its detail as ``{detail}``. For logs and the command line; the staff
#: pages translate reasons by code (:mod:`coldcase.review.reasons`).
REASON_TEXTS: dict[str, str] = {
    "held_back": "mentions a held-back fact: {detail}",
    "new_name": "names someone or something the case does not mention: {detail}",
    "new_place": "names a place the case does not mention: {detail}",
    "new_vehicle": "describes a vehicle: {detail}",
    "licence_plate": "gives a licence plate: {detail}",
    "new_time": "gives a time of day: {detail}",
    "new_date": "gives a date the case does not mention: {detail}",
    "phone_number": "gives a phone number",
    "organisation": "names a firm, bar or place of work: {detail}",
    "relation": "points to someone the tipster knows: {detail}",
    "many_specifics": "several new details that can be checked ({detail})",
    "first_hand": "first-hand knowledge",
    "first_hand_text": "writes as a witness: {detail}",
    "second_hand": "heard it from someone else",
    "hearsay_text": "passes on what someone told: {detail}",
    "admission": "tells of an admission or a hiding place: {detail}",
    "motive": "tells of a motive (a quarrel, a debt, jealousy, a threat): {detail}",
    "contact": "the tipster can be contacted",
    "attachment": "comes with an attachment",
    "restatement": "repeats the published facts: {detail}% of its words",
    "nothing_new": "names nothing the case does not already say",
    "near_duplicate": "nearly the same as tip {detail}",
    "speculation": "speculates without specifics: {detail}",
    "dream_or_psychic": "a dream, a psychic or a vision: {detail}",
    "reward_only": "about the reward, without information",
    "complaint": "a complaint, not information: {detail}",
    "greeting_only": "only a greeting or a test",
    "advertising": "an advertisement: {detail}",
    "web_link": "contains a web link (often spam)",
    "all_caps": "written in capitals",
    "repeated_characters": "keyboard noise or repeated characters",
    "very_short": "very short ({detail} words)",
}

#: Fewer words than this, and a tip is "very short".
SHORT_WORDS = 8
#: Share of capital letters (among at least 20 letters) that makes a tip "shouting".
CAPS_SHARE = 0.7
#: Share of a tip's own words that the case published, above which the tip "repeats the published facts".
RESTATEMENT_SHARE = 0.5
#: A tip needs this many content words before its share of restatement means anything.
RESTATEMENT_MIN_WORDS = 4
#: This many different new details make "several new details".
MANY_SPECIFICS = 3
#: At most this many details are named in one reason.
SHOWN_DETAILS = 3

FIRST_HAND = frozenset({"saw", "saw_myself", "self", "first_hand", "myself", "witness"})
SECOND_HAND = frozenset({"heard", "heard_from_someone", "second_hand", "hearsay"})

#: Kinds of specific and the reason each earns when the case does not mention it.
SPECIFIC_REASONS = {"name": "new_name", "place": "new_place", "vehicle": "new_vehicle", "plate": "licence_plate",
                    "time": "new_time", "date": "new_date", "phone": "phone_number",
                    "organisation": "organisation", "relation": "relation"}


@dataclass(frozen=True)
class Reason:
    """One signed contribution to a score: a stable ``code`` (a key of the weights) and its ``detail`` (what
    was found; None when there is nothing to add). ``text`` is the English sentence."""

    points: int
    code: str
    detail: str | int | None = None

    @property
    def text(self) -> str:
        """The reason as an English sentence ("names a place the case does not mention: Kerkstraat")."""
        if self.code == "very_short" and self.detail == 1:
            return "very short (1 word)"
        template = REASON_TEXTS.get(self.code, self.code + ": {detail}")
        return template.format(detail="" if self.detail is None else self.detail)

    def __str__(self) -> str:
        return f"{self.points:+d} {self.text}"

    def as_stored(self) -> list:
        """The reason as ``[points, code, detail]``, the form stored with a tip (JSON)."""
        return [self.points, self.code, self.detail]


@dataclass(frozen=True)
class Highlight:
    """Words of the tip that the score counted: ``kind`` is ``new``, ``published`` or ``held_back``."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Score:
    """A triage score: ``value`` is ``base`` plus the reasons' points, kept within 0-100."""

    value: int
    reasons: tuple[Reason, ...]
    base: int = 0
    #: Numbers of earlier tips this one nearly repeats.
    duplicates: tuple[str, ...] = ()
    #: Every reason code that applied, whatever its weight (``fit-weights`` learns from these).
    features: frozenset[str] = frozenset()
    highlights: tuple[Highlight, ...] = ()

    @property
    def score(self) -> int:
        """The value, under the name intake's hook reads."""
        return self.value

    def reasons_as_stored(self) -> list[list]:
        """The reasons in the stored form, ``[[points, code, detail], ...]``."""
        return [reason.as_stored() for reason in self.reasons]

    def as_json(self) -> dict:
        """``{"score": 62, "reasons": [[points, code, detail], ...]}``, as ``coldcase tips score`` prints it."""
        return {"score": self.value, "reasons": self.reasons_as_stored()}


@dataclass
class _Builder:
    weights: Mapping[str, int]
    reasons: list[Reason] = field(default_factory=list)
    features: set[str] = field(default_factory=set)

    def add(self, key: str, detail: str | int | None = None) -> None:
        self.features.add(key)
        points = int(self.weights.get(key, DEFAULT_WEIGHTS.get(key, 0)))
        if points:
            self.reasons.append(Reason(points, key, detail))


def merged_weights(*overrides: Mapping[str, Any] | None) -> dict[str, int]:
    """The default weights with each of ``overrides`` applied in turn. Raises ValueError for an unknown key or
    a non-number, so a typo in the configuration is noticed instead of silently ignored."""
    weights = dict(DEFAULT_WEIGHTS)
    for override in overrides:
        for key, value in (override or {}).items():
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
    published: PublishedFacts | None = None,
    held_back: Iterable[HeldBackFact] = (),
    earlier_tips: Iterable[EarlierTip] = (),
    weights: Mapping[str, Any] | None = None,
) -> Score:
    """Score a tip and say why. ``published`` is what its case told the public (None for a general tip),
    ``held_back`` the case's facts that were never published, ``earlier_tips`` recent tips on the same case;
    ``how_known`` is the form's answer (``saw``, ``heard``, ``other``). Raises ValueError for bad ``weights``."""
    weights = merged_weights(weights)
    builder = _Builder(weights)
    text = text or ""
    scanned = textscan.ScannedText(text)
    highlights: list[Highlight] = []

    mentioned = held_back_mentions(scanned, tuple(held_back))
    if mentioned:
        builder.add("held_back", ", ".join(dict.fromkeys(fact.ref for fact, _ in mentioned)))
        highlights += [Highlight(start, end, "held_back") for _, (start, end) in mentioned]

    new = _new_specifics(scanned, published, highlights)
    for kind, reason in SPECIFIC_REASONS.items():
        found = [specific.text for specific in new if specific.kind == kind]
        if found:
            builder.add(reason, None if kind == "phone" else ", ".join(list(dict.fromkeys(found))[:SHOWN_DETAILS]))
    distinct = {textscan.fold(specific.text) for specific in new}
    if len(distinct) >= MANY_SPECIFICS:
        builder.add("many_specifics", len(distinct))

    content = [t for t in scanned.tokens if t.folded not in textscan.STOPWORDS and len(t.folded) > 2]
    _restatement(builder, content, published, highlights, new, mentioned)

    answer = (how_known or "").strip().lower()
    if answer in FIRST_HAND:
        builder.add("first_hand")
    elif answer in SECOND_HAND:
        builder.add("second_hand")
    if has_contact:
        builder.add("contact")
    if has_attachment:
        builder.add("attachment")

    for code, detail in text_signals(scanned, has_specifics=bool(new or mentioned), content_words=len(content)):
        builder.add(code, detail)
    # Repeats are judged on the whole text (earlier tips are remembered whole), the rest on its first part.
    words = textscan.words(text)
    duplicates = near_duplicates(words, earlier_tips)
    if duplicates:
        builder.add("near_duplicate", ", ".join(duplicates))
    _form_reasons(builder, text, words)

    base = weights["base"]
    value = max(0, min(100, base + sum(reason.points for reason in builder.reasons)))
    return Score(value, tuple(builder.reasons), base, tuple(duplicates), frozenset(builder.features),
                 tuple(sorted(highlights, key=lambda h: (h.start, h.end))))


def _specifics(scanned: textscan.ScannedText) -> list[textscan.Specific]:
    found = textscan.pattern_specifics(scanned.text) + textscan.dates(scanned.text)
    taken = [(s.start, s.end) for s in found]
    found += [s for s in textscan.lexicon_specifics(scanned, "vehicle", lexicons.VEHICLES)
              + textscan.lexicon_specifics(scanned, "place", lexicons.STREET_WORDS)
              + textscan.lexicon_specifics(scanned, "organisation", lexicons.ORGANISATION_WORDS)
              + textscan.lexicon_specifics(scanned, "relation", lexicons.RELATIONS)
              # A word that is a function word in another language is not a vehicle ("van": of, in Dutch).
              if not _overlaps(s, taken) and not (len(s.keys) == 1 and s.keys[0] in textscan.STOPWORDS)]
    taken = [(s.start, s.end) for s in found]
    found += [s for s in textscan.names(scanned, _NOT_NAMES) if not _overlaps(s, taken)]
    return found


_NOT_NAMES = frozenset(textscan.MONTHS) | textscan.WEEKDAYS | frozenset(
    textscan.fold(word).rstrip("*") for word in lexicons.VEHICLES[:40]) | frozenset(
    word for phrase in lexicons.NOT_NAMES for word in textscan.words(phrase))


def _overlaps(specific: textscan.Specific, taken: list[tuple[int, int]]) -> bool:
    return any(start < specific.end and specific.start < end for start, end in taken)


def _is_published(specific: textscan.Specific, published: PublishedFacts | None) -> bool:
    if published is None:
        return False
    if specific.kind == "relation":
        # "mijn zus" is the tipster's own sister: never the victim's "zus" that the case page speaks of.
        return False
    if specific.kind == "date":
        return published.has_date(specific)
    if specific.kind in ("plate", "time", "phone"):
        return bool(specific.keys) and specific.keys[0] in published.numbers
    keys = [key for key in specific.keys if key not in textscan.STOPWORDS] or list(specific.keys)
    return bool(keys) and all(published.has_word(key) for key in keys)


def _new_specifics(scanned, published, highlights: list[Highlight]) -> list[textscan.Specific]:
    new = []
    for specific in _specifics(scanned):
        if _is_published(specific, published):
            highlights.append(Highlight(specific.start, specific.end, "published"))
        else:
            new.append(specific)
            highlights.append(Highlight(specific.start, specific.end, "new"))
    return new


def _restatement(builder, content, published, highlights, new, mentioned) -> None:
    if published is None:
        if not new and not mentioned and content:
            builder.add("nothing_new")
        return
    unique: dict[str, textscan.Token] = {}
    for token in content:
        unique.setdefault(token.folded, token)
    repeated = [token for token in unique.values() if published.has_word(token.folded)]
    repeated_words = {token.folded for token in repeated}
    counted = set()
    for highlight in highlights:
        counted.update(range(highlight.start, highlight.end))
    highlights.extend(Highlight(token.start, token.end, "published") for token in content
                      if token.folded in repeated_words and token.start not in counted)
    share = len(repeated) / len(unique) if unique else 0.0
    if len(unique) >= RESTATEMENT_MIN_WORDS and share >= RESTATEMENT_SHARE:
        builder.add("restatement", round(100 * share))
    if not new and not mentioned and content:
        builder.add("nothing_new")


_LINK = re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|net|org|ru|xyz|info|biz|top|nl|io)\b/?", re.IGNORECASE)
_REPEATS = re.compile(r"(.)\1{4,}|(?:asdf|qwer|zxcv|jkl;|йцук|фыва)", re.IGNORECASE)


def _form_reasons(builder: _Builder, text: str, words: list[str]) -> None:
    if _LINK.search(text[:textscan.MAX_SCANNED_CHARS]):
        builder.add("web_link")
    letters = [c for c in text[:textscan.MAX_SCANNED_CHARS] if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) >= CAPS_SHARE:
        builder.add("all_caps")
    if _REPEATS.search(text[:textscan.MAX_SCANNED_CHARS]) or _one_word_repeated(words):
        builder.add("repeated_characters")
    if len(words) < SHORT_WORDS:
        builder.add("very_short", len(words))


def _one_word_repeated(words: list[str]) -> bool:
    """Ten thousand times the same word is noise, not emphasis."""
    return len(words) >= 30 and len(set(words)) <= len(words) // 10
