"""The home page's gallery of the current edition and the searchable list of open cases."""

from __future__ import annotations

import datetime

from coldcase.cases import views
from tests.public.conftest import SAMPLE_CASES_PRESENT, case_links


def test_gallery_lists_the_52_cases_of_this_years_edition_with_links(page, monkeypatch):
    monkeypatch.setattr(views, "today", lambda: datetime.date(2026, 5, 1))
    gallery = page("/?lang=en")
    links = case_links(gallery)
    assert len(links) == 52
    # Week order: 2026 opens with Anna, zaak-52 is only in 2027.
    assert links[0] == "/cases/anna-de-vries-1994"
    assert "/cases/zaak-52" not in links
    assert "Cold case calendar 2026" in gallery.text
    assert "52 cases in this calendar" in gallery.text


def test_from_october_the_gallery_shows_next_years_edition(page, monkeypatch):
    monkeypatch.setattr(views, "today", lambda: datetime.date(2026, 11, 22))
    gallery = page("/?lang=en")
    assert "Cold case calendar 2027" in gallery.text
    assert "/cases/zaak-52" in case_links(gallery)


def test_gallery_cards_show_name_place_partial_date_kind_and_reward(page):
    text = page("/?lang=en").text
    assert "Anna de Vries Zwolle, Stadsgracht March 1994 Reward €15,000" in text
    assert "Persoon 3 Middelburg 1983" in text  # only the year is known
    assert "Unidentified remains" in text and "Missing person" in text and "Homicide" in text


def test_gallery_offers_a_tip_and_a_search_of_all_cases(page):
    gallery = page("/?lang=en")
    assert "/tips/new" in gallery.links()
    assert "/cases" in gallery.links()
    assert gallery.find("a", class_="brand")[0]["href"] == "/"


def test_another_edition_by_year_and_an_unknown_one_is_not_found(page, client):
    links = case_links(page("/?edition=2027"))
    assert len(links) == 52 and links[-1] == "/cases/anna-de-vries-1994" and "/cases/zaak-52" in links
    assert client.get("/?edition=1999").status_code == 404
    assert client.get("/?edition=latest").status_code == 404


def test_the_next_years_edition_shows_from_the_first_of_january(page, monkeypatch):
    monkeypatch.setattr(views, "today", lambda: datetime.date(2027, 1, 1))
    assert "/cases/zaak-52" in case_links(page("/"))


def test_attribution_from_the_calendar_is_carried_from_the_gallery(page):
    gallery = page("/?e=2026&d=PI-VUGHT")
    assert "/tips/new?e=2026&d=PI-VUGHT" in gallery.links()
    assert "/cases/anna-de-vries-1994?e=2026&d=PI-VUGHT" in gallery.links()


def test_solved_and_closed_cases_are_not_in_the_gallery_or_the_list(page):
    for url in ("/", "/cases"):
        links = case_links(page(url))
        assert "/cases/opgelost-2001" not in links and "/cases/gesloten-1985" not in links


def test_case_list_has_every_open_case_and_searches_name_and_place(page):
    assert len(case_links(page("/cases"))) == 54  # 53 named by the editions, zaak-53 by none
    found = case_links(page("/cases?q=SNEEK&lang=en"))
    assert found and all(link.startswith("/cases/zaak-") for link in found)
    assert case_links(page("/cases?q=anna vries")) == ["/cases/anna-de-vries-1994"]
    nothing = page("/cases?q=nobody-by-this-name&lang=en")
    assert case_links(nothing) == [] and "0 cases found" in nothing.text


def test_case_list_search_works_without_javascript(page):
    listing = page("/cases")
    form = listing.find("form", role="search")[0]
    assert form["method"] == "get" and form["action"] == "/cases"
    assert listing.find("input", name="q")
    assert not listing.find("script")


def test_sample_gallery_lists_52_cases(client, app, page):
    """The committed sample cases (when present) give a full gallery."""
    import pytest

    if not SAMPLE_CASES_PRESENT:
        pytest.skip("the sample cases are not in this checkout yet")
    app.config["CASES_DIR"] = SAMPLE_CASES_PRESENT
    app.extensions.pop("coldcase.cases", None)
    assert len(case_links(page("/"))) == 52


def test_a_broken_case_leaves_the_gallery_but_the_rest_of_its_edition_stays(page, cases_dir, client):
    case_file = cases_dir / "anna-de-vries-1994" / "case.md"
    case_file.write_text(case_file.read_text(encoding="utf-8").replace("kind: homicide", "kind: murder"),
                         encoding="utf-8")
    gallery = page("/?edition=2027&lang=en")
    links = case_links(gallery)
    assert len(links) == 51 and "/cases/anna-de-vries-1994" not in links
    assert client.get("/cases/anna-de-vries-1994").status_code == 404


def test_odd_digits_in_the_edition_parameter_are_not_found_not_a_crash(client):
    for odd in ("²", "٢٠٢٧", "2027²"):
        assert client.get("/", query_string={"edition": odd}).status_code == 404
