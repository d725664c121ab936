"""Fixtures for these tests."""

import pytest


@pytest.fixture
def app_config(app_config):
    """These tests read the staff pages' English texts; the Dutch pages have their own test
    (tests/review/test_dutch.py)."""
    app_config["DEFAULT_LANGUAGE"] = "en"
    return app_config
