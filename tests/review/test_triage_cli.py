"""`coldcase tips score`, `coldcase tips fit-weights` and `coldcase users set-unit`."""

import json
import random

from sqlalchemy import select

from coldcase.audit.models import AuditEvent
from coldcase.auth.models import User
from coldcase.extensions import db
from coldcase.review.models import TipReview
from coldcase.tips.models import Tip

CASE = "yvonne-bakker-2016"


def test_score_reads_stdin_and_prints_json_without_storing_anything(runner):
    text = "Ik zag Ricky de Wit om 17.30 uur in een witte Opel bij het Gooimeer."
    result = runner.invoke(args=["tips", "score", "--case", CASE, "--how-known", "saw", "--contact",
                                 "--attachment", "--format", "json"], input=text)
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert set(printed) == {"score", "reasons"} and 0 <= printed["score"] <= 100
    codes = {code: (points, detail) for points, code, detail in printed["reasons"]}
    assert codes["new_name"][1] == "Ricky de Wit" and codes["new_time"][1] == "om 17.30 uur"
    assert {"first_hand", "contact", "attachment"} <= codes.keys()
    assert db.session.scalar(select(Tip.id)) is None


def test_score_in_text_lists_the_reasons_in_english(runner):
    result = runner.invoke(args=["tips", "score", "--case", CASE], input=(
        "Yvonne Bakker verdween op 19 maart 2016 in Almere Haven, haar fiets stond bij het Gooimeer."))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("score ")
    assert "repeats the published facts: " in result.output and "% of its words" in result.output


def test_score_refuses_an_unknown_case_and_a_bad_option(runner):
    result = runner.invoke(args=["tips", "score", "--case", "no-such-case"], input="iets")
    assert result.exit_code != 0 and "there is no case 'no-such-case'" in result.output
    assert runner.invoke(args=["tips", "score", "--case", CASE, "--how-known", "dreamt"], input="x").exit_code != 0


def test_score_of_bad_input_still_answers(runner):
    for text in ["", "https://example.xyz", "😀" * 500, "woord " * 10_000, "\xff\xfe binary"]:
        result = runner.invoke(args=["tips", "score", "--case", CASE, "--format", "json"], input=text)
        assert result.exit_code == 0, (text[:20], result.output)
        assert json.loads(result.output)["reasons"]


def _graded_history(make_tip, count=60, seed=3):
    """A unit whose grading disagrees with today's weights: tips that name a person and leave contact details
    turn out not usable here, and anonymous tips that give only a time usually are."""
    randomness = random.Random(seed)
    for n in range(count):
        usable = n % 2 == 0
        if usable:
            text = f"Om {randomness.randint(10, 23)}.{randomness.randint(10, 59)} uur liep daar iemand weg, " \
                   f"nummer {n}."
            tip = make_tip(text, case_id=CASE, how_known="other")
        else:
            text = f"Ricky de Wit heeft het gedaan, zeker weten, bel mij maar voor meer, echt waar {n}."
            tip = make_tip(text, case_id=CASE, how_known="saw", contact_encrypted=b"x")
        if randomness.random() < 0.1:  # a few graders disagree
            usable = not usable
        db.session.add(TipReview(tip_id=tip.id, outcome="usable" if usable else "not_usable"))
    db.session.commit()


def test_fit_weights_says_how_many_more_graded_tips_it_needs(runner, make_tip):
    _graded_history(make_tip, count=12)
    result = runner.invoke(args=["tips", "fit-weights"])
    assert result.exit_code != 0
    assert "12 graded tip(s); 28 more are needed" in result.output


def test_fit_weights_reports_both_aucs_and_writes_only_with_apply(app, runner, make_tip):
    from coldcase.review.triage import fitted_weights_path

    _graded_history(make_tip)
    result = runner.invoke(args=["tips", "fit-weights"])
    assert result.exit_code == 0, result.output
    line = [row for row in result.output.splitlines() if "ROC AUC" in row][0]
    today, fitted = (float(value) for value in
                     (line.split("today's weights: ")[1].split(";")[0], line.split("cross-validated): ")[1][:-1]))
    assert fitted > today + 0.2
    assert "contact" in result.output and "Nothing written" in result.output
    assert not fitted_weights_path().exists()

    before = {tip.id: tip.triage_score for tip in db.session.scalars(select(Tip))}
    result = runner.invoke(args=["tips", "fit-weights", "--apply"])
    assert result.exit_code == 0, result.output
    weights = json.loads(fitted_weights_path().read_text())["weights"]
    assert weights["contact"] < 0 and all(isinstance(points, int) for points in weights.values())
    db.session.expire_all()
    after = {tip.id: tip.triage_score for tip in db.session.scalars(select(Tip))}
    assert after != before  # scored again with the fitted weights
    assert "fitted weights applied" in db.session.scalar(select(AuditEvent.detail).order_by(AuditEvent.id.desc()))
    # Configured weights still override single fitted ones.
    app.config["TRIAGE_WEIGHTS"] = {"contact": 7}
    from coldcase.review.triage import configured_weights

    assert configured_weights()["contact"] == 7 and configured_weights()["base"] == weights["base"]


def test_a_broken_fitted_weights_file_is_reported(app, runner):
    from coldcase.review.triage import fitted_weights_path

    fitted_weights_path().parent.mkdir(parents=True, exist_ok=True)
    fitted_weights_path().write_text("{not json")
    for command in (["tips", "rescore"], ["tips", "fit-weights"], ["tips", "score", "--case", CASE]):
        result = runner.invoke(args=command, input="x")
        assert result.exit_code != 0 and "triage_weights.json cannot be read" in result.output, command


def test_set_unit_is_audited_and_can_be_cleared(runner, create_user):
    user = create_user("investigator")
    result = runner.invoke(args=["users", "set-unit", user.email, "Team Cold Cases Amsterdam"])
    assert result.exit_code == 0 and "works in unit: Team Cold Cases Amsterdam" in result.output
    db.session.expire_all()
    assert db.session.get(User, user.id).unit == "Team Cold Cases Amsterdam"
    assert runner.invoke(args=["users", "set-unit", user.email, ""]).exit_code == 0
    db.session.expire_all()
    assert db.session.get(User, user.id).unit is None
    assert db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == "user_unit"
    assert "There is no user" in runner.invoke(args=["users", "set-unit", "nobody@x", "y"]).output
