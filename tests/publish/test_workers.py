"""The render workers' batches: a page enters the cache only with the rest of its batch."""

from __future__ import annotations

import pytest

from coldcase.publish import workers
from coldcase.publish.render import PdfOptions, RenderError, RestrictedFetcher


def test_a_batch_that_fails_at_its_end_leaves_no_page_in_the_cache(tmp_path, monkeypatch):
    def pages_then_failure(html, base_url, fetcher, options):
        yield b"%PDF-1.7 first page", [], []
        raise RenderError("failed to load image coldcase-build:/photos/photo-x.jpg")

    monkeypatch.setattr(workers, "render_pages", pages_then_failure)
    monkeypatch.setattr(workers, "finished_page", lambda pdf, **kwargs: pdf)
    destinations = [tmp_path / "page-1.pdf", tmp_path / "page-2.pdf"]
    with pytest.raises(RenderError):
        workers._render_chunk("<html>", tmp_path.as_uri() + "/", RestrictedFetcher(), [PdfOptions()] * 2, [],
                              destinations)
    assert list(tmp_path.iterdir()) == []  # neither a page a later build would take as rendered, nor a stray part


def test_the_same_page_twice_in_a_batch_is_cached_once(tmp_path, monkeypatch):
    def two_pages(html, base_url, fetcher, options):
        yield b"%PDF-1.7 a card's back", [], []
        yield b"%PDF-1.7 a card's back", [], []

    monkeypatch.setattr(workers, "render_pages", two_pages)
    monkeypatch.setattr(workers, "finished_page", lambda pdf, **kwargs: pdf)
    back = tmp_path / "back.pdf"
    workers._render_chunk("<html>", tmp_path.as_uri() + "/", RestrictedFetcher(), [PdfOptions()] * 2, [], [back, back])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["back.overflow.json", "back.pdf"]
    assert back.read_bytes() == b"%PDF-1.7 a card's back"
