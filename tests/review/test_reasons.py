"""Score reasons and history entries are stored in English or as codes and shown in the page's language."""

import pytest

from coldcase.audit.describe import describe
from coldcase.review import history  # noqa: F401  (registers the tip codes)
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


def _event(action, params, detail=""):
    from coldcase.audit.models import AuditEvent

    return AuditEvent(action=action, params=params, detail=detail, actor_label="x", target="tip:T-1")


def test_history_entries_are_said_from_their_parameters_in_dutch(dutch):
    assert describe(_event("tip_graded", {"grade": "B2", "outcome": "usable"})) == "beoordeeld als B2, bruikbaar"
    assert describe(_event("tip_status", {"old": "in_review", "new": "closed", "reason": "passed_on"})) == (
        "status in behandeling → afgesloten (doorgegeven)")
    assert describe(_event("tip_status", {"old": "new", "new": "follow_up", "reason": None})) == "status nieuw → vervolg"
    assert describe(_event("tip_tagged", {"tags": []})) == "labels: geen"
    assert describe(_event("tip_linked", {"number": "T-AAAA-BBBB"})) == "gekoppeld aan T-AAAA-BBBB"


def test_history_entries_in_english(english):
    assert describe(_event("tip_graded", {"grade": "", "outcome": None})) == "graded ungraded, no outcome yet"
    assert describe(_event("tip_moved", {"old": None, "case": "X"})) == "moved from general to case X"
    assert describe(_event("tip_purged", {"contact": False, "attachments": 2, "days": 730})) == (
        "2 attachments removed (closed more than 730 days)")
    assert describe(_event("tip_status", {"old": "closed", "new": "in_review", "cause": "tipster_message"})) == (
        "status closed → in review: the tipster wrote again")


def test_an_old_sentence_is_shown_as_stored_and_odd_parameters_plainly(english):
    assert describe(_event("tip_graded", None, "graded B2, usable")) == "graded B2, usable"
    assert describe(_event("tip_graded", {"unexpected": 1})) == "unexpected: 1"
    assert describe(_event("a_future_code", {"b": "x", "a": [1]})) == "a: [1]; b: x"


def test_the_migration_turns_old_history_sentences_into_parameters():
    import importlib.util

    from coldcase import PACKAGE_DIR

    path = PACKAGE_DIR / "migrations" / "versions" / "0006_trust_and_audit.py"
    spec = importlib.util.spec_from_file_location("migration_0006", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def convert(action, detail):
        for wanted, pattern, params in module._SENTENCES:
            match = pattern.fullmatch(detail) if wanted == action else None
            if match:
                return params(match)
        return None

    assert convert("tip_graded", "graded B2, usable") == {"grade": "B2", "outcome": "usable"}
    assert convert("tip_graded", "graded ungraded, no outcome yet") == {"grade": "", "outcome": None}
    assert convert("tip_status", "status in review → closed (passed on)") == {
        "old": "in_review", "new": "closed", "reason": "passed_on"}
    assert convert("tip_status", "status new → follow up") == {"old": "new", "new": "follow_up", "reason": None}
    assert convert("tip_tagged", "tags: alibi, vehicle") == {"tags": ["alibi", "vehicle"]}
    assert convert("tip_moved", "moved from general to case X") == {"old": None, "case": "X"}
    assert convert("tip_purged", "2 attachment(s) removed (closed more than 730 days)") == {
        "contact": False, "attachments": 2, "days": 730}
    assert convert("tip_assigned", "assignment removed") == {"assignee": None}
    assert convert("tip_graded", "something nobody wrote before") is None
