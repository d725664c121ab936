"""The statistics of the yield figures: pure functions of counts, no Flask, no database.

Every function takes counts that SQL aggregated (never the tips themselves) and returns numbers or ``None``
where the data cannot carry a figure; the pages and the report say why in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scipy.special import betaincinv

#: Below this many tips about a case (in and outside its featured window together) no uplift is given.
MIN_UPLIFT_TIPS = 10
#: Below this many graded tips (with a score) no AUC, Brier score or calibration is given.
MIN_GRADED_TIPS = 30
#: The score bands of the calibration table: 0-19, 20-39, ... 80-100.
SCORE_BANDS = ((0, 19), (20, 39), (40, 59), (60, 79), (80, 100))


def per_thousand(count: int, copies: int | None) -> float | None:
    """``count`` per 1,000 copies, or ``None`` when there is no copy count (or it is 0)."""
    if not copies:
        return None
    return count * 1000 / copies


def share(part: int, whole: int) -> float | None:
    """``part`` as a fraction of ``whole`` (0-1), or ``None`` when ``whole`` is 0."""
    return part / whole if whole else None


@dataclass(frozen=True)
class RateRatio:
    """A rate ratio with its exact 95% interval; ``ratio`` is ``None`` when the data are too thin to say."""

    inside: int
    outside: int
    inside_weeks: float
    outside_weeks: float
    ratio: float | None
    low: float | None
    high: float | None

    @property
    def enough(self) -> bool:
        """True when there were enough tips to give a ratio."""
        return self.ratio is not None


def rate_ratio(inside: int, inside_weeks: float, outside: int, outside_weeks: float,
               minimum: int = MIN_UPLIFT_TIPS, confidence: float = 0.95) -> RateRatio:
    """The rate of ``inside`` tips over ``inside_weeks`` against ``outside`` tips over ``outside_weeks``, with
    the exact (conditional binomial, Clopper-Pearson) interval for a ratio of two Poisson rates.

    Given n = inside + outside tips, ``inside`` is binomial with p = r·t1 / (r·t1 + t0) where r is the rate ratio
    and t1, t0 the exposures; the Clopper-Pearson bounds of p turn into bounds of r. With fewer than ``minimum``
    tips, or no exposure on either side, the ratio is ``None``. A ratio of 0 or an unbounded upper limit
    (``inf``) are possible and correct when one side has no tips."""
    total = inside + outside
    if total < minimum or inside_weeks <= 0 or outside_weeks <= 0:
        return RateRatio(inside, outside, inside_weeks, outside_weeks, None, None, None)
    scale = outside_weeks / inside_weeks
    alpha = 1 - confidence
    # The beta quantiles of Clopper-Pearson (scipy.stats.beta.ppf), called as the bare special function: the same
    # numbers without the distribution object's overhead, which counts with hundreds of cases.
    p_low = float(betaincinv(inside, outside + 1, alpha / 2)) if inside > 0 else 0.0
    p_high = float(betaincinv(inside + 1, outside, 1 - alpha / 2)) if outside > 0 else 1.0

    def to_ratio(p: float) -> float:
        return float("inf") if p >= 1 else float(p / (1 - p) * scale)

    ratio = float("inf") if outside == 0 else inside / inside_weeks / (outside / outside_weeks)
    return RateRatio(inside, outside, inside_weeks, outside_weeks, ratio, to_ratio(p_low), to_ratio(p_high))


def quantile_from_histogram(histogram: Mapping[int, int], q: float) -> int | None:
    """The ``q`` quantile (0-1) of whole-day values given as ``{days: number of tips}``: the smallest value
    with at least ``q`` of the tips at or below it (the "nearest rank" definition), or ``None`` when empty."""
    total = sum(histogram.values())
    if total == 0:
        return None
    wanted = max(1, -(-q * total // 1))  # ceil(q * total), at least the first tip
    seen = 0
    for days in sorted(histogram):
        seen += histogram[days]
        if seen >= wanted:
            return days
    return max(histogram)  # pragma: no cover  (q > 1)


def share_within(histogram: Mapping[int, int], days: int) -> float | None:
    """Share of the tips with a value of at most ``days``, or ``None`` when there are none."""
    total = sum(histogram.values())
    return share(sum(n for value, n in histogram.items() if value <= days), total)


@dataclass(frozen=True)
class Handling:
    """Median, 90th percentile and share within 7 days of one waiting time, from its day histogram."""

    count: int
    median: int | None
    p90: int | None
    within_7_days: float | None


def handling(histogram: Mapping[int, int]) -> Handling:
    """Summarise a ``{days: tips}`` histogram as :class:`Handling`."""
    return Handling(sum(histogram.values()), quantile_from_histogram(histogram, 0.5),
                    quantile_from_histogram(histogram, 0.9), share_within(histogram, 7))


def auc(score_counts: Iterable[tuple[int, int, int]]) -> float | None:
    """ROC AUC of a score against a yes/no outcome from ``(score, yes, no)`` counts: the chance that a random
    "yes" tip scores higher than a random "no" tip, ties counting half (Mann-Whitney). ``None`` when either
    class is empty."""
    rows = sorted(score_counts)
    total_yes = sum(yes for _, yes, _ in rows)
    total_no = sum(no for _, _, no in rows)
    if not total_yes or not total_no:
        return None
    below_no = 0
    wins = 0.0
    for _, yes, no in rows:
        wins += yes * (below_no + no / 2)
        below_no += no
    return wins / (total_yes * total_no)


def brier(score_counts: Iterable[tuple[int, int, int]]) -> float | None:
    """Brier score of score/100 as the chance of a "yes", from ``(score, yes, no)`` counts; ``None`` when
    there are no tips. 0 is perfect; always saying 50% gives 0.25."""
    total = squares = 0.0
    for score, yes, no in score_counts:
        p = min(max(score, 0), 100) / 100
        squares += yes * (1 - p) ** 2 + no * p ** 2
        total += yes + no
    return squares / total if total else None


@dataclass(frozen=True)
class Band:
    """One row of the calibration table."""

    low: int
    high: int
    graded: int
    usable: int

    @property
    def usable_rate(self) -> float | None:
        """Share of the band's graded tips that were usable."""
        return share(self.usable, self.graded)

    @property
    def label(self) -> str:
        """The band as "20-39"."""
        return f"{self.low}–{self.high}"


def calibration(score_counts: Iterable[tuple[int, int, int]], bands=SCORE_BANDS) -> list[Band]:
    """Graded and usable tips per score band, from ``(score, yes, no)`` counts."""
    totals = {band: [0, 0] for band in bands}
    for score, yes, no in score_counts:
        for low, high in bands:
            if low <= score <= high:
                totals[(low, high)][0] += yes + no
                totals[(low, high)][1] += yes
                break
    return [Band(low, high, graded, usable) for (low, high), (graded, usable) in totals.items()]
