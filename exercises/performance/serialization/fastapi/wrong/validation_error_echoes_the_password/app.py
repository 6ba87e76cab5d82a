"""Exercise (serialization): POST /users answers the password back. Never send it out."""

from fastapi import FastAPI, HTTPException
from pwdlib import PasswordHash
from pydantic import BaseModel, Field

password_hash = PasswordHash.recommended()
USERS: dict[str, str] = {}  # username: password hash; a database, in a real app
app = FastAPI()


class UserIn(BaseModel):
    username: str = Field(min_length=1, max_length=30)
    password: str = Field(min_length=12)


class UserOut(BaseModel):  # what the API shows of a user: never the password
    username: str


@app.post("/users", status_code=201)
def create_user(user: UserIn) -> UserOut:
    if user.username in USERS:  # sign-up never replaces an account
        raise HTTPException(409, "this username is taken")
    USERS[user.username] = password_hash.hash(user.password)
    return UserOut(username=user.username)
