"""A tipster in a real browser (headless Chromium through Playwright): opens a case, sends a tip with the
keyboard only, keeps the code, is asked before leaving the receipt, and later reads an investigator's reply.
Also looks at the form on a phone-sized screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import select

from coldcase.extensions import db
from coldcase.tips.conversation import add_staff_message
from coldcase.tips.models import Tip
from tests.tips.conftest import CASE

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
#: Where the phone screenshot is kept for a person to look at.
SCREENSHOTS = Path(os.environ.get("COLDCASE_SCREENSHOTS", "/tmp/coldcase-screenshots"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium (apt-get install chromium)"),
]



@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


def test_tipster_sends_a_tip_and_reads_the_reply(app, live_server, browser, create_user):
    page = browser.new_page()
    requests, problems, dialogs = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and "Failed to load resource" not in message.text
            and problems.append(message.text))
    page.on("response", lambda response: response.status == 404 and not response.url.endswith("/favicon.ico")
            and problems.append(response.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))

    page.goto(f"{live_server}/cases/{CASE}/tip?e=2027&d=PI-VUGHT&lang=en")
    assert "Anna de Vries" in page.inner_text("main")
    # Keyboard only: the text area is the first field after the hidden ones.
    page.get_by_label("What do you know?").focus()
    page.keyboard.type("I saw a blue car near the canal <b>that night</b>.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first answer: "I saw it myself"
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector("#receipt-code")
    code = page.inner_text("#receipt-code").strip()
    assert len(code) == 19

    # Leaving the receipt page asks first (static/js/tips-receipt.js).
    page.get_by_role("link", name="Your tip").last.click()
    page.wait_for_url(f"{live_server}/tips/status")
    assert "beforeunload" in dialogs

    tip = db.session.scalars(select(Tip)).one()
    assert (tip.how_known, tip.point_code) == ("saw", "PI-VUGHT")
    add_staff_message(tip, create_user("investigator"), "Thank you. Was the car a Volvo?")
    db.session.commit()

    page.get_by_label("Your receipt code").fill(code)
    page.keyboard.press("Enter")
    page.wait_for_selector("#tip-status")
    main = page.inner_text("main")
    assert "Was the car a Volvo?" in main
    assert "<b>that night</b>" in main  # shown as written, not as markup

    page.get_by_label("Add information or answer a question (optional)").fill("Yes, a dark blue Volvo.")
    page.get_by_role("button", name="Send").click()
    assert "Your message was added" in page.inner_text("main")

    assert all(url.startswith(live_server) for url in requests), "a request went to another host"
    assert problems == []  # no CSP violation, no script error


def test_form_on_a_phone(live_server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.goto(f"{live_server}/cases/{CASE}/tip?lang=ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.goto(f"{live_server}/cases/{CASE}/tip?lang=nl")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways
    box = page.get_by_role("button", name="Tip versturen").bounding_box()
    assert box["height"] >= 44 and box["width"] <= 390
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "tip-form-390.png"), full_page=True)
