from flask_wtf import FlaskForm
from wtforms import EmailField, IntegerField, PasswordField, StringField
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

RESERVED = {"admin", "root"}


class SignupForm(FlaskForm):  # (1)!
    username = StringField("Username", validators=[
        DataRequired(),
        Length(min=3, max=30),
        Regexp(r"^[a-z0-9_]+\Z", message="Use lowercase letters, digits and _ only."),  # (2)!
    ])
    email = EmailField("Email", validators=[DataRequired(), Email()])  # (3)!
    age = IntegerField("Age", validators=[Optional(), NumberRange(min=13, max=150)])  # (4)!
    password = PasswordField("Password", validators=[DataRequired(), Length(min=8)])
    password_confirm = PasswordField("Repeat password", validators=[
        DataRequired(),
        EqualTo("password", message="Passwords do not match."),  # (5)!
    ])

    def validate_username(self, field):  # (6)!
        if field.data in RESERVED:
            raise ValidationError("This username is reserved.")

    def validate_password(self, field):  # (7)!
        if self.username.data and self.username.data in field.data:
            raise ValidationError("The password must not contain the username.")
