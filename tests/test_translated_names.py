"""What a reader sees of a case is in the page's language: an unidentified person's name and the photo credit
come from the case's translation (issue 11: "Onbekende man" and a Dutch credit on every page)."""

import pytest

CASE = "onbekende-man-1997"


@pytest.mark.parametrize("language, name, credit", [
    ("en", "Unknown man", "Sample data, drawn"),
    ("ar", "رجل مجهول", "بيانات نموذجية، رسم"),
    ("nl", "Onbekende man", "Voorbeelddata, getekend"),
])
def test_an_unknown_person_and_the_credit_are_named_in_the_page_language(client, language, name, credit):
    page = client.get(f"/cases/{CASE}?lang={language}").get_data(as_text=True)
    assert name in page and credit in page
    if language != "nl":
        assert "Onbekende man" not in page and "Voorbeelddata" not in page
    cards = client.get(f"/cases?lang={language}").get_data(as_text=True)
    assert name in cards


def test_a_translation_may_name_the_victim_but_not_change_the_dates(tmp_path):
    import shutil

    from coldcase.cases.loader import load_library
    from tests.conftest import SAMPLE_CASES

    folder = tmp_path / CASE
    shutil.copytree(SAMPLE_CASES / CASE, folder)
    english = folder / "case.en.md"
    english.write_text(english.read_text().replace("  name: Unknown man", "  name: Unknown man\n  age: 40"))
    library = load_library(tmp_path)
    assert CASE not in library.cases  # a case with an error waits for its fix, as any other error
    assert any("'victim.age' is not translatable" in problem.message for problem in library.problems)


@pytest.mark.parametrize("language, badge", [("en", "illustration"), ("ru", "иллюстрация"), ("nl", "illustratie")])
def test_a_drawn_picture_is_marked_in_the_page_language(client, language, badge):
    page = client.get(f"/cases/{CASE}?lang={language}").get_data(as_text=True)
    assert f'<span class="photo-badge">{badge}</span>' in page
    assert f'<span class="photo-badge">{badge}</span>' in client.get(f"/?lang={language}").get_data(as_text=True)


def test_illustration_is_a_yes_or_no_that_translations_cannot_change(tmp_path):
    import shutil

    from coldcase.cases.loader import load_library
    from tests.conftest import SAMPLE_CASES

    folder = tmp_path / CASE
    shutil.copytree(SAMPLE_CASES / CASE, folder)
    primary = folder / "case.md"
    primary.write_text(primary.read_text().replace("illustration: true", "illustration: maybe"))
    english = folder / "case.en.md"
    english.write_text(english.read_text().replace("  - caption:", "  - illustration: false\n    caption:"))
    messages = [problem.message for problem in load_library(tmp_path).problems]
    assert any("illustration" in message and "true or false" in message for message in messages), messages
    assert any("'photos[1].illustration' is not translatable" in message for message in messages), messages
