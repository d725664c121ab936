"""Fixtures for the review workspace: tips stored directly (intake has its own tests) and a second browser."""

import datetime
import itertools

import pytest

from coldcase.extensions import db
from coldcase.tips.models import Tip

_numbers = itertools.count(1)


@pytest.fixture
def make_tip(app):
    """Return a function that stores a tip with the given fields and returns it."""

    def make(text="Ik zag een blauwe auto bij de gracht, die avond laat, met twee mannen erin.", **fields):
        number = fields.pop("number", None) or f"T-TEST-{next(_numbers):04d}"
        fields.setdefault("created_at", datetime.date.today())
        tip = Tip(number=number, text=text, **fields)
        db.session.add(tip)
        db.session.commit()
        return tip

    return make


@pytest.fixture
def second_client(app):
    """Another browser, for a second investigator."""
    return app.test_client()



@pytest.fixture
def app_config(app_config):
    """These tests read the staff pages' English texts; the Dutch pages have their own test (test_dutch.py)."""
    app_config["DEFAULT_LANGUAGE"] = "en"
    return app_config
