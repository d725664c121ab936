"""``coldcase demo seed-history``: synthetic tips for the history editions 2017, 2018 and 2019, whose totals equal
the published yield of the Dutch cold case calendar exactly.

The editions themselves (their cases, weeks, distribution points and copies) are the sample files
``cases/editions/2017.yaml`` to ``2019.yaml``. The tips are spread in a plausible way, from a fixed random seed so
that every instance gets the same history: a few cases draw many tips and most few, a case draws more in its
featured week and the 4 after, letters and prison visits come from the distribution points by their copies.
Tips are stored by intake, scored by triage and graded by review, each the one writer of its records.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from sqlalchemy import func, select

from coldcase.audit import service as audit
from coldcase.cases.model import Edition, Library
from coldcase.extensions import db
from coldcase.tips.models import Tip

#: The published yield: tips, usable, led to reopening (none led to a solution).
PUBLISHED = {2017: (78, 32, 9), 2018: (302, 40, 13), 2019: (202, 31, 2)}
SEED = 20170101
CHANNEL_WEIGHTS = {"letter": 40, "phone": 25, "visit": 15, "email": 10, "web": 10}
#: Share of a case's tips that arrive in its featured window (5 of 52 weeks would be 10% without an effect).
WINDOW_SHARE = 0.35


class SeedError(RuntimeError):
    """The history cannot be seeded; the message says why."""


class AlreadySeeded(SeedError):
    """Tips of the history editions exist already."""


@dataclass
class PlannedTip:
    """One synthetic tip before it is stored."""

    case_id: str | None
    created_at: datetime.date
    channel: str
    point_code: str | None
    outcome: str
    detailed: bool


def check_ready(library: Library) -> None:
    """Raise AlreadySeeded when tips of 2017-2019 exist, SeedError when an edition file is missing."""
    seeded = db.session.scalar(select(func.count(Tip.id)).where(Tip.edition.in_(list(PUBLISHED))))
    if seeded:
        raise AlreadySeeded(f"The history is already seeded ({seeded} tips of editions 2017-2019); "
                            "it is seeded only once.")
    missing = [str(year) for year in PUBLISHED if year not in library.editions]
    if missing:
        raise SeedError(f"No valid edition file for {', '.join(missing)} in {library.root / 'editions'}: "
                        "the history needs the sample editions (run `coldcase cases check`).")


def _case_weights(rng: random.Random, edition: Edition) -> dict[str, float]:
    """A few cases draw many tips, most few: weights falling with rank, in a random order of cases."""
    ranked = list(edition.weeks)
    rng.shuffle(ranked)
    return {case_id: 1 / (rank ** 1.2) for rank, case_id in enumerate(ranked, 1)}


def _day(rng: random.Random, year: int, week: int) -> datetime.date:
    return datetime.date.fromisocalendar(year, week, rng.randint(1, 7))


def plan(edition: Edition, rng: random.Random) -> list[PlannedTip]:
    """The tips of one history edition, with exactly the published totals."""
    tips, usable, reopened = PUBLISHED[edition.year]
    weights = _case_weights(rng, edition)
    case_ids = [*weights, None]
    case_weights = [*weights.values(), sum(weights.values()) * 0.1]  # about one tip in eleven is general
    points = [p.code for p in edition.distribution]
    copies = [p.copies for p in edition.distribution]
    planned = []
    for _ in range(tips):
        case_id = rng.choices(case_ids, case_weights)[0]
        if case_id is not None and rng.random() < WINDOW_SHARE:
            featured = edition.weeks.index(case_id) + 1
            week = rng.randint(featured, min(52, featured + 4))
        else:
            week = rng.randint(1, 52)
        channel = rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0]
        coded = channel in ("letter", "visit") or rng.random() < 0.3
        point = rng.choices(points, copies)[0] if coded else None
        if edition.year == 2019 and coded and rng.random() < 0.02:
            point = "UNKNOWN"  # a code no edition knows: a mistyped or forged QR link
        planned.append(PlannedTip(case_id, _day(rng, edition.year, week), channel, point, "not_usable", False))
    # Usable tips are more often about a case and told in detail, so the triage score has something to find.
    order = sorted(range(tips), key=lambda i: rng.random() + (0.4 if planned[i].case_id else 0), reverse=True)
    for rank, index in enumerate(order):
        tip = planned[index]
        if rank < usable:
            tip.outcome = "reopened" if rank < reopened else "usable"
        tip.detailed = rng.random() < (0.75 if tip.outcome != "not_usable" else 0.3)
    return planned


def _text(tip: PlannedTip, library: Library, rng: random.Random) -> tuple[str, str]:
    """Invented words for a tip: a detailed account names the victim and the place, a vague one does not."""
    case = library.cases.get(tip.case_id) if tip.case_id else None
    if tip.detailed and case is not None:
        year = case.date.first_day().year
        text = (f"Over {case.victim.name}: ik zag in {year} bij {case.place} een man met een donkere auto, "
                f"kenteken begon met {rng.choice('DGHJKLNPRSTVXZ')}{rng.choice('DGHJKLNPRSTVXZ')}. "
                "Hij droeg een groene jas en liep naar de bushalte.")
        return text, "saw"
    vague = ["Ik denk dat de buurman het weet.", "Kijk nog eens naar de familie.",
             "Iemand in mijn afdeling praat erover.", "Het was vast een afrekening."]
    return rng.choice(vague), "heard"


def seed_history(library: Library, actor: str = "command line") -> dict[int, int]:
    """Store the history's tips with their scores and grades, commit, and return the tips per edition.
    Raises AlreadySeeded or SeedError before anything is stored."""
    from coldcase.review import grading
    from coldcase.review.triage import score_new_tip
    from coldcase.tips.intake import TipInput, add_staff_tips

    check_ready(library)
    rng = random.Random(SEED)
    made: dict[int, int] = {}
    for year in sorted(PUBLISHED):
        edition = library.editions[year]
        planned = plan(edition, rng)
        inputs = []
        for tip in planned:
            text, how_known = _text(tip, library, rng)
            inputs.append(TipInput(text=text, how_known=how_known, case_id=tip.case_id, edition=year,
                                   point_code=tip.point_code, channel=tip.channel, created_at=tip.created_at,
                                   language="nl"))
        stored = add_staff_tips(inputs)
        for tip, plan_ in zip(stored, planned, strict=True):
            score_new_tip(tip)
            reviewed = datetime.datetime.combine(tip.created_at, datetime.time(10), datetime.UTC) \
                + datetime.timedelta(days=int(rng.expovariate(1 / 4)))
            closed = reviewed + datetime.timedelta(days=rng.randint(5, 120))
            usable = plan_.outcome != "not_usable"
            grading.record_past_review(
                tip, outcome=plan_.outcome, source_grade="F",
                information_grade=rng.choice((2, 3)) if usable else rng.choice((4, 5, 6)),
                first_reviewed_at=reviewed, closed_at=closed, close_reason="passed_on" if usable else "no_lead")
        made[year] = len(stored)
    audit.record(actor, "demo_seeded", "editions:2017-2019", {"tips": {str(year): count for year, count in made.items()}})
    db.session.commit()
    return made
