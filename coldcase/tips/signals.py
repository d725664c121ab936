"""Signs in a tip's wording, in every language of the site: held-back facts it mentions, how the tipster knows
(a witness, hearsay, an admission, a motive), and weak signals (speculation, dreams and psychics, the reward, complaints,
greetings). Pure: no Flask, no database. The words themselves are in :mod:`coldcase.tips.lexicons`.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from coldcase.tips import lexicons, textscan
from coldcase.tips.published import FUZZY_MIN_LENGTH, HeldBackFact

#: A held-back fact's words count together when they stand at most this many words apart ("a scarf, yellow").
HELD_BACK_WINDOW = 6
#: "Only a greeting": a tip with fewer content words than this and a greeting in it.
GREETING_WORDS = 6

#: Signals that say something only when the tip names nothing new: a guess with a plate in it is still a lead,
#: and a question about the reward that comes with a name is a tip.
_WITHOUT_SPECIFICS = ("speculation", "reward_only")


def text_signals(scanned: textscan.ScannedText, has_specifics: bool, content_words: int) -> list[tuple[str, str]]:
    """The wording's reasons as ``(code, detail)``: the phrase found, as the tipster wrote it."""
    found: list[tuple[str, str]] = []
    for code, phrases in (("first_hand_text", lexicons.FIRST_HAND_PHRASES),
                          ("hearsay_text", lexicons.SECOND_HAND_PHRASES),
                          ("admission", lexicons.ADMISSION_PHRASES),
                          ("motive", lexicons.MOTIVE_PHRASES)):
        hit = _first(scanned, phrases)
        if hit:
            found.append((code, hit))
    for code, phrases in lexicons.WEAK_SIGNALS.items():
        if code in _WITHOUT_SPECIFICS and has_specifics:
            continue
        if code == "greeting_only" and content_words >= GREETING_WORDS:
            continue
        hit = _first(scanned, phrases)
        if code == "reward_only" and not hit:
            hit = _money_demanded(scanned)
        if hit:
            found.append((code, None if code in ("reward_only", "greeting_only") else hit))
    if any(code == "speculation" for code, _ in found):
        # "Misschien een afrekening": a guessed motive is speculation, not a motive someone reported.
        found = [(code, detail) for code, detail in found if code != "motive"]
    return found


def _money_demanded(scanned: textscan.ScannedText) -> str | None:
    """Money asked for ("eerst wil ik geld zien", "how much money"): reward talk. Money alone is not: a quarrel
    about money or a debt is a motive, and that is information."""
    money = _first(scanned, lexicons.MONEY_WORDS)
    return money if money and _first(scanned, lexicons.DEMAND_WORDS) else None


def _first(scanned: textscan.ScannedText, phrases: tuple[str, ...]) -> str | None:
    for first, last, _matched in scanned.phrases(textscan.phrase_pattern(phrases)):
        start, end = scanned.span(first, last)
        return scanned.text[start:end]
    return None


def held_back_mentions(scanned: textscan.ScannedText,
                       facts: tuple[HeldBackFact, ...]) -> list[tuple[HeldBackFact, tuple[int, int]]]:
    """The held-back facts the tip mentions, each with where (character offsets) its words stand. A term
    matches when all its words stand within :data:`HELD_BACK_WINDOW` words of each other, each word also
    inflected or slightly misspelt ("gele sjaaltje", "yelow scarf")."""
    found = []
    for fact in facts:
        for term in fact.terms:
            where = _term_at(scanned, [w for w in textscan.words(term) if w not in textscan.STOPWORDS])
            if where is not None:
                found.append((fact, where))
                break
    return found


def _term_at(scanned: textscan.ScannedText, term_words: list[str]) -> tuple[int, int] | None:
    if not term_words:
        return None
    positions = [_positions(scanned, word) for word in term_words]
    if not all(positions):
        return None
    for anchor in positions[0]:
        chosen = [anchor]
        for others in positions[1:]:
            near = [i for i in others if abs(i - anchor) <= HELD_BACK_WINDOW]
            if not near:
                break
            chosen.append(near[0])
        else:
            return scanned.span(min(chosen), max(chosen))
    return None


def _positions(scanned: textscan.ScannedText, wanted: str) -> list[int]:
    """Where ``wanted`` stands in the tip: as written, with an ending ("sjaaltje", "шарфом") or with one slip of
    the keyboard ("yelow")."""
    found = list(scanned.positions.get(wanted, ()))
    if len(wanted) < FUZZY_MIN_LENGTH - 1:
        return found
    stem = wanted[:-1]
    for word, indexes in scanned.positions.items():
        if word != wanted and len(word) >= len(stem) and (
                (word.startswith(stem) and len(word) - len(wanted) <= 4)
                or (abs(len(word) - len(wanted)) <= 1 and Levenshtein.distance(word, wanted, score_cutoff=1) <= 1)):
            found.extend(indexes)
    return sorted(found)
