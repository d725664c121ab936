"""The analysts' dashboard in Dutch, the longest of its languages, in a real browser: the words fit (nothing
makes the page scroll sideways; wide tables scroll inside their own box) and every chart loads. Screenshots are
kept in ``COLDCASE_SCREENSHOTS``/yield for a person to look at."""

from __future__ import annotations

import pytest

from tests.browser.test_phone_width import WIDTH_SCRIPT
from tests.tips.test_browser import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.mark.parametrize("width", [1280, 390])
def test_dutch_dashboard_fits_and_draws_its_charts(app, runner, live_server, browser, create_user, width):
    assert runner.invoke(args=["demo", "seed-history"]).exit_code == 0
    user = create_user("analyst")
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    page.goto(f"{live_server}/staff/login?lang=nl")
    page.locator("#email").fill(user.email)
    page.locator("#password").fill(user.password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server}/staff/yield/")
    page.wait_for_load_state("load")
    assert page.locator("h2#editions-title").inner_text() == "Edities naast elkaar"
    charts = page.locator(".yield-chart img")
    assert charts.count() >= 6
    assert page.evaluate("[...document.querySelectorAll('.yield-chart img')].every(i => i.naturalWidth > 0)")
    folder = SCREENSHOTS / "yield"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"dashboard-nl-{width}.png"), full_page=True)
    measured = page.evaluate(WIDTH_SCRIPT.replace("body *", "body *:not(.table-scroll *)"))
    assert measured["scroll"] <= width, f"{measured['scroll']} px wide at {width}: {measured['wide']}"
    context.close()
