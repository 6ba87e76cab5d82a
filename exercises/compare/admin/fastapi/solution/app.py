"""Exercise (admin): the admin is open to anyone. Let only admins in."""

import os
import time

from fastapi import FastAPI
from pwdlib import PasswordHash
from sqladmin import Admin, ModelView
from sqladmin.authentication import AuthenticationBackend
from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request


class Base(DeclarativeBase):
    pass


class Book(Base):
    __tablename__ = "book"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))


class BookAdmin(ModelView, model=Book):
    column_list = [Book.id, Book.title]


password_hash = PasswordHash.recommended()
# username: (password hash, is an admin): a database, in a real app
USERS = {
    "ada": ("$argon2id$v=19$m=65536,t=3,p=4$OHQBzOfddVMXZv0U4y0THg$Fu9MLzOakQBpbbcZFOt4XWX7OBnveVTpq1+hMA0CJS4", True),
    "bob": ("$argon2id$v=19$m=65536,t=3,p=4$vPPacXxyOUGHnhr1n/q24A$LJ4T1+dHEjv7kPXXRzQpO5KhSQRciklMryduBPGML8U", False),
}


DUMMY_HASH = password_hash.hash("not-a-real-password")
LOGIN_LIFETIME_SECONDS = 8 * 60 * 60  # a login lasts 8 hours, not Starlette's 14 days


def is_admin(username: str, password: str) -> bool:
    """One hash for every username, the admin flag after it: the time tells nobody who exists or is an admin."""
    stored = USERS.get(username)
    if stored is None:
        password_hash.verify(password, DUMMY_HASH)  # as slow as a real check
        return False
    return password_hash.verify(password, stored[0]) and stored[1]


class AdminAuth(AuthenticationBackend):
    """sqladmin lets everyone in unless it is given an authentication backend."""

    async def login(self, request: Request) -> bool:
        form = await request.form()
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        if not await run_in_threadpool(is_admin, username, password):  # hashing is slow: not on the loop
            return False
        request.session.clear()
        request.session["admin"] = username
        request.session["login_at"] = time.time()
        return True

    async def logout(self, request: Request) -> bool:
        request.session.clear()
        return True

    async def authenticate(self, request: Request) -> bool:
        login_at = request.session.get("login_at")
        if login_at is None or time.time() - login_at > LOGIN_LIFETIME_SECONDS:
            return False  # eight hours from the login: a later write of the session (a flash) re-signs the cookie
        stored = USERS.get(request.session.get("admin", ""))
        return stored is not None and stored[1]  # asked on every admin request: a deleted or demoted admin is out


def create_app(database_url: str | None = None, secret_key: str | None = None) -> FastAPI:
    secret_key = secret_key or os.environ.get("ADMIN_SECRET_KEY")
    if not secret_key:  # unset or empty: Starlette would sign with the key "None" or ""
        raise RuntimeError("Set ADMIN_SECRET_KEY: no key, no start")
    engine = create_engine(database_url or os.environ.get("DATABASE_URL", "sqlite:///books.db"))
    Base.metadata.create_all(engine)
    app = FastAPI()
    app.state.engine = engine
    auth = AdminAuth(secret_key=secret_key,
                     max_age=LOGIN_LIFETIME_SECONDS)  # and the browser drops the cookie then too
    admin = Admin(app, engine, title="Books", authentication_backend=auth)
    admin.add_view(BookAdmin)
    return app
