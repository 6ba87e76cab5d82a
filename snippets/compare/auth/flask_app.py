# --8<-- [start:setup]
import re
from datetime import timedelta
from functools import wraps

from flask import Blueprint, Flask, abort, redirect, render_template, request, session, url_for
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect

from compare.auth.flask_users import USERS, User, authenticate

login_manager = LoginManager()
login_manager.login_view = "auth.login"  # (1)!
csrf = CSRFProtect()
bp = Blueprint("auth", __name__)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SESSION_COOKIE_NAME="__Host-session",  # (2)!
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),  # (3)!
    )
    app.config.from_prefixed_env()  # FLASK_SECRET_KEY becomes SECRET_KEY
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Set FLASK_SECRET_KEY: the session cookie is signed with it.")
    login_manager.init_app(app)
    csrf.init_app(app)  # (4)!
    app.register_blueprint(bp)
    return app


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return USERS.get(user_id)  # (5)!
# --8<-- [end:setup]


# --8<-- [start:login]
@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        user = authenticate(request.form.get("username", ""), request.form.get("password", ""))
        if user is not None:
            session.clear()
            login_user(user)  # (1)!
            return redirect(safe_next(request.args.get("next")))
        error = "Invalid username or password."  # (2)!
    return render_template("flask_login.html", error=error)


@bp.app_errorhandler(CSRFError)
def csrf_failed(error: CSRFError):
    if request.endpoint == "auth.login":  # (3)!
        message = "The login form has expired. Please log in again."
        return render_template("flask_login.html", error=message), 400
    return error
# --8<-- [end:login]


# --8<-- [start:next]
# A path on this site: one "/", then no "/" or "\", and only printable ASCII URL characters.
LOCAL_PATH = re.compile(r"/(?![/\\])[\w\-.~!$&'()*+,;=:@%/?#]*", re.ASCII)


def safe_next(target: str | None) -> str:
    if target and LOCAL_PATH.fullmatch(target):  # (1)!
        return target
    return url_for("auth.reports")
# --8<-- [end:next]


# --8<-- [start:protected]
@bp.get("/reports")
@login_required  # (1)!
def reports():
    can_publish = "editor" in current_user.roles  # (2)!
    return render_template("flask_reports.html", can_publish=can_publish)
# --8<-- [end:protected]


# --8<-- [start:roles]
def role_required(role: str):
    def decorator(view):
        @wraps(view)
        @login_required  # (1)!
        def wrapper(*args, **kwargs):
            if role not in current_user.roles:
                abort(403)  # (2)!
            return view(*args, **kwargs)

        return wrapper

    return decorator


@bp.get("/reports/publish")
@role_required("editor")
def publish():
    return "Publishing desk"
# --8<-- [end:roles]


# --8<-- [start:logout]
@bp.post("/logout")  # (1)!
def logout():
    logout_user()
    return redirect(url_for("auth.login"))
# --8<-- [end:logout]
