"""The story of a case is Markdown; whatever an author (or an attacker) writes, the page stays safe."""

from __future__ import annotations

import pytest

from coldcase.cases.markdown import render_markdown


def test_commonmark_is_rendered():
    html = render_markdown("# Anna\n\nShe worked at the **bakery**.\n\n- one\n- two\n")
    assert "<h1>Anna</h1>" in html and "<strong>bakery</strong>" in html and "<li>one</li>" in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "text <script>alert(1)</script> more",
        '<img src="x" onerror="alert(1)">',
        '<a href="#" onclick="alert(1)">click</a>',
        "<iframe src='https://evil.example'></iframe>",
        "<style>body{display:none}</style>",
    ],
)
def test_raw_html_never_reaches_the_page(hostile):
    html = render_markdown(hostile)
    for forbidden in ("<script", "onerror", "onclick", "<iframe", "<style", "<img"):
        assert forbidden not in html


@pytest.mark.parametrize(
    "link",
    ["[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
     "[x](vbscript:msgbox)", "<javascript:alert(1)>"],
)  # fmt: skip
def test_script_and_data_links_are_not_links(link):
    html = render_markdown(link)
    assert "href" not in html


def test_links_to_other_hosts_get_rel_nofollow():
    html = render_markdown("[police](https://www.politie.nl/) and <http://example.org>")
    assert html.count('rel="noopener noreferrer nofollow"') == 2


def test_relative_and_mail_links_stay_plain():
    html = render_markdown("[other case](../other-case) [mail](mailto:tips@example.org)")
    assert '<a href="../other-case">other case</a>' in html
    assert '<a href="mailto:tips@example.org">mail</a>' in html


@pytest.mark.parametrize(
    "image",
    ["![face](https://tracker.example/pixel.png)", "![face](//tracker.example/pixel.png)",
     "![face](data:image/png;base64,iVBORw0KGgo=)", "![face](/static/x.png)"],
)  # fmt: skip
def test_images_from_elsewhere_are_dropped_keeping_their_description(image):
    html = render_markdown(image)
    assert "<img" not in html and "face" in html


def test_relative_image_is_kept():
    assert '<img src="photo.jpg" alt="Anna">' in render_markdown("![Anna](photo.jpg)")


def test_html_comments_are_removed():
    assert "secret" not in render_markdown("<!-- secret note -->\n\nStory")


def test_empty_story_renders_nothing():
    assert render_markdown("") == ""
