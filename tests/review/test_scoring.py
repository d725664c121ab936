"""The triage score: every reason, the clamping, the weights."""

from datetime import date

import pytest

from coldcase.review.scoring import (
    DEFAULT_WEIGHTS,
    CaseFacts,
    EarlierTip,
    case_facts_from,
    merged_weights,
    score_tip,
    similarity,
)

PLAIN = "Ik weet iets over die zaak maar ik weet niet precies wat het betekent voor jullie onderzoek."
FACTS = CaseFacts(
    names=("Anna de Vries",),
    places=("Stadsgracht", "Amsterdam"),
    dates=(date(1994, 3, 15),),
    years=(1994,),
    tags=("stabbing",),
)


def reasons(score):
    return {reason.text.split(":")[0].split(" (")[0]: reason.points for reason in score.reasons}


def test_a_plain_tip_gets_the_base_score_and_no_reasons():
    score = score_tip(PLAIN, "other", False, False)
    assert score.value == DEFAULT_WEIGHTS["base"]
    assert score.reasons == ()


def test_naming_a_place_from_the_case_adds_points_and_names_the_place():
    score = score_tip(PLAIN + " Het gebeurde aan de Stadsgracht.", None, False, False, FACTS)
    assert "+15 names a place from the case: Stadsgracht" in [str(r) for r in score.reasons]
    assert score.value == 45


def test_victim_named_by_surname_counts_and_is_not_counted_again_as_a_person():
    score = score_tip(PLAIN + " Ik kende mevrouw Vries goed.", None, False, False, FACTS)
    assert reasons(score)["names the victim"] == 15
    score = score_tip(PLAIN + " Ik zag Anna de Vries met Piet Bakker.", None, False, False, FACTS)
    texts = [str(r) for r in score.reasons]
    assert "+15 names the victim: Anna de Vries" in texts
    assert "+5 names someone: Piet Bakker" in texts


def test_a_date_from_the_case_counts_in_any_common_form():
    for written in ("15-03-1994", "15 maart 1994", "1994-03-15", "15/3/94"):
        score = score_tip(PLAIN + f" Dat was op {written}.", None, False, False, FACTS)
        assert "+10 mentions a date from the case: 1994-03-15" in [str(r) for r in score.reasons], written


def test_the_year_of_the_case_alone_counts():
    score = score_tip(PLAIN + " Dat was in 1994.", None, False, False, FACTS)
    assert "+10 mentions a date from the case: 1994" in [str(r) for r in score.reasons]


def test_a_tag_of_the_case_counts():
    score = score_tip(PLAIN + " It was a stabbing.", None, False, False, FACTS)
    assert reasons(score)["mentions what the case is about"] == 5


@pytest.mark.parametrize("plate", ["12-ABC-3", "AB-12-34", "12-AB-34", "1-ABC-23", "XX-999-X", "ab-12-cd"])
def test_dutch_licence_plates_are_concrete_detail(plate):
    score = score_tip(PLAIN + f" De auto had kenteken {plate}.", None, False, False)
    assert f"+10 gives a licence plate: {plate.upper()}" in [str(r) for r in score.reasons]


@pytest.mark.parametrize("words", ["Ik woonde daar in 1994.", "Ze was er op 12 AB-34 niet."])
def test_words_and_years_are_not_licence_plates(words):
    score = score_tip(PLAIN + " " + words, None, False, False)
    assert not any("licence plate" in str(reason) for reason in score.reasons)


def test_a_numeric_date_is_not_a_licence_plate():
    score = score_tip(PLAIN + " Op 12-03-94 was ik daar.", None, False, False)
    assert "gives a licence plate" not in reasons(score)
    assert reasons(score)["gives a date or a time"] == 5


def test_a_time_of_day_is_concrete_detail():
    score = score_tip(PLAIN + " Het was rond 23.15 uur.", None, False, False)
    assert reasons(score)["gives a date or a time"] == 5


def test_sentence_openers_and_days_are_not_people():
    score = score_tip(PLAIN + " Last Friday ik zag het. Op Maandag niet.", None, False, False)
    assert "names someone" not in reasons(score)


def test_first_hand_knowledge_outweighs_hearsay():
    assert "+10 first-hand knowledge" in [str(r) for r in score_tip(PLAIN, "saw", False, False).reasons]
    assert "+3 heard it from someone else" in [str(r) for r in score_tip(PLAIN, "heard", False, False).reasons]
    assert score_tip(PLAIN, "other", False, False).reasons == ()


def test_contact_and_attachment_add_points():
    texts = [str(r) for r in score_tip(PLAIN, None, True, True).reasons]
    assert texts == ["+10 the tipster can be contacted", "+5 comes with an attachment"]


def test_a_near_duplicate_lowers_the_score_and_names_the_earlier_tip():
    earlier = [EarlierTip("T-AAAA-BBBB", PLAIN), EarlierTip("T-CCCC-DDDD", "Something else entirely about a car.")]
    score = score_tip(PLAIN + " Echt.", None, False, False, earlier_tips=earlier)
    assert "-20 nearly the same as tip T-AAAA-BBBB" in [str(r) for r in score.reasons]
    assert score.duplicates == ("T-AAAA-BBBB",)
    assert similarity(PLAIN, PLAIN) == 1.0 and similarity(PLAIN, "") == 0.0


