# --8<-- [start:settings]
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Annotated, Literal

import anyio
import anyio.to_thread
import jwt
from fastapi import Depends, FastAPI, HTTPException, Response, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from jwt.exceptions import InvalidTokenError
from pwdlib import PasswordHash
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUTH_")

    jwt_secret_key: str = Field(min_length=32)  # (1)!
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"  # HMAC: the key is a shared secret
    access_token_expire_minutes: int = 30


@lru_cache
def get_settings() -> Settings:
    return Settings()


SettingsDep = Annotated[Settings, Depends(get_settings)]


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.dependency_overrides.get(get_settings, get_settings)()  # (2)!
    yield
# --8<-- [end:settings]


# --8<-- [start:users]
class User(BaseModel):
    username: str
    roles: list[str] = []


class UserInDB(User):
    password_hash: str


password_hash = PasswordHash.recommended()  # (1)!
DUMMY_HASH = password_hash.hash("not-a-real-password")
USERS: dict[str, UserInDB] = {}  # a database table in a real app
HASHING_SLOTS = anyio.Semaphore(4, max_value=4)  # (2)!
HASHING_WAIT_SECONDS = 2.0


def add_user(username: str, password: str, roles: list[str] | None = None) -> UserInDB:
    hashed = password_hash.hash(password)
    user = UserInDB(username=username, roles=roles or [], password_hash=hashed)
    USERS[username] = user
    return user


async def verify_password(password: str, hashed: str) -> bool:
    try:
        with anyio.fail_after(HASHING_WAIT_SECONDS):  # (3)!
            await HASHING_SLOTS.acquire()
    except TimeoutError:
        raise HTTPException(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            detail="Too many logins at once, try again shortly",
            headers={"Retry-After": "1"},
        ) from None
    try:
        return await anyio.to_thread.run_sync(password_hash.verify, password, hashed)  # (4)!
    finally:
        HASHING_SLOTS.release()


async def authenticate_user(username: str, password: str) -> UserInDB | None:
    user = USERS.get(username)
    if user is None:
        await verify_password(password, DUMMY_HASH)  # (5)!
        return None
    return user if await verify_password(password, user.password_hash) else None
# --8<-- [end:users]


# --8<-- [start:tokens]
class Token(BaseModel):
    access_token: str
    token_type: str


def create_access_token(username: str, settings: Settings, expires_in: timedelta) -> str:
    payload = {
        "sub": username,
        "aud": "access",  # (1)!
        "exp": datetime.now(timezone.utc) + expires_in,  # (2)!
    }
    return jwt.encode(payload, settings.jwt_secret_key, algorithm=settings.jwt_algorithm)


oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")  # (3)!
app = FastAPI(lifespan=lifespan)


@app.post("/token", response_model=Token)
async def login_for_access_token(  # (4)!
    form_data: Annotated[OAuth2PasswordRequestForm, Depends()],  # (5)!
    settings: SettingsDep,
    response: Response,
) -> Token | JSONResponse:
    user = await authenticate_user(form_data.username, form_data.password)
    if user is None:
        return JSONResponse(  # (6)!
            {"error": "invalid_grant", "error_description": "Incorrect username or password"},
            status_code=status.HTTP_400_BAD_REQUEST,
            headers={"Cache-Control": "no-store"},
        )
    expires_in = timedelta(minutes=settings.access_token_expire_minutes)
    token = create_access_token(user.username, settings, expires_in)
    response.headers["Cache-Control"] = "no-store"  # (7)!
    return Token(access_token=token, token_type="bearer")
# --8<-- [end:tokens]


# --8<-- [start:current-user]
async def get_current_user(
    token: Annotated[str, Depends(oauth2_scheme)],
    settings: SettingsDep,
) -> UserInDB:
    credentials_exception = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": "Bearer"},
    )
    try:
        payload = jwt.decode(
            token,
            settings.jwt_secret_key,
            algorithms=[settings.jwt_algorithm],  # (1)!
            audience="access",
            options={"require": ["exp", "sub", "aud"]},  # (2)!
        )
    except InvalidTokenError:  # (3)!
        raise credentials_exception from None
    user = USERS.get(payload["sub"])  # (4)!
    if user is None:
        raise credentials_exception
    return user


CurrentUser = Annotated[UserInDB, Depends(get_current_user)]


@app.get("/users/me")
async def read_users_me(user: CurrentUser) -> User:  # (5)!
    return user


@app.get("/reports")
async def reports(user: CurrentUser) -> dict[str, str]:
    return {"reports_for": user.username}
# --8<-- [end:current-user]


# --8<-- [start:roles]
def require_role(role: str):
    async def check_role(user: CurrentUser) -> UserInDB:
        if role not in user.roles:
            raise HTTPException(  # (1)!
                status_code=status.HTTP_403_FORBIDDEN,
                detail="Not enough permissions",
            )
        return user

    return check_role


@app.get("/reports/publish")
async def publish(user: Annotated[UserInDB, Depends(require_role("editor"))]) -> dict[str, str]:
    return {"desk": "publishing", "editor": user.username}
# --8<-- [end:roles]
