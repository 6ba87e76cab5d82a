"""Exercise (admin): the admin is open to anyone. Let only admins in."""

import os
from dataclasses import dataclass

from flask import Flask, abort, redirect, url_for
from flask_admin import Admin, AdminIndexView
from flask_admin.contrib.sqla import ModelView
from flask_admin.form import SecureForm
from flask_login import LoginManager, UserMixin, current_user
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)


class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))


@dataclass
class User(UserMixin):
    id: str
    is_admin: bool


USERS = {"ada": User("ada", is_admin=True), "bob": User("bob", is_admin=False)}  # a database, in a real app
login_manager = LoginManager()
login_manager.login_view = "login"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return USERS.get(user_id)


class AdminOnly:
    """Flask-Admin lets everyone in unless a view says otherwise."""

    def is_accessible(self) -> bool:
        return current_user.is_authenticated and current_user.is_admin

    def inaccessible_callback(self, name, **kwargs):
        if current_user.is_authenticated:
            abort(403)  # logged in, but not an admin
        return redirect(url_for("login"))


class IndexView(AdminOnly, AdminIndexView):
    pass


class AdminForm(SecureForm):
    class Meta:
        csrf_time_limit = None  # not WTForms' 30 minutes: the token lasts as long as the login


class BookView(AdminOnly, ModelView):
    form_base_class = AdminForm  # a CSRF token in every form, checked on every post


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get("DATABASE_URL", "sqlite:///books.db")
    app.config["SECRET_KEY"] = os.environ.get("FLASK_SECRET_KEY")  # signs the login session
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"  # Flask's default, None, sends no SameSite attribute
    app.config.update(config or {})
    if not app.secret_key:  # unset or empty: Flask would serve, but with no session to log in with
        raise RuntimeError("Set FLASK_SECRET_KEY: no key, no start")
    db.init_app(app)
    login_manager.init_app(app)
    app.add_url_rule("/login", "login", lambda: "The login form.")  # see the authentication chapter
    admin = Admin(app, name="Books", index_view=IndexView())
    admin.add_view(BookView(Book, db))
    return app
