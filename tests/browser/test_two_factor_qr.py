"""The two-factor setup page on a phone: the QR code is whole, and a QR decoder reads the very secret that the
page shows in groups for typing (issue 11: one corner square was cut off, so nothing could scan it)."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from coldcase.auth import totp_crypto
from coldcase.extensions import db
from tests.tips.test_browser import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_qr_code_scans_to_the_secret_shown(app, live_server, browser, create_user, width):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    user = create_user("investigator")
    page = browser.new_page(viewport={"width": width, "height": 900}, device_scale_factor=2)
    page.goto(f"{live_server}/staff/login?lang=en")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("figure.qr-code svg")

    qr = page.locator("figure.qr-code svg")
    box = qr.bounding_box()
    assert box["width"] == pytest.approx(box["height"], abs=1) and box["width"] >= 150
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"twofactor-enrol-{width}.png"), full_page=True)
    image = Image.open(io.BytesIO(qr.screenshot()))
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
    uri = found[0].text
    assert uri.startswith("otpauth://totp/")
    scanned = parse_qs(urlsplit(uri).query)["secret"][0]

    shown = page.inner_text("#totp-secret")
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{1,4}", shown)  # in groups of four for typing
    db.session.expire_all()
    db.session.refresh(user)
    assert scanned == shown.replace(" ", "") == totp_crypto.decrypt_secret(user.totp_pending_token)
