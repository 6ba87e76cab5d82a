# --8<-- [start:views]
import time
from datetime import timedelta

import click
from flask import Blueprint, Flask, abort, redirect, render_template, session, url_for
from flask_admin import Admin, AdminIndexView
from flask_admin.contrib.sqla import ModelView
from flask_admin.form import SecureForm
from flask_admin.theme import Bootstrap4Theme
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms.validators import DataRequired

from compare.admin.flask_models import Book, User, db


class AdminOnly:  # (1)!
    def is_accessible(self) -> bool:
        return current_user.is_authenticated and current_user.is_admin

    def inaccessible_callback(self, name, **kwargs):
        if current_user.is_authenticated:
            abort(403)  # (2)!
        return redirect(url_for("auth.login"))


class IndexView(AdminOnly, AdminIndexView):  # (3)!
    pass


class AdminForm(SecureForm):
    class Meta:
        csrf_time_limit = None  # not 30 minutes: as long as the login


class BookView(AdminOnly, ModelView):
    form_base_class = AdminForm  # (4)!
    column_list = ["title", "author", "year", "in_print"]
    column_filters = ["in_print"]
    column_searchable_list = ["title", "author"]
    column_default_sort = "title"
    form_excluded_columns = ["added"]  # (5)!
# --8<-- [end:views]


# --8<-- [start:auth]
login_manager = LoginManager()
auth = Blueprint("auth", __name__, cli_group=None)
DUMMY_HASH = generate_password_hash("not-a-real-password")
LOGIN_LIFETIME = timedelta(hours=8)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))  # (1)!


class LoginForm(FlaskForm):  # (2)!
    username = StringField("Username", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


@auth.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(db.select(User).filter_by(username=form.username.data))
        if user is None:
            check_password_hash(DUMMY_HASH, form.password.data)  # (3)!
        elif user.check_password(form.password.data):
            login_user(user)
            session["login_at"] = time.time()  # (4)!
            return redirect(url_for("admin.index"))
        form.form_errors.append("Wrong username or password.")
    return render_template("flask_login.html", form=form), 400 if form.errors else 200


@auth.before_app_request
def end_old_logins():  # (5)!
    if current_user.is_authenticated:
        if time.time() - session.get("login_at", 0) > LOGIN_LIFETIME.total_seconds():
            logout_user()
            session.clear()
# --8<-- [end:auth]


# --8<-- [start:cli]
MIN_PASSWORD_LENGTH = 15  # (1)!


def long_enough(ctx: click.Context, param: click.Parameter, password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.BadParameter(f"Use at least {MIN_PASSWORD_LENGTH} characters.")  # (2)!
    return password


@auth.cli.command("create-admin")  # (3)!
@click.argument("username")
@click.password_option(callback=long_enough)  # (4)!
def create_admin(username: str, password: str) -> None:
    """Create the tables if needed, and an admin user."""
    db.create_all()
    user = User(username=username, is_admin=True)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Admin {username} created.")
# --8<-- [end:cli]


# --8<-- [start:setup]
def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///bookshop.db"
    app.config["PERMANENT_SESSION_LIFETIME"] = LOGIN_LIFETIME  # (1)!
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"  # Flask's default, None, sends no SameSite attribute
    app.config.from_prefixed_env()  # (2)!
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("Set FLASK_SECRET_KEY: the login session is signed with it.")
    db.init_app(app)
    login_manager.init_app(app)
    app.register_blueprint(auth)
    admin = Admin(
        app,
        name="Bookshop",
        index_view=IndexView(url=app.config.get("ADMIN_URL", "/admin")),  # (3)!
        theme=Bootstrap4Theme(swatch="flatly"),  # (4)!
    )
    admin.add_view(BookView(Book, db))  # (5)!
    return app
# --8<-- [end:setup]
