"""The bad-input tests run on the tip tests' case library and settings."""

from tests.tips.conftest import app_config, send_tip, tip_cases  # noqa: F401  (fixtures)
