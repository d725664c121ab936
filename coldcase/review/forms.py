"""Forms of the review workspace."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from coldcase.review.models import INFORMATION_GRADES, SOURCE_GRADES, CloseReason, Outcome
from coldcase.tips.models import Channel, HowKnown, TipStatus

STATUS_LABELS = {"new": _l("new"), "in_review": _l("in review"), "follow_up": _l("follow-up"), "closed": _l("closed")}
CHANNEL_LABELS = {"web": _l("web form"), "phone": _l("phone"), "letter": _l("letter"), "email": _l("email"),
                  "visit": _l("visit"), "other": _l("other")}
HOW_KNOWN_LABELS = {"saw": _l("saw it themselves"), "heard": _l("heard it from someone"), "other": _l("other")}
OUTCOME_LABELS = {"not_usable": _l("not usable"), "usable": _l("usable"), "reopened": _l("led to reopening"),
                  "solved": _l("led to a solution")}
CLOSE_REASON_LABELS = {"spam": _l("spam"), "duplicate": _l("duplicate"), "no_lead": _l("no lead"),
                       "passed_on": _l("passed on"), "done": _l("dealt with")}
SOURCE_GRADE_LABELS = {"A": _l("completely reliable"), "B": _l("usually reliable"), "C": _l("fairly reliable"),
                       "D": _l("not usually reliable"), "E": _l("unreliable"),
                       "F": _l("reliability cannot be judged")}
INFORMATION_GRADE_LABELS = {1: _l("confirmed by other sources"), 2: _l("probably true"), 3: _l("possibly true"),
                            4: _l("doubtful"), 5: _l("improbable"), 6: _l("truth cannot be judged")}


class _Choice:
    """A grade's option text, "B: usually reliable", in the language of the request it is shown in."""

    def __init__(self, key, label):
        self.key, self.label = key, label

    def __str__(self) -> str:
        return f"{self.key}: {self.label}"


class QueueFilterForm(FlaskForm):
    """The queue's filters (a GET form: nothing changes, so no CSRF token)."""

    class Meta:
        csrf = False

    case = SelectField(_l("Case"), choices=[], validate_choice=False)
    edition = SelectField(_l("Edition"), choices=[], validate_choice=False)
    channel = SelectField(_l("Channel"), choices=[("", _l("any"))] + [(c.value, CHANNEL_LABELS[c.value]) for c in Channel],
                          validate_choice=False)
    point = SelectField(_l("Distribution point"), choices=[], validate_choice=False)
    status = SelectField(_l("Status"), choices=[("", _l("open (not closed)"))] + list(STATUS_LABELS.items()),
                         validate_choice=False)
    assignee = SelectField(_l("Assigned to"), choices=[], validate_choice=False)
    min_score = IntegerField(_l("Score from"), validators=[Optional(), NumberRange(0, 100)])
    max_score = IntegerField(_l("Score to"), validators=[Optional(), NumberRange(0, 100)])
    grade = StringField(_l("Grade (e.g. B or B2)"), validators=[Optional(), Length(max=2)])
    outcome = SelectField(_l("Outcome"), choices=[("", _l("any")), ("-", _l("none yet"))] +
                          [(o.value, OUTCOME_LABELS[o.value]) for o in Outcome], validate_choice=False)
    waiting = SelectField(_l("Conversation"), choices=[("", _l("any")), ("us", _l("waiting for us")),
                                                       ("tipster", _l("waiting for the tipster"))],
                          validate_choice=False)


class ReviewForm(FlaskForm):
    """Grade, outcome, status, assignment and tags, saved together against the version they were shown at."""

    version = HiddenField(validators=[InputRequired()])
    source_grade = SelectField(_l("Source (A-F)"), choices=[("", _l("not graded"))] +
                               [(k, _Choice(k, SOURCE_GRADE_LABELS[k])) for k in SOURCE_GRADES])
    information_grade = SelectField(_l("Information (1-6)"), choices=[("", _l("not graded"))] +
                                    [(str(k), _Choice(k, INFORMATION_GRADE_LABELS[k])) for k in INFORMATION_GRADES])
    outcome = SelectField(_l("Outcome"), choices=[("", _l("not decided"))] +
                          [(o.value, OUTCOME_LABELS[o.value]) for o in Outcome])
    status = SelectField(_l("Status"), choices=[(s.value, STATUS_LABELS[s.value]) for s in TipStatus])
    close_reason = SelectField(_l("Reason for closing"), choices=[("", _l("(only when closed)"))] +
                               [(r.value, CLOSE_REASON_LABELS[r.value]) for r in CloseReason])
    assignee = SelectField(_l("Assigned to"), choices=[], validate_choice=False)
    tags = StringField(_l("Tags (separated by commas)"), validators=[Length(max=900)])


class NoteForm(FlaskForm):
    """A private note."""

    body = TextAreaField(_l("Private note (the tipster never sees it)"),
                         validators=[DataRequired(_l("Write the note first."))])


class ReplyForm(FlaskForm):
    """A reply to the tipster."""

    message = TextAreaField(_l("Reply to the tipster (shown on their status page)"),
                            validators=[DataRequired(_l("Write the reply first."))])


class LinkForm(FlaskForm):
    """Link another tip by its number."""

    number = StringField(_l("Tip number to link"), validators=[DataRequired(_l("Give the other tip's number.")),
                                                               Length(max=16)])


class MoveForm(FlaskForm):
    """Move the tip to a case."""

    version = HiddenField(validators=[InputRequired()])
    case_id = SelectField(_l("Case"), choices=[], validate_choice=False,
                          validators=[DataRequired(_l("Choose a case."))])


class StaffTipForm(FlaskForm):
    """A tip that came by phone, letter, email or a prison visit."""

    channel = SelectField(_l("Channel"), choices=[(c.value, CHANNEL_LABELS[c.value]) for c in Channel
                                                  if c != Channel.WEB])
    case = SelectField(_l("Case"), choices=[], validate_choice=False)
    edition = StringField(_l("Edition (year)"), validators=[Length(max=4)])
    point = StringField(_l("Distribution point code"), validators=[Length(max=40)])
    date = StringField(_l("Date received (YYYY-MM-DD, empty for today)"), validators=[Length(max=10)])
    text = TextAreaField(_l("What the tipster told"), validators=[DataRequired(_l("Write down the tip."))])
    how_known = SelectField(_l("How they know it"), choices=[("", _l("not said"))] +
                            [(h.value, HOW_KNOWN_LABELS[h.value]) for h in HowKnown],
                            validate_choice=False)  # checked, with the other fields, by intake's rules
    when_where = TextAreaField(_l("When and where"))
    contact = TextAreaField(_l("Contact details (only if the tipster wants to be contacted)"))
    with_receipt = BooleanField(_l("Make a receipt code for the tipster"))


class HeldBackForm(FlaskForm):
    """A held-back fact of a case: a short label and the words that mention it."""

    label = StringField(_l("The fact, in a few words"), validators=[DataRequired(), Length(max=200)])
    terms = TextAreaField(_l("Words that mention it, one a line, in any language"), validators=[Length(max=1000)])
