"""Turn a case's Markdown story into HTML that is safe to put on a public page.

CommonMark (markdown-it-py), with raw HTML removed, then sanitised by nh3 as a second line of defence: no
script, event attribute or ``javascript:``/``data:`` link reaches the page, links to other hosts carry
``rel="noopener noreferrer nofollow"``, and images may only use relative paths, because a public page must
not load anything from another host (a tipster's visit must not leak to a third party).
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

EXTERNAL_REL = "noopener noreferrer nofollow"

_TAGS = {
    "a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p",
    "pre", "strong", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title", "rel"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def is_external(url: str) -> bool:
    """Whether a link or image address points to another host (``https://...`` or ``//host/...``)."""
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc) and parts.scheme not in ("mailto", "tel")


def is_relative_path(url: str) -> bool:
    """Whether an address is a plain relative path on this site (no scheme, no host)."""
    url = url.strip()
    parts = urlsplit(url)
    return bool(url) and not parts.scheme and not parts.netloc and "\\" not in url and not url.startswith("/")


def _render_link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    if is_external(token.attrGet("href") or ""):
        token.attrSet("rel", EXTERNAL_REL)
    return self.renderToken(tokens, idx, options, env)


def _render_image(self, tokens, idx, options, env):
    token = tokens[idx]
    if is_relative_path(token.attrGet("src") or ""):
        return self.image(tokens, idx, options, env)
    # An image from elsewhere would be fetched by every visitor's browser: keep only its description.
    alt = self.renderInlineAsText(token.children or [], options, env)
    return f"<span>{nh3.clean_text(alt)}</span>" if alt else ""


def _drop(self, tokens, idx, options, env):
    return ""


@functools.cache
def _parser() -> MarkdownIt:
    # html=True makes raw HTML parse as html tokens, which _drop then removes entirely (with html=False it
    # would show up as escaped tag soup in the story).
    md = MarkdownIt("commonmark", {"html": True})
    md.add_render_rule("html_block", _drop)
    md.add_render_rule("html_inline", _drop)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("image", _render_image)
    return md


def render_markdown(text: str) -> str:
    """Render CommonMark to sanitised HTML fit for a public page."""
    html = _parser().render(text or "")
    return nh3.clean(
        html,
        tags=_TAGS | {"span"},
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=None,  # rel is set above, only on links to other hosts
        strip_comments=True,
    )
