"""Exercise (forms): a sign-up whose two passwords differ is accepted. Reject it."""

import os

from flask import Flask, redirect, render_template_string, url_for
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, InputRequired, Length


class SignupForm(FlaskForm):
    username = StringField(validators=[DataRequired(), Length(max=30)])
    # InputRequired, not DataRequired: a password of spaces is typed, not missing
    password = PasswordField(validators=[InputRequired(), Length(min=12)])
    password_confirm = PasswordField(validators=[InputRequired()])


PAGE = """<form method="post">{{ form.csrf_token }}
{% for field, errors in form.errors.items() %}<p class="error">{{ field }}: {{ errors|join(" ") }}</p>{% endfor %}
{{ form.username() }} {{ form.password() }} {{ form.password_confirm() }} <button>Sign up</button>
</form>"""


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ.get("FLASK_SECRET_KEY")  # signs the CSRF token
    app.config.update(config or {})
    if not app.config["SECRET_KEY"]:
        raise RuntimeError("Set FLASK_SECRET_KEY: no key, no start")

    @app.route("/signup", methods=["GET", "POST"])
    def signup():
        form = SignupForm()
        if form.validate_on_submit():
            return redirect(url_for("done"), 303)
        return render_template_string(PAGE, form=form), 422 if form.is_submitted() else 200

    @app.get("/signup/done")
    def done():
        return "Account created."

    return app
