"""The new /api/v2/ service: FastAPI reading the Django project's database and session cookie."""

import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac
from fastapi import Cookie, Depends, FastAPI, HTTPException, Path, Request
from pydantic import BaseModel
from sqlalchemy import column, select, table
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


# --8<-- [start:models]
class Base(DeclarativeBase):
    pass


class DjangoUser(Base):  # (1)!
    __tablename__ = "auth_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    first_name: Mapped[str]
    is_active: Mapped[bool]
    date_joined: Mapped[datetime]


class DjangoSession(Base):
    __tablename__ = "django_session"

    session_key: Mapped[str] = mapped_column(primary_key=True)
    session_data: Mapped[str]
    expire_date: Mapped[datetime]


class UserOut(BaseModel):  # (2)!
    id: int
    username: str
    first_name: str
# --8<-- [end:models]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    engine = create_async_engine(os.environ["DJANGO_DATABASE_URL"], pool_pre_ping=True)
    app.state.sessions = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


async def get_db(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessions() as session:
        yield session


DbDep = Annotated[AsyncSession, Depends(get_db)]


# --8<-- [start:auth]
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # (1)!
SESSION_SALT = "django.contrib.sessions.SessionStore"  # the database session engine's salt
HASH_SALT = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
password_column = table("auth_user", column("id"), column("password"))  # (2)!

SESSION_KEY = re.compile(r"[a-z0-9]{8,40}")  # what Django's keys look like; anything else: no query
not_logged_in = HTTPException(status_code=401, detail="Not logged in")


async def django_user(db: DbDep, sessionid: Annotated[str | None, Cookie()] = None) -> DjangoUser:
    if sessionid is None or not SESSION_KEY.fullmatch(sessionid):
        raise not_logged_in
    row = await db.get(DjangoSession, sessionid)
    if row is None or row.expire_date <= datetime.now(UTC):  # (3)!
        raise not_logged_in
    try:
        data = signing.loads(row.session_data, key=SECRET_KEY, fallback_keys=[],  # (4)!
                             salt=SESSION_SALT, serializer=signing.JSONSerializer)
    except signing.BadSignature:
        raise not_logged_in from None
    user = await db.get(DjangoUser, int(data.get("_auth_user_id", 0)))
    if user is None or not user.is_active:
        raise not_logged_in
    password_hash = await db.scalar(  # (5)!
        select(password_column.c.password).where(password_column.c.id == user.id))
    expected = salted_hmac(HASH_SALT, password_hash, secret=SECRET_KEY, algorithm="sha256").hexdigest()
    if not constant_time_compare(data.get("_auth_user_hash", ""), expected):
        raise not_logged_in
    return user
# --8<-- [end:auth]


# --8<-- [start:routes]
@app.get("/api/v2/me")
async def me(user: Annotated[DjangoUser, Depends(django_user)]) -> UserOut:
    return user


@app.get("/api/v2/users/{user_id}")
async def user_detail(user_id: Annotated[int, Path(ge=1, le=2**31 - 1)],  # auth_user.id is `integer`
                      db: DbDep, _: Annotated[DjangoUser, Depends(django_user)]) -> UserOut:
    user = await db.get(DjangoUser, user_id)
    if user is None or not user.is_active:
        raise HTTPException(status_code=404, detail="User not found")
    return user
# --8<-- [end:routes]
