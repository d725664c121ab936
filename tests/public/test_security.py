"""Security headers on every response, and public pages that load nothing from another host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.public.conftest import Page

PUBLIC_PAGES = [
    "/",
    "/?lang=ar",
    "/?edition=2027",
    "/cases",
    "/cases?q=sneek",
    "/cases/anna-de-vries-1994",
    "/cases/anna-de-vries-1994?lang=ar&e=2027&d=PI-VUGHT",
    "/cases/opgelost-2001",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES + ["/no-such-page"])
def test_pages_load_nothing_from_another_host(client, url):
    response = client.get(url)
    assert response.status_code == (404 if url == "/no-such-page" else 200)
    page = Page(response.get_data(as_text=True))
    addresses = page.loaded_urls()
    assert addresses, "the page should at least load its stylesheet"
    for address in addresses:
        parts = urlsplit(address)
        assert not parts.scheme and not parts.netloc, address
    assert not page.find("script")


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_pages_need_no_inline_style_or_script(client, url):
    page = Page(client.get(url).get_data(as_text=True))
    assert not [tag for tag, attrs in page.elements if "style" in attrs or tag == "style"]
    assert not [name for _, attrs in page.elements for name in attrs if name.startswith("on")]


@pytest.mark.parametrize(
    "url", ["/", "/cases/anna-de-vries-1994", "/cases/anna-de-vries-1994/photos/photo.jpg", "/static/css/site.css",
            "/no-such-page", "/staff/login"],
)
def test_every_response_has_the_security_headers(client, url):
    headers = client.get(url).headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp and "base-uri 'none'" in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    permissions = headers["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions and "microphone=()" in permissions


def test_the_stylesheet_loads_fonts_only_from_this_site(client):
    css = client.get("/static/css/site.css").get_data(as_text=True)
    assert "http:" not in css and "https:" not in css and "@import" not in css
    assert 'url("../fonts/NotoSans-Regular.ttf")' in css
