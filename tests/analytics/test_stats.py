"""The arithmetic of the yield figures, on small hand-made counts."""

import math

import pytest

from coldcase.analytics import stats


def test_per_thousand_copies():
    assert stats.per_thousand(78, 30_000) == pytest.approx(2.6)
    assert stats.per_thousand(40, 48_000) == pytest.approx(0.8333, abs=1e-4)


def test_per_thousand_without_a_copy_count_is_none_not_a_division_by_zero():
    assert stats.per_thousand(5, None) is None
    assert stats.per_thousand(5, 0) is None


def test_rate_ratio_with_exact_interval():
    # 10 tips in 5 featured weeks against 20 in 47 other weeks: 2/week against 0.4255/week.
    result = stats.rate_ratio(10, 5, 20, 47)
    assert result.ratio == pytest.approx(4.7)
    # Given 30 tips, 10 inside is binomial; the exact 95% bounds of that share are 0.1729 and 0.5281
    # (scipy's binomtest(10, 30).proportion_ci(method="exact")), and p / (1 - p) * 47 / 5 turns them into rates.
    assert result.low == pytest.approx(0.17287 / (1 - 0.17287) * 47 / 5, rel=1e-3)
    assert result.low == pytest.approx(1.965, abs=0.001)
    assert result.high == pytest.approx(10.520, abs=0.001)


def test_rate_ratio_equal_rates_straddles_one():
    result = stats.rate_ratio(5, 5, 47, 47)
    assert result.ratio == pytest.approx(1.0)
    assert result.low < 1 < result.high


def test_rate_ratio_with_too_few_tips_says_nothing():
    result = stats.rate_ratio(3, 5, 4, 47)
    assert not result.enough and result.ratio is None and result.low is None


def test_rate_ratio_with_no_tips_outside_is_unbounded_above():
    result = stats.rate_ratio(12, 5, 0, 47)
    assert math.isinf(result.ratio) and math.isinf(result.high) and result.low > 1


def test_handling_times_from_a_day_histogram():
    # 10 tips: 4 read on day 0, 3 on day 2, 2 on day 8, 1 on day 30.
    summary = stats.handling({0: 4, 2: 3, 8: 2, 30: 1})
    assert summary.count == 10
    assert summary.median == 2  # the 5th of 10
    assert summary.p90 == 8  # the 9th of 10
    assert summary.within_7_days == pytest.approx(0.7)


def test_handling_of_no_tips_is_empty():
    summary = stats.handling({})
    assert (summary.count, summary.median, summary.p90, summary.within_7_days) == (0, None, None, None)


def test_auc_counts_ties_half():
    # yes scores: 80, 60; no scores: 60, 20. Pairs: (80>60) 1, (80>20) 1, (60=60) 0.5, (60>20) 1 -> 3.5/4.
    assert stats.auc([(80, 1, 0), (60, 1, 1), (20, 0, 1)]) == pytest.approx(0.875)


def test_auc_perfect_and_undefined():
    assert stats.auc([(90, 3, 0), (10, 0, 3)]) == 1.0
    assert stats.auc([(90, 3, 0)]) is None


def test_brier_score():
    # score 80 for a usable tip: (1-0.8)^2 = 0.04; score 30 for a not usable one: 0.09; mean 0.065.
    assert stats.brier([(80, 1, 0), (30, 0, 1)]) == pytest.approx(0.065)
    assert stats.brier([]) is None


def test_calibration_bands():
    bands = stats.calibration([(10, 1, 3), (19, 0, 1), (50, 2, 2), (100, 3, 0)])
    assert [(b.label, b.graded, b.usable) for b in bands] == [
        ("0–19", 5, 1), ("20–39", 0, 0), ("40–59", 4, 2), ("60–79", 0, 0), ("80–100", 3, 3)]
    assert bands[0].usable_rate == pytest.approx(0.2)
    assert bands[1].usable_rate is None
