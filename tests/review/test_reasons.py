"""Score reasons and history entries are stored in English or as codes and shown in the page's language."""

import pytest

from coldcase.review.history import translate_change
from coldcase.review.reasons import MESSAGES, display_reason
from coldcase.tips.scoring import REASON_TEXTS, Reason


@pytest.fixture
def english(app):
    with app.test_request_context("/?lang=en"):
        yield


@pytest.fixture
def dutch(app):
    with app.test_request_context("/?lang=nl"):
        yield


def test_every_code_has_a_translation_and_reads_in_english_as_the_scorer_writes_it(english):
    assert set(MESSAGES) == set(REASON_TEXTS)
    for code in REASON_TEXTS:
        for detail in ("Stadsgracht", "T-AAAA-BBBB, T-CCCC-DDDD", 7, 1):
            if code == "very_short" and isinstance(detail, str):
                continue
            if code not in ("very_short", "restatement") and not isinstance(detail, str):
                continue
            if code == "restatement" and isinstance(detail, str):
                continue
            reason = Reason(5, code, detail if "{detail}" in REASON_TEXTS[code] else None)
            # English says "tips" for more than one repeated tip; the scorer's sentence says "tip".
            expected = reason.text.replace("tip T-AAAA-BBBB,", "tips T-AAAA-BBBB,")
            assert display_reason(reason.as_stored()) == (5, expected)


def test_reasons_in_dutch(dutch):
    assert display_reason([15, "case_place", "Stadsgracht"]) == (15, "noemt een plaats uit de zaak: Stadsgracht")
    assert display_reason([-15, "very_short", 1]) == (-15, "zeer kort (1 woord)")
    assert display_reason([10, "first_hand", None]) == (10, "uit eigen waarneming")


def test_old_reasons_are_shown_as_they_were_stored(dutch):
    assert display_reason("+15 names a place from the case: Stadsgracht") == (
        15, "names a place from the case: Stadsgracht")
    assert display_reason([5, "names someone: Piet Bakker"]) == (5, "names someone: Piet Bakker")
    assert display_reason("something odd") == (0, "something odd")
    assert display_reason([3, "a_future_code", "X"])[0] == 3


def test_history_entries_in_dutch(dutch):
    assert translate_change("graded B2, usable") == "beoordeeld als B2, bruikbaar"
    assert translate_change("status in review → closed (passed on)") == (
        "status in behandeling → afgesloten (doorgegeven)")
    assert translate_change("status new → follow up") == "status nieuw → vervolg"
    assert translate_change("tags: none") == "labels: geen"
    assert translate_change("linked to T-AAAA-BBBB") == "gekoppeld aan T-AAAA-BBBB"
    assert translate_change("something nobody wrote before") == "something nobody wrote before"


def test_history_entries_in_english_are_unchanged(english):
    for text in ("graded B2, usable", "status in review → closed (passed on)", "tags: alibi, vehicle",
                 "moved from general to case X", "assigned to a@b.example", "entered from phone",
                 "2 attachment(s) removed (closed more than 730 days)"):
        assert translate_change(text) == text.replace("attachment(s)", "attachments")
