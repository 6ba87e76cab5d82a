# --8<-- [start:setup]
from flask import Blueprint, Flask, redirect, render_template, url_for

from compare.forms.flask_forms import SignupForm

bp = Blueprint("signup", __name__)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_prefixed_env()  # (1)!
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Set FLASK_SECRET_KEY: CSRF tokens and the session are signed with it.")
    app.register_blueprint(bp)
    return app
# --8<-- [end:setup]


# --8<-- [start:view]
@bp.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignupForm()  # (1)!
    if form.validate_on_submit():  # (2)!
        # form.data holds the converted values: age is an int or None.
        return redirect(url_for("signup.done"))  # (3)!
    status = 422 if form.is_submitted() else 200  # (4)!
    return render_template("flask_signup.html", form=form), status


@bp.get("/signup/done")
def done():
    return "Account created."
# --8<-- [end:view]
