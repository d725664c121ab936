"""The restricted fetcher, attribution links and the QR code."""

from __future__ import annotations

import pytest
import segno

from coldcase.publish.colour import rgb_to_cmyk
from coldcase.publish.links import case_url, printed_url, qr_svg
from coldcase.publish.render import FetchRefused, PdfOptions, RenderError, RestrictedFetcher, html_to_pdf


def test_fetcher_serves_files_inside_allowed_folders(tmp_path):
    (tmp_path / "a.css").write_text("p{}")
    assert RestrictedFetcher((tmp_path,)).resolve((tmp_path / "a.css").as_uri()) == tmp_path / "a.css"


@pytest.mark.parametrize("url", ["https://example.com/x.png", "http://localhost/x.png", "ftp://h/x",
                                 "file://otherhost/etc/passwd", "data:text/plain,hi"])
def test_fetcher_refuses_other_hosts_and_schemes(tmp_path, url):
    with pytest.raises(FetchRefused):
        RestrictedFetcher((tmp_path,)).resolve(url)


def test_fetcher_refuses_files_outside_the_allowed_folders(tmp_path):
    inside = tmp_path / "cases"
    inside.mkdir()
    with pytest.raises(FetchRefused):
        RestrictedFetcher((inside,)).resolve("file:///etc/passwd")
    with pytest.raises(FetchRefused):
        RestrictedFetcher((inside,)).resolve((inside / ".." / "secret.txt").as_uri())


def test_a_page_that_asks_for_another_host_is_not_rendered(tmp_path):
    html = '<img src="https://tracker.example.com/pixel.png"><p>x</p>'
    with pytest.raises(RenderError, match="reads no other host"):
        html_to_pdf(html, tmp_path.as_uri() + "/", RestrictedFetcher((tmp_path,)), PdfOptions())


def test_a_page_that_asks_for_a_file_outside_the_allowed_folders_is_not_rendered(tmp_path):
    html = '<img src="file:///etc/hostname"><p>x</p>'
    with pytest.raises(RenderError, match="outside the cases, static and build folders"):
        html_to_pdf(html, tmp_path.as_uri() + "/", RestrictedFetcher((tmp_path,)), PdfOptions())


def test_case_url_carries_edition_and_attribution_code():
    assert case_url("https://example.org/", "anna-de-vries-1994", 2027) == \
        "https://example.org/cases/anna-de-vries-1994?e=2027"
    url = case_url("https://example.org", "anna-de-vries-1994", 2027, "PI-VUGHT")
    assert url == "https://example.org/cases/anna-de-vries-1994?e=2027&d=PI-VUGHT"
    assert printed_url(url) == "example.org/cases/anna-de-vries-1994?e=2027&d=PI-VUGHT"


def test_qr_code_is_inline_vector_svg_of_the_url():
    svg = qr_svg("https://example.org/cases/x?e=2027&d=PI-VUGHT", dark="device-cmyk(0 0 0 1)")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert 'stroke="device-cmyk(0 0 0 1)"' in svg
    # The same URL gives the same modules as segno's own rendering of it.
    reference = segno.make("https://example.org/cases/x?e=2027&d=PI-VUGHT", error="m", micro=False)
    assert reference.svg_inline(border=4, omitsize=True).split(' d="')[1] == svg.split(' d="')[1]


def test_rgb_grey_becomes_pure_black_ink():
    assert rgb_to_cmyk(0, 0, 0) == (0.0, 0.0, 0.0, 1.0)
    assert rgb_to_cmyk(1, 1, 1) == (0.0, 0.0, 0.0, 0.0)
