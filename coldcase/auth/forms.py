"""Login and password forms."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField("Email", validators=[DataRequired("Enter your email address."), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=200)])
    submit = SubmitField("Sign in")


class ChangePasswordForm(FlaskForm):
    """Current password, and the new one twice."""

    current = PasswordField("Current password", validators=[DataRequired("Enter your current password.")])
    new = PasswordField("New password", validators=[DataRequired("Choose a new password."), Length(max=200)])
    repeat = PasswordField(
        "New password again",
        validators=[DataRequired("Type the new password again."), EqualTo("new", "The two new passwords differ.")],
    )
    submit = SubmitField("Change password")
