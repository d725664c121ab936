"""A case's own page: story, key dates, reward, how to give a tip, and what happens with bad cases."""

from __future__ import annotations

from tests.public.conftest import Page, case_links
from tests.public.library import make_photo

ANNA = "/cases/anna-de-vries-1994"

HOSTILE = """\
---
id: hostile-2001
title: Wie weet meer?
kind: missing
status: open
victim:
  name: Iemand Anders
date: 2001-06
place: Breda
unit: Team Cold Cases Zuid-Nederland
photos:
  - file: photo.jpg
summary: Een vermissing.
question: Wie weet meer?
consent:
  family: true
  recorded: 2026-01-05
---
Gewone tekst blijft staan.

<script>alert("page")</script>

<img src="x.jpg" onerror="alert('img')">

[klik hier](javascript:alert('link')) en <a href="#" onclick="alert('a')">hier</a>

![plaatje van elders](https://tracker.example/pixel.png)

<iframe src="https://tracker.example/frame"></iframe>
<style>body { display: none }</style>
"""


def test_case_page_shows_story_facts_key_dates_reward_and_unit(page):
    case = page(f"{ANNA}?lang=en")
    text = case.text
    assert "Who killed Anna de Vries?" in text
    assert "Anna worked in a bakery on the Diezerstraat." in text
    assert "Victim Anna de Vries Age at the time 22 years Born May 2, 1971 Date March 1994" in text
    assert "March 15, 1994 Anna last seen" in text and "March 19, 1994 Lichaam gevonden" in text
    assert "€15,000" in text
    assert "Team Cold Cases Oost-Nederland" in text and "1994-ON-0042" in text
    assert "Anna in 1993" in text and "Photo: Familie de Vries" in text


def test_case_page_shows_every_photo(page):
    sources = [img["src"].split("?")[0] for img in page(ANNA).find("img")]
    assert sources == [f"{ANNA}/photos/photo.jpg", f"{ANNA}/photos/fiets.jpg"]


def test_case_page_tells_how_to_give_a_tip(page):
    case = page(f"{ANNA}?lang=en")
    assert f"{ANNA}/tip" in case.links()
    assert "tel:0800-6070" in case.links() and "mailto:tips@example.org" in case.links()
    assert "Antwoordnummer 12345, 1000 AB Amsterdam" in case.text


def test_edition_and_distribution_point_are_carried_to_the_tip_form(page):
    case = page(f"{ANNA}?e=2027&d=pi-vught")
    tip_links = [link for link in case.links() if "/tip" in link]
    # Every tip button carries them, the header's and the footer's too.
    assert set(tip_links) == {f"{ANNA}/tip?e=2027&d=PI-VUGHT", "/tips/new?e=2027&d=PI-VUGHT"}
    assert "Week 52 of the 2027 calendar" in page(f"{ANNA}?e=2027&d=PI-VUGHT&lang=en").text


def test_attribution_that_is_not_well_formed_is_dropped(page):
    tip_links = [link for link in page(f"{ANNA}?e=20x7&d=%3Cscript%3E").links() if "/tip" in link]
    assert set(tip_links) == {f"{ANNA}/tip", "/tips/new"}


def test_hostile_markdown_never_reaches_the_page(cases_dir, client):
    folder = cases_dir / "hostile-2001"
    folder.mkdir()
    (folder / "case.md").write_text(HOSTILE, encoding="utf-8")
    make_photo(folder / "photo.jpg", (1417, 1063))
    response = client.get("/cases/hostile-2001")
    assert response.status_code == 200
    case = Page(response.get_data(as_text=True))
    assert "Gewone tekst blijft staan." in case.text
    tags = {tag for tag, _ in case.elements}
    assert not tags & {"script", "iframe", "style", "object", "embed"}
    assert not [name for _, attrs in case.elements for name in attrs if name.startswith("on")]
    addresses = case.links() + case.loaded_urls()
    assert not [url for url in addresses if url.lower().startswith("javascript:") or "tracker.example" in url]
    assert 'alert("page")' not in case.text  # the script is gone, not shown as text


def test_unknown_case_is_not_found_in_the_sites_style(client):
    for url in ("/cases/nobody-1900", "/cases/ANNA-DE-VRIES-1994", "/cases/anna-de-vries-1994/nothing"):
        response = client.get(url + "?lang=en")
        assert response.status_code == 404
        assert "This page does not exist" in response.get_data(as_text=True)


def test_a_broken_case_is_not_found_while_the_others_keep_working(cases_dir, client, page):
    (cases_dir / "zaak-53" / "case.md").write_text("---\nid: zaak-53\ntitle: [unclosed\n---\n", encoding="utf-8")
    assert client.get("/cases/zaak-53").status_code == 404
    assert client.get("/cases/zaak-53/photos/photo.jpg").status_code == 404
    assert page(ANNA).text
    assert len(case_links(page("/"))) == 52
    assert "/cases/zaak-53" not in case_links(page("/cases"))


def test_a_broken_case_in_the_edition_leaves_the_gallery_working(cases_dir, page):
    (cases_dir / "zaak-01" / "case.md").write_text("no front matter", encoding="utf-8")
    links = case_links(page("/"))
    assert "/cases/anna-de-vries-1994" in links and "/cases/zaak-01" not in links


def test_solved_case_page_says_solved_and_asks_for_no_tip(page):
    solved = page("/cases/opgelost-2001")
    assert "Opgelost" in solved.text
    assert not [link for link in solved.links() if link.endswith("/tip")]
    assert "Solved" in page("/cases/opgelost-2001?lang=en").text


def test_an_edited_case_file_is_picked_up_without_a_restart(cases_dir, page):
    assert "Zwolle, Stadsgracht" in page(ANNA).text
    case_file = cases_dir / "anna-de-vries-1994" / "case.md"
    case_file.write_text(case_file.read_text().replace("Zwolle, Stadsgracht", "Zwolle, Thorbeckegracht"))
    assert "Zwolle, Thorbeckegracht" in page(ANNA).text
    assert "Zwolle, Thorbeckegracht" in page("/").text
