"""The language of the public pages: chosen by ?lang=, the browser, or the default; Arabic right to left; case
texts in the languages the case has, with a note when it has not the one asked for."""

from __future__ import annotations

ANNA = "/cases/anna-de-vries-1994"


def html_element(page) -> dict[str, str]:
    return page.find("html")[0]


def test_dutch_is_the_default(page):
    gallery = page("/")
    assert html_element(gallery) == {"lang": "nl", "dir": "ltr"}
    assert "Tip geven" in gallery.text and "Alle zaken" in gallery.text


def test_language_by_query_parameter(page):
    gallery = page("/?lang=en")
    assert html_element(gallery)["lang"] == "en"
    assert "Give a tip" in gallery.text and "Search all cases" in gallery.text


def test_language_by_the_browsers_accept_language(page):
    assert "Give a tip" in page("/", **{"Accept-Language": "en-GB,en;q=0.8"}).text
    assert "Dar una pista" in page("/", **{"Accept-Language": "es"}).text
    # A language we do not have gives the default.
    assert "Tip geven" in page("/", **{"Accept-Language": "ja"}).text


def test_every_ui_language_translates_the_public_pages(page, app):
    give_a_tip = {"nl": "Tip geven", "en": "Give a tip", "es": "Dar una pista", "ar": "قدّم بلاغًا",
                  "ru": "Сообщить информацию", "pl": "Przekaż informację"}
    assert set(give_a_tip) == set(app.config["LANGUAGES"])
    for code, words in give_a_tip.items():
        assert words in page(f"/?lang={code}").text, code


def test_language_switch_offers_the_ui_languages_and_keeps_the_query(page):
    switch = page(f"{ANNA}?e=2027&d=PI-VUGHT&lang=en").find("a", hreflang="ar")
    hrefs = [attrs["href"] for attrs in switch]
    assert f"{ANNA}?e=2027&d=PI-VUGHT&lang=ar" in hrefs


def test_arabic_pages_are_right_to_left(page):
    for url in ("/?lang=ar", f"{ANNA}?lang=ar", "/cases?lang=ar"):
        assert html_element(page(url)) == {"lang": "ar", "dir": "rtl"}
    case = page(f"{ANNA}?lang=ar")
    assert "من قتل آنا دي فريس؟" in case.text
    assert "كانت آنا تعمل في مخبز" in case.text


def test_case_text_in_the_chosen_language(page):
    english = page(f"{ANNA}?lang=en")
    assert "Who killed Anna de Vries?" in english.text
    assert "has not been translated" not in english.text
    dutch = page(f"{ANNA}?lang=nl")
    assert "Wie doodde Anna de Vries?" in dutch.text and "Anna werkte in een bakkerij" in dutch.text


def test_a_case_without_the_language_falls_back_to_its_own_with_a_note(page):
    spanish = page(f"{ANNA}?lang=es")
    assert "Dar una pista sobre este caso" in spanish.text  # the interface is Spanish
    assert "Este caso aún no está traducido (Español)" in spanish.text
    assert "Anna werkte in een bakkerij" in spanish.text  # the story is the Dutch original
    # ... and is marked as Dutch, so that screen readers read it as Dutch.
    assert {"class": "prose", "lang": "nl", "dir": "ltr"} in spanish.find("div")


def test_dutch_text_on_an_arabic_page_runs_left_to_right(page):
    listing_case = page("/cases/zaak-01?lang=ar")
    assert {"class": "prose", "lang": "nl", "dir": "ltr"} in listing_case.find("div")


def test_case_texts_in_other_languages_are_offered(page):
    case = page(f"{ANNA}?lang=en")
    offered = {attrs["hreflang"]: attrs["href"] for attrs in case.find("a") if "text=" in attrs.get("href", "")}
    assert set(offered) == {"nl", "ar"}
    assert "من قتل آنا دي فريس؟" in page(offered["ar"]).text


def test_dates_and_money_are_written_the_languages_way(page):
    assert "15 maart 1994" in page(f"{ANNA}?lang=nl").text
    assert "€ 15.000" in page(f"{ANNA}?lang=nl").text
    assert "March 15, 1994" in page(f"{ANNA}?lang=en").text
