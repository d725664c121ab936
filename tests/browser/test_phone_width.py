"""Every public page fits a phone in every language: at 390 CSS pixels wide nothing scrolls sideways.

The screenshots are kept in ``COLDCASE_SCREENSHOTS`` (default /tmp/coldcase-screenshots/phone) for a person to
look at. Issue 11: in Arabic the tip form was 10,390 px wide, because the hidden honeypot field, placed far to
the left, became scrollable in a right-to-left layout.
"""

from __future__ import annotations

import re

import pytest

from coldcase import config
from tests.tips.test_browser import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium (apt-get install chromium)"),
]

WIDTH = 390
#: An unidentified person's case (a translated name, credits and captions) with a photo.
CASE = "onbekende-man-1997"
LANGUAGES = config.defaults(__import__("pathlib").Path("/nonexistent"))["LANGUAGES"]
FOLDER = SCREENSHOTS / "phone"

WIDTH_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().width > 0 && (e.getBoundingClientRect().right > width + 1
                 || e.getBoundingClientRect().left < -1))
    .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id);
  return {scroll: document.documentElement.scrollWidth, client: width, wide};
}"""


def _check(page, name: str, language: str) -> None:
    page.wait_for_load_state("load")
    FOLDER.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(FOLDER / f"{name}-{language}.png"), full_page=True)
    measured = page.evaluate(WIDTH_SCRIPT)
    assert measured["scroll"] <= WIDTH, f"{name} in {language} is {measured['scroll']} px wide: {measured['wide']}"
    assert page.evaluate("window.innerWidth") == WIDTH  # the page did not zoom out to fit something wider


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, device_scale_factor=1,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_fits_a_phone(app, live_server, phone, language):
    page = phone
    for name, path in (("gallery", "/"), ("cases", "/cases"), ("case", f"/cases/{CASE}"),
                       ("tip-form", f"/cases/{CASE}/tip"), ("general-tip-form", "/tips/new"),
                       ("status-lookup", "/tips/status")):
        page.goto(f"{live_server}{path}?lang={language}")
        _check(page, name, language)

    # The receipt: send a tip from the phone.
    page.goto(f"{live_server}/cases/{CASE}/tip?lang={language}")
    page.locator("textarea").first.fill("Ik zag een man met rode sportschoenen bij het Emmerdennen in maart 1997.")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_selector("#receipt-code")
    _check(page, "receipt", language)
    code = page.inner_text("#receipt-code").strip()
    assert re.fullmatch(r"[A-Z0-9-]{19}", code)

    # The status page, with the code typed in.
    page.goto(f"{live_server}/tips/status?lang={language}")
    page.locator("input[name=code]").fill(code)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_selector("#tip-status")
    _check(page, "status", language)
