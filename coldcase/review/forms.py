"""Forms of the review workspace."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from coldcase.review.models import INFORMATION_GRADES, SOURCE_GRADES, CloseReason, Outcome
from coldcase.tips.models import Channel, HowKnown, TipStatus

STATUS_LABELS = {"new": "new", "in_review": "in review", "follow_up": "follow-up", "closed": "closed"}


class QueueFilterForm(FlaskForm):
    """The queue's filters (a GET form: nothing changes, so no CSRF token)."""

    class Meta:
        csrf = False

    case = SelectField("Case", choices=[], validate_choice=False)
    edition = SelectField("Edition", choices=[], validate_choice=False)
    channel = SelectField("Channel", choices=[("", "any")] + [(c.value, c.value) for c in Channel],
                          validate_choice=False)
    point = SelectField("Distribution point", choices=[], validate_choice=False)
    status = SelectField("Status", choices=[("", "open (not closed)")] + list(STATUS_LABELS.items()),
                         validate_choice=False)
    assignee = SelectField("Assigned to", choices=[], validate_choice=False)
    min_score = IntegerField("Score from", validators=[Optional(), NumberRange(0, 100)])
    max_score = IntegerField("Score to", validators=[Optional(), NumberRange(0, 100)])
    grade = StringField("Grade (e.g. B or B2)", validators=[Optional(), Length(max=2)])
    outcome = SelectField("Outcome", choices=[("", "any"), ("-", "none yet")] + [(o.value, o.label) for o in Outcome],
                          validate_choice=False)


class ReviewForm(FlaskForm):
    """Grade, outcome, status, assignment and tags, saved together against the version they were shown at."""

    version = HiddenField(validators=[InputRequired()])
    source_grade = SelectField("Source (A-F)", choices=[("", "not graded")] +
                               [(k, f"{k}: {v}") for k, v in SOURCE_GRADES.items()])
    information_grade = SelectField("Information (1-6)", choices=[("", "not graded")] +
                                    [(str(k), f"{k}: {v}") for k, v in INFORMATION_GRADES.items()])
    outcome = SelectField("Outcome", choices=[("", "not decided")] + [(o.value, o.label) for o in Outcome])
    status = SelectField("Status", choices=[(s.value, STATUS_LABELS[s.value]) for s in TipStatus])
    close_reason = SelectField("Reason for closing", choices=[("", "(only when closed)")] +
                               [(r.value, r.label) for r in CloseReason])
    assignee = SelectField("Assigned to", choices=[], validate_choice=False)
    tags = StringField("Tags (separated by commas)", validators=[Length(max=900)])


class NoteForm(FlaskForm):
    """A private note."""

    body = TextAreaField("Private note (the tipster never sees it)", validators=[DataRequired("Write the note first.")])


class ReplyForm(FlaskForm):
    """A reply to the tipster."""

    message = TextAreaField("Reply to the tipster (shown on their status page)",
                            validators=[DataRequired("Write the reply first.")])


class LinkForm(FlaskForm):
    """Link another tip by its number."""

    number = StringField("Tip number to link", validators=[DataRequired("Give the other tip's number."),
                                                           Length(max=16)])


class MoveForm(FlaskForm):
    """Move the tip to a case."""

    version = HiddenField(validators=[InputRequired()])
    case_id = SelectField("Case", choices=[], validate_choice=False,
                          validators=[DataRequired("Choose a case.")])


class StaffTipForm(FlaskForm):
    """A tip that came by phone, letter, email or a prison visit."""

    channel = SelectField("Channel", choices=[(c.value, c.value) for c in Channel if c != Channel.WEB])
    case = SelectField("Case", choices=[], validate_choice=False)
    edition = StringField("Edition (year)", validators=[Length(max=4)])
    point = StringField("Distribution point code", validators=[Length(max=40)])
    date = StringField("Date received (YYYY-MM-DD, empty for today)", validators=[Length(max=10)])
    text = TextAreaField("What the tipster told", validators=[DataRequired("Write down the tip.")])
    how_known = SelectField("How they know it", choices=[("", "not said")] + [(h.value, h.value) for h in HowKnown],
                            validate_choice=False)  # checked, with the other fields, by intake's rules
    when_where = TextAreaField("When and where")
    contact = TextAreaField("Contact details (only if the tipster wants to be contacted)")
    with_receipt = BooleanField("Make a receipt code for the tipster")