@pytest.mark.parametrize("text, reason", [
    ("Look at https://example.com for everything you need to know about the case now", "contains a web link"),
    ("I KNOW WHO DID IT AND I WILL TELL YOU EVERYTHING ABOUT THAT NIGHT", "written in capitals"),
    ("Ik weet het echt heel zeker, het was hem!!!!!!! Geloof me nou maar", "repeats a character many times"),
    ("hij was het", "very short"),
])
def test_spam_markers_lower_the_score(text, reason):
    found = reasons(score_tip(text, None, False, False))
    assert found[reason] < 0


def test_the_score_stays_between_0_and_100():
    spam = "BUY NOW!!!!!!! www.casino.xyz"
    assert score_tip(spam, None, False, False).value == 0
    rich = ("Ik zag op 15-03-1994 om 23.10 uur een auto met kenteken 12-ABC-3 aan de Stadsgracht in Amsterdam. "
            "Piet Bakker zat erin, hij kende Anna de Vries. Het was een stabbing.")
    assert score_tip(rich, "saw", True, True, FACTS).value == 100


def test_weights_come_from_configuration_and_a_typo_is_refused():
    score = score_tip(PLAIN, "saw", False, False, weights={"first_hand": 25, "base": 10})
    assert score.value == 35 and str(score.reasons[0]) == "+25 first-hand knowledge"
    with pytest.raises(ValueError, match="unknown triage weight"):
        merged_weights({"frist_hand": 3})
    with pytest.raises(ValueError, match="must be a number"):
        merged_weights({"first_hand": "lots"})


def test_a_weight_of_zero_drops_the_reason():
    assert score_tip(PLAIN, None, True, False, weights={"contact": 0}).reasons == ()


def test_case_facts_are_read_from_a_loaded_case():
    from coldcase.cases.model import KeyDate, PartialDate, Victim

    found_on = date(1994, 3, 16)

    class FakeCase:
        victim = Victim("Jan Smit")
        place = "Stadsgracht, Amsterdam"
        date = PartialDate(1994, 3, 15)
        key_dates = (KeyDate(found_on, "found"),)
        tags = ("cold", "harbour")

    facts = case_facts_from(FakeCase())
    assert facts.names == ("Jan Smit",)
    assert facts.places == ("Stadsgracht", "Amsterdam")
    assert facts.dates == (date(1994, 3, 15), date(1994, 3, 16))
    assert facts.years == (1994,) and facts.tags == ("cold", "harbour")


def test_scoring_imports_neither_flask_nor_the_database():
    import ast
    import inspect

    import coldcase.review.scoring as module

    imported = {node.names[0].name.split(".")[0] if isinstance(node, ast.Import) else (node.module or "").split(".")[0]
                for node in ast.walk(ast.parse(inspect.getsource(module)))
                if isinstance(node, (ast.Import, ast.ImportFrom))}
    assert not imported & {"flask", "sqlalchemy", "coldcase", "flask_sqlalchemy"}


def test_each_reason_has_a_code_and_detail_and_is_stored_as_structured_json():
    score = score_tip("Ik zag het bij de Stadsgracht.", "saw", True, False, case_facts=FACTS)
    assert [r.code for r in score.reasons] == ["case_place", "first_hand", "contact", "very_short"]
    assert score.reasons[0].detail == "Stadsgracht" and score.reasons[0].as_stored() == [15, "case_place",
                                                                                          "Stadsgracht"]
    assert score.reasons_as_stored()[-1] == [-15, "very_short", 6]
    assert str(score.reasons[-1]) == "-15 very short (6 words)"
    assert set(r.code for r in score.reasons) <= set(DEFAULT_WEIGHTS)


def test_near_duplicates_agree_with_similarity_for_any_text():
    """The remembered word triples (and the ASCII shortcut when folding) give exactly what folding afresh gives:
    accents, capitals, other scripts and texts too short for a triple included."""
    texts = [PLAIN, PLAIN.upper(), PLAIN + " Echt.", "ÉÉN auto bij café De Mühle, die avond laat, met twee mannen erin.",
             "een auto bij cafe de muhle, die avond laat, met twee mannen erin!", "Я видел синюю машину у канала ночью.",
             "я видел синюю машину у канала ночью", "twee woorden", "", "رأيت سيارة زرقاء بجانب القناة في الليل"]
    for text in texts:
        earlier = [EarlierTip(f"T-{n}", other) for n, other in enumerate(texts)]
        expected = tuple(f"T-{n}" for n, other in enumerate(texts) if similarity(text, other) >= 0.6)
        for _ in range(2):  # the second time from memory
            assert score_tip(text, None, False, False, earlier_tips=earlier).duplicates == expected, text


def test_the_memory_of_seen_texts_stays_within_its_budget():
    from coldcase.review.scoring import _ShingleMemo

    memo = _ShingleMemo(max_bytes=40_000)
    texts = [f"tip {n} over een blauwe auto bij de gracht met twee mannen erin" for n in range(40)]
    for text in texts:
        memo.get(text)
    assert 0 < len(memo) < 40 and memo._held <= 40_000
    assert texts[-1] in memo._entries and texts[0] not in memo._entries  # the oldest went first
    memo.get(texts[-5])  # used again: kept over ones used longer ago
    for n in range(3):
        memo.get(f"nog een tip nummer {n} over iets anders dan een auto")
    assert texts[-5] in memo._entries
    huge = " ".join(f"woord{n}" for n in range(1000))  # over an eighth of the budget: answered, not kept
    assert len(memo.get(huge)) == 998 and huge not in memo._entries
