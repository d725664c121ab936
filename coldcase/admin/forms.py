"""Forms of the account pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from coldcase.auth.models import Role

ROLE_LABELS = {"admin": _l("admin"), "investigator": _l("investigator"), "print_staff": _l("print staff"),
               "analyst": _l("analyst")}
ROLE_CHOICES = [(role.value, ROLE_LABELS[role.value]) for role in Role]


class RolesField(SelectMultipleField):
    """Roles as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class NewAccountForm(FlaskForm):
    """A new staff account."""

    email = EmailField(_l("Email"), validators=[DataRequired(_l("Enter the email address.")), Length(max=254)])
    name = StringField(_l("Name"), validators=[Length(max=120)])
    roles = RolesField(_l("Roles"), choices=ROLE_CHOICES, validators=[DataRequired(_l("Choose at least one role."))])


class RolesForm(FlaskForm):
    """The roles of an account, and the cold-case unit the person works in."""

    roles = RolesField(_l("Roles"), choices=ROLE_CHOICES, validators=[DataRequired(_l("Choose at least one role."))])
    unit = StringField(_l("Unit (as the cases name it; investigators read held-back facts of their unit's cases)"),
                       validators=[Length(max=120)])


class ActionForm(FlaskForm):
    """A button that changes an account (CSRF token only)."""
