"""Exercise (auth): any logged-in user can open the editors' page. Let only editors in (403 for others)."""

import os
from dataclasses import dataclass

from flask import Flask
from flask_login import LoginManager, UserMixin, current_user, login_required


@dataclass
class User(UserMixin):
    id: str
    is_editor: bool


USERS = {"ada": User("ada", is_editor=True), "bob": User("bob", is_editor=False)}  # a database, in a real app

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["FLASK_SECRET_KEY"]  # signs the session cookie; no key, no start
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"  # Flask's default, None, sends no SameSite attribute
login_manager = LoginManager(app)
login_manager.login_view = "login"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return USERS.get(user_id)


@app.get("/login")
def login():
    return "The login form."  # see the chapter: Logging in


@app.get("/reports/new")
@login_required
def new_report():
    return {"editor": current_user.id}
