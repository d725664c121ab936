"""Forms of the account pages."""

from flask_wtf import FlaskForm
from wtforms import EmailField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from coldcase.auth.models import Role

ROLE_CHOICES = [(role.value, role.label) for role in Role]


class RolesField(SelectMultipleField):
    """Roles as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class NewAccountForm(FlaskForm):
    """A new staff account."""

    email = EmailField("Email", validators=[DataRequired("Enter the email address."), Length(max=254)])
    name = StringField("Name", validators=[Length(max=120)])
    roles = RolesField("Roles", choices=ROLE_CHOICES, validators=[DataRequired("Choose at least one role.")])


class RolesForm(FlaskForm):
    """The roles of an account."""

    roles = RolesField("Roles", choices=ROLE_CHOICES, validators=[DataRequired("Choose at least one role.")])


class ActionForm(FlaskForm):
    """A button that changes an account (CSRF token only)."""
