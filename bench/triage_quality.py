"""How well the triage score orders tips, on the labelled evaluation set in ``bench/triage_set/``.

Run: .venv/bin/python bench/triage_quality.py [--part tuning|held_out|both] [--show]

For the score before issue 12 (read from git at :data:`BASELINE_COMMIT`, so no copy of it lives in the tree)
and today's score, on the tuning part and the held-out part separately, it reports:

- ROC AUC: the chance that a usable tip scores above a tip that is not (ties count half);
- precision of the top 10%: the share of usable tips among the highest-scored tenth (ties broken against us:
  among equal scores, tips that are not usable come first);
- usable tips in the bottom half and in the bottom quarter (ties broken against us, too).

It also times today's score: the 95th percentile of scoring one tip against its case with 200 earlier tips.
``--show`` lists every tip with both scores, for reading (use it on the tuning part only while tuning).
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from coldcase.cases.loader import load_library  # noqa: E402
from coldcase.tips.duplicates import EarlierTip  # noqa: E402
from coldcase.tips.published import HeldBackFact, published_facts_from_case  # noqa: E402
from coldcase.tips.scoring import score_tip  # noqa: E402

SET = REPO / "bench" / "triage_set"
#: The last commit with the score that rewarded naming the case's own facts.
BASELINE_COMMIT = "93c22d7"


def load_tips(part: str) -> list[dict]:
    """The labelled tips of one part (``tuning`` or ``held_out``)."""
    return yaml.safe_load((SET / f"{part}.yaml").read_text(encoding="utf-8"))


def held_back_facts() -> dict[str, tuple[HeldBackFact, ...]]:
    """The invented held-back facts of the evaluation's cases."""
    raw = yaml.safe_load((SET / "cases.yaml").read_text(encoding="utf-8"))
    return {case_id: tuple(HeldBackFact(f"#{case_id}-{n}", fact["label"], tuple(fact["terms"]))
                           for n, fact in enumerate(facts, start=1)) for case_id, facts in raw.items()}


def baseline_scorer():
    """The old ``score_tip`` and ``case_facts_from``, loaded from git; None outside a git checkout."""
    try:
        source = subprocess.run(["git", "show", f"{BASELINE_COMMIT}:coldcase/review/scoring.py"], cwd=REPO,
                                capture_output=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    with tempfile.NamedTemporaryFile("wb", suffix=".py", delete=False) as file:
        file.write(source)
    spec = importlib.util.spec_from_file_location("baseline_scoring", file.name)
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_scoring"] = module
    spec.loader.exec_module(module)
    Path(file.name).unlink()
    return module


def roc_auc(scores: list[float], labels: list[bool]) -> float:
    """ROC AUC by counting pairs (ties count half)."""
    positives = [s for s, usable in zip(scores, labels, strict=True) if usable]
    negatives = [s for s, usable in zip(scores, labels, strict=True) if not usable]
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def ranked(scores: list[float], labels: list[bool]) -> list[bool]:
    """Labels from the highest score down; among equal scores the tips that are not usable first."""
    return [usable for _, usable in sorted(zip(scores, labels, strict=True), key=lambda pair: (-pair[0], pair[1]))]


def report(name: str, scores: list[float], labels: list[bool]) -> dict:
    """The figures of one score on one part."""
    order = ranked(scores, labels)
    top = max(1, math.ceil(len(order) / 10))
    # The bottom half and quarter with ties broken the other way round: usable tips last among equals.
    worst_first = [usable for _, usable in sorted(zip(scores, labels, strict=True), key=lambda pair: (pair[0], -pair[1]))]
    return {
        "score": name,
        "auc": roc_auc(scores, labels),
        "top10": sum(order[:top]) / top,
        "bottom_half": sum(worst_first[:len(order) // 2]),
        "bottom_quarter": sum(worst_first[:len(order) // 4]),
        "usable": sum(labels),
        "tips": len(labels),
    }


def evaluate(part: str, library, held_back, old, show: bool) -> list[dict]:
    """Both scores' figures on one part."""
    tips = load_tips(part)
    labels = [bool(tip["usable"]) for tip in tips]
    new_scores, old_scores = [], []
    for tip in tips:
        case = library.cases[tip["case"]]
        new = score_tip(tip["text"], tip.get("how") or None, bool(tip.get("contact")), False,
                        published_facts_from_case(case), held_back.get(tip["case"], ()))
        new_scores.append(new.value)
        if old is not None:
            old_scores.append(old.score_tip(tip["text"], tip.get("how") or None, bool(tip.get("contact")), False,
                                            old.case_facts_from(case)).value)
        if show:
            mark = "U" if tip["usable"] else "-"
            print(f"{mark} new {new.value:3d} old {old_scores[-1] if old_scores else '':>3} [{tip['lang']}] "
                  f"{tip['text'][:70]!r}")
            print("        " + "; ".join(str(reason) for reason in new.reasons))
    results = [report("new", new_scores, labels)]
    if old_scores:
        results.insert(0, report("old", old_scores, labels))
    return results


def timing(library, held_back, rounds: int = 400) -> tuple[float, float]:
    """The 95th percentile, in ms, of scoring one tip against its case with 200 earlier tips: wall-clock time
    and CPU time of this process (on a shared machine the wall clock also counts other programs' turns). One
    tip in ten is hostile: only a link, only emoji, 2,000 repeated words, mixed scripts, 40 tips pasted."""
    tips = load_tips("tuning") + load_tips("held_out")
    randomness = random.Random(12)
    earlier = [EarlierTip(f"T-{n:04d}", randomness.choice(tips)["text"]) for n in range(200)]
    hostile = ["https://example.xyz", "\U0001F600" * 200, "woord " * 2000, "Ivan Иван إيفان Jan " * 100,
               " ".join(tip["text"] for tip in tips[:40])]
    wall, cpu = [], []
    for round_number in range(-len(tips), rounds):  # the first pass warms the caches, as a running server has
        tip = hostile[round_number % len(hostile)] if round_number % 10 == 0 else randomness.choice(tips)["text"]
        case_id = randomness.choice(tips)["case"]
        started, started_cpu = time.perf_counter(), time.process_time()
        score_tip(tip, "saw", False, False, published_facts_from_case(library.cases[case_id]),
                  held_back.get(case_id, ()), earlier)
        if round_number >= 0:
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return statistics.quantiles(wall, n=20)[-1], statistics.quantiles(cpu, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["tuning", "held_out", "both"], default="both")
    parser.add_argument("--show", action="store_true", help="list every tip with its scores and reasons")
    args = parser.parse_args()
    library = load_library(REPO / "cases")
    held_back = held_back_facts()
    old = baseline_scorer()
    parts = ["tuning", "held_out"] if args.part == "both" else [args.part]
    print(f"{'part':9} {'score':5} {'tips':>4} {'usable':>6} {'ROC AUC':>7} {'top 10%':>7} "
          f"{'usable in bottom half':>21} {'bottom quarter':>14}")
    for part in parts:
        for row in evaluate(part, library, held_back, old, args.show):
            print(f"{part:9} {row['score']:5} {row['tips']:4d} {row['usable']:6d} {row['auc']:7.3f} "
                  f"{row['top10']:7.0%} {row['bottom_half']:21d} {row['bottom_quarter']:14d}")
    if old is None:
        print("(the old score could not be read from git; run inside a checkout)")
    wall, cpu = timing(library, held_back)
    print(f"scoring p95 with 200 earlier tips: {wall:.2f} ms wall clock, {cpu:.2f} ms CPU")


if __name__ == "__main__":
    main()
