"""Fixtures for tests that drive headless Chromium: the live server and the browser of the tipster's browser
test (tests/tips), shared rather than written twice."""

from tests.tips.conftest import live_server  # noqa: F401  (a fixture)
from tests.tips.test_browser import browser  # noqa: F401  (a fixture)
