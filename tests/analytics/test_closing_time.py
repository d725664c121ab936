"""The time to close rests on ``tip_reviews.closed_at``: grading sets it on closing and clears it on opening."""

import datetime

from coldcase.extensions import db
from coldcase.review import grading
from coldcase.tips.models import Tip


def _change(status, close_reason=None):
    return grading.ReviewChange(source_grade=None, information_grade=None, outcome=None, status=status,
                                close_reason=close_reason, assignee_id=None)


def test_closing_sets_and_reopening_clears_closed_at(app, create_user):
    user = create_user("investigator")
    tip = Tip(number="T-CLOS-0001", text="Ik zag iets.", created_at=datetime.date(2026, 11, 1))
    db.session.add(tip)
    db.session.commit()
    review = grading.review_for(tip)
    grading.save_review(tip, user, review.version, _change("closed", "no_lead"))
    db.session.commit()
    assert review.closed_at is not None
    grading.save_review(tip, user, review.version, _change("in_review"))
    db.session.commit()
    assert review.closed_at is None


def test_a_past_review_keeps_its_dates_and_closes_the_tip(app):
    tip = Tip(number="T-CLOS-0002", text="Ik zag iets.", created_at=datetime.date(2018, 3, 1))
    db.session.add(tip)
    db.session.flush()
    when = datetime.datetime(2018, 4, 1, 10, tzinfo=datetime.UTC)
    review = grading.record_past_review(tip, outcome="usable", first_reviewed_at=when, closed_at=when,
                                        close_reason="passed_on")
    db.session.commit()
    assert tip.status == "closed" and review.outcome == "usable" and review.close_reason == "passed_on"


def test_a_past_review_with_an_unknown_outcome_is_refused(app):
    import pytest

    tip = Tip(number="T-CLOS-0003", text="Ik zag iets.", created_at=datetime.date(2018, 3, 1))
    db.session.add(tip)
    db.session.flush()
    with pytest.raises(grading.ReviewError):
        grading.record_past_review(tip, outcome="brilliant")
