"""Near-duplicates: a tip that says nearly what an earlier tip on the same case said. Pure: no Flask, no database.

Two texts are compared by their word triples (Jaccard similarity).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import NamedTuple

from coldcase.tips.textscan import words as _folded_words

#: Two tips whose word triples overlap at least this much (Jaccard) are near-duplicates.
DUPLICATE_SIMILARITY = 0.6


class EarlierTip(NamedTuple):
    """An earlier tip on the same case, for spotting repeats. A named tuple rather than a dataclass: intake makes
    200 of them per new tip, and a tuple is made from a database row at a fraction of the cost."""

    number: str
    text: str


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
        found = frozenset(shingles(_folded_words(text)))
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
    return _jaccard(shingles(_folded_words(first)), shingles(_folded_words(second)))


def _jaccard(a: set | frozenset, b: set | frozenset) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    # |A or B| = |A| + |B| - |A and B|: the same value as len(a | b), without building the union.
    return shared / (len(a) + len(b) - shared)


def near_duplicates(words: list[str], earlier_tips: Iterable[EarlierTip]) -> list[str]:
    """The numbers of the earlier tips that ``words`` (a tip's folded words) nearly repeat."""
    mine = shingles(words)
    if not mine:
        return []
    found = []
    for tip in earlier_tips:
        if _jaccard(mine, _SHINGLE_MEMO.get(tip.text)) >= DUPLICATE_SIMILARITY:
            found.append(tip.number)
    return found
