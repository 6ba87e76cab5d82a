# --8<-- [start:views]
import os
import time
from contextlib import asynccontextmanager

import anyio
import anyio.to_thread
from fastapi import FastAPI
from pwdlib import PasswordHash
from sqladmin import Admin, ModelView
from sqladmin.authentication import AuthenticationBackend
from sqladmin.filters import BooleanFilter
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from compare.admin.fastapi_models import Base, Book, User

password_hash = PasswordHash.recommended()
DUMMY_HASH = password_hash.hash("not-a-real-password")


class BookAdmin(ModelView, model=Book):  # (1)!
    column_list = [Book.title, Book.author, Book.year, Book.in_print]
    column_filters = [BooleanFilter(Book.in_print)]
    column_searchable_list = [Book.title, Book.author]
    column_default_sort = "title"
    form_excluded_columns = [Book.added]
# --8<-- [end:views]


# --8<-- [start:auth]
HASHING_SLOTS = anyio.Semaphore(4, max_value=4)  # at most 4 x 64 MiB per worker
HASHING_WAIT_SECONDS = 2.0
LOGIN_LIFETIME_SECONDS = 8 * 60 * 60


class AdminAuth(AuthenticationBackend):  # (1)!
    def __init__(self, engine: Engine, secret_key: str) -> None:
        super().__init__(secret_key=secret_key, max_age=LOGIN_LIFETIME_SECONDS)  # (2)!
        self.engine = engine

    def admin_id(self, username: str, password: str) -> int | None:
        with Session(self.engine) as session:
            user = session.scalar(select(User).filter_by(username=username))
        if user is None:
            password_hash.verify(password, DUMMY_HASH)  # (3)!
            return None
        if not password_hash.verify(password, user.password_hash) or not user.is_admin:
            return None
        return user.id

    def is_admin(self, user_id: int) -> bool:
        with Session(self.engine) as session:
            user = session.get(User, user_id)
            return user is not None and user.is_admin

    async def login(self, request: Request) -> Response | bool:
        form = await request.form()
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        try:
            with anyio.fail_after(HASHING_WAIT_SECONDS):  # (4)!
                await HASHING_SLOTS.acquire()
        except TimeoutError:
            return PlainTextResponse("Too many logins at once, try again shortly", 503, {"Retry-After": "1"})
        try:
            user_id = await anyio.to_thread.run_sync(self.admin_id, username, password)  # (5)!
        finally:
            HASHING_SLOTS.release()
        if user_id is None:
            return False
        request.session.clear()
        request.session["user_id"] = user_id  # (6)!
        request.session["login_at"] = time.time()
        return True

    async def logout(self, request: Request) -> bool:
        request.session.clear()
        return True

    async def authenticate(self, request: Request) -> bool:  # (7)!
        user_id, login_at = request.session.get("user_id"), request.session.get("login_at")
        if user_id is None or login_at is None or time.time() - login_at > LOGIN_LIFETIME_SECONDS:  # (8)!
            return False
        return await run_in_threadpool(self.is_admin, user_id)
# --8<-- [end:auth]


# --8<-- [start:setup]
def create_app(database_url: str | None = None, secret_key: str | None = None) -> FastAPI:
    secret_key = secret_key or os.environ.get("ADMIN_SECRET_KEY")
    if not secret_key:  # (1)!
        raise RuntimeError("Set ADMIN_SECRET_KEY: the admin's sessions are signed with it.")
    engine = create_engine(database_url or os.environ.get("DATABASE_URL", "sqlite:///bookshop.db"))
    Base.metadata.create_all(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        engine.dispose()  # the pool's connections, closed at shutdown

    app = FastAPI(lifespan=lifespan)
    admin = Admin(
        app,
        engine,
        base_url=os.environ.get("ADMIN_URL", "/admin"),  # (2)!
        title="Bookshop",
        authentication_backend=AdminAuth(engine, secret_key),
    )
    admin.add_view(BookAdmin)
    return app
# --8<-- [end:setup]
