"""Exercise (auth): any logged-in user can open the editors' page. Let only editors in (403 for others)."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import OAuth2PasswordBearer


@dataclass
class User:
    name: str
    is_editor: bool


# Tokens and users stand in for a real token check (see the chapter: Logging in).
TOKENS = {"ada-token": User("ada", is_editor=True), "bob-token": User("bob", is_editor=False)}
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


@lru_cache  # one dictionary lookup per token, not per request
def get_current_user(token: Annotated[str, Depends(oauth2_scheme)]) -> User:
    user = TOKENS.get(token)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Invalid token", headers={"WWW-Authenticate": "Bearer"})
    return user


def get_editor(user: Annotated[User, Depends(get_current_user)]) -> User:
    if not user.is_editor:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Editors only")  # the token is fine: no WWW-Authenticate
    return user


app = FastAPI()


@app.get("/reports/new")
def new_report(user: Annotated[User, Depends(get_editor)]) -> dict[str, str]:
    return {"editor": user.name}
