"""Fixtures for the yield figures: tips and their reviews stored directly (intake and review have their own
tests), and an analyst's browser."""

import datetime
import itertools

import pytest

from coldcase.extensions import db
from coldcase.review.models import TipReview
from coldcase.tips.models import Tip, TipMessage

_numbers = itertools.count(1)


@pytest.fixture
def app_config(app_config):
    """The analysts' pages in English."""
    app_config["DEFAULT_LANGUAGE"] = "en"
    return app_config


@pytest.fixture
def make_tip(app):
    """Store a tip (and its review when ``outcome``, ``reviewed`` or ``closed`` is given)."""

    def make(created, *, outcome=None, reviewed=None, closed=None, messages=(), **fields):
        fields.setdefault("text", "Ik zag iets.")
        tip = Tip(number=f"T-YLD-{next(_numbers):04d}", created_at=created, **fields)
        if closed is not None:
            tip.status = "closed"
        db.session.add(tip)
        db.session.flush()
        if outcome or reviewed or closed:
            at = lambda day: datetime.datetime.combine(day, datetime.time(12), datetime.UTC) if day else None  # noqa: E731
            db.session.add(TipReview(tip_id=tip.id, version=1, outcome=outcome, first_reviewed_at=at(reviewed),
                                     closed_at=at(closed), updated_at=at(created)))
        for author, day in messages:
            db.session.add(TipMessage(tip_id=tip.id, author=author, body="…", created_at=day))
        db.session.commit()
        return tip

    return make


@pytest.fixture
def analyst(client, create_user):
    """The test client, signed in as an analyst."""
    user = create_user("analyst")
    client.post("/staff/login", data={"email": user.email, "password": user.password})
    return client


@pytest.fixture(autouse=True)
def _fresh_memo():
    """Each test starts without remembered figures."""
    from coldcase.analytics import memo

    memo.forget()
    yield
    memo.forget()
