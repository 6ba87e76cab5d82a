import logging
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from performance.dependency_injection import tokens

app = FastAPI()


# --8<-- [start:dependencies]
logger = logging.getLogger("audit")
bearer = HTTPBearer()  # (1)!


async def current_user(
    credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)],
) -> str:
    user = tokens.find_user(credentials.credentials)
    if user is None:
        raise HTTPException(401, "Invalid token", headers={"WWW-Authenticate": "Bearer"})
    return user


CurrentUser = Annotated[str, Depends(current_user)]


async def audit(request: Request, user: CurrentUser) -> AsyncIterator[None]:  # (2)!
    try:
        yield
    finally:  # (3)!
        logger.info("%s read %s", user, request.url.path)


@app.get("/profile", dependencies=[Depends(audit)])
async def profile(user: CurrentUser) -> dict[str, str]:  # (4)!
    return {"user": user}
# --8<-- [end:dependencies]


# --8<-- [start:no-cache]
async def fresh_user(
    credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)],
) -> str:
    return await current_user(credentials)


@app.get("/profile/twice")
async def profile_twice(
    first: Annotated[str, Depends(fresh_user, use_cache=False)],
    second: Annotated[str, Depends(fresh_user, use_cache=False)],  # (1)!
) -> dict[str, str]:
    return {"user": first}
# --8<-- [end:no-cache]
