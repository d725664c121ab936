"""Fixtures for these tests."""

import pytest


@pytest.fixture(autouse=True)
def _user_per_request(app):
    """Tests keep one app context open, so Flask's ``g`` (where Flask-Login caches the signed-in user) would
    be shared by every request of every test client; forget the user at each request, as production does."""
    from flask import g, request_started

    def forget(sender, **extra):
        g.pop("_login_user", None)

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)
