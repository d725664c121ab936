"""Fitting the triage score's weights to a unit's own grading: a regularised logistic regression over the
reasons (scikit-learn), turned back into points per reason so the score stays readable. Pure: no Flask, no
database; the caller passes the graded tips.

A reason's points are its coefficient times :data:`POINTS_PER_LOGIT`; the starting value is 50 plus the
intercept's points, so a tip with no reasons scores the fitted chance of being usable on a 0-100 scale. A reason
that no graded tip shows keeps its current points: the data say nothing about it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: Points for one unit of log-odds.
POINTS_PER_LOGIT = 10
#: Fewest graded tips to fit from, and fewest of each kind (usable and not usable) among them.
MIN_GRADED = 40
MIN_PER_CLASS = 10
#: Folds of the cross-validation.
FOLDS = 5
#: Inverse strength of the L2 regularisation (scikit-learn's ``C``): smaller is more cautious.
REGULARISATION = 1.0


@dataclass(frozen=True)
class GradedTip:
    """A tip as the fit sees it: the reasons that applied, whether it was usable, and today's score."""

    features: frozenset[str]
    usable: bool
    score: int


@dataclass(frozen=True)
class FitResult:
    """What a fit found. ``needed`` > 0: too few graded tips (that many more are needed) and nothing else is
    filled in."""

    graded: int
    needed: int = 0
    current_auc: float | None = None
    fitted_auc: float | None = None
    weights: dict[str, int] | None = None


def more_needed(tips: Sequence[GradedTip]) -> int:
    """How many more graded tips a fit needs (0: enough)."""
    usable = sum(tip.usable for tip in tips)
    short_total = MIN_GRADED - len(tips)
    short_class = max(MIN_PER_CLASS - usable, MIN_PER_CLASS - (len(tips) - usable))
    return max(0, short_total, short_class)


def fit_weights(tips: Sequence[GradedTip], current: Mapping[str, int], seed: int = 0) -> FitResult:
    """Fit weights for ``current``'s reasons to ``tips``; report the cross-validated ROC AUC of the fitted
    model next to the AUC of today's scores on the same tips."""
    needed = more_needed(tips)
    if needed:
        return FitResult(len(tips), needed)
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    codes = sorted(code for code in current if code != "base")
    matrix = np.array([[1.0 if code in tip.features else 0.0 for code in codes] for tip in tips])
    labels = np.array([tip.usable for tip in tips], dtype=int)
    model = LogisticRegression(C=REGULARISATION, max_iter=1000)
    folds = StratifiedKFold(n_splits=min(FOLDS, int(labels.sum()), int(len(labels) - labels.sum())),
                            shuffle=True, random_state=seed)
    predicted = cross_val_predict(model, matrix, labels, cv=folds, method="predict_proba")[:, 1]
    fitted_auc = float(roc_auc_score(labels, predicted))
    current_auc = float(roc_auc_score(labels, [tip.score for tip in tips]))
    model.fit(matrix, labels)
    seen = matrix.any(axis=0)
    weights = {"base": max(0, min(100, round(50 + POINTS_PER_LOGIT * float(model.intercept_[0]))))}
    for index, code in enumerate(codes):
        weights[code] = (round(POINTS_PER_LOGIT * float(model.coef_[0][index])) if seen[index]
                         else int(current[code]))
    return FitResult(len(tips), 0, current_auc, fitted_auc, weights)
